/** Auth options: inheritance (SDK-M `getEffectiveConnectorOption`) and the list offered to users. */
import { ErrorKey, PlugboardError } from "../errors.ts";
import { evaluateMapping } from "../formulas/index.ts";
import { METHOD_NAMES } from "../types.ts";
import type { AuthHandler, AuthOption, AuthType, ConnectorSpec, EffectiveAuthOption } from "../types.ts";
import { mergeSchemas } from "../schema/merge.ts";
import { ALWAYS_INHERITED, AUTH_TYPE_TITLES, METHOD_RULES } from "./rules.ts";

/** Key of the single option of a spec without `options`. */
export const DEFAULT_AUTH_OPTION_KEY = "";

export interface AuthOptionsContext {
  /** Variables for `enabled` formulas. */
  connectorParameters?: Record<string, unknown>;
}

/** The keys a user can choose from, in spec order (before `enabled` is evaluated). */
export function getAuthOptionKeys(spec: ConnectorSpec): string[] {
  const keys = Object.keys(spec.auth.options ?? {});
  if (keys.length > 0) return keys;
  return spec.auth.type ? [DEFAULT_AUTH_OPTION_KEY] : [];
}

/**
 * The options to offer, in spec order. Without `options` the top-level handler is the single option
 * (key `""`). Options whose `enabled` formula evaluates falsy (with `{connectorParameters}`) are left out.
 */
export async function getAuthOptions(spec: ConnectorSpec, context: AuthOptionsContext = {}): Promise<AuthOption[]> {
  const variables = { connectorParameters: context.connectorParameters ?? {} };
  const options = getAuthOptionKeys(spec).map((key) => getEffectiveAuthOption(spec, key));
  const enabled = await Promise.all(options.map(async (option) => option.enabled === undefined || Boolean(await evaluateMapping(option.enabled, variables))));
  return options.filter((_, index) => enabled[index]).map(toAuthOption);
}

/**
 * Everything needed to run one option, with inheritance applied. Key `""` is the top-level handler
 * itself (when it has a type). Throws `invalid_argument` for an unknown key.
 */
export function getEffectiveAuthOption(spec: ConnectorSpec, key: string): EffectiveAuthOption {
  const { auth } = spec;
  const option = auth.options && Object.prototype.hasOwnProperty.call(auth.options, key) ? auth.options[key] : undefined;
  if (option) {
    const effective = inheritOption(auth, option);
    if (!effective.type) throw new PlugboardError(ErrorKey.INVALID_SPEC, { message: `Auth option "${key}" has no type, and the auth it belongs to has none either.` });
    return { ...effective, key, type: effective.type, title: option.title ?? AUTH_TYPE_TITLES[effective.type] };
  }
  if (key === DEFAULT_AUTH_OPTION_KEY && auth.type) {
    const { options: _options, ...handler } = auth;
    return { ...handler, methods: { ...handler.methods }, key, type: auth.type, title: auth.title ?? spec.name ?? AUTH_TYPE_TITLES[auth.type] };
  }
  const known = getAuthOptionKeys(spec).map((optionKey) => JSON.stringify(optionKey));
  throw new PlugboardError(ErrorKey.INVALID_ARGUMENT, {
    message: `Unknown auth option ${JSON.stringify(key)}: this connector has ${known.length > 0 ? `the options ${known.join(", ")}` : "no auth options"}.`,
    data: { key, known: getAuthOptionKeys(spec) },
  });
}

/**
 * Option over parent. Schemas (input, parameters, credentials) are merged; makeApiClient, test and
 * disconnect fall back to the parent's; other methods, proxyKey and customCredentialsSchema are
 * inherited only when the option has the parent's type (or the parent has none); description and
 * helpUri fall back to the parent's; title and enabled are the option's own.
 */
export function inheritOption(parent: AuthHandler, option: AuthHandler): AuthHandler {
  const type: AuthType | undefined = option.type ?? parent.type;
  const sameType = parent.type === undefined || parent.type === type;
  const methods = { ...option.methods };
  for (const method of METHOD_NAMES) {
    const inherited = parent.methods[method];
    if (methods[method] || !inherited) continue;
    if (type && !METHOD_RULES[method].authTypes.includes(type)) continue;
    if (sameType || ALWAYS_INHERITED.includes(method)) methods[method] = inherited;
  }
  const merged: AuthHandler = {
    type,
    title: option.title,
    description: option.description ?? parent.description,
    helpUri: option.helpUri ?? parent.helpUri,
    inputSchema: mergeSchemas(parent.inputSchema, option.inputSchema),
    parametersSchema: mergeSchemas(parent.parametersSchema, option.parametersSchema),
    credentialsSchema: mergeSchemas(parent.credentialsSchema, option.credentialsSchema),
    customCredentialsSchema: option.customCredentialsSchema ?? (sameType ? parent.customCredentialsSchema : undefined),
    enabled: option.enabled,
    proxyKey: option.proxyKey ?? (sameType ? parent.proxyKey : undefined),
    methods,
    pointer: option.pointer,
  };
  return withoutUndefined(merged);
}

function toAuthOption(option: EffectiveAuthOption): AuthOption {
  return withoutUndefined({
    key: option.key,
    type: option.type,
    title: option.title ?? AUTH_TYPE_TITLES[option.type],
    description: option.description,
    inputSchema: option.inputSchema,
    helpUri: option.helpUri,
  });
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}
