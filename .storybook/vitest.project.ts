/**
 * The Storybook stories as Vitest tests (@storybook/addon-vitest): every story renders in headless
 * Chromium, runs its play function, and fails on any axe violation (`a11y.test: "error"`).
 * Add it to the root vitest.config.ts as one of `test.projects`; run it alone with
 * `npx vitest run --config .storybook/vitest.config.storybook.ts`.
 */
import { fileURLToPath } from "node:url";
import { storybookTest } from "@storybook/addon-vitest/vitest-plugin";
import { playwright } from "@vitest/browser-playwright";
import type { TestProjectInlineConfiguration } from "vitest/config";

const configDir = fileURLToPath(new URL(".", import.meta.url));

export const storybookProject = {
  extends: true,
  plugins: [storybookTest({ configDir })],
  test: {
    name: "storybook",
    isolate: false,
    browser: {
      enabled: true,
      headless: true,
      provider: playwright({
        launchOptions: {
          // Debian's Chromium (apt-get install -y chromium); Playwright downloads no browser.
          executablePath: "/usr/bin/chromium",
          args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
        },
      }),
      instances: [{ browser: "chromium" }],
    },
  },
} satisfies TestProjectInlineConfiguration;

export default storybookProject;
