/** YAML/JSON text → value, with JSON pointer → line/column lookup for messages. */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import type { Node } from "yaml";
import type { Issue } from "../errors.ts";
import { parsePointer } from "../schema/pointer.ts";

export interface Position {
  line: number;
  column: number;
}

export interface ParsedText {
  /** The parsed value; `undefined` when the text has syntax errors. */
  value: unknown;
  /** Syntax errors, each with line/column (and `file` when given). */
  issues: Issue[];
  /** Where `pointer` is in the text: the key of the property (or the item), else the nearest existing ancestor. */
  locate(pointer: string): Position | undefined;
}

/** Reads spec text and method files; `parseText` below (passed around so the spec code needs no static `yaml` import). */
export type TextParser = (text: string, file?: string) => ParsedText;

/** Parses YAML 1.2 (which also reads JSON). */
export function parseText(text: string, file?: string): ParsedText {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const position = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const issues: Issue[] = doc.errors.map((error) => ({
    path: "",
    code: "syntax_error",
    message: `${file ?? "The spec"} is not valid YAML or JSON: ${error.message}${hintFor(error.code)}`,
    ...position(error.pos[0]),
    ...(file === undefined ? {} : { file }),
  }));
  const value = issues.length > 0 ? undefined : doc.toJS({ maxAliasCount: 1000 });
  const locate = (pointer: string): Position | undefined => {
    const offset = locateOffset(doc.contents, parsePointer(pointer));
    return offset === undefined ? undefined : position(offset);
  };
  return { value, issues, locate };
}

function locateOffset(root: unknown, tokens: string[]): number | undefined {
  let node: unknown = root;
  let offset = rangeStart(root);
  for (const token of tokens) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && keyText(item.key) === token);
      if (!pair) break;
      offset = rangeStart(pair.key) ?? rangeStart(pair.value) ?? offset;
      node = pair.value;
    } else if (isSeq(node)) {
      const item: unknown = node.items[Number(token)];
      if (!/^\d+$/.test(token) || item === undefined) break;
      offset = rangeStart(item) ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset;
}

function keyText(key: unknown): string | undefined {
  return isScalar(key) ? String(key.value) : undefined;
}

function rangeStart(node: unknown): number | undefined {
  return (node as Node | null | undefined)?.range?.[0];
}

function hintFor(code: string): string {
  if (code === "DUPLICATE_KEY") return " (each key may appear only once in a mapping)";
  if (code === "BAD_INDENT" || code === "BLOCK_AS_IMPLICIT_KEY") return " (check the indentation)";
  return "";
}
