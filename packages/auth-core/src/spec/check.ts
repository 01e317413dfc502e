/** Rules a valid structure can still break: methods per auth type, implementation types, required methods, formulas. */
import { checkMapping } from "../formulas/index.ts";
import { AUTH_TYPES, METHOD_NAMES } from "../types.ts";
import type { AuthHandler, AuthType, ConnectorSpec, FunctionImplementation, MethodName } from "../types.ts";
import { getAtPointer, joinPointer } from "../schema/pointer.ts";
import { isPlainObject, listOr } from "../schema/util.ts";
import type { SpecContext } from "./context.ts";
import { inheritOption } from "./options.ts";
import { conventionalPaths } from "./files.ts";
import { isMappingType, METHOD_ALIASES, METHOD_RULES } from "./rules.ts";

export function checkSpec(spec: ConnectorSpec, ctx: SpecContext): void {
  const { auth } = spec;
  const options = Object.entries(auth.options ?? {});
  checkStrayRootFields(spec, ctx);
  if (!auth.type && options.length === 0 && isPlainObject(getAtPointer(spec.raw, auth.pointer)) && getAtPointer(spec.raw, joinPointer(auth.pointer, "type")) === undefined) {
    ctx.report({
      path: joinPointer(auth.pointer, "type"),
      code: "missing_auth_type",
      message: `no auth type: set type to one of ${AUTH_TYPES.join(", ")}, or define options (each with its own type)`,
    });
  }
  const optionTypes = options.flatMap(([, option]) => (option.type ?? auth.type ? [(option.type ?? auth.type) as AuthType] : []));
  checkMethods(spec, auth, auth.type ? [auth.type] : [...new Set(optionTypes)], ctx);
  for (const [key, option] of options) {
    const type = option.type ?? auth.type;
    const typeWritten = [option.pointer, auth.pointer].some((pointer) => getAtPointer(spec.raw, joinPointer(pointer, "type")) !== undefined);
    if (!type && !typeWritten) {
      ctx.report({
        path: joinPointer(option.pointer, "type"),
        code: "missing_type",
        message: `option "${key}" has no type and the auth above it has none to inherit: set type to one of ${AUTH_TYPES.join(", ")}`,
      });
    }
    checkMethods(spec, option, type ? [type] : [], ctx);
  }
  checkRequired(spec, ctx);
  checkFormulas(auth, ctx);
  for (const [, option] of options) checkFormulas(option, ctx);
}

/** With an `auth:` block, root-level auth fields are ignored; that is almost always a mistake. */
function checkStrayRootFields(spec: ConnectorSpec, ctx: SpecContext): void {
  if (spec.shape !== "auth-block") return;
  for (const key of ["type", "inputSchema", "options", ...METHOD_NAMES]) {
    if (spec.raw[key] === undefined) continue;
    ctx.report({
      path: joinPointer("", key),
      code: "mixed_shapes",
      message: `"${key}" at the connector root is ignored because this spec has an auth: block; move it into auth (or remove the auth: block to use the root-level shape)`,
    });
  }
}

function checkMethods(spec: ConnectorSpec, handler: AuthHandler, types: readonly AuthType[], ctx: SpecContext): void {
  for (const [method, implementation] of Object.entries(handler.methods) as [MethodName, FunctionImplementation][]) {
    const rule = METHOD_RULES[method];
    if (types.length > 0 && !types.some((type) => rule.authTypes.includes(type))) {
      ctx.report({
        path: implementation.pointer,
        code: "method_not_allowed",
        message: `${method} is not used by ${listOr(types)} auth; it applies to ${listOr(rule.authTypes)}. Remove it or change the auth type`,
      });
      continue;
    }
    if (implementation.type === "not-supported" || rule.implementationTypes.includes(implementation.type)) continue;
    const slot = getAtPointer(spec.raw, implementation.pointer);
    const typeKey = isPlainObject(slot) ? (["type", "implementationType"].find((key) => slot[key] !== undefined) ?? null) : null;
    const testHint = method === "test" && implementation.type === "mapping" ? " (a test written as a mapping must be a REST API mapping with a path)" : "";
    ctx.report({
      path: typeKey ? joinPointer(implementation.pointer, typeKey) : implementation.pointer,
      code: "implementation_type_not_allowed",
      message: `${method} cannot be implemented as ${implementation.type}${testHint}; use ${listOr(rule.implementationTypes)}`,
    });
  }
}

