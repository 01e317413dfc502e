import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

const reactProject = (name: string, alias: Record<string, string> = {}) => ({
  plugins: [react()],
  resolve: { alias },
  test: {
    name,
    root: "packages/react",
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["./src/test-setup.ts"],
    testTimeout: 20_000,
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
        "react-dom/client": "react-dom-18/client",
        "react-dom/server": "react-dom-18/server",
        "react-dom/test-utils": "react-dom-18/test-utils",
        "react-dom": "react-dom-18",
        "react/jsx-runtime": "react-18/jsx-runtime",
        "react/jsx-dev-runtime": "react-18/jsx-dev-runtime",
        react: "react-18",
      }),
    ],
  },
});
