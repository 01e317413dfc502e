/** Runs only the e2e project: `npx vitest run --config apps/demo/e2e/vitest.config.e2e.ts` (from the repo root). */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { e2eProject } from "./vitest.project.ts";

export default defineConfig({
  // The project's `root` is relative to the repository root, wherever vitest was started.
  root: fileURLToPath(new URL("../../..", import.meta.url)),
  test: {
    projects: [e2eProject],
  },
});
