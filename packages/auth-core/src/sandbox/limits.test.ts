/**
 * Resource limits. Measured stop times (Node 20.20.2, this machine, `vitest run`; time from the call
 * to the rejection; defaults: 5000 ms CPU, 32 MiB memory, 128 KiB stack):
 *
 * | bomb                                              | limit used         | stopped after |
 * |---------------------------------------------------|--------------------|---------------|
 * | `while (true) {}`                                 | timeoutMs 300      | 333-365 ms    |
 * | `while (true) {}` with the defaults               | timeoutMs 5000     | 5001 ms       |
 * | infinite loop after awaits of bridged calls       | timeoutMs 300      | 312-317 ms    |
 * | `for (;;) await null`                             | timeoutMs 300      | 301-303 ms    |
 * | catastrophic regex `/(a+)+$/`                     | timeoutMs 300      | 301 ms        |
 * | 3 x 150 ms busy slices between awaits             | timeoutMs 300      | 306 ms        |
 * | awaiting a bridged call that never settles        | wallTimeoutMs 300  | 301 ms        |
 * | array push loop `a.push({...})`                   | 32 MiB             | 238-347 ms    |
 * | string doubling `s += s`                          | 32 MiB             | 2 ms          |
 * | `a.push(new Array(1e5).fill(1))` loop             | 32 MiB             | 96-132 ms     |
 * | same, after an await                              | 32 MiB             | 96-119 ms     |
 * | `a.push(Array.from({length: 1e6}, ...))` loop     | 32 MiB             | 401 ms        |
 * | `Array.from({length: 1e9})`                       | 32 MiB             | 213-217 ms    |
 * | push loop held in a global                        | 32 MiB             | 133-165 ms    |
 * | 20 MB string returned (cannot be copied out)      | 32 MiB             | 250-268 ms    |
 * | push loop                                         | memoryBytes 8 MiB  | 73-88 ms      |
 * | catch "out of memory" and allocate again, forever | 32 MiB             | 43 ms         |
 * | fill memory, catch, then await a bridged call     | 32 MiB             | 157-191 ms    |
 * | runaway recursion                                 | 128 KiB stack      | 8-23 ms       |
 * | runaway recursion after an await                  | 128 KiB stack      | 11-14 ms      |
 * | `JSON.parse("[".repeat(1e5))`                     | 128 KiB stack      | 9-38 ms       |
 * | recursion with stackBytes 1 MiB (host RangeError) | 1 MiB stack        | 3-4 ms        |
 * | recursion that catches "stack overflow" and recurses again | timeoutMs 1000 | 1.8-2.2 s |
 *
 * How each bomb is stopped:
 * - Loops: QuickJS polls the interrupt handler about every 10000 branches/calls; the handler
 *   compares against the slice deadline (remaining CPU budget or the wall-clock deadline).
 * - Memory: the WebAssembly.Memory is created with a maximum (memoryBytes + 6 MiB for static
 *   data/shadow stack), so malloc fails at the cap and QuickJS throws "out of memory". The first
 *   failed grow also drops QuickJS's allocation limit to nothing and makes the next interrupt poll
 *   fire: without that, a guest catching "out of memory" and retrying ran for 2.9 s with a 500 ms
 *   limit. Any failed grow fails the call, since the library does not check its own mallocs.
 *   QuickJS's own memory limit alone does not work in this build (it charges ~8 bytes per
 *   allocation): `new Array(1e5).fill(1)` in a loop took 10.4 s and grew the memory to 2 GiB
 *   with it alone, with a 1000 ms interrupt deadline that was polled only once.
 * - Stack: setMaxStackSize gives a guest "stack overflow"; when V8's own stack runs out first
 *   inside WASM (native recursion, bigger stack budgets) the host RangeError is caught and the
 *   now-broken WASM module is retired.
 * - A bridged call that never settles: a host setTimeout at the wall-clock deadline (the sync
 *   variant runs on the calling thread, so a timer can only fire while the guest is waiting).
 *
 * Known gap (not fixable on the calling thread): the deadline is only checked at QuickJS's poll
 * points, so a loop whose body is one expensive native builtin overshoots. With a 1000 ms limit:
 * `while (true) a.indexOf(2)` on 1e5 elements stopped after 2.3-3.6 s, `while (true) a.sort()` on
 * 1e4 numbers after 10.2-13.5 s, and the cost grows with the array size the memory limit allows.
 * The catch-and-recurse row above is the same effect (each poll interval builds ~10000 stack
 * traces). Only running the sandbox in a Worker that can be terminated bounds that.
 */
