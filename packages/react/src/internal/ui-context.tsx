"use client";
/**
 * Settings a ConnectWidget hands down to its parts (messages, locale, theme, unstyled), so parts
 * used inside it need no props, and parts used alone still work with their own props.
 */
import { createContext, useContext, useMemo } from "react";
import { getMessages, mergeMessages } from "../messages/index.ts";
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
  const base = parent && props.locale === undefined ? parent.messages : getMessages(locale);
  const messages = useMemo(() => mergeMessages(base, override), [base, override]);
  return { messages, locale, theme, unstyled, nested: parent !== undefined };
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
