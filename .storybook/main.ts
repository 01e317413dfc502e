import { fileURLToPath } from "node:url";
import type { StorybookConfig } from "@storybook/react-vite";

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

const config: StorybookConfig = {
  stories: ["../packages/react/src/**/*.stories.@(ts|tsx)"],
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
    build: {
      ...viteConfig.build,
      // The preview bundle holds React, RJSF, QuickJS and the mock providers: large by nature.
      chunkSizeWarningLimit: 2_500,
      rolldownOptions: {
        ...viteConfig.build?.rolldownOptions,
        // Our components (and RJSF's) start with "use client" for React Server Components hosts;
        // a client-only bundle drops the directive on purpose.
        onwarn(warning, defaultHandler) {
          if (warning.code === "MODULE_LEVEL_DIRECTIVE") return;
          const previous = viteConfig.build?.rolldownOptions?.onwarn;
          if (previous) previous(warning, defaultHandler);
          else defaultHandler(warning);
        },
      },
    },
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
