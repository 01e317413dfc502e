/**
 * The shipped languages. English is bundled with the components; the others load on demand
 * (`loadMessages`), so an English-only app does not ship them. ConnectWidget loads its locale by
 * itself and shows its loading state meanwhile; server rendering and parts used alone can
 * `await loadMessages(locale)` first.
 */
import { en } from "./en.ts";
import type { Messages, MessagesOverride } from "./types.ts";

/** The languages shipped with the package. */
export const SHIPPED_LOCALES = ["en", "de", "fr", "es", "ja"] as const;
export type ShippedLocale = (typeof SHIPPED_LOCALES)[number];

const loaders: Record<Exclude<ShippedLocale, "en">, () => Promise<Messages>> = {
  de: () => import("./de.ts").then((module) => module.de),
  fr: () => import("./fr.ts").then((module) => module.fr),
  es: () => import("./es.ts").then((module) => module.es),
  ja: () => import("./ja.ts").then((module) => module.ja),
};
const loaded = new Map<ShippedLocale, Messages>([["en", en]]);
const loading = new Map<ShippedLocale, Promise<Messages>>();

/** The English messages (always loaded): a base for a language Plugboard does not ship. */
export const englishMessages: Messages = en;

/**
 * The shipped locale for a BCP 47 tag: exact match (case-insensitive), then the language part
 * (`de-AT` → `de`, `es_MX` → `es`), else English.
 */
export function shippedLocaleFor(tag?: string): ShippedLocale {
  if (!tag) return "en";
  const normalized = tag.toLowerCase();
  const language = normalized.split(/[-_]/)[0] ?? "";
  const known = SHIPPED_LOCALES as readonly string[];
  return (known.includes(normalized) ? normalized : known.includes(language) ? language : "en") as ShippedLocale;
}

/** The messages for a tag if they are loaded already (English always is), else undefined. */
export function getMessages(tag?: string): Messages | undefined {
  return loaded.get(shippedLocaleFor(tag));
}

/** Loads (once) and returns the messages for a tag; see shippedLocaleFor for the matching. */
export function loadMessages(tag?: string): Promise<Messages> {
  const locale = shippedLocaleFor(tag);
  const ready = loaded.get(locale);
  if (ready) return Promise.resolve(ready);
  let promise = loading.get(locale);
  if (!promise) {
    promise = loaders[locale as Exclude<ShippedLocale, "en">]().then(
      (messages) => {
        loaded.set(locale, messages);
        return messages;
      },
      (error: unknown) => {
        loading.delete(locale); // A failed chunk load may be retried.
        throw error;
      },
    );
    loading.set(locale, promise);
  }
  return promise;
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
