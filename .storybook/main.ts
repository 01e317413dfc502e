import { fileURLToPath } from "node:url";
import type { StorybookConfig } from "@storybook/react-vite";

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

const config: StorybookConfig = {
  stories: ["../packages/react/src/**/*.stories.@(ts|tsx)", "../packages/react/src/**/*.mdx"],
  addons: ["@storybook/addon-docs", "@storybook/addon-a11y", "@storybook/addon-vitest", "msw-storybook-addon"],
  framework: { name: "@storybook/react-vite", options: { strictMode: true } },
  // The MSW service worker (mockServiceWorker.js) lives with the demo's static files.
  staticDirs: ["../apps/demo/public"],
  core: { disableTelemetry: true },
  // The workspace packages are not linked at the root (only inside the packages that depend on
  // them), so the preview and the stories reach them by path. One path per module: the mock
  // providers are stateful, and the stories, the preview's MSW worker and the fake popup must share
  // one instance of them.
  viteFinal: (viteConfig) => ({
    ...viteConfig,
    resolve: {
      ...viteConfig.resolve,
      alias: [
        ...toAliasArray(viteConfig.resolve?.alias),
        { find: /^@plugboard\/connectors$/, replacement: here("../packages/connectors/src/index.ts") },
        { find: /^@plugboard\/react\/theme\.css$/, replacement: here("../packages/react/src/theme.css") },
        { find: /^@plugboard\/react$/, replacement: here("../packages/react/src/index.ts") },
      ],
    },
  }),
};

type Alias = { find: string | RegExp; replacement: string };

function toAliasArray(alias: unknown): Alias[] {
  if (!alias) return [];
  if (Array.isArray(alias)) return alias as Alias[];
  return Object.entries(alias as Record<string, string>).map(([find, replacement]) => ({ find, replacement }));
}

export default config;
