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

function renderInline(text: string, keyPrefix: string): ReactNode[] {
  const nodes: ReactNode[] = [];
  let last = 0;
  let index = 0;
  for (const match of text.matchAll(INLINE)) {
    const start = match.index ?? 0;
    if (start > last) nodes.push(text.slice(last, start));
    const key = `${keyPrefix}-${index++}`;
    const [, bold, code, linkText, href, em1, em2] = match;
    if (bold !== undefined) nodes.push(<strong key={key}>{renderInline(bold, key)}</strong>);
    else if (code !== undefined) nodes.push(<code key={key}>{code}</code>);
    else if (linkText !== undefined) {
      const url = safeHttpUrl(href);
      nodes.push(
        url ? (
          <a key={key} href={url} target="_blank" rel="noopener noreferrer">
            {linkText}
          </a>
        ) : (
          linkText
        ),
      );
    } else nodes.push(<em key={key}>{renderInline(em1 ?? em2 ?? "", key)}</em>);
    last = start + match[0].length;
  }
  if (last < text.length) nodes.push(text.slice(last));
  return nodes;
}

/** Renders short markdown text as paragraphs. */
export function RichText({ text }: { text: string }) {
  const paragraphs = text.trim().split(/\n\s*\n/);
  return (
    <>
      {paragraphs.map((paragraph, p) => (
        <p key={p}>
          {paragraph.split("\n").map((line, l) => (
            <Fragment key={l}>
              {l > 0 && <br />}
              {renderInline(line, `${p}-${l}`)}
            </Fragment>
          ))}
        </p>
      ))}
    </>
  );
}
