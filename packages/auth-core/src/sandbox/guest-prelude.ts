/**
 * Guest-side helpers, evaluated in every fresh context before the connector code. It is guest
 * source: it runs inside QuickJS only. It captures the builtins it needs before connector code can
 * replace them, and talks to the host only through two host functions passed in as arguments
 * (never put on globalThis), exchanging strings and numbers.
 */
import { SDK_FACTORY_SOURCE, SDK_MODULE_NAMES, importNotAllowedMessage } from "./sdk-shim.ts";

/** Longest string (in UTF-16 units) one console argument may carry out of the guest. */
export const MAX_LOG_ARG_CHARS = 10_000;

/** Names of the helpers in the object the prelude returns. */
export const HELPER_NAMES = ["toJson", "fromJson", "settle", "makeError", "describeError", "bridge", "pickExport", "runCommonJs"] as const;
export type HelperName = (typeof HELPER_NAMES)[number];

export const PRELUDE_FILE = "plugboard:prelude";

export const PRELUDE_SOURCE = String.raw`(function (hostLog, hostCall) {
  "use strict";
  const stringify = JSON.stringify;
  const parse = JSON.parse;
  const ErrorCtor = Error;
  const PromiseCtor = Promise;
  const promiseResolve = Promise.resolve;
  const promiseReject = Promise.reject;
  const apply = Reflect.apply;
  const defineProperty = Object.defineProperty;
  const objectKeys = Object.keys;
  const StringCtor = String;
  const stringSlice = String.prototype.slice;
  const MAX = ${MAX_LOG_ARG_CHARS};
  const SDK_NAMES = ${JSON.stringify(SDK_MODULE_NAMES)};
  const sdkFactory = ${SDK_FACTORY_SOURCE};
  let sdk;

  function truncate(text) {
    return text.length > MAX ? apply(stringSlice, text, [0, MAX]) + "… (truncated)" : text;
  }
  function loggable(value) {
    if (typeof value === "string") return truncate(value);
    if (typeof value === "number" || typeof value === "boolean" || value === null || value === undefined) return value;
    if (typeof value === "function") return "[Function " + (value.name || "anonymous") + "]";
    if (typeof value !== "object") return StringCtor(value);
    if (value instanceof ErrorCtor) {
      return truncate(StringCtor(value.name) + ": " + StringCtor(value.message) + (value.stack ? "\n" + value.stack : ""));
    }
    const json = stringify(value);
    return json === undefined ? undefined : json.length > MAX ? truncate(json) : parse(json);
  }
  function makeLogger(level) {
    return function () {
      let payload;
      try {
        const out = [];
        for (let i = 0; i < arguments.length; i++) out[i] = loggable(arguments[i]);
        payload = stringify(out);
      } catch (error) {
        payload = '["[console argument could not be logged]"]';
      }
      hostLog(level, payload);
    };
  }
  const consoleObject = {};
  for (const level of ["log", "info", "warn", "error", "debug"]) consoleObject[level] = makeLogger(level);
  consoleObject.trace = consoleObject.debug;
  defineProperty(globalThis, "console", { value: consoleObject, writable: true, configurable: true, enumerable: false });

  function requireModule(name) {
    for (let i = 0; i < SDK_NAMES.length; i++) {
      const sdkName = SDK_NAMES[i];
      if (name === sdkName || (typeof name === "string" && name.indexOf(sdkName + "/") === 0)) return sdk || (sdk = sdkFactory());
    }
    throw new ErrorCtor(${JSON.stringify(importNotAllowedMessage("%NAME%"))}.replace("%NAME%", StringCtor(name)));
  }

  return {
    toJson(value) {
      return stringify(value);
    },
    fromJson(text) {
      return parse(text);
    },
    settle(value) {
      return apply(promiseResolve, PromiseCtor, [value]);
    },
    makeError(message, key, data, name) {
      const error = new ErrorCtor(message);
      if (name && name !== "Error") defineProperty(error, "name", { value: name, writable: true, configurable: true });
      if (key !== undefined) error.key = key;
      if (data !== undefined) error.data = data;
      return error;
    },
    // Reads what the host needs from a thrown value; each property read is guarded because
    // getters and proxies are guest code.
    describeError(thrown) {
      const out = {};
      if (thrown !== null && (typeof thrown === "object" || typeof thrown === "function")) {
        out.isObject = true;
        try { out.isError = thrown instanceof ErrorCtor; } catch (error) {}
        for (const key of ["name", "message", "stack", "key", "type"]) {
          try {
            const value = thrown[key];
            if (typeof value === "string" || typeof value === "number") out[key] = value;
          } catch (error) {}
        }
        try {
          const data = thrown.data;
          if (data !== undefined) out.dataJson = stringify(data);
        } catch (error) {}
      } else {
        try { out.text = StringCtor(thrown); } catch (error) {}
      }
      return stringify(out);
    },
    bridge(id, name) {
      const fn = function () {
        const encoded = [];
        for (let i = 0; i < arguments.length; i++) {
          let json;
          try {
            json = stringify(arguments[i]);
          } catch (error) {
            return apply(promiseReject, PromiseCtor, [error]);
          }
          encoded[i] = json === undefined ? null : json;
        }
        return hostCall(id, stringify(encoded));
      };
      defineProperty(fn, "name", { value: name, configurable: true });
      return fn;
    },
    // Returns the function to call, or a string saying why there is none.
    pickExport(exported, exportName) {
      if (typeof exported === "function") return exported;
      if (exported === null || typeof exported !== "object") return "it exports " + (exported === null ? "null" : typeof exported);
      const fallback = exported.default;
      if (typeof fallback === "function") return fallback;
      if (exportName) {
        if (typeof exported[exportName] === "function") return exported[exportName].bind(exported);
        if (fallback !== null && typeof fallback === "object" && typeof fallback[exportName] === "function") {
          return fallback[exportName].bind(fallback);
        }
      }
      const names = objectKeys(exported);
      const functions = [];
      for (let i = 0; i < names.length; i++) if (typeof exported[names[i]] === "function") functions.push(names[i]);
      if (functions.length === 1) return exported[functions[0]].bind(exported);
      return names.length === 0 ? "it has no exports" : "its exports are: " + names.join(", ");
    },
    runCommonJs(factory, filename) {
      const module = { exports: {} };
      const slash = filename.lastIndexOf("/");
      apply(factory, module.exports, [module.exports, requireModule, module, filename, slash >= 0 ? filename.slice(0, slash) : "."]);
      return module.exports;
    },
  };
})`;
