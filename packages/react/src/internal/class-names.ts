/** Class names for parts: our `pb-*` class (dropped when unstyled), then the host's slot class. */
export function cx(...parts: (string | false | null | undefined)[]): string | undefined {
  const joined = parts.filter(Boolean).join(" ");
  return joined === "" ? undefined : joined;
}

/** `pb-…` unless unstyled, plus the host's class for this slot. */
export function slot(unstyled: boolean, base: string, extra?: string): string | undefined {
  return cx(unstyled ? undefined : base, extra);
}

/** Slot class names a host can pass to a part (`classNames={{ root: "…", title: "…" }}`). */
export type ClassNames<Slot extends string> = Partial<Record<Slot, string>>;
