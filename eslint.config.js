import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/dist/**",
      "**/storybook-static/**",
      "**/coverage/**",
      "**/test-results/**",
      "bench/results/**",
      "bench/.build/**",
      "apps/demo/public/mockServiceWorker.js",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-restricted-syntax": [
        "error",
        { selector: "CallExpression[callee.name='eval']", message: "No eval: formulas are compiled to closures." },
        { selector: "NewExpression[callee.name='Function']", message: "No new Function: formulas are compiled to closures." },
      ],
    },
  },
  {
    // The core is portable: browser globals only through injected ports.
    files: ["packages/auth-core/src/**/*.ts"],
    ignores: ["packages/auth-core/src/**/*.test.ts", "packages/auth-core/src/browser/**", "packages/auth-core/src/testing/**"],
    rules: {
      "no-restricted-globals": ["error", "window", "document", "localStorage", "sessionStorage", "navigator"],
    },
  },
);
