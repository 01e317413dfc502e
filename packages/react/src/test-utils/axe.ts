import axe from "axe-core";
import { expect } from "vitest";

/** Runs axe on a rendered container and fails with a readable list of violations. */
export async function expectNoAxeViolations(container: Element): Promise<void> {
  const results = await axe.run(container, { resultTypes: ["violations"] });
  const summary = results.violations.map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
  expect(summary).toEqual([]);
}
