import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";

afterEach(() => {
  cleanup();
});

// jsdom has no CSS.escape; user-event needs it to walk radio groups with the arrow keys.
if (typeof window !== "undefined" && typeof window.CSS?.escape !== "function") {
  const escape = (value: string): string => value.replace(/[^a-zA-Z0-9_\u00a0-\uffff-]/g, (char) => `\\${char}`);
  Object.defineProperty(window, "CSS", { value: { ...window.CSS, escape }, configurable: true });
}
