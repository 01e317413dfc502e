"use client";
/**
 * Settings a ConnectWidget hands down to its parts (messages, locale, theme, unstyled), so parts
 * used inside it need no props, and parts used alone still work with their own props.
 */
import { createContext, useContext, useEffect, useMemo, useState } from "react";
import { englishMessages, getMessages, loadMessages, mergeMessages } from "../messages/index.ts";
import type { Messages, MessagesOverride } from "../messages/index.ts";
import { cx } from "./class-names.ts";

export type Theme = "light" | "dark" | "auto";

/** Props every part accepts for language and look. */
export interface UiProps {
  /** Overrides merged over the locale's messages. */
  messages?: MessagesOverride;
  /** BCP 47 tag: picks the shipped messages (en, de, fr, es, ja) and formats dates. Default "en". */
  locale?: string;
  /** "light" (default), "dark", or "auto" (follows prefers-color-scheme). */
  theme?: Theme;
  /** Drop every `pb-*` class (slot class names are kept). */
  unstyled?: boolean;
}

export interface UiSettings {
  messages: Messages;
  /** False while the locale's messages load (`messages` is English meanwhile). */
  ready: boolean;
  locale: string;
  theme: Theme;
  unstyled: boolean;
}

const UiContext = createContext<UiSettings | undefined>(undefined);

export const UiProvider = UiContext.Provider;

/** Explicit props win over the enclosing widget's settings, which win over the defaults. */
export function useUi(props: UiProps): UiSettings & { nested: boolean } {
  const parent = useContext(UiContext);
  const locale = props.locale ?? parent?.locale ?? "en";
  const theme = props.theme ?? parent?.theme ?? "light";
  const unstyled = props.unstyled ?? parent?.unstyled ?? false;
  const override = props.messages;
  const inherited = parent && props.locale === undefined ? parent : undefined;
  const shipped = useShippedMessages(inherited ? undefined : locale);
  const base = inherited ? inherited.messages : shipped.messages;
  const messages = useMemo(() => mergeMessages(base, override), [base, override]);
  return { messages, ready: inherited ? inherited.ready : shipped.ready, locale, theme, unstyled, nested: parent !== undefined };
}

/**
 * The shipped messages for a locale, loading them when needed. Meanwhile (and if loading fails,
 * e.g. the chunk is unreachable) English stands in; `ready` says whether the wait is over.
 */
function useShippedMessages(locale: string | undefined): { messages: Messages; ready: boolean } {
  const available = locale === undefined ? englishMessages : getMessages(locale);
  const [failed, setFailed] = useState<string | undefined>(undefined);
  const [, setLoaded] = useState(0);
  useEffect(() => {
    if (available || locale === undefined) return;
    let current = true;
    loadMessages(locale).then(
      () => current && setLoaded((count) => count + 1),
      () => current && setFailed(locale),
    );
    return () => {
      current = false;
    };
  }, [available, locale]);
  return available ? { messages: available, ready: true } : { messages: englishMessages, ready: failed === locale };
}

/**
 * Root attributes of a part: its class, and, when it is not inside a widget, the `pb-scope` class
 * that carries the theme's custom properties plus `data-theme`.
 */
export function rootProps(ui: UiSettings & { nested: boolean }, base: string, className?: string): { className?: string; "data-theme"?: Theme } {
  const scoped = !ui.nested;
  return {
    className: cx(ui.unstyled ? undefined : base, scoped && !ui.unstyled ? "pb-scope" : undefined, className),
    ...(scoped ? { "data-theme": ui.theme } : {}),
  };
}
