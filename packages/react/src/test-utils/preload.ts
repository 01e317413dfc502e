import { beforeAll } from "vitest";
import { preloadParameterForm } from "../parameter-form/lazy.ts";

/**
 * Loads the lazily imported form once per test file, before the tests: its first transform (RJSF
 * is inlined in the React 18 run) can take longer than a findBy timeout.
 */
export function preloadFormBeforeAll(): void {
  beforeAll(async () => {
    await preloadParameterForm();
  }, 120_000);
}
