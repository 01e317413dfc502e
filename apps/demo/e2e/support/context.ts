/** What global-setup.ts hands to the tests (`inject("e2e")`). */
import { inject } from "vitest";

export interface E2eContext {
  /** The built demo under `vite preview`, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  baseUrl: string;
  /** A real authorization server (oidc-provider) that accepts `<baseUrl>/oauth/callback`. */
  oidc: { issuer: string; authorizeUri: string; tokenUri: string; clientId: string };
}

declare module "vitest" {
  export interface ProvidedContext {
    e2e: E2eContext;
  }
}

export function e2eContext(): E2eContext {
  return inject("e2e");
}
