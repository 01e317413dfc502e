/** Runs untrusted connector JavaScript in a QuickJS (WebAssembly) isolate. */
export { runInSandbox, preloadSandbox } from "./run.ts";
export type { SandboxRunOptions } from "./run.ts";
export type { SandboxLogLevel, SandboxLogEntry } from "./session.ts";
export { DEFAULT_LIMITS } from "./limits.ts";
export type { SandboxLimits } from "./limits.ts";
