import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** apps/demo/test-results/ (gitignored). */
export const TEST_RESULTS_DIR = fileURLToPath(new URL("../../test-results/", import.meta.url));

/** Where the connected-state screenshots go for review: `<key>-<runtime>.png`. */
export function screenshotPath(name: string): string {
  const dir = fileURLToPath(new URL("../../test-results/screenshots/", import.meta.url));
  mkdirSync(dir, { recursive: true });
  return `${dir}${name}.png`;
}
