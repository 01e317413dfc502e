"use client";
import type { ReactNode } from "react";
import { slot } from "../internal/class-names.ts";
import type { MarkdownBlock, MarkdownInline } from "./markdown.ts";

export interface RenderInlineOptions {
  /** Render links as anchors (new tab, no opener); false renders their text only. */
  links: boolean;
  opensInNewTab: string;
  unstyled: boolean;
  linkClassName?: string;
}

export function renderInline(nodes: MarkdownInline[], options: RenderInlineOptions): ReactNode[] {
  return nodes.map((node, index) => {
    switch (node.type) {
      case "text":
        return node.text;
      case "code":
        return <code key={index}>{node.text}</code>;
      case "strong":
        return <strong key={index}>{renderInline(node.children, options)}</strong>;
      case "em":
        return <em key={index}>{renderInline(node.children, options)}</em>;
      case "link":
        if (!options.links) return <span key={index}>{renderInline(node.children, options)}</span>;
        return (
          <a key={index} href={node.href} target="_blank" rel="noopener noreferrer" className={slot(options.unstyled, "pb-link", options.linkClassName)}>
            {renderInline(node.children, options)}
            <span className="pb-visually-hidden">{` ${options.opensInNewTab}`}</span>
          </a>
        );
      default:
        node satisfies never;
        return null;
    }
  });
}

export function renderBlocks(blocks: MarkdownBlock[], options: RenderInlineOptions): ReactNode[] {
  return blocks.map((block, index) => {
    if (block.type === "paragraph") return <p key={index}>{renderInline(block.children, options)}</p>;
    const items = block.items.map((item, itemIndex) => <li key={itemIndex}>{renderInline(item, options)}</li>);
    return block.ordered ? <ol key={index}>{items}</ol> : <ul key={index}>{items}</ul>;
  });
}
