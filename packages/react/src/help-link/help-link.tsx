"use client";
import type { ReactNode } from "react";
import { cx } from "../internal/class-names.ts";
import { safeHttpUrl } from "../internal/safe-url.ts";
import { rootProps, useUi } from "../internal/ui-context.tsx";
import type { UiProps } from "../internal/ui-context.tsx";

export interface HelpLinkProps extends UiProps {
  /** The option's `helpUri`. Anything but an absolute http(s) URL renders nothing. */
  href: string | undefined;
  /** Link text; default `messages.helpLink`. */
  children?: ReactNode;
  className?: string;
}

/** A documentation link that opens in a new tab, announced as such to screen readers. */
export function HelpLink(props: HelpLinkProps) {
  const ui = useUi(props);
  const href = safeHttpUrl(props.href);
  if (!href) return null;
  const root = rootProps(ui, "pb-help-link", props.className);
  return (
    <a {...root} className={cx(root.className, ui.unstyled ? undefined : "pb-link")} href={href} target="_blank" rel="noopener noreferrer">
      {props.children ?? ui.messages.helpLink}
      <span className="pb-visually-hidden">{` ${ui.messages.opensInNewTab}`}</span>
    </a>
  );
}