import { describe, expect, it } from "vitest";
import { ErrorKey, type PlugboardError, isPlugboardError } from "../errors.ts";
import { DEFAULT_LIMITS, runInSandbox, type SandboxLimits } from "./index.ts";
import { sandboxEngineStats } from "./load-module.ts";

const MEASURE = process.env.SANDBOX_MEASURE === "1";

const api = {
  get: async (path: string) => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    return { path };
  },
};

/** Runs a bomb; asserts it ends with sandbox_limit of `kind` within `maxMs`, and that the host still works. */
async function expectLimit(name: string, code: string, kind: "time" | "memory" | "stack", maxMs: number, limits?: SandboxLimits): Promise<PlugboardError> {
  const start = performance.now();
  let error: unknown;
  try {
    await runInSandbox({ code, context: { api }, limits });
  } catch (caught) {
    error = caught;
  }
  const elapsed = performance.now() - start;
  if (MEASURE) console.log(`MEASURE ${name}: ${Math.round(elapsed)} ms`);
  expect(isPlugboardError(error), `${name} should fail with a PlugboardError`).toBe(true);
  const plugboardError = error as PlugboardError;
  expect(plugboardError.key).toBe(ErrorKey.SANDBOX_LIMIT);
  expect((plugboardError.data as { limit: string }).limit).toBe(kind);
  expect(plugboardError.message).toContain(kind);
  expect(elapsed).toBeLessThan(maxMs);
  // The host is unharmed: the very next call works.
  expect(await runInSandbox({ code: "export default async (c) => (await c.api.get('/ok')).path", context: { api } })).toBe("/ok");
  return plugboardError;
}

describe("time limit", () => {
  const limits = { timeoutMs: 300 };

  it("stops a synchronous infinite loop", async () => {
    await expectLimit("loop", "export default function () { while (true) {} }", "time", 2000, limits);
  });

  it("stops an infinite loop after awaits of bridged calls", async () => {
    const code = "export default async ({ api }) => { await api.get('/a'); await null; await api.get('/b'); for (;;) {} }";
    await expectLimit("loop after awaits", code, "time", 2000, limits);
  });

  it("stops an endless chain of microtasks", async () => {
    await expectLimit("microtask loop", "export default async () => { for (;;) await null }", "time", 2000, limits);
  });

  it("stops catastrophic regex backtracking", async () => {
    await expectLimit("regex", "export default () => /(a+)+$/.test('a'.repeat(40) + '!')", "time", 2000, limits);
  });

  it("counts CPU time across slices but not time spent waiting for the host", async () => {
    const busy = "const busy = (ms) => { const end = Date.now() + ms; while (Date.now() < end) {} };";
    // 3 x 150 ms of guest work > 300 ms budget, even though each slice alone fits.
    const code = `${busy}\nexport default async ({ api }) => { busy(150); await api.get('/'); busy(150); await api.get('/'); busy(150); return 'done' }`;
    await expectLimit("cumulative CPU", code, "time", 2000, limits);

    const slowHost = { get: () => new Promise((resolve) => setTimeout(() => resolve("slow"), 400)) };
    const waiting = "export default async ({ api }) => await api.get('/') + await api.get('/')";
    expect(await runInSandbox({ code: waiting, context: { api: slowHost }, limits: { timeoutMs: 100 } })).toBe("slowslow");
  });

  it("ends a call that awaits a bridged function that never settles (host timer)", async () => {
    const context = { apiClient: { get: () => new Promise(() => {}) } };
    const start = performance.now();
    let error: unknown;
    try {
      await runInSandbox({ code: "export default async ({ apiClient }) => await apiClient.get('/hang')", context, limits: { wallTimeoutMs: 300 } });
    } catch (caught) {
      error = caught;
    }
    if (MEASURE) console.log(`MEASURE never-settling bridged call: ${Math.round(performance.now() - start)} ms`);
    expect((error as PlugboardError).key).toBe(ErrorKey.SANDBOX_LIMIT);
    expect((error as PlugboardError).data).toMatchObject({ limit: "time", wall: true });
    expect((error as PlugboardError).message).toContain("apiClient.get");
    expect(performance.now() - start).toBeLessThan(1500);
  });

  it("applies the 5000 ms default", { timeout: 20_000 }, async () => {
    expect(DEFAULT_LIMITS.timeoutMs).toBe(5000);
    await expectLimit("loop (default limits)", "export default () => { for (;;) {} }", "time", 8000);
  });
});

