import { defineConfig } from "vitest/config";

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
    ],
  },
});
