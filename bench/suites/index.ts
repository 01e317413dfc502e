/** The suites, in the order `pnpm bench` runs them (cheap and CPU-bound first, the browser last). */
import type { Suite } from "../lib/types.ts";

export const SUITE_NAMES = ["formulas", "oauth1", "api-client", "refresh-storm", "size", "form"] as const;
export type SuiteName = (typeof SUITE_NAMES)[number];

/** Loaded on demand, so `pnpm bench formulas` does not import playwright or esbuild. */
export async function loadSuite(name: SuiteName): Promise<Suite> {
  switch (name) {
    case "formulas":
      return (await import("./formulas.ts")).formulasSuite;
    case "oauth1":
      return (await import("./oauth1.ts")).oauth1Suite;
    case "api-client":
      return (await import("./api-client.ts")).apiClientSuite;
    case "refresh-storm":
      return (await import("./refresh-storm.ts")).refreshStormSuite;
    case "size":
      return (await import("./size.ts")).sizeSuite;
    case "form":
      return (await import("./form.ts")).formSuite;
  }
}

export function isSuiteName(name: string): name is SuiteName {
  return (SUITE_NAMES as readonly string[]).includes(name);
}
