"use client";
import { useMemo } from "react";
import type { ClassNames } from "../internal/class-names.ts";
import { cx } from "../internal/class-names.ts";
import { rootProps, useUi } from "../internal/ui-context.tsx";
import type { UiProps } from "../internal/ui-context.tsx";
import { parseMarkdown } from "./markdown.ts";
import { renderBlocks } from "./render-markdown.tsx";

export type AuthDescriptionSlot = "root" | "link";

export interface AuthDescriptionProps extends UiProps {
  /** The option's description: a safe markdown subset (paragraphs, lists, **bold**, *em*, `code`, http(s) links). */
  children?: string | undefined;
  /** Alternative to children. */
  text?: string | undefined;
  id?: string;
  className?: string;
  classNames?: ClassNames<AuthDescriptionSlot>;
}

/**
 * Renders an auth option's description. Raw HTML is shown as text, never parsed; links open in a
 * new tab with `rel="noopener noreferrer"` and only http(s) URLs become links. Renders nothing for
 * an empty description.
 */
export function AuthDescription(props: AuthDescriptionProps) {
  const ui = useUi(props);
  const source = props.text ?? props.children ?? "";
  const blocks = useMemo(() => parseMarkdown(source), [source]);
  if (blocks.length === 0) return null;
  return (
    <div id={props.id} {...rootProps(ui, "pb-auth-description", cx(props.className, props.classNames?.root))}>
      {renderBlocks(blocks, {
        links: true,
        opensInNewTab: ui.messages.opensInNewTab,
        unstyled: ui.unstyled,
        ...(props.classNames?.link ? { linkClassName: props.classNames.link } : {}),
      })}
    </div>
  );
}
