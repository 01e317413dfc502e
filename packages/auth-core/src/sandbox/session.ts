/**
 * One sandbox call: a fresh QuickJS runtime + context on a pooled WASM module, the connector code
 * loaded as an ES module or CommonJS file, its function called with a copy of the context, and the
 * (awaited) result copied out. Every handle is disposed at the end.
 *
 * Control flow: all guest execution happens synchronously inside `enter()`. When the guest awaits
 * a bridged host function, `settle()` yields to the host event loop until a host call finishes (or
 * the wall-clock budget runs out), then runs the guest's pending jobs again.
 */
import type { QuickJSContext, QuickJSDeferredPromise, QuickJSHandle, QuickJSRuntime } from "quickjs-emscripten-core";
import { ErrorKey, PlugboardError, isPlugboardError, toPlugboardError } from "../errors.ts";
import { type GuestErrorInfo, type Phase, GuestThrow, describeHostError, errorFromGuest, withLogs } from "./guest-errors.ts";
import { HELPER_NAMES, PRELUDE_FILE, PRELUDE_SOURCE, type HelperName } from "./guest-prelude.ts";
import { type LimitKind, type ResolvedLimits, fitsInGuest, limitError, limitKindOfGuestError } from "./limits.ts";
import type { Engine } from "./load-module.ts";
import { Marshal } from "./marshal.ts";
import { type ModuleKind, detectModuleKind, wrapCommonJs } from "./module-source.ts";
import { SDK_MODULE_ID, SDK_MODULE_SOURCE, importNotAllowedMessage, isSdkModuleName } from "./sdk-shim.ts";

export type SandboxLogLevel = "log" | "info" | "warn" | "error" | "debug";

export interface SandboxLogEntry {
  level: SandboxLogLevel;
  args: unknown[];
}

/** What the session needs from the caller's options. */
export interface SessionOptions {
  code: string;
  filePath?: string;
  exportName?: string;
  context: Record<string, unknown>;
  onLog?: (level: SandboxLogLevel, args: unknown[]) => void;
}

const DEFAULT_FILE_PATH = "connector-code.js";
const FORBIDDEN_MODULE_PREFIX = "plugboard:forbidden:";
/** How many recent log entries an error carries in `data.logs`. */
const MAX_ERROR_LOGS = 50;
const LOG_LEVELS: readonly string[] = ["log", "info", "warn", "error", "debug"];
/** Host error messages handed to the guest are cut to this length. */
const MAX_HOST_MESSAGE_CHARS = 10_000;

export class Session {
  private readonly filePath: string;
  private readonly kind: ModuleKind;
  private rt: QuickJSRuntime | undefined;
  private ctx: QuickJSContext | undefined;
  private helpers: Record<HelperName, QuickJSHandle> | undefined;
  private marshal: Marshal | undefined;
  private readonly owned: QuickJSHandle[] = [];
  private readonly deferreds = new Set<QuickJSDeferredPromise>();
  /** Guest errors made from host rejections, to hand the original host error back if uncaught. */
  private readonly hostErrors: Array<{ handle: QuickJSHandle; error: unknown }> = [];
  private readonly pendingCalls = new Map<number, string>();
  private callSeq = 0;
  private readonly logs: SandboxLogEntry[] = [];
  private readonly forbiddenImports: string[] = [];

  private readonly wallDeadline: number;
  private readonly growFailuresAtStart: number;
  private cpuUsed = 0;
  private sliceDeadline = 0;
  private sliceIsWall = false;
  private depth = 0;
  private limit: { kind: LimitKind; wall?: boolean } | undefined;
  /** A failure found outside the driver loop (while copying a host result in). */
  private asyncFailure: unknown;
  private wake: (() => void) | undefined;
  private dirty = false;
  private closed = false;

  constructor(
    private readonly engine: Engine,
    private readonly options: SessionOptions,
    private readonly limits: ResolvedLimits,
  ) {
    this.filePath = options.filePath || DEFAULT_FILE_PATH;
    this.kind = detectModuleKind(options.code);
    this.wallDeadline = performance.now() + limits.wallTimeoutMs;
    this.growFailuresAtStart = engine.growFailures();
  }

  /** True when an allocation failed during this call because the WASM memory reached its cap. */
  private memoryRanOut(): boolean {
    return this.engine.growFailures() > this.growFailuresAtStart;
  }

