import { de } from "./de.ts";
import { en } from "./en.ts";
import { es } from "./es.ts";
import { fr } from "./fr.ts";
import { ja } from "./ja.ts";
import type { Messages, MessagesOverride } from "./types.ts";

/** The languages shipped with the package. */
export const messagesByLocale = { en, de, fr, es, ja } as const satisfies Record<string, Messages>;
export type ShippedLocale = keyof typeof messagesByLocale;
export const SHIPPED_LOCALES = Object.keys(messagesByLocale) as ShippedLocale[];

/**
 * The shipped messages for a BCP 47 tag: exact match (case-insensitive), then the language part
 * (`de-AT` → `de`), else English.
 */
export function getMessages(locale?: string): Messages {
  if (!locale) return en;
  const normalized = locale.toLowerCase();
  const language = normalized.split(/[-_]/)[0] ?? "";
  const table = messagesByLocale as Record<string, Messages>;
  return table[normalized] ?? table[language] ?? en;
}

/** Merges overrides over a complete set; nested groups (`progress`, `errors`, `parameterForm`) merge key by key. */
export function mergeMessages(base: Messages, override?: MessagesOverride): Messages {
  if (!override) return base;
  return {
    ...base,
    ...stripUndefined(override),
    progress: { ...base.progress, ...stripUndefined(override.progress ?? {}) },
    errors: { ...base.errors, ...stripUndefined(override.errors ?? {}) },
    parameterForm: { ...base.parameterForm, ...stripUndefined(override.parameterForm ?? {}) },
  } as Messages;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}

export type { Messages, MessagesOverride, ProgressStep } from "./types.ts";
