import { ErrorKey, PlugboardError } from "../errors.ts";

/** Resource limits of one sandbox call. */
export interface SandboxLimits {
  /**
   * CPU budget: how long the guest code may run on the host thread, summed over all its slices
   * (the synchronous part and every continuation after an await). Time spent waiting for bridged
   * host functions does not count. Default 5000 ms.
   */
  timeoutMs?: number;
  /**
   * Wall-clock budget of the whole call, including time spent waiting for bridged host functions
   * (e.g. a slow `apiClient.get`). Default 60000 ms.
   */
  wallTimeoutMs?: number;
  /** Heap for the guest. Enforced as the cap of the WebAssembly memory (see load-module.ts). Default 32 MiB. */
  memoryBytes?: number;
  /** QuickJS stack budget. Default 256 KiB. */
  stackBytes?: number;
}

export type ResolvedLimits = Required<SandboxLimits>;

export type LimitKind = "time" | "memory" | "stack";

const KiB = 1024;
const MiB = 1024 * KiB;

export const DEFAULT_LIMITS: ResolvedLimits = {
  timeoutMs: 5000,
  wallTimeoutMs: 60_000,
  memoryBytes: 32 * MiB,
  // Measured in Node 20: 128 KiB allows ~740 plain JS frames and JSON.parse nesting of ~8000 with
  // a clean guest "stack overflow". At 256 KiB deeply nested JSON.parse already exhausts the host
  // (V8) stack inside WASM first, and at 512 KiB plain recursion does; that is still caught (as a
  // stack limit) but costs the WASM module. Smaller also shortens catch-and-recurse loops, whose
  // cost per interrupt poll grows with the depth of the stack traces QuickJS builds.
  stackBytes: 128 * KiB,
};

/**
 * The emscripten build reserves a 5 MiB shadow stack below the heap; QuickJS measures its stack
 * limit on that shadow stack, so a budget above it would corrupt static data instead of failing.
 */
const MAX_STACK_BYTES = 4 * MiB;

export function resolveLimits(limits: SandboxLimits | undefined): ResolvedLimits {
  return {
    timeoutMs: clamp(limits?.timeoutMs, DEFAULT_LIMITS.timeoutMs, 1, 10 * 60_000),
    wallTimeoutMs: clamp(limits?.wallTimeoutMs, DEFAULT_LIMITS.wallTimeoutMs, 1, 24 * 60 * 60_000),
    memoryBytes: clamp(limits?.memoryBytes, DEFAULT_LIMITS.memoryBytes, 1 * MiB, 1024 * MiB),
    stackBytes: clamp(limits?.stackBytes, DEFAULT_LIMITS.stackBytes, 16 * KiB, MAX_STACK_BYTES),
  };
}

function clamp(value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.floor(value)));
}

export interface LimitDetail {
  /** For `time`: true when the wall-clock budget ran out (rather than the CPU budget). */
  wall?: boolean;
  /** Names of bridged host functions still pending when the wall-clock budget ran out. */
  waitingFor?: string[];
}

export function limitError(kind: LimitKind, limits: ResolvedLimits, detail: LimitDetail = {}): PlugboardError {
  let message: string;
  if (kind === "time" && detail.wall) {
    const waiting = detail.waitingFor?.length ? ` (still waiting for ${[...new Set(detail.waitingFor)].join(", ")})` : "";
    message = `Sandbox time limit exceeded: the call did not finish within ${limits.wallTimeoutMs} ms${waiting}`;
  } else if (kind === "time") {
    message = `Sandbox time limit exceeded: the code ran for more than ${limits.timeoutMs} ms`;
  } else if (kind === "memory") {
    message = `Sandbox memory limit exceeded: the code needed more than ${formatBytes(limits.memoryBytes)}`;
  } else {
    message = `Sandbox stack limit exceeded: recursion too deep (stack budget ${formatBytes(limits.stackBytes)})`;
  }
  return new PlugboardError(ErrorKey.SANDBOX_LIMIT, {
    message,
    data: { limit: kind, ...(detail.wall ? { wall: true } : {}), limits: { ...limits } },
  });
}

function formatBytes(bytes: number): string {
  return bytes >= MiB ? `${Math.round((bytes / MiB) * 10) / 10} MiB` : `${Math.round(bytes / KiB)} KiB`;
}

/** QuickJS error messages that mean a resource limit was hit (the guest can also catch these). */
export function limitKindOfGuestError(name: unknown, message: unknown): LimitKind | undefined {
  // QuickJS's JSON parser reports running out of stack as a SyntaxError.
  if (message === "stack overflow" && (name === "InternalError" || name === "SyntaxError")) return "stack";
  if (name !== "InternalError") return undefined;
  if (message === "out of memory" || message === "string too long") return "memory";
  if (message === "interrupted") return "time";
  return undefined;
}

/**
 * Whether a host string may be copied into the guest. Copying one that cannot fit must not even be
 * tried: the library then writes through a failed (null) allocation and traps, breaking the module.
 * A JS string becomes up to 3 bytes per unit as UTF-8 while copying, then 1-2 bytes in QuickJS.
 */
export function fitsInGuest(text: string, limits: ResolvedLimits): boolean {
  return text.length * 3 <= limits.memoryBytes;
}
