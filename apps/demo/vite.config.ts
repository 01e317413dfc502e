import react from "@vitejs/plugin-react";
import { createServer, defineConfig } from "vite";
import type { Connect, Plugin, ViteDevServer } from "vite";
import type * as DemoServer from "./server/demo-server.ts";

/**
 * Mounts the demo's server side (server runtime + mock providers, see server/demo-server.ts)
 * into the dev and preview servers. The module is TypeScript importing workspace sources, so it
 * is loaded through Vite's SSR module loader rather than Node's.
 */
function plugboardDemoServer(): Plugin {
  let loader: ViteDevServer | undefined;
  async function middleware(server: ViteDevServer, csp: boolean): Promise<Connect.NextHandleFunction> {
    const mod = (await server.ssrLoadModule("/server/demo-server.ts")) as typeof DemoServer;
    return mod.createDemoMiddleware({ csp }) as unknown as Connect.NextHandleFunction;
  }
  return {
    name: "plugboard-demo-server",
    async configureServer(server) {
      // Dev mode injects inline scripts (React refresh), so the strict CSP applies to the built demo only.
      const handle = await middleware(server, false);
      server.middlewares.use(handle);
    },
    async configurePreviewServer(preview) {
      loader = await createServer({ configFile: false, root: import.meta.dirname, logLevel: "error", server: { middlewareMode: true, hmr: false }, appType: "custom" });
      const handle = await middleware(loader, true);
      preview.middlewares.use(handle);
      preview.httpServer.once("close", () => void loader?.close());
    },
  };
}

export default defineConfig({
  plugins: [react(), plugboardDemoServer()],
  server: { host: "127.0.0.1", port: 5173 },
  preview: { host: "127.0.0.1", port: 4173 },
  build: {
    rolldownOptions: {
      input: { main: "index.html", callback: "oauth/callback.html" },
    },
  },
});
