import { cleanup, configure } from "@testing-library/react";
import { afterEach } from "vitest";

afterEach(() => {
  cleanup();
});

// jsdom has no CSS.escape; user-event needs it to walk radio groups with the arrow keys.
if (typeof window !== "undefined" && typeof window.CSS?.escape !== "function") {
  const escape = (value: string): string => value.replace(/[^a-zA-Z0-9_\u00a0-\uffff-]/g, (char) => `\\${char}`);
  Object.defineProperty(window, "CSS", { value: { ...window.CSS, escape }, configurable: true });
}

// The first lazy load of the form's code is transformed on demand, which can take more than the
// default second when many test files run in parallel.
configure({ asyncUtilTimeout: 5_000 });
