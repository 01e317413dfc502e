/** Raw spec object (either shape) → the normalized ConnectorSpec model. */
import { AUTH_TYPES, METHOD_NAMES } from "../types.ts";
import type { AuthHandler, AuthType, ConnectorSpec, JsonSchema, MethodName, TopLevelAuth } from "../types.ts";
import { mergeSchemas } from "../schema/merge.ts";
import { joinPointer } from "../schema/pointer.ts";
import { isPlainObject } from "../schema/util.ts";
import type { SpecContext } from "./context.ts";
import { METHOD_ALIASES, METHOD_RULES } from "./rules.ts";
import { discoverFile, resolveSlot } from "./slots.ts";

/** `auth:` present ⇒ the older shape; otherwise the connector root is the auth handler. */
export function specShape(raw: Record<string, unknown>): ConnectorSpec["shape"] {
  return raw.auth !== undefined ? "auth-block" : "root";
}

export function normalizeSpec(raw: Record<string, unknown>, ctx: SpecContext): ConnectorSpec {
  const shape = specShape(raw);
  const authRaw = shape === "auth-block" ? (isPlainObject(raw.auth) ? raw.auth : {}) : raw;
  const authPointer = shape === "auth-block" ? "/auth" : "";
  const options = isPlainObject(authRaw.options) ? authRaw.options : undefined;
  const ownType = authTypeOf(authRaw.type);
  // Files named by convention are picked up for the top-level handler, for methods its type(s) use.
  const optionTypes = Object.values(options ?? {}).map((option) => (isPlainObject(option) ? authTypeOf(option.type) : undefined));
  const discoverTypes = ownType ? [ownType] : optionTypes.filter((type): type is AuthType => type !== undefined);
  const auth: TopLevelAuth = normalizeHandler(authRaw, authPointer, ctx, {
    // Older specs keep the input form in the connector-level `ui` (reference §1.3).
    fallbackUi: shape === "auth-block" && isPlainObject(raw.ui) ? raw.ui : undefined,
    discoverTypes,
  });
  if (shape === "auth-block") setIfDefined(auth, "parametersSchema", mergeSchemas(schemaOf(raw.parametersSchema), auth.parametersSchema));
  if (options) {
    auth.options = {};
    for (const [key, option] of Object.entries(options)) {
      if (!isPlainObject(option)) continue; // The schema reports it.
      const pointer = joinPointer(authPointer, "options", key);
      if (option.options !== undefined) {
        ctx.report({
          path: joinPointer(pointer, "options"),
          code: "nested_options",
          message: `option "${key}" has options of its own, which are not supported: move them next to "${key}" in the top-level options`,
        });
      }
      auth.options[key] = normalizeHandler(option, pointer, ctx, {});
    }
  }
  const spec: ConnectorSpec = { shape, auth, raw };
  for (const field of ["key", "name", "logoUri", "appUri", "apiDocsUri"] as const) setIfDefined(spec, field, stringOf(raw[field]));
  setIfDefined(spec, "parametersSchema", schemaOf(raw.parametersSchema));
  return spec;
}

interface HandlerOptions {
  fallbackUi?: Record<string, unknown>;
  discoverTypes?: readonly AuthType[];
}

function normalizeHandler(raw: Record<string, unknown>, pointer: string, ctx: SpecContext, options: HandlerOptions): AuthHandler {
  const ui = isPlainObject(raw.ui) ? raw.ui : undefined;
  const fallback = options.fallbackUi;
  const handler: AuthHandler = { methods: {}, pointer };
  setIfDefined(handler, "type", authTypeOf(raw.type));
  setIfDefined(handler, "title", stringOf(raw.title));
  setIfDefined(handler, "description", stringOf(raw.description) ?? stringOf(ui?.description) ?? stringOf(fallback?.description));
  setIfDefined(handler, "helpUri", stringOf(raw.helpUri) ?? stringOf(ui?.helpUri) ?? stringOf(fallback?.helpUri));
  setIfDefined(handler, "inputSchema", schemaOf(raw.inputSchema) ?? schemaOf(ui?.schema) ?? schemaOf(fallback?.schema));
  setIfDefined(handler, "parametersSchema", schemaOf(raw.parametersSchema));
  setIfDefined(handler, "credentialsSchema", schemaOf(raw.credentialsSchema));
  setIfDefined(handler, "customCredentialsSchema", schemaOf(raw.customCredentialsSchema));
  setIfDefined(handler, "enabled", raw.enabled);
  setIfDefined(handler, "proxyKey", stringOf(raw.proxyKey));
  for (const [key, slot] of Object.entries(raw)) {
    const method = methodOf(key);
    if (method === undefined) {
      reportMisspelledMethod(key, pointer, ctx);
      continue;
    }
    const slotPointer = joinPointer(pointer, key);
    if (key !== method && raw[method] !== undefined) {
      ctx.report({ path: slotPointer, code: "duplicate_method", message: `"${key}" is another name for ${method}, which is also defined; keep only ${method}` });
      continue;
    }
    setIfDefined(handler.methods, method, resolveSlot(slot, method, slotPointer, ctx));
  }
  for (const method of METHOD_NAMES) {
    if (!options.discoverTypes || hasSlot(raw, method)) continue;
    if (!options.discoverTypes.some((type) => METHOD_RULES[method].authTypes.includes(type))) continue;
    setIfDefined(handler.methods, method, discoverFile(method, joinPointer(pointer, method), ctx));
  }
  return handler;
}

function methodOf(key: string): MethodName | undefined {
  return (METHOD_NAMES as readonly string[]).includes(key) ? (key as MethodName) : METHOD_ALIASES[key];
}

function hasSlot(raw: Record<string, unknown>, method: MethodName): boolean {
  return raw[method] !== undefined || Object.entries(METHOD_ALIASES).some(([alias, target]) => target === method && raw[alias] !== undefined);
}

const LOWERCASE_METHODS = new Map([...METHOD_NAMES, ...Object.keys(METHOD_ALIASES)].map((name) => [name.toLowerCase(), name]));

/** `makeApiclient` is almost certainly a typo, not an unrelated field: say so. */
function reportMisspelledMethod(key: string, pointer: string, ctx: SpecContext): void {
  const intended = LOWERCASE_METHODS.get(key.toLowerCase().replace(/[-_]/g, ""));
  if (intended === undefined) return;
  ctx.report({
    path: joinPointer(pointer, key),
    code: "unknown_method",
    message: `"${key}" is not a method name and is ignored; did you mean ${intended}? (method names are case-sensitive)`,
  });
}

function authTypeOf(value: unknown): AuthType | undefined {
  return (AUTH_TYPES as readonly unknown[]).includes(value) ? (value as AuthType) : undefined;
}

function stringOf(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function schemaOf(value: unknown): JsonSchema | undefined {
  return isPlainObject(value) ? value : undefined;
}

function setIfDefined<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
  else delete target[key];
}
