// The harness's typings for the untyped oidc-provider package live next to it (auth-core's test tsconfig includes them; apps/demo's doesn't).
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../../../packages/auth-core/src/testing/oidc-provider-module.d.ts" />
/**
 * Builds the demo, serves the build with `vite preview` (the strict CSP on, the server runtime and
 * the mock providers mounted by the demo's own Vite plugin) on a free 127.0.0.1 port, and starts a
 * real OAuth 2.0 authorization server (oidc-provider) whose redirect URI is the demo's callback page.
 */
import { rm } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { build, preview } from "vite";
import type { Plugin, PreviewServer } from "vite";
import type { TestProject } from "vitest/node";
import { startOidcTestServer } from "../../../packages/auth-core/src/testing/oidc-provider.ts";
import type { OidcTestServer } from "../../../packages/auth-core/src/testing/oidc-provider.ts";
import type { E2eContext } from "./support/context.ts";
import { CONNECT_SRC_COOKIE, withConnectSrc } from "./support/csp.ts";

const demoRoot = fileURLToPath(new URL("..", import.meta.url));
const configFile = fileURLToPath(new URL("../vite.config.ts", import.meta.url));
/** Its own build directory (gitignored), so a developer's `dist/` is never overwritten mid-run. */
const outDir = fileURLToPath(new URL("../test-results/e2e-dist", import.meta.url));

/**
 * Runs after the demo's own middleware set the strict CSP: in a context that carries the
 * CONNECT_SRC_COOKIE (the oidc-provider test only), lets the page and the MSW worker fetch the
 * real authorization server. Responses stay real (a route-fulfilled document would lose its
 * loopback address and trip Chromium's local-network-access checks).
 */
function connectSrcForOidcTests(issuer: () => string | undefined): Plugin {
  return {
    name: "plugboard-e2e-connect-src",
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        const origin = issuer();
        const wanted = new RegExp(`(?:^|;\\s*)${CONNECT_SRC_COOKIE}=oidc(?:;|$)`).test(req.headers.cookie ?? "");
        const policy = res.getHeader("content-security-policy");
        if (origin && wanted && typeof policy === "string") res.setHeader("content-security-policy", withConnectSrc(policy, [origin]));
        next();
      });
    },
  };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = performance.now();
  // Vite's build reads NODE_ENV; vitest sets "test", which would build React's development bundle.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({ configFile, root: demoRoot, mode: "production", logLevel: "warn", build: { outDir, emptyOutDir: true } });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  const built = performance.now();

  let server: PreviewServer | undefined;
  let oidc: OidcTestServer | undefined;
  try {
    server = await preview({
      configFile,
      root: demoRoot,
      logLevel: "warn",
      build: { outDir },
      plugins: [connectSrcForOidcTests(() => oidc?.issuer)],
      preview: { host: "127.0.0.1", port: 0, strictPort: false, open: false },
    });
    const address = server.httpServer.address();
    if (!address || typeof address === "string") throw new Error("vite preview did not report a TCP address");
    const baseUrl = `http://127.0.0.1:${address.port}`;
    oidc = await startOidcTestServer({ redirectUris: [`${baseUrl}/oauth/callback`], accessTokenTtlSeconds: 600 });
    const context: E2eContext = {
      baseUrl,
      oidc: { issuer: oidc.issuer, authorizeUri: oidc.authorizeUri, tokenUri: oidc.tokenUri, clientId: oidc.clients.publicClient.clientId },
    };
    project.provide("e2e", context);
    console.info(`[e2e] demo built in ${Math.round(built - started)} ms, preview at ${baseUrl}, oidc-provider at ${oidc.issuer}`);
  } catch (error) {
    await oidc?.close();
    await server?.close();
    throw error;
  }

  return async () => {
    await oidc?.close();
    await server?.close();
    await rm(outDir, { recursive: true, force: true });
  };
}
