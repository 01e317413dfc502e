/** How connector code is shaped (ES module or CommonJS) and how it is wrapped for QuickJS. */

export type ModuleKind = "module" | "commonjs";

/**
 * Top-level `import x from` / `import {` / `import "` / `export ...` at the start of a line.
 * Dynamic `import(...)` and `import.meta` do not make a file an ES module.
 */
const ESM_SYNTAX = /(?:^|[\n;])[ \t]*(?:import[ \t]*(?:[\w$*{]|["'])|export[ \t]*(?:[{*]|default\b|async\b|function\b|class\b|const\b|let\b|var\b))/;

export function detectModuleKind(code: string): ModuleKind {
  return ESM_SYNTAX.test(stripComments(code)) ? "module" : "commonjs";
}

/** Removes comments well enough for detection (a commented-out `export` must not count). */
function stripComments(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\//g, " ").replace(/(^|[^:\\])\/\/[^\n]*/g, "$1");
}

/**
 * CommonJS files are wrapped in a function, like Node does. The code starts on the wrapper's
 * line so line numbers in stack traces stay right (only line 1 columns shift, see below).
 */
export const COMMONJS_PREFIX = "(function (exports, require, module, __filename, __dirname) {";

export function wrapCommonJs(code: string): string {
  return `${COMMONJS_PREFIX}${stripHashbang(code)}\n})`;
}

/** A `#!` line is only legal at the very start of a script, not inside the wrapper function. */
function stripHashbang(code: string): string {
  return code.startsWith("#!") ? `//${code.slice(2)}` : code;
}

export interface SourcePosition {
  line: number;
  column: number;
}

/** Finds the first stack frame in `filePath` (QuickJS frames look like `at fn (file:3:11)` or `at file:3:11`). */
export function positionInStack(stack: string | undefined, filePath: string, kind: ModuleKind): SourcePosition | undefined {
  if (!stack) return undefined;
  for (const frame of stack.split("\n")) {
    const text = frame.trim();
    const match = /\((.+):(\d+):(\d+)\)$/.exec(text) ?? /^at (.+):(\d+):(\d+)$/.exec(text);
    if (!match || match[1] !== filePath) continue;
    const line = Number(match[2]);
    let column = Number(match[3]);
    if (kind === "commonjs" && line === 1) column = Math.max(1, column - COMMONJS_PREFIX.length);
    return { line, column };
  }
  return undefined;
}

/** Drops frames of Plugboard's own guest helpers from a guest stack trace. */
export function cleanStack(stack: string | undefined): string | undefined {
  if (!stack) return undefined;
  const lines = stack.split("\n").filter((line) => line.trim() !== "" && !line.includes("plugboard:"));
  return lines.length > 0 ? lines.join("\n") : undefined;
}
