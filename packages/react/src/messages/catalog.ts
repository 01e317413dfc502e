/**
 * Every shipped language at once, for tests and stories that compare against them. The package
 * entry does not export this (it would bundle every language); apps use loadMessages.
 */
import { de } from "./de.ts";
import { en } from "./en.ts";
import { es } from "./es.ts";
import { fr } from "./fr.ts";
import type { ShippedLocale } from "./index.ts";
import { ja } from "./ja.ts";
import type { Messages } from "./types.ts";

export const messagesByLocale: Record<ShippedLocale, Messages> = { en, de, fr, es, ja };
