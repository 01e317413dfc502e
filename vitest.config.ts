import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";
import { e2eProject } from "./apps/demo/e2e/vitest.project.ts";
import { storybookProject } from "./.storybook/vitest.project.ts";

const react18 = (path: string) => fileURLToPath(new URL(`./tools/react-18/node_modules/${path}`, import.meta.url));

const reactProject = (name: string, alias: Record<string, string> = {}) => ({
  plugins: [react()],
  resolve: { alias, ...(name === "react-18" ? { mainFields: ["module", "main"] } : {}) },
  test: {
    name,
    root: "packages/react",
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["./src/test-setup.ts"],
    testTimeout: 20_000,
    provide: { reactMajor: name === "react-18" ? 18 : 19 },
    // React 18 run: libraries that import react must go through the aliases too.
    ...(name === "react-18" ? { server: { deps: { inline: [/@testing-library\/react/, /@rjsf\//, /markdown-to-jsx/] } } } : {}),
  },
});

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "auth-core",
          root: "packages/auth-core",
          environment: "node",
          include: ["src/**/*.test.ts"],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: "connectors",
          root: "packages/connectors",
          environment: "node",
          include: ["src/**/*.test.ts"],
          testTimeout: 20_000,
        },
      },
      reactProject("react"),
      // The same component tests once on React 18 (the peer range is ^18.2 || ^19).
      reactProject("react-18", {
        "react-dom/client": react18("react-dom/client.js"),
        "react-dom/server": react18("react-dom/server.node.js"),
        "react-dom/test-utils": react18("react-dom/test-utils.js"),
        "react-dom": react18("react-dom/index.js"),
        "react/jsx-runtime": react18("react/jsx-runtime.js"),
        "react/jsx-dev-runtime": react18("react/jsx-dev-runtime.js"),
        react: react18("react/index.js"),
      }),
      // Real Chromium: every story with its play function and the a11y check, then the built demo.
      storybookProject,
      e2eProject,
    ],
  },
});