interface Offered {
  label: string;
  handler: AuthHandler;
}

/** Every option a user could pick must be runnable: required methods (after inheritance) and proxyKey. */
function checkRequired(spec: ConnectorSpec, ctx: SpecContext): void {
  const { auth } = spec;
  const options = Object.entries(auth.options ?? {});
  const offered: Offered[] =
    options.length > 0 ? options.map(([key, option]) => ({ label: `option "${key}"`, handler: inheritOption(auth, option) })) : [{ label: "this auth", handler: auth }];
  for (const method of METHOD_NAMES) {
    // A slot that is written but broken already has its own issue.
    const written = (pointer: string) => slotWritten(spec, pointer, method);
    const lacking = offered.filter(
      ({ handler }) => handler.type && METHOD_RULES[method].requiredFor.includes(handler.type) && !isImplemented(handler.methods[method]) && !written(handler.pointer) && !written(auth.pointer),
    );
    if (lacking.length === 0) continue;
    const example = slotExample(spec, method);
    if (options.length > 1 && lacking.length === options.length && !isImplemented(auth.methods[method])) {
      ctx.report({
        path: joinPointer(auth.pointer, method),
        code: "missing_method",
        message: `${method} is missing: no option defines it and there is none to inherit here. Add ${example} here (shared by all options) or to each option`,
      });
      continue;
    }
    for (const { label, handler } of lacking) {
      ctx.report({
        path: joinPointer(handler.pointer, method),
        code: "missing_method",
        message: `${label} has no ${method}, which ${handler.type} auth requires. Add ${example}${options.length > 0 ? " to the option, or to the auth above it to share it" : ""}`,
      });
    }
  }
  for (const { label, handler } of offered) {
    if (handler.type !== "proxy" || handler.proxyKey) continue;
    if (getAtPointer(spec.raw, joinPointer(handler.pointer, "proxyKey")) !== undefined) continue; // The schema reports bad values.
    ctx.report({ path: joinPointer(handler.pointer, "proxyKey"), code: "missing_proxy_key", message: `${label} is a proxy auth without proxyKey: set it to the key of the auth proxy to delegate to` });
  }
}

function slotWritten(spec: ConnectorSpec, pointer: string, method: MethodName): boolean {
  const handler = getAtPointer(spec.raw, pointer);
  if (!isPlainObject(handler)) return false;
  return handler[method] !== undefined || Object.entries(METHOD_ALIASES).some(([alias, target]) => target === method && handler[alias] !== undefined);
}

function isImplemented(implementation: FunctionImplementation | undefined): boolean {
  return implementation !== undefined && implementation.type !== "not-supported";
}

function slotExample(spec: ConnectorSpec, method: MethodName): string {
  const file = conventionalPaths(method, METHOD_RULES[method].implementationTypes[0])[0] ?? "";
  return spec.shape === "auth-block"
    ? `${method}: {implementationType: ${METHOD_RULES[method].implementationTypes[0]}, filePath: ${file}}`
    : `${method}: {type: ${METHOD_RULES[method].implementationTypes[0]}, ${METHOD_RULES[method].implementationTypes[0] === "javascript" ? "code" : "mapping"}: …}`;
}

/** Malformed formulas in mapping bodies and `enabled`. */
function checkFormulas(handler: AuthHandler, ctx: SpecContext): void {
  for (const implementation of Object.values(handler.methods)) {
    if (!implementation || !isMappingType(implementation.type) || implementation.mapping === undefined) continue;
    if (implementation.filePath !== undefined) {
      const file = implementation.filePath;
      for (const issue of checkMapping(implementation.mapping, "")) ctx.report({ ...issue, file });
    } else {
      for (const issue of checkMapping(implementation.mapping, joinPointer(implementation.pointer, "mapping"))) ctx.report(issue);
    }
  }
  if (handler.enabled !== undefined) {
    for (const issue of checkMapping(handler.enabled, joinPointer(handler.pointer, "enabled"))) ctx.report(issue);
  }
}
