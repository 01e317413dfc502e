/**
 * Copying values between the host and the guest. Nothing crosses by reference:
 * - host → guest: function-free subtrees go through JSON (one host `JSON.stringify`, one guest
 *   `JSON.parse`); objects that contain functions are rebuilt node by node so each function can be
 *   replaced by a bridged guest function (see `bridge` in guest-prelude.ts).
 * - guest → host: always through the guest's own (captured) `JSON.stringify`, parsed on the host.
 *   The guest cannot hand the host anything but a string.
 */
import type { QuickJSContext, QuickJSHandle } from "quickjs-emscripten-core";
import { ErrorKey, PlugboardError } from "../errors.ts";
import { type ResolvedLimits, fitsInGuest, limitError } from "./limits.ts";

/** How deep host values may nest when they contain functions (plain data has no limit but memory). */
const MAX_BRIDGE_DEPTH = 64;

export interface GuestCaller {
  /** Calls a guest function; throws when it throws (the caller's error handling decides what that means). */
  call(fn: QuickJSHandle, args: QuickJSHandle[]): QuickJSHandle;
}

export interface BridgeTarget {
  name: string;
  fn: (...args: unknown[]) => unknown;
  thisArg: unknown;
}

export interface MarshalHelpers {
  toJson: QuickJSHandle;
  fromJson: QuickJSHandle;
  bridge: QuickJSHandle;
}

export class Marshal {
  readonly targets: BridgeTarget[] = [];
  private readonly functionCache = new WeakMap<object, boolean>();

  constructor(
    private readonly ctx: QuickJSContext,
    private readonly helpers: MarshalHelpers,
    private readonly guest: GuestCaller,
    private readonly limits: ResolvedLimits,
  ) {}

  /** A guest string; throws a memory `sandbox_limit` error for text that cannot fit. */
  newString(text: string): QuickJSHandle {
    if (!fitsInGuest(text, this.limits)) throw limitError("memory", this.limits);
    return this.ctx.newString(text);
  }

  /**
   * A new guest handle holding a copy of `value` (the caller disposes it). With `bridge`, host
   * functions become async guest functions; without it they are dropped like JSON does.
   */
  toGuest(value: unknown, options: { bridge: boolean; what: string }): QuickJSHandle {
    if (options.bridge && this.containsFunction(value, 0)) return this.buildBridged(value, options.what, "", 0, new Set(), undefined, "");
    return this.jsonToGuest(value, options.what);
  }

  /** A host copy of a guest value, with JSON semantics (`undefined` stays `undefined`). */
  fromGuest(handle: QuickJSHandle): unknown {
    const json = this.guest.call(this.helpers.toJson, [handle]);
    try {
      return this.ctx.typeof(json) === "string" ? (JSON.parse(this.ctx.getString(json)) as unknown) : undefined;
    } finally {
      json.dispose();
    }
  }

  /** Decodes the argument list a bridged guest function sent: an array of JSON texts, null for `undefined`. */
  static decodeArgs(payload: string): unknown[] {
    const encoded: unknown = JSON.parse(payload);
    if (!Array.isArray(encoded)) return [];
    return encoded.map((item) => (typeof item === "string" ? (JSON.parse(item) as unknown) : undefined));
  }

  private jsonToGuest(value: unknown, what: string): QuickJSHandle {
    let json: string | undefined;
    try {
      json = JSON.stringify(value);
    } catch (error) {
      throw new PlugboardError(ErrorKey.INVALID_ARGUMENT, {
        message: `${what} cannot be copied into the sandbox: ${error instanceof Error ? error.message : String(error)}`,
        cause: error,
      });
    }
    if (json === undefined) return this.ctx.undefined;
    // Primitives are created directly; only objects pay for a guest JSON.parse.
    if (value === null) return this.ctx.null;
    if (typeof value === "string") return this.newString(value);
    if (typeof value === "boolean") return value ? this.ctx.true : this.ctx.false;
    if (typeof value === "number") return Number.isFinite(value) ? this.ctx.newNumber(value) : this.ctx.null;
    const text = this.newString(json);
    try {
      return this.guest.call(this.helpers.fromJson, [text]);
    } finally {
      text.dispose();
    }
  }

