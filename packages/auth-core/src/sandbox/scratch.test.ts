import { test } from "vitest";
import { runInSandbox } from "./index.ts";
import { sandboxEngineStats } from "./load-module.ts";

async function show(label: string, code: string, limits?: object) {
  const t = performance.now();
  let out: string;
  try { out = "OK " + JSON.stringify(await runInSandbox({ code, context: { api: { get: async () => { await new Promise(r => setTimeout(r, 5)); return { ok: 1 }; } } }, limits })); }
  catch (e) { const err = e as { key?: string; message?: string }; out = `ERR ${err.key} ${err.message}`; }
  const el = performance.now() - t;
  const t2 = performance.now(); const after = await runInSandbox({ code: "export default () => 1+1", context: {} }); const el2 = performance.now() - t2;
  console.log(label.padEnd(22), el.toFixed(0).padStart(6), "ms |", out.slice(0, 110), `| after=${after} in ${el2.toFixed(1)}ms`, JSON.stringify(sandboxEngineStats()), (process.memoryUsage().rss / 1048576).toFixed(0) + "MB rss");
}
test("bombs", async () => {
  await runInSandbox({ code: "export default () => 1", context: {} });
  const bombs: Record<string, string> = {
    loop: `export default function () { while (true) {} }`,
    loopAfterAwait: `export default async function (c) { await c.api.get(); await null; while (true) {} }`,
    push: `export default function () { const a = []; while (true) a.push({ x: 1, y: "abc" }) }`,
    pushAsync: `export default async function (c) { await c.api.get(); const a = []; while (true) a.push({ x: 1, y: "abc" }) }`,
    pushGlobal: `export default function () { globalThis.a = []; while (true) a.push([1, 2, 3]) }`,
    strDouble: `export default function () { let s = "x"; while (true) s += s }`,
    fillPush: `export default function () { const a = []; while (true) a.push(new Array(1e5).fill(1)) }`,
    fillPushAsync: `export default async function (c) { await c.api.get(); const a = []; while (true) a.push(new Array(1e5).fill(1)) }`,
    arrayFrom: `export default function () { const a = []; while (true) a.push(Array.from({ length: 1e6 }, (_, i) => i)) }`,
    arrayFromHuge: `export default function () { return Array.from({ length: 1e9 }) }`,
    recursion: `export default function () { function f() { return f() + 1 } return f() }`,
    recursionAsync: `export default async function (c) { await c.api.get(); function f() { return f() + 1 } return f() }`,
    recursionCatch: `export default function () { function f() { try { return f() + 1 } catch { return f() } } return f() }`,
    nestedJsonParse: `export default function () { return JSON.parse("[".repeat(100000)) }`,
    nestedSource: "export default function () { return " + "(".repeat(100000) + "1" + ")".repeat(100000) + " }",
    catchOom: `export default function () { let a = []; while (true) { try { a.push(new Array(1e5).fill(1)) } catch (e) { a = [] } } }`,
    regex: `export default function () { return /(a+)+$/.test("a".repeat(40) + "!") }`,
    bigResult: `export default function () { return "x".repeat(20e6) }`,
  };
  for (const [name, code] of Object.entries(bombs)) await show(name, code);
  for (const [name, code] of Object.entries({
    indexOf1e5: `export default function () { const a = new Array(1e5).fill(1); while (true) a.indexOf(2) }`,
    sort1e4: `export default function () { const a = Array.from({length:1e4},(_, i)=>i); while (true) a.sort() }`,
  })) await show(name, code, { timeoutMs: 1000 });
});
