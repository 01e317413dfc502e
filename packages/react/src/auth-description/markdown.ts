/**
 * A deliberately small markdown subset for option descriptions: paragraphs, `-`/`*`/`1.` lists,
 * **bold**, *em* / _em_, `code`, [links](https://…). Everything else is text: raw HTML stays
 * literal (React escapes it), and links whose URL is not http(s) keep their text but lose the link.
 * The output is data; rendering turns it into React elements (never innerHTML).
 */
import { safeHttpUrl } from "../internal/safe-url.ts";

export type MarkdownInline =
  | { type: "text"; text: string }
  | { type: "strong"; children: MarkdownInline[] }
  | { type: "em"; children: MarkdownInline[] }
  | { type: "code"; text: string }
  | { type: "link"; href: string; children: MarkdownInline[] };

export type MarkdownBlock =
  | { type: "paragraph"; children: MarkdownInline[] }
  | { type: "list"; ordered: boolean; items: MarkdownInline[][] };

const BULLET = /^\s{0,3}[-*+]\s+(.*)$/;
const NUMBERED = /^\s{0,3}\d{1,9}[.)]\s+(.*)$/;
const HEADING = /^\s{0,3}#{1,6}\s+/;
const MAX_DEPTH = 8;

export function parseMarkdown(source: string): MarkdownBlock[] {
  const blocks: MarkdownBlock[] = [];
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: string[] } | undefined;

  const flushParagraph = (): void => {
    if (paragraph.length > 0) blocks.push({ type: "paragraph", children: parseInline(paragraph.join(" ")) });
    paragraph = [];
  };
  const flushList = (): void => {
    if (list) blocks.push({ type: "list", ordered: list.ordered, items: list.items.map((item) => parseInline(item)) });
    list = undefined;
  };

  for (const rawLine of source.replace(/\r\n?/g, "\n").split("\n")) {
    const line = rawLine.trimEnd();
    if (line.trim() === "") {
      flushParagraph();
      flushList();
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    if (bullet || numbered) {
      const ordered = Boolean(numbered);
      flushParagraph();
      if (list && list.ordered !== ordered) flushList();
      list ??= { ordered, items: [] };
      list.items.push((bullet ?? numbered)![1]!.trim());
      continue;
    }
    if (list && /^\s+/.test(line)) {
      // An indented line continues the current list item.
      list.items[list.items.length - 1] += ` ${line.trim()}`;
      continue;
    }
    flushList();
    paragraph.push(line.replace(HEADING, "").trim());
  }
  flushParagraph();
  flushList();
  return blocks;
}

export function parseInline(text: string, depth = 0): MarkdownInline[] {
  const out: MarkdownInline[] = [];
  let buffer = "";
  const pushText = (): void => {
    if (buffer !== "") out.push({ type: "text", text: buffer });
    buffer = "";
  };
  let index = 0;
  while (index < text.length) {
    const char = text[index]!;
    if (char === "\\" && index + 1 < text.length && /[\\`*_[\]()#+\-.!<>]/.test(text[index + 1]!)) {
      buffer += text[index + 1];
      index += 2;
      continue;
    }
    if (depth < MAX_DEPTH) {
      const token = readToken(text, index, depth);
      if (token) {
        pushText();
        out.push(token.node);
        index = token.end;
        continue;
      }
    }
    buffer += char;
    index += 1;
  }
  pushText();
  return out;
}

function readToken(text: string, index: number, depth: number): { node: MarkdownInline; end: number } | undefined {
  const char = text[index];
  if (char === "`") {
    const close = text.indexOf("`", index + 1);
    if (close > index + 1) return { node: { type: "code", text: text.slice(index + 1, close) }, end: close + 1 };
    return undefined;
  }
  if (text.startsWith("**", index) || text.startsWith("__", index)) {
    const marker = text.slice(index, index + 2);
    const close = text.indexOf(marker, index + 2);
    if (close > index + 2 && !/\s/.test(text[index + 2]!)) {
      return { node: { type: "strong", children: parseInline(text.slice(index + 2, close), depth + 1) }, end: close + 2 };
    }
    return undefined;
  }
  if (char === "*" || char === "_") {
    // `_` only at word boundaries, so snake_case stays text.
    if (char === "_" && index > 0 && /\w/.test(text[index - 1]!)) return undefined;
    for (let close = text.indexOf(char, index + 1); close !== -1; close = text.indexOf(char, close + 1)) {
      if (text[close + 1] === char || text[close - 1] === char) continue;
      if (char === "_" && close + 1 < text.length && /\w/.test(text[close + 1]!)) continue;
      if (close === index + 1 || /\s/.test(text[index + 1]!)) return undefined;
      return { node: { type: "em", children: parseInline(text.slice(index + 1, close), depth + 1) }, end: close + 1 };
    }
    return undefined;
  }
  if (char === "[") {
    const labelEnd = findClosing(text, index, "[", "]");
    if (labelEnd === -1 || text[labelEnd + 1] !== "(") return undefined;
    const urlEnd = findClosing(text, labelEnd + 1, "(", ")");
    if (urlEnd === -1) return undefined;
    const children = parseInline(text.slice(index + 1, labelEnd), depth + 1);
    const rawUrl = text.slice(labelEnd + 2, urlEnd).trim().split(/\s+/)[0] ?? "";
    const href = safeHttpUrl(rawUrl.replace(/^<|>$/g, ""));
    // An unsafe link (javascript:, data:, relative…) keeps its text only.
    return href ? { node: { type: "link", href, children }, end: urlEnd + 1 } : { node: { type: "text", text: plainText(children) }, end: urlEnd + 1 };
  }
  return undefined;
}

function findClosing(text: string, open: number, opening: string, closing: string): number {
  let level = 0;
  for (let index = open; index < text.length; index++) {
    const char = text[index];
    if (char === "\\") {
      index++;
      continue;
    }
    if (char === opening) level++;
    else if (char === closing && --level === 0) return index;
  }
  return -1;
}

/** The text of inline nodes, without any markup. */
export function plainText(nodes: MarkdownInline[]): string {
  return nodes.map((node) => (node.type === "text" || node.type === "code" ? node.text : plainText(node.children))).join("");
}
