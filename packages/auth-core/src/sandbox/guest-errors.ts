/** Turning what the guest threw (or what a host function rejected with) into Plugboard errors. */
import type { QuickJSHandle } from "quickjs-emscripten-core";
import { ErrorKey, PlugboardError, isPlugboardError } from "../errors.ts";
import { type ModuleKind, cleanStack, positionInStack } from "./module-source.ts";
import { importNotAllowedMessage } from "./sdk-shim.ts";

/** Where a guest throw happened: compiling the file, evaluating it (imports, top level), or calling it. */
export type Phase = "syntax" | "load" | "run";

/** A value the guest threw; the handle is owned by the session. */
export class GuestThrow {
  constructor(
    readonly handle: QuickJSHandle,
    readonly phase: Phase,
  ) {}
}

/** What the guest helper `describeError` reports about a thrown value. */
export interface GuestErrorInfo {
  isObject?: boolean;
  isError?: boolean;
  name?: string;
  message?: string | number;
  stack?: string;
  key?: string | number;
  type?: string;
  dataJson?: string;
  text?: string;
}

export interface GuestErrorSource {
  filePath: string;
  kind: ModuleKind;
  phase: Phase;
  /** Modules the code tried to import that are not allowed. */
  forbiddenImports: readonly string[];
}

/**
 * A guest throw that is not a resource limit: a syntax error, a forbidden import, an error with a
 * known key (e.g. `new ConnectionError({ key: "access_token_expired" })`), or `custom_code_error`.
 */
export function errorFromGuest(info: GuestErrorInfo, source: GuestErrorSource): PlugboardError {
  const { filePath, kind, phase, forbiddenImports } = source;
  const message = info.message !== undefined ? String(info.message) : info.text ?? (info.isObject ? "The code threw a non-Error object" : "The code threw");
  const stack = cleanStack(info.stack);
  const position = positionInStack(stack, filePath, kind);
  const where = position ? { filePath, line: position.line, column: position.column } : { filePath };

  // Link errors (e.g. a missing export of the SDK) come without a stack, like compile errors.
  if (phase === "syntax" || (phase === "load" && info.name === "SyntaxError" && !stack && forbiddenImports.length === 0)) {
    const at = position ? `${filePath}:${position.line}:${position.column}` : filePath;
    return new PlugboardError(ErrorKey.CUSTOM_CODE_ERROR, { message: `Syntax error in ${at}: ${message}`, data: { ...where, syntaxError: true } });
  }
  if (phase === "load" && forbiddenImports.length > 0) {
    return new PlugboardError(ErrorKey.CUSTOM_CODE_ERROR, {
      message: importNotAllowedMessage(forbiddenImports[0] as string),
      data: { ...where, imports: [...forbiddenImports] },
    });
  }

  let guestData: unknown;
  try {
    guestData = info.dataJson === undefined ? undefined : JSON.parse(info.dataJson);
  } catch {
    guestData = undefined;
  }
  const key = knownErrorKey(info.key);
  const data: Record<string, unknown> = {
    ...(isRecord(guestData) ? guestData : guestData === undefined ? {} : { data: guestData }),
    ...(info.name && info.name !== "Error" ? { name: info.name } : {}),
    ...(key === undefined && info.key !== undefined ? { guestKey: info.key } : {}),
    ...(info.type ? { type: info.type } : {}),
    ...where,
    ...(stack ? { stack } : {}),
  };
  return new PlugboardError(key ?? ErrorKey.CUSTOM_CODE_ERROR, { message, data });
}

/** What the guest gets to see of a host error. Host getters may throw; that must not look like a WASM failure. */
export function describeHostError(error: unknown): { message: string; key: ErrorKey | undefined; data: unknown; name: string } {
  try {
    const record = (typeof error === "object" && error !== null ? error : {}) as { key?: unknown; data?: unknown };
    return {
      message: error instanceof Error ? error.message : typeof error === "string" ? error : "Host function failed",
      key: isPlugboardError(error) ? error.key : knownErrorKey(record.key),
      data: record.data,
      name: error instanceof Error && !isPlugboardError(error) ? error.name : "Error",
    };
  } catch {
    return { message: "Host function failed", key: undefined, data: undefined, name: "Error" };
  }
}

/** A copy of `error` with the recent guest console output in `data.logs`. */
export function withLogs(error: PlugboardError, logs: readonly unknown[]): PlugboardError {
  if (logs.length === 0 || (error.data !== undefined && !isRecord(error.data))) return error;
  const data = { ...((error.data as Record<string, unknown> | undefined) ?? {}), logs: [...logs] };
  return new PlugboardError(error.key, { message: error.message, data, cause: (error as { cause?: unknown }).cause });
}

export function knownErrorKey(key: unknown): ErrorKey | undefined {
  return typeof key === "string" && (Object.values(ErrorKey) as string[]).includes(key) ? (key as ErrorKey) : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
