/** Proves each component-test project really runs the React it claims (19, and 18 via aliases). */
import { version } from "react";
import { version as domVersion } from "react-dom";
import { expect, inject, it } from "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    reactMajor: number;
  }
}

it("runs on the React major this project is configured for", () => {
  const major = inject("reactMajor");
  expect(version.split(".")[0]).toBe(String(major));
  expect(domVersion.split(".")[0]).toBe(String(major));
});
