/** Finding and reading method files (`auth/<method-name>.<suffix>` or a slot's `filePath`). */
import type { HostFunction, ImplementationType, MethodName } from "../types.ts";
import { ANY_SUFFIXES, FILE_SUFFIXES, implementationTypeOfFile, METHOD_RULES } from "./rules.ts";

export interface FoundFile {
  /** The key under which the file was found in `options.files`. */
  path: string;
  content: string | HostFunction;
}

/** Looks a path up in `files`, tolerating a leading `./` or `/`. */
export function findFile(files: Record<string, string | HostFunction>, path: string): FoundFile | undefined {
  const bare = path.replace(/^\.?\//, "");
  for (const candidate of [path, bare, `./${bare}`]) {
    const content = Object.prototype.hasOwnProperty.call(files, candidate) ? files[candidate] : undefined;
    if (content !== undefined) return { path: candidate, content };
  }
  return undefined;
}

/** The documented file names for a method, in lookup order. */
export function conventionalPaths(method: MethodName, type?: ImplementationType): string[] {
  const suffixes = type === undefined || type === "not-supported" ? ANY_SUFFIXES : FILE_SUFFIXES[type];
  return METHOD_RULES[method].fileNames.flatMap((name) => suffixes.map((suffix) => `auth/${name}${suffix}`));
}

export function findConventionalFile(files: Record<string, string | HostFunction>, method: MethodName, type?: ImplementationType): FoundFile | undefined {
  for (const path of conventionalPaths(method, type)) {
    const found = findFile(files, path);
    if (found) return found;
  }
  return undefined;
}

/**
 * Whether reading `files` may parse YAML/JSON text: some file is text and not JavaScript by its
 * name (slots.ts `readFile` never parses a .js/.mjs/.cjs/.ts file nor a host function).
 */
export function hasTextFiles(files: Record<string, string | HostFunction>): boolean {
  return Object.entries(files).some(([path, content]) => typeof content === "string" && implementationTypeOfFile(path) !== "javascript");
}
