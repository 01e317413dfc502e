#!/usr/bin/env node
// Launcher for `pnpm bench` / `pnpm bench:check`. Workspace packages export TypeScript sources and
// import `*.yml?raw` files, so the bench entry (run.ts or check.ts) is bundled on the fly with
// esbuild: our own TypeScript (bench + workspace packages) is bundled, every file under
// node_modules stays external (imported by absolute path, so pnpm's strict layout still resolves),
// `?raw` imports become strings. Then the bundle runs in this Node process.
//
//   node bench/main.mjs run [suite…]     all suites, or the named ones (size, formulas, oauth1, …)
//   node bench/main.mjs check            deterministic budgets only (CI)
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as esbuild from "esbuild";

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const [command = "run", ...args] = process.argv.slice(2);
const entries = { run: "run.ts", check: "check.ts" };
if (!(command in entries)) {
  console.error(`Unknown command "${command}". Use: node bench/main.mjs run [suite…] | check`);
  process.exit(2);
}

/** `import text from "./file.yml?raw"` → the file's text. */
const rawPlugin = {
  name: "raw",
  setup(build) {
    build.onResolve({ filter: /\?raw$/ }, (args) => ({ path: path.resolve(args.resolveDir, args.path.slice(0, -4)), namespace: "raw" }));
    build.onLoad({ filter: /.*/, namespace: "raw" }, (args) => ({ contents: readFileSync(args.path, "utf8"), loader: "text" }));
  },
};

/** Bare imports that resolve into node_modules stay external, by absolute path. */
const externalNodeModules = {
  name: "external-node-modules",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData?.resolving) return undefined;
      const resolved = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { resolving: true } });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      if (resolved.external) return { path: resolved.path, external: true };
      if (resolved.path.includes(`${path.sep}node_modules${path.sep}`)) return { path: resolved.path, external: true };
      return { path: resolved.path };
    });
  },
};

const outDir = path.join(benchDir, "node_modules", ".cache", "plugboard-bench");
mkdirSync(outDir, { recursive: true });
const outfile = path.join(outDir, entries[command].replace(/\.ts$/, ".mjs"));
await esbuild.build({
  entryPoints: [path.join(benchDir, entries[command])],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: "inline",
  logLevel: "warning",
  plugins: [rawPlugin, externalNodeModules],
});

process.env.PLUGBOARD_BENCH_DIR = benchDir;
process.argv = [process.argv[0], outfile, ...args];
const { main } = await import(pathToFileURL(outfile).href);
process.exitCode = await main(args);