describe("memory limit", () => {
  const bombs: Array<[string, string]> = [
    ["array push loop", "export default () => { const a = []; for (;;) a.push({ x: 1, y: 'abc' }) }"],
    ["string doubling", "export default () => { let s = 'x'; for (;;) s += s }"],
    ["new Array(1e5).fill(1) push loop", "export default () => { const a = []; for (;;) a.push(new Array(1e5).fill(1)) }"],
    ["Array.from bomb", "export default () => { const a = []; for (;;) a.push(Array.from({ length: 1e6 }, (_, i) => i)) }"],
    ["Array.from huge length", "export default () => Array.from({ length: 1e9 })"],
    ["push loop held in a global", "export default () => { globalThis.keep = []; for (;;) keep.push([1, 2, 3]) }"],
    ["fill bomb after an await", "export default async ({ api }) => { await api.get('/'); const a = []; for (;;) a.push(new Array(1e5).fill(1)) }"],
    ["return value too big to copy out", "export default () => 'x'.repeat(20e6)"],
  ];

  it.each(bombs)("stops the %s", { timeout: 20_000 }, async (name, code) => {
    await expectLimit(name, code, "memory", 5000);
  });

  it("honours a smaller memoryBytes and allows big allocations under the default", async () => {
    await expectLimit("8 MiB push loop", "export default () => { const a = []; for (;;) a.push({ x: 1 }) }", "memory", 5000, { memoryBytes: 8 * 1024 * 1024 });
    // 16 MB of array elements fits in the default 32 MiB.
    expect(await runInSandbox({ code: "export default () => new Array(2e6).fill(1).length", context: {} })).toBe(2e6);
  });

  it("stops a guest that catches out-of-memory and keeps allocating", async () => {
    const code = "export default () => { let a = []; for (;;) { try { a.push(new Array(1e5).fill(1)) } catch { a = [] } } }";
    await expectLimit("catch OOM and retry", code, "memory", 2000);
  });

  it("fails with a memory limit when a bridged result does not fit", async () => {
    const context = { api: { get: async () => "y".repeat(30e6) } };
    const error = await runInSandbox({ code: "export default async ({ api }) => (await api.get()).length", context }).catch((caught: unknown) => caught);
    expect((error as PlugboardError).key).toBe(ErrorKey.SANDBOX_LIMIT);
    expect((error as PlugboardError).data).toMatchObject({ limit: "memory" });
  });

  it("fails with a memory limit when the guest fills memory before a bridged result arrives", async () => {
    const code = "export default async ({ api }) => { globalThis.keep = []; try { for (;;) keep.push([1, 2, 3]) } catch {} return (await api.get('/')).path }";
    await expectLimit("fill memory, then await", code, "memory", 5000);
  });
});

describe("stack limit", () => {
  it("stops runaway recursion", async () => {
    await expectLimit("recursion", "export default () => { const f = () => f() + 1; return f() }", "stack", 2000);
  });

  it("stops runaway recursion after an await", async () => {
    await expectLimit("recursion after await", "export default async ({ api }) => { await api.get('/'); function f() { return [f()] } return f() }", "stack", 2000);
  });

  it("stops deeply nested JSON.parse", async () => {
    await expectLimit("nested JSON.parse", "export default () => JSON.parse('['.repeat(100000))", "stack", 2000);
  });

  it("catches the host RangeError when V8's stack runs out inside WASM first, and retires the module", async () => {
    const before = sandboxEngineStats();
    // With a 1 MiB QuickJS stack budget, V8's own stack is exhausted before QuickJS notices.
    await expectLimit("host RangeError", "export default () => { const f = () => f() + 1; return f() }", "stack", 2000, { stackBytes: 1024 * 1024 });
    expect(sandboxEngineStats().retired).toBeGreaterThan(before.retired);
  });

  it("ends a catch-and-recurse loop with a limit", { timeout: 20_000 }, async () => {
    const code = "export default () => { function f() { try { return f() + 1 } catch { return f() } } return f() }";
    await expectLimit("catch-and-recurse (1000 ms limit)", code, "time", 6000, { timeoutMs: 1000 });
  });
});