  async run(): Promise<unknown> {
    try {
      if (!fitsInGuest(this.options.code, this.limits)) throw limitError("memory", this.limits);
      this.setup();
      const contextHandle = this.own(this.enter(() => this.marshalOrThrow().toGuest(this.options.context, { bridge: true, what: "The context" })));
      const fn = await this.loadEntry();
      const result = this.call(fn, [contextHandle], "run");
      const settled = await this.settle(result, "run");
      const value = this.enter(() => this.copyOut(settled));
      this.throwIfFailed();
      return value;
    } catch (error) {
      throw this.toFinalError(error);
    }
  }

  // ---- setup -------------------------------------------------------------------------------

  private setup(): void {
    this.enter(() => {
      const rt = (this.rt = this.engine.module.newRuntime());
      // Counts allocations, not bytes, in this build (see load-module.ts), but it also rejects any
      // single allocation above the limit; the WASM memory cap does the rest.
      rt.setMemoryLimit(this.limits.memoryBytes);
      rt.setMaxStackSize(this.limits.stackBytes);
      // QuickJS polls this about every 10000 branches/calls.
      rt.setInterruptHandler(() => {
        if (this.memoryRanOut()) {
          this.limit ??= { kind: "memory" };
          return true;
        }
        if (performance.now() <= this.sliceDeadline) return false;
        this.limit ??= { kind: "time", wall: this.sliceIsWall };
        return true;
      });
      // Once the WASM memory is at its cap, make every further QuickJS allocation fail at once, so
      // a guest that catches "out of memory" and retries cannot keep the thread busy until the
      // next (possibly distant) interrupt poll. Only a field write inside WASM: safe to re-enter.
      this.engine.onGrowFailure = () => rt.setMemoryLimit(1);
      rt.setModuleLoader(
        (name) => this.loadModuleSource(name),
        (_base, requested) => this.normalizeModuleName(requested),
      );
      const ctx = (this.ctx = rt.newContext());

      const prelude = this.evalOrThrow(PRELUDE_SOURCE, PRELUDE_FILE, "global", "load");
      const hostLog = ctx.newFunction("hostLog", (level, payload) => {
        this.onGuestLog(ctx.getString(level), ctx.getString(payload));
      });
      const hostCall = ctx.newFunction("hostCall", (id, payload) => this.startHostCall(ctx.getNumber(id), ctx.getString(payload)));
      let helperObject: QuickJSHandle;
      try {
        helperObject = this.call(prelude, [hostLog, hostCall], "load");
      } finally {
        hostLog.dispose();
        hostCall.dispose();
        prelude.dispose();
      }
      const helpers = {} as Record<HelperName, QuickJSHandle>;
      for (const name of HELPER_NAMES) helpers[name] = this.own(ctx.getProp(helperObject, name));
      helperObject.dispose();
      this.helpers = helpers;
      this.marshal = new Marshal(ctx, helpers, { call: (fn, args) => this.call(fn, args, "run") }, this.limits);
    });
  }

  private normalizeModuleName(requested: string): string {
    if (isSdkModuleName(requested)) return SDK_MODULE_ID;
    if (!this.forbiddenImports.includes(requested)) this.forbiddenImports.push(requested);
    return FORBIDDEN_MODULE_PREFIX + requested;
  }

  private loadModuleSource(name: string): string {
    if (name === SDK_MODULE_ID) return SDK_MODULE_SOURCE;
    const requested = name.startsWith(FORBIDDEN_MODULE_PREFIX) ? name.slice(FORBIDDEN_MODULE_PREFIX.length) : name;
    // Returning an Error here makes this QuickJS build load an empty module instead of failing,
    // so the module itself throws (static imports of missing names fail at link time instead,
    // which toFinalError reports with the same message).
    return `throw new Error(${JSON.stringify(importNotAllowedMessage(requested))});`;
  }

  // ---- loading the connector code ------------------------------------------------------------

