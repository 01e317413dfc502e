/**
 * `$firstName` / `$lastName`: split a full name the way the reference engine does (it uses the
 * `humanparser` rules, re-implemented here): salutations (`Dr.`) and suffixes (`Jr.`) are set
 * aside, `Last, First` is understood, and compound surnames (`van der Berg`) stay together.
 * A single word is a last name, so `$firstName` of "Cher" is undefined and `$lastName` is "Cher".
 */
import { strictNode, type FormulaCompiler } from "./node.ts";
import { toText } from "./values.ts";

const SALUTATIONS = new Set(["mr", "master", "mister", "mrs", "miss", "ms", "dr", "prof", "rev", "fr", "judge", "honorable", "hon", "tuan", "sr", "srta", "br", "pr", "mx", "sra"]);
const SUFFIXES = new Set(["i", "ii", "iii", "iv", "v", "senior", "junior", "jr", "sr", "phd", "apr", "rph", "pe", "md", "ma", "dmd", "cme", "qc", "kc"]);
const COMPOUND = new Set(["vere", "von", "van", "de", "del", "della", "der", "den", "di", "da", "pietro", "vanden", "du", "st.", "st", "la", "lo", "ter", "bin", "ibn", "te", "ten", "op", "ben", "al"]);

const bare = (word: string): string => word.toLowerCase().replace(/\./g, "");

export interface NameParts {
  firstName?: string;
  lastName?: string;
}

export function splitName(fullName: string): NameParts {
  const normalized = fullName
    .trim()
    .replace(/\b\s+(,\s+)\b/, "$1") // "Name , Jr" → "Name, Jr"
    .replace(/\b,\b/, ", "); // "Last,First" → "Last, First"
  // Words, with "quoted compound names" kept whole.
  const parts = (normalized.match(/[^\s"]+|"[^"]+"/g) ?? []).map((word) => (/^".*"$/.test(word) ? word.slice(1, -1) : word));
  if (parts.length === 0) return {};

  if (parts.length > 1 && SUFFIXES.has(bare(parts[parts.length - 1] as string))) {
    parts.pop();
    parts[parts.length - 1] = (parts[parts.length - 1] as string).replace(",", "");
  }

  const commaAt = parts.findIndex((word) => word.includes(","));
  if (commaAt !== -1) return splitLastNameFirst(parts, commaAt);

  let firstName: string | undefined;
  let lastName: string | undefined;
  if (parts.length > 1 && SALUTATIONS.has(bare(parts[0] as string))) {
    parts.shift();
    // "Dr. Smith": with a salutation, a single remaining word is the last name.
    if (parts.length === 1) lastName = parts.shift();
    else firstName = parts.shift();
  } else {
    firstName = parts.shift();
  }
  if (lastName === undefined) lastName = parts.pop() ?? "";
  // Words before the last name that are surname particles belong to it ("van der Berg").
  while (parts.length > 0 && COMPOUND.has(bare(parts[parts.length - 1] as string))) {
    lastName = `${parts.pop() as string} ${lastName}`;
  }
  return { firstName: firstName?.trim(), lastName: lastName.replace(",", "").trim() };
}

/** "Hearst Jr., William Randolph": everything up to the first comma is the last name. */
function splitLastNameFirst(parts: string[], commaAt: number): NameParts {
  const lastWords = parts.slice(0, commaAt);
  const atComma = (parts[commaAt] as string).replace(",", "");
  if (!SUFFIXES.has(bare(atComma))) lastWords.push(atComma);
  const rest = parts.slice(commaAt + 1);
  return { firstName: rest[0]?.trim(), lastName: lastWords.join(" ").trim() };
}

function nameText(value: unknown): string {
  return value === undefined || value === null ? "" : toText(value);
}

/** `$firstName: fullName`: undefined when the name has no last name (a single word). */
export const compileFirstName: FormulaCompiler = (arg, _formula, compile) =>
  strictNode(compile(arg), (value) => {
    const { firstName, lastName } = splitName(nameText(value));
    return lastName ? firstName : undefined;
  });

/** `$lastName: fullName`: the last name, or the only word when there is just one. */
export const compileLastName: FormulaCompiler = (arg, _formula, compile) =>
  strictNode(compile(arg), (value) => {
    const { firstName, lastName } = splitName(nameText(value));
    return lastName || firstName || undefined;
  });
