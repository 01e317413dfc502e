"use client";
/**
 * Descriptions in connector schemas are short markdown. This renders a safe subset as React
 * elements (no HTML parsing): paragraphs, line breaks, `**bold**`, `*italic*`, `` `code` `` and
 * `[links](https://…)` (http(s) only, opened in a new tab).
 */
import { Fragment } from "react";
import type { ReactNode } from "react";
import { safeHttpUrl } from "../internal/safe-url.ts";

const INLINE = /\*\*(.+?)\*\*|`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)|(?<![\w*])\*(?!\s)(.+?)\*(?!\w)|(?<!\w)_(?!\s)(.+?)_(?!\w)/g;

function renderInline(text: string): ReactNode[] {
  const nodes: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    const start = match.index ?? 0;
    if (start > last) nodes.push(text.slice(last, start));
    // Keys only need to differ between siblings: the position does.
    nodes.push(renderMatch(match, nodes.length));
    last = start + match[0].length;
  }
  if (last < text.length) nodes.push(text.slice(last));
  return nodes;
}

/** The element for one match of INLINE. */
function renderMatch([, bold, code, linkText, href, em1, em2]: RegExpMatchArray, key: number): ReactNode {
  if (bold !== undefined) return <strong key={key}>{renderInline(bold)}</strong>;
  if (code !== undefined) return <code key={key}>{code}</code>;
  if (linkText === undefined) return <em key={key}>{renderInline(em1 ?? em2 ?? "")}</em>;
  const url = safeHttpUrl(href);
  return url ? (
    <a key={key} href={url} target="_blank" rel="noopener noreferrer">
      {linkText}
    </a>
  ) : (
    linkText
  );
}

/** Renders short markdown text as paragraphs. */
export function renderRichText(text: string): ReactNode[] {
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((paragraph, p) => (
      <p key={p}>
        {paragraph.split("\n").map((line, l) => (
          <Fragment key={l}>
            {l > 0 && <br />}
            {renderInline(line)}
          </Fragment>
        ))}
      </p>
    ));
}