  private async loadEntry(): Promise<QuickJSHandle> {
    const ctx = this.context();
    const helpers = this.helperHandles();
    let exported: QuickJSHandle;
    if (this.kind === "module") {
      // Compile first: evaluation can also throw a SyntaxError (JSON.parse), which is not a syntax error in the file.
      this.evalOrThrow(this.options.code, this.filePath, "module", "syntax", true).dispose();
      const namespace = this.evalOrThrow(this.options.code, this.filePath, "module", "load");
      exported = await this.settle(namespace, "load"); // a promise when the module uses top-level await
    } else {
      const factory = this.own(this.evalOrThrow(wrapCommonJs(this.options.code), this.filePath, "global", "syntax"));
      const filename = this.own(this.enter(() => ctx.newString(this.filePath)));
      exported = this.own(this.call(helpers.runCommonJs, [factory, filename], "load"));
    }
    const exportName = this.own(this.enter(() => (this.options.exportName ? ctx.newString(this.options.exportName) : ctx.undefined)));
    const picked = this.own(this.call(helpers.pickExport, [exported, exportName], "load"));
    if (ctx.typeof(picked) !== "function") {
      const reason = ctx.typeof(picked) === "string" ? ctx.getString(picked) : "";
      const wanted = this.options.exportName ? `a default export or a function named "${this.options.exportName}"` : "a function";
      throw new PlugboardError(ErrorKey.CUSTOM_CODE_ERROR, {
        message: `${this.filePath} does not export ${wanted}${reason ? ` (${reason})` : ""}`,
        data: { filePath: this.filePath },
      });
    }
    return picked;
  }

  private evalOrThrow(code: string, file: string, type: "global" | "module", phase: Phase, compileOnly = false): QuickJSHandle {
    const result = this.enter(() => this.context().evalCode(code, file, { type, compileOnly, strict: type === "module" }));
    if (result.error) throw new GuestThrow(this.own(result.error), phase);
    return result.value;
  }

  // ---- executing guest code ----------------------------------------------------------------

  /**
   * Runs `fn` (which calls into WASM) with the guest's remaining time budget. A host exception that
   * escapes from WASM means the module is broken; it is retired.
   */
  private enter<T>(fn: () => T): T {
    if (this.depth > 0) return fn();
    if (this.engine.retire) {
      // Never touch a broken module again.
      throw this.limit ? limitError(this.limit.kind, this.limits, this.limit) : new PlugboardError(ErrorKey.INTERNAL_ERROR, { message: "The sandbox failed" });
    }
    const start = performance.now();
    const cpuDeadline = start + Math.max(0, this.limits.timeoutMs - this.cpuUsed);
    this.sliceIsWall = this.wallDeadline < cpuDeadline;
    this.sliceDeadline = Math.min(cpuDeadline, this.wallDeadline);
    this.depth += 1;
    try {
      return fn();
    } catch (error) {
      if (error instanceof GuestThrow || isPlugboardError(error)) throw error;
      this.engine.retire = true;
      if (error instanceof RangeError) this.limit ??= { kind: "stack" }; // V8 stack exhausted inside WASM
      else if (this.memoryRanOut()) this.limit ??= { kind: "memory" };
      throw error;
    } finally {
      this.depth -= 1;
      this.cpuUsed += performance.now() - start;
    }
  }

  /** Calls a guest function; a guest throw becomes a GuestThrow. The result handle is the caller's. */
  private call(fn: QuickJSHandle, args: QuickJSHandle[], phase: Phase): QuickJSHandle {
    const ctx = this.context();
    const result = this.enter(() => ctx.callFunction(fn, ctx.undefined, args));
    if (result.error) throw new GuestThrow(this.own(result.error), phase);
    return result.value;
  }

  /** Waits until `value` (a promise or not) settles, running guest jobs and waiting for host calls. */
  private async settle(value: QuickJSHandle, phase: Phase): Promise<QuickJSHandle> {
    const ctx = this.context();
    const promise = this.own(this.call(this.helperHandles().settle, [this.own(value)], phase));
    for (;;) {
      const jobs = this.enter(() => this.runtime().executePendingJobs());
      if (jobs.error) throw new GuestThrow(this.own(jobs.error), phase);
      this.throwIfFailed();
      const state = this.enter(() => ctx.getPromiseState(promise));
      if (state.type === "fulfilled") return state.notAPromise ? promise : this.own(state.value);
      if (state.type === "rejected") throw new GuestThrow(this.own(state.error), phase);
      if (this.pendingCalls.size === 0) {
        throw new PlugboardError(ErrorKey.CUSTOM_CODE_ERROR, {
          message: `The code in ${this.filePath} awaits a promise that can never settle`,
          data: { filePath: this.filePath },
        });
      }
      await this.waitForHostCall();
    }
  }

