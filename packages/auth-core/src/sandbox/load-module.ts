/**
 * Lazy loading of QuickJS and a small pool of WASM modules ("engines").
 *
 * Why a pool and not one shared module:
 * - QuickJS's own memory limit does not count bytes in this build (emscripten has no
 *   malloc_usable_size, so every allocation is charged ~8 bytes): `new Array(1e5).fill(1)` in a
 *   loop grew the WASM memory to 2 GiB before failing. The only byte-accurate cap is the maximum
 *   size of the WebAssembly.Memory, which belongs to a module, so each concurrent call needs its
 *   own module to get its own cap. Sequential calls reuse one module (a new runtime + context on
 *   it costs well under a millisecond; a new module costs 8-25 ms in Node).
 * - A host exception that unwinds through WASM frames (V8's "Maximum call stack size exceeded")
 *   leaves the module's shadow stack and QuickJS state broken: later evaluations silently return
 *   garbage. Such a module is retired, never reused.
 */
import type { QuickJSWASMModule } from "quickjs-emscripten-core";

export interface Engine {
  readonly module: QuickJSWASMModule;
  readonly memory: WebAssembly.Memory;
  readonly maxPages: number;
  /** Set when the module must not be reused (broken by a host exception, or grown by a memory bomb). */
  retire: boolean;
  /** How often the heap could not grow because the memory reached its cap (i.e. malloc failed). */
  readonly growFailures: () => number;
  /** Called (from inside WASM) when the heap could not grow; set by the session using the module. */
  onGrowFailure: (() => void) | undefined;
}

const WASM_PAGE = 64 * 1024;
/** The QuickJS build imports its memory with a minimum of 256 pages (16 MiB). */
const INITIAL_PAGES = 256;
/** Linear memory below the heap: static data plus emscripten's 5 MiB shadow stack (5.1 MiB), rounded up. */
const RESERVED_BYTES = 6 * 1024 * 1024;
/** Idle modules kept for reuse; more only exist while calls overlap. */
const MAX_IDLE = 2;

type ModuleFactory = (memory: WebAssembly.Memory) => Promise<QuickJSWASMModule>;

let factoryPromise: Promise<ModuleFactory> | undefined;
const idle: Engine[] = [];
const stats = { created: 0, retired: 0 };

/** Imports the QuickJS library and WASM variant once per process, on first use. */
function loadFactory(): Promise<ModuleFactory> {
  if (!factoryPromise) {
    factoryPromise = Promise.all([import("quickjs-emscripten-core"), import("@jitl/quickjs-wasmfile-release-sync")]).then(
      ([core, variantModule]) =>
        (memory: WebAssembly.Memory) =>
          core.newQuickJSWASMModuleFromVariant(core.newVariant(variantModule.default, { wasmMemory: memory })),
    );
    // A failed load (e.g. the .wasm could not be fetched) may be retried by a later call.
    factoryPromise.catch(() => {
      factoryPromise = undefined;
    });
  }
  return factoryPromise;
}

export function wasmPagesFor(memoryBytes: number): number {
  return Math.max(INITIAL_PAGES, Math.ceil((memoryBytes + RESERVED_BYTES) / WASM_PAGE));
}

export async function acquireEngine(memoryBytes: number): Promise<Engine> {
  const maxPages = wasmPagesFor(memoryBytes);
  const index = idle.findIndex((engine) => engine.maxPages === maxPages);
  if (index >= 0) return idle.splice(index, 1)[0] as Engine;
  const factory = await loadFactory();
  const memory = new WebAssembly.Memory({ initial: INITIAL_PAGES, maximum: maxPages });
  // Emscripten's heap resize calls memory.grow() and treats a throw as "malloc returns NULL";
  // counting those throws tells a memory-limit failure apart from an ordinary guest error even
  // when QuickJS had no memory left to build its "out of memory" error (it then throws null).
  let growFailures = 0;
  const grow = memory.grow.bind(memory);
  memory.grow = (delta: number): number => {
    try {
      return grow(delta);
    } catch (error) {
      growFailures += 1;
      engine.onGrowFailure?.();
      throw error;
    }
  };
  const engine: Engine = {
    module: await factory(memory),
    memory,
    maxPages,
    retire: false,
    growFailures: () => growFailures,
    onGrowFailure: undefined,
  };
  stats.created += 1;
  return engine;
}

export function releaseEngine(engine: Engine): void {
  if (engine.retire) {
    stats.retired += 1;
    return;
  }
  if (idle.includes(engine)) return;
  idle.push(engine);
  // Dropped modules are reclaimed by the host GC together with their memory.
  if (idle.length > MAX_IDLE) idle.shift();
}

/** Counters for tests and diagnostics. */
export function sandboxEngineStats(): { created: number; retired: number; idle: number } {
  return { ...stats, idle: idle.length };
}