  private buildBridged(value: unknown, what: string, path: string, depth: number, ancestors: Set<object>, owner: unknown, key: string): QuickJSHandle {
    if (typeof value === "function") {
      const name = key || value.name || "anonymous";
      return this.bridgeFunction(value as BridgeTarget["fn"], owner, path ? path.slice(1).replaceAll("/", ".") : name, name);
    }
    if (!this.containsFunction(value, 0)) return this.jsonToGuest(value, `${what}${path ? ` at ${path}` : ""}`);
    const object = value as object;
    if (ancestors.has(object)) {
      throw new PlugboardError(ErrorKey.INVALID_ARGUMENT, { message: `${what} has a circular reference at ${path || "/"}` });
    }
    if (depth >= MAX_BRIDGE_DEPTH) {
      throw new PlugboardError(ErrorKey.INVALID_ARGUMENT, { message: `${what} is nested too deeply at ${path}` });
    }
    ancestors.add(object);
    const target = Array.isArray(object) ? this.ctx.newArray() : this.ctx.newObject();
    try {
      for (const [childKey, child] of bridgeableEntries(object)) {
        if (child === undefined || typeof child === "symbol") continue;
        const handle = this.buildBridged(child, what, `${path}/${childKey}`, depth + 1, ancestors, object, childKey);
        try {
          this.ctx.setProp(target, Array.isArray(object) ? Number(childKey) : childKey, handle);
        } finally {
          handle.dispose();
        }
      }
    } catch (error) {
      target.dispose();
      throw error;
    } finally {
      ancestors.delete(object);
    }
    return target;
  }

  /** `displayName` is the path in the context (`apiClient.get`), used in messages. */
  private bridgeFunction(fn: BridgeTarget["fn"], thisArg: unknown, displayName: string, name: string): QuickJSHandle {
    const id = this.targets.push({ name: displayName, fn, thisArg }) - 1;
    const idHandle = this.ctx.newNumber(id);
    const nameHandle = this.ctx.newString(name);
    try {
      return this.guest.call(this.helpers.bridge, [idHandle, nameHandle]);
    } finally {
      idHandle.dispose();
      nameHandle.dispose();
    }
  }

  private containsFunction(value: unknown, depth: number): boolean {
    if (typeof value === "function") return true;
    if (typeof value !== "object" || value === null || depth > MAX_BRIDGE_DEPTH) return false;
    const cached = this.functionCache.get(value);
    if (cached !== undefined) return cached;
    this.functionCache.set(value, false); // cycles: assume no function until proven otherwise
    const found = bridgeableEntries(value).some(([, child]) => this.containsFunction(child, depth + 1));
    this.functionCache.set(value, found);
    return found;
  }
}

/**
 * Own enumerable properties, plus (for class instances such as an ApiClient) the methods on the
 * prototype chain, so `context.apiClient.get` works whether apiClient is a plain object or not.
 */
function bridgeableEntries(value: object): Array<[string, unknown]> {
  try {
    return readEntries(value);
  } catch (error) {
    // A throwing host getter is a problem of the value, not of the sandbox.
    throw new PlugboardError(ErrorKey.INVALID_ARGUMENT, {
      message: `A value for the sandbox could not be read: ${error instanceof Error ? error.message : String(error)}`,
      cause: error,
    });
  }
}

function readEntries(value: object): Array<[string, unknown]> {
  if (Array.isArray(value)) return value.map((item, index) => [String(index), item]);
  if (isBuiltinObject(value)) return [];
  const entries = Object.entries(value) as Array<[string, unknown]>;
  const seen = new Set(entries.map(([key]) => key));
  for (let proto = Object.getPrototypeOf(value) as object | null; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto) as object | null) {
    for (const key of Object.getOwnPropertyNames(proto)) {
      if (key === "constructor" || seen.has(key)) continue;
      const descriptor = Object.getOwnPropertyDescriptor(proto, key);
      if (typeof descriptor?.value !== "function") continue;
      seen.add(key);
      entries.push([key, descriptor.value]);
    }
  }
  return entries;
}

/** Builtins are copied as JSON would copy them (a Date becomes its ISO string), never bridged. */
function isBuiltinObject(value: object): boolean {
  return (
    value instanceof Date ||
    value instanceof RegExp ||
    value instanceof Map ||
    value instanceof Set ||
    value instanceof Promise ||
    value instanceof Error ||
    value instanceof ArrayBuffer ||
    ArrayBuffer.isView(value)
  );
}
