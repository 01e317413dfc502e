import type { StorybookConfig } from "@storybook/react-vite";

const config: StorybookConfig = {
  stories: ["../packages/react/src/**/*.stories.@(ts|tsx)", "../packages/react/src/**/*.mdx"],
  addons: ["@storybook/addon-docs", "@storybook/addon-a11y", "@storybook/addon-vitest", "msw-storybook-addon"],
  framework: { name: "@storybook/react-vite", options: {} },
  // The MSW service worker (mockServiceWorker.js) lives with the demo's static files.
  staticDirs: ["../apps/demo/public"],
  core: { disableTelemetry: true },
};

export default config;
