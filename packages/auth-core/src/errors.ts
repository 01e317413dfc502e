/**
 * One error family with stable keys. UIs map `key` to a human message; code branches on `key`,
 * never on `message`.
 */

/** Every key a Plugboard error can carry. */
export const ErrorKey = {
  // Connection errors from the connector spec format (lower-case values, as in specs).
  ACCESS_TOKEN_EXPIRED: "access_token_expired",
  RATE_LIMIT_EXCEEDED: "rate_limit_exceeded",
  CONNECTION_IS_DEFUNCT: "connection_is_defunct",
  // Spec and input problems.
  INVALID_SPEC: "invalid_spec",
  INVALID_INPUT: "invalid_input",
  INVALID_ARGUMENT: "invalid_argument",
  CONFIGURATION_ERROR: "configuration_error",
  NOT_SUPPORTED: "not_supported",
  // Formulas and custom code.
  FORMULA_ERROR: "formula_error",
  UNSUPPORTED_FORMULA: "unsupported_formula",
  CUSTOM_CODE_ERROR: "custom_code_error",
  SANDBOX_LIMIT: "sandbox_limit",
  // HTTP.
  API_REQUEST_FAILED: "api_request_failed",
  NETWORK_ERROR: "network_error",
  // Connect flow.
  TEST_FAILED: "test_failed",
  CREDENTIALS_REJECTED: "credentials_rejected",
  REFRESH_FAILED: "refresh_failed",
  TIMEOUT: "timeout",
  CANCELLED: "cancelled",
  // OAuth and the popup.
  POPUP_BLOCKED: "popup_blocked",
  POPUP_CLOSED: "popup_closed",
  STATE_MISMATCH: "state_mismatch",
  STATE_MISSING: "state_missing",
  STATE_EXPIRED: "state_expired",
  DUPLICATE_PARAMETER: "duplicate_parameter",
  ISSUER_MISMATCH: "issuer_mismatch",
  ACCESS_DENIED: "access_denied",
  TOKEN_EXCHANGE_FAILED: "token_exchange_failed",
  // Anything else (a bug in Plugboard or an unexpected host failure).
  INTERNAL_ERROR: "internal_error",
} as const;

export type ErrorKey = (typeof ErrorKey)[keyof typeof ErrorKey];

/** The keys a connector's `responseHandlers[].error.key` may use. */
export const CONNECTION_ERROR_KEYS: readonly ErrorKey[] = [
  ErrorKey.ACCESS_TOKEN_EXPIRED,
  ErrorKey.RATE_LIMIT_EXCEEDED,
  ErrorKey.CONNECTION_IS_DEFUNCT,
];

/** One problem found in a spec or in user input. Problems are data, not exceptions. */
export interface Issue {
  /** JSON pointer (RFC 6901) into the spec or input, `""` for the root. */
  path: string;
  /** What is wrong and what was expected, written for the person fixing it. */
  message: string;
  /** Short machine-readable reason, e.g. `required`, `type`, `unknown_auth_type`. */
  code: string;
  /** 1-based line in the source text, when the spec was given as text. */
  line?: number;
  /** 1-based column in the source text, when the spec was given as text. */
  column?: number;
  /** The file the problem is in, when it came from `options.files`. */
  file?: string;
}

export interface PlugboardErrorOptions {
  message?: string;
  data?: unknown;
  cause?: unknown;
}

/** Base class of every error Plugboard throws on purpose. */
export class PlugboardError extends Error {
  readonly key: ErrorKey;
  readonly data: unknown;
  readonly isPlugboardError = true;

  constructor(key: ErrorKey, options: PlugboardErrorOptions = {}) {
    super(options.message ?? key, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.key = key;
    this.data = options.data;
  }

  /** A JSON-safe form, for sending across a runtime boundary (server → browser, sandbox → host). */
  toJSON(): { name: string; key: ErrorKey; message: string; data?: unknown } {
    return { name: this.name, key: this.key, message: this.message, ...(this.data === undefined ? {} : { data: this.data }) };
  }
}

/** A spec that cannot be run. `issues` lists every problem found, each with a JSON pointer. */
export class SpecError extends PlugboardError {
  readonly issues: Issue[];
  constructor(issues: Issue[], message?: string) {
    super(ErrorKey.INVALID_SPEC, { message: message ?? describeIssues("Invalid connector spec", issues), data: { issues } });
    this.issues = issues;
  }
}

/** User input that does not match the auth option's input schema. */
export class InputError extends PlugboardError {
  readonly issues: Issue[];
  constructor(issues: Issue[], message?: string) {
    super(ErrorKey.INVALID_INPUT, { message: message ?? describeIssues("Invalid connection input", issues), data: { issues } });
    this.issues = issues;
  }
}

/** Details of a failed API call. */
export interface HttpErrorData {
  status?: number;
  method?: string;
  url?: string;
  body?: unknown;
  headers?: Record<string, string>;
  [extra: string]: unknown;
}

/** A failed API call or a connection-level problem (`access_token_expired`, `rate_limit_exceeded`, …). */
export class ConnectionError extends PlugboardError {
  readonly status: number | undefined;
  constructor(key: ErrorKey, options: PlugboardErrorOptions & { data?: HttpErrorData } = {}) {
    super(key, options);
    this.status = options.data?.status;
  }
}

/** True for any error created by Plugboard (also across realms and after JSON transport). */
export function isPlugboardError(value: unknown): value is PlugboardError {
  return (
    value instanceof PlugboardError ||
    (typeof value === "object" && value !== null && (value as { isPlugboardError?: unknown }).isPlugboardError === true)
  );
}

/** The error key of anything thrown; unknown errors become `fallback`. */
export function errorKeyOf(error: unknown, fallback: ErrorKey = ErrorKey.INTERNAL_ERROR): ErrorKey {
  if (isPlugboardError(error)) return error.key;
  if (typeof error === "object" && error !== null) {
    const key = (error as { key?: unknown }).key;
    if (typeof key === "string" && (Object.values(ErrorKey) as string[]).includes(key)) return key as ErrorKey;
  }
  return fallback;
}

/** Wraps anything thrown into a PlugboardError, keeping the original as `cause`. */
export function toPlugboardError(error: unknown, fallback: ErrorKey = ErrorKey.INTERNAL_ERROR): PlugboardError {
  if (error instanceof PlugboardError) return error;
  const key = errorKeyOf(error, fallback);
  const message = error instanceof Error ? error.message : typeof error === "string" ? error : String(key);
  const data = typeof error === "object" && error !== null ? (error as { data?: unknown }).data : undefined;
  return new PlugboardError(key, { message, data, cause: error });
}

function describeIssues(prefix: string, issues: Issue[]): string {
  const lines = issues.slice(0, 10).map((issue) => {
    const where = issue.line === undefined ? "" : ` (${issue.file ? `${issue.file}:` : ""}line ${issue.line}, column ${issue.column ?? 1})`;
    return `- ${issue.path || "/"}${where}: ${issue.message}`;
  });
  const more = issues.length > 10 ? `\n- … and ${issues.length - 10} more` : "";
  return `${prefix}:\n${lines.join("\n")}${more}`;
}
