/** The public entry points: run connector JavaScript in a fresh QuickJS isolate. */
import { ErrorKey, PlugboardError } from "../errors.ts";
import { type SandboxLimits, resolveLimits } from "./limits.ts";
import { acquireEngine, releaseEngine } from "./load-module.ts";
import { Session, type SandboxLogLevel } from "./session.ts";

export interface SandboxRunOptions {
  /** ES module (`export default [async] function (context) {...}`) or CommonJS (`exports.test = ...`, `module.exports = ...`). */
  code: string;
  /** Used in error messages and stack traces. */
  filePath?: string;
  /** Which export to call in files with several (`exports.test`, `exports.makeApiClient`). A default export wins. */
  exportName?: string;
  /** JSON-like data; functions anywhere in it become async functions in the guest. */
  context: Record<string, unknown>;
  limits?: SandboxLimits;
  /** Receives guest `console.*` calls (arguments are JSON-like copies; long ones truncated). */
  onLog?: (level: SandboxLogLevel, args: unknown[]) => void;
}

/** Runs connector JavaScript in a fresh QuickJS isolate and returns the copied-out result. */
export async function runInSandbox(options: SandboxRunOptions): Promise<unknown> {
  if (typeof options?.code !== "string") {
    throw new PlugboardError(ErrorKey.INVALID_ARGUMENT, { message: "runInSandbox: `code` must be a string" });
  }
  if (typeof options.context !== "object" || options.context === null || Array.isArray(options.context)) {
    throw new PlugboardError(ErrorKey.INVALID_ARGUMENT, { message: "runInSandbox: `context` must be an object" });
  }
  const limits = resolveLimits(options.limits);
  const engine = await acquireEngine(limits.memoryBytes);
  const session = new Session(engine, options, limits);
  try {
    return await session.run();
  } finally {
    session.close();
    releaseEngine(engine);
  }
}

/** Loads QuickJS ahead of the first call (otherwise the first call does it). */
export async function preloadSandbox(): Promise<void> {
  releaseEngine(await acquireEngine(resolveLimits(undefined).memoryBytes));
}