  private async waitForHostCall(): Promise<void> {
    if (!this.dirty) {
      const remaining = this.wallDeadline - performance.now();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.limit ??= { kind: "time", wall: true };
          resolve();
        }, Math.max(0, remaining));
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
    this.dirty = false;
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    // Once an allocation failed for lack of memory, nothing computed since can be trusted: the
    // library does not check its own mallocs, so a failed one writes through a null pointer.
    if (this.memoryRanOut()) this.limit ??= { kind: "memory" };
    if (this.limit) throw limitError(this.limit.kind, this.limits, { ...this.limit, waitingFor: [...this.pendingCalls.values()] });
    if (this.asyncFailure !== undefined) throw this.asyncFailure;
  }

  private copyOut(handle: QuickJSHandle): unknown {
    try {
      return this.marshalOrThrow().fromGuest(handle);
    } catch (error) {
      if (!(error instanceof GuestThrow)) throw error;
      const info = this.describe(error.handle);
      if (limitKindOfGuestError(info.name, info.message) || this.limit || this.memoryRanOut()) throw error;
      throw new PlugboardError(ErrorKey.CUSTOM_CODE_ERROR, {
        message: `The value returned by ${this.filePath} cannot be copied out of the sandbox: ${String(info.message ?? info.text ?? "")}`,
        data: { filePath: this.filePath },
      });
    }
  }

  // ---- bridged host functions ----------------------------------------------------------------

  /** Called from the guest (inside WASM): starts the host function later and returns a guest promise. */
  private startHostCall(id: number, payload: string): QuickJSHandle {
    const ctx = this.context();
    const target = this.marshalOrThrow().targets[id];
    if (!target) throw new Error("Unknown bridged function");
    let args: unknown[];
    try {
      args = Marshal.decodeArgs(payload);
    } catch {
      args = [];
    }
    const deferred = ctx.newPromise();
    this.deferreds.add(deferred);
    const callId = ++this.callSeq;
    this.pendingCalls.set(callId, target.name);
    // The host function runs after the guest slice, never nested inside WASM.
    Promise.resolve()
      .then(() => target.fn.apply(target.thisArg, args))
      .then(
        (value) => this.finishHostCall(callId, deferred, true, value, target.name),
        (error: unknown) => this.finishHostCall(callId, deferred, false, error, target.name),
      )
      .catch((error: unknown) => {
        this.asyncFailure ??= error;
      });
    return deferred.handle; // returning it hands it to QuickJS (the library disposes our copy)
  }

  private finishHostCall(callId: number, deferred: QuickJSDeferredPromise, ok: boolean, value: unknown, name: string): void {
    this.pendingCalls.delete(callId);
    if (this.closed) return;
    try {
      this.enter(() => {
        if (ok) {
          let handle: QuickJSHandle;
          try {
            handle = this.marshalOrThrow().toGuest(value, { bridge: false, what: `The value returned by ${name}` });
          } catch (error) {
            if (!isPlugboardError(error)) throw error;
            if (error.key === ErrorKey.SANDBOX_LIMIT) {
              this.limit ??= { kind: "memory" }; // the host result does not fit in the guest
              return;
            }
            deferred.reject(this.hostErrorToGuest(new PlugboardError(ErrorKey.INTERNAL_ERROR, { message: error.message, cause: error })));
            return;
          }
          deferred.resolve(handle);
          handle.dispose();
        } else {
          deferred.reject(this.hostErrorToGuest(value));
        }
      });
    } catch (error) {
      this.asyncFailure ??= error;
    } finally {
      this.deferreds.delete(deferred);
      this.dirty = true;
      this.wake?.();
    }
  }

  /** A guest Error with the host error's key, message and data; remembered for identity. */
  private hostErrorToGuest(error: unknown): QuickJSHandle {
    const ctx = this.context();
    const { message, key, data, name } = describeHostError(error);
    const handles = [ctx.newString(truncate(message)), key === undefined ? ctx.undefined : ctx.newString(key)];
    try {
      handles.push(data === undefined ? ctx.undefined : this.marshalOrThrow().toGuest(data, { bridge: false, what: "Error data" }));
    } catch {
      handles.push(ctx.undefined);
    }
    handles.push(ctx.newString(name));
    try {
      const handle = this.own(this.call(this.helperHandles().makeError, handles, "run"));
      this.hostErrors.push({ handle, error });
      return handle;
    } finally {
      for (const handle of handles) handle.dispose();
    }
  }

  private onGuestLog(level: string, payload: string): void {
    let args: unknown[];
    try {
      const parsed: unknown = JSON.parse(payload);
      args = Array.isArray(parsed) ? parsed : [parsed];
    } catch {
      args = [payload];
    }
    const entry: SandboxLogEntry = { level: (LOG_LEVELS.includes(level) ? level : "log") as SandboxLogLevel, args };
    this.logs.push(entry);
    if (this.logs.length > MAX_ERROR_LOGS) this.logs.shift();
    try {
      this.options.onLog?.(entry.level, entry.args);
    } catch {
      // A failing log sink must not change the guest's behaviour.
    }
  }

  // ---- errors ------------------------------------------------------------------------------

  private toFinalError(error: unknown): PlugboardError {
    if (this.memoryRanOut()) this.limit ??= { kind: "memory" };
    if (this.limit) {
      if (this.limit.kind === "memory") this.engine.retire = true; // its memory grew to the cap; give it back
      return withLogs(limitError(this.limit.kind, this.limits, { ...this.limit, waitingFor: [...this.pendingCalls.values()] }), this.logs);
    }
    if (error instanceof GuestThrow) return this.fromGuestThrow(error);
    if (isPlugboardError(error)) return error;
    return toPlugboardError(error, ErrorKey.INTERNAL_ERROR);
  }

  private fromGuestThrow(thrown: GuestThrow): PlugboardError {
    const ctx = this.context();
    for (const { handle, error } of this.hostErrors) {
      if (handle.alive && ctx.sameValue(handle, thrown.handle)) {
        return isPlugboardError(error) ? error : toPlugboardError(error, ErrorKey.INTERNAL_ERROR);
      }
    }
    const info = this.describe(thrown.handle);
    // (Running out of WASM memory was handled by toFinalError; QuickJS's own allocation-count
    // limit and the stack limit surface as these InternalErrors, which the guest may also rethrow.)
    const limitKind = this.limit?.kind ?? limitKindOfGuestError(info.name, info.message);
    if (limitKind) {
      if (limitKind === "memory") this.engine.retire = true;
      return withLogs(limitError(limitKind, this.limits, this.limit ?? {}), this.logs);
    }
    const source = { filePath: this.filePath, kind: this.kind, phase: thrown.phase, forbiddenImports: this.forbiddenImports };
    return withLogs(errorFromGuest(info, source), this.logs);
  }

  /** Reads a thrown guest value through the guest helper; never throws. */
  private describe(handle: QuickJSHandle): GuestErrorInfo {
    if (this.engine.retire || this.closed) return {};
    try {
      // Reading the error may run guest getters: give it a fresh (small) time slice.
      this.cpuUsed = Math.min(this.cpuUsed, this.limits.timeoutMs - Math.min(250, this.limits.timeoutMs));
      this.runtime().setMemoryLimit(-1);
      const json = this.call(this.helperHandles().describeError, [handle], "run");
      try {
        return this.context().typeof(json) === "string" ? (JSON.parse(this.context().getString(json)) as GuestErrorInfo) : {};
      } finally {
        json.dispose();
      }
    } catch {
      return {};
    }
  }

  // ---- teardown ----------------------------------------------------------------------------

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.wake?.();
    this.engine.onGrowFailure = undefined;
    if (this.memoryRanOut()) this.engine.retire = true;
    // A retired module is dropped whole (the GC reclaims it with its memory): disposing handles in
    // a broken module could only make things worse, and in a merely grown one it is wasted work.
    if (this.engine.retire) return;
    try {
      for (const deferred of this.deferreds) if (deferred.alive) deferred.dispose();
      for (let i = this.owned.length - 1; i >= 0; i -= 1) {
        const handle = this.owned[i] as QuickJSHandle;
        if (handle.alive) handle.dispose();
      }
      this.ctx?.dispose();
      this.rt?.dispose();
    } catch {
      this.engine.retire = true;
    }
  }

  // ---- small accessors -----------------------------------------------------------------------

  private own(handle: QuickJSHandle): QuickJSHandle {
    this.owned.push(handle);
    return handle;
  }

  private context(): QuickJSContext {
    if (!this.ctx) throw new Error("Sandbox context is not set up");
    return this.ctx;
  }

  private runtime(): QuickJSRuntime {
    if (!this.rt) throw new Error("Sandbox runtime is not set up");
    return this.rt;
  }

  private helperHandles(): Record<HelperName, QuickJSHandle> {
    if (!this.helpers) throw new Error("Sandbox helpers are not set up");
    return this.helpers;
  }

  private marshalOrThrow(): Marshal {
    if (!this.marshal) throw new Error("Sandbox marshal is not set up");
    return this.marshal;
  }
}

function truncate(text: string): string {
  return text.length > MAX_HOST_MESSAGE_CHARS ? `${text.slice(0, MAX_HOST_MESSAGE_CHARS)}…` : text;
}
