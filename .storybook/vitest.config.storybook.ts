/** Runs only the stories: `npx vitest run --config .storybook/vitest.config.storybook.ts` (from the repo root). */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { storybookProject } from "./vitest.project.ts";

export default defineConfig({
  root: fileURLToPath(new URL("..", import.meta.url)),
  test: {
    projects: [storybookProject],
  },
});
