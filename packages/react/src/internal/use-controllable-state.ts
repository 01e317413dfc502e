import { useCallback, useEffect, useRef, useState } from "react";

/**
 * `value` / `defaultValue` / `onChange` in one hook (Radix `useControllableState`): controlled when
 * `value !== undefined`. Warns in development when a component switches between the two modes.
 */
export function useControllableState<T>(options: { value: T | undefined; defaultValue: T; component: string }): [T, (next: T) => void] {
  const controlled = options.value !== undefined;
  const [inner, setInner] = useState<T>(options.defaultValue);
  const wasControlled = useRef(controlled);
  useEffect(() => {
    if (wasControlled.current !== controlled && isDevelopment()) {
      console.warn(
        `${options.component} switched from ${wasControlled.current ? "controlled" : "uncontrolled"} to ${controlled ? "controlled" : "uncontrolled"}. ` +
          "Pick one for the component's lifetime: `value` (use null for no selection) or `defaultValue`.",
      );
    }
    wasControlled.current = controlled;
  }, [controlled, options.component]);
  const set = useCallback((next: T) => {
    if (!controlled) setInner(next);
  }, [controlled]);
  return [controlled ? (options.value as T) : inner, set];
}

function isDevelopment(): boolean {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.NODE_ENV !== "production";
}
