/**
 * The e2e project: Playwright (playwright-core + Debian's Chromium) against the built demo under
 * `vite preview`. Add it to the root vitest.config.ts `projects`; run it alone with
 * `npx vitest run --config apps/demo/e2e/vitest.config.e2e.ts`.
 */
import type { TestProjectInlineConfiguration } from "vitest/config";

export const e2eProject = {
  test: {
    name: "e2e",
    root: "apps/demo",
    environment: "node",
    include: ["e2e/**/*.e2e.ts"],
    // The standalone config's file name ends in .e2e.ts too.
    exclude: ["e2e/vitest.config.e2e.ts", "**/node_modules/**"],
    globalSetup: ["./e2e/global-setup.ts"],
    // One browser at a time: two cores, and every file drives a whole Chromium.
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // A browser test that fails is worth one more look, not a flaky CI: no retries, so flakes show.
    retry: 0,
  },
} satisfies TestProjectInlineConfiguration;

export default e2eProject;
