/**
 * Bundle sizes with Rolldown, the production bundler of Vite 8 (Rollup's API; what most React apps
 * ship with), which decides the size budgets. Not a dependency of the bench: it is resolved through
 * vitest → vite, both in the workspace. Same settings as lib/bundle.ts: minified ESM with code
 * splitting, react/react-dom external, NODE_ENV=production, gzip -9 per chunk.
 */
import { readFileSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { benchDir, repoDir } from "./paths.ts";

export interface RolldownSize {
  version: string;
  initialGzip: number;
  totalGzip: number;
  /** Initial chunks plus the chunks that load with the module matching `lazyTarget`. */
  withLazyGzip: number;
  /** Every chunk the app can load, minus those only reachable through lazily imported modules matching `optional`. */
  flowGzip: number;
  chunks: { file: string; gzipBytes: number; initial: boolean }[];
  /** The modules in the initial chunks (repo-relative paths, `/` separators). */
  initialModules: string[];
}

interface RolldownChunk {
  type: "chunk";
  fileName: string;
  code: string;
  isEntry: boolean;
  imports: string[];
  dynamicImports: string[];
  moduleIds: string[];
  /** The module a dynamic import of this chunk loads (null for shared chunks). */
  facadeModuleId: string | null;
}
interface RolldownApi {
  VERSION: string;
  rolldown(options: Record<string, unknown>): Promise<{ generate(options: Record<string, unknown>): Promise<{ output: Array<RolldownChunk | { type: "asset" }> }>; close(): Promise<void> }>;
}

async function loadRolldown(): Promise<RolldownApi> {
  const fromVitest = createRequire(realpathSync(path.join(repoDir, "node_modules", "vitest", "package.json")));
  const fromVite = createRequire(fromVitest.resolve("vite/package.json"));
  return (await import(pathToFileURL(fromVite.resolve("rolldown")).href)) as RolldownApi;
}

const requireFromCore = createRequire(path.join(repoDir, "packages", "auth-core", "package.json"));

/** `?raw` files and `bench:spec/<connector>`, as in lib/bundle.ts. */
const benchPlugin = {
  name: "bench",
  resolveId(source: string, importer: string | undefined) {
    if (source.endsWith("?raw")) return `\0raw:${path.resolve(path.dirname(importer ?? benchDir), source.slice(0, -4))}`;
    if (source.startsWith("bench:spec/")) return `\0spec:${source.slice("bench:spec/".length)}`;
    return null;
  },
  load(id: string) {
    if (id.startsWith("\0raw:")) return `export default ${JSON.stringify(readFileSync(id.slice(5), "utf8"))};`;
    if (id.startsWith("\0spec:")) {
      const { parse } = requireFromCore("yaml") as { parse: (text: string) => unknown };
      const spec = parse(readFileSync(path.join(repoDir, "packages", "connectors", "src", id.slice(6), "spec.yml"), "utf8"));
      return `export default ${JSON.stringify(spec)};`;
    }
    return null;
  },
};

export async function rolldownSize(entry: string, lazyTarget?: RegExp, optional?: RegExp): Promise<RolldownSize> {
  const api = await loadRolldown();
  const bundle = await api.rolldown({
    input: path.join(benchDir, entry),
    cwd: repoDir,
    platform: "browser",
    external: [/^react($|\/)/, /^react-dom($|\/)/],
    transform: { define: { "process.env.NODE_ENV": '"production"' }, jsx: "react-jsx" },
    plugins: [benchPlugin],
    logLevel: "silent",
  });
  const { output } = await bundle.generate({ format: "es", minify: true });
  await bundle.close();
  const chunks = new Map(output.filter((item): item is RolldownChunk => item.type === "chunk").map((chunk) => [chunk.fileName, chunk]));
  const entryChunk = [...chunks.values()].find((chunk) => chunk.isEntry);
  if (!entryChunk) throw new Error(`Rolldown produced no entry chunk for ${entry}`);
  // A lazily imported chunk is optional when the module it loads matches; a shared chunk that is
  // also imported lazily has no facade, so any of its modules decides.
  const matchesOptional = (id: string) => optional !== undefined && optional.test(id.split(path.sep).join("/"));
  const isOptional = (chunk: RolldownChunk) => (chunk.facadeModuleId !== null ? matchesOptional(chunk.facadeModuleId) : chunk.moduleIds.some(matchesOptional));
  const closure = (withDynamic: boolean, from: RolldownChunk[] = [entryChunk], skipOptional = false) => {
    const seen = new Set(from.map((chunk) => chunk.fileName));
    const queue = [...from];
    while (queue.length > 0) {
      const chunk = queue.shift()!;
      const edges = [...chunk.imports.map((file) => ({ file, lazy: false })), ...(withDynamic ? chunk.dynamicImports.map((file) => ({ file, lazy: true })) : [])];
      for (const { file, lazy } of edges) {
        const next = chunks.get(file);
        if (next && lazy && skipOptional && isOptional(next)) continue;
        if (next && !seen.has(file)) {
          seen.add(file);
          queue.push(next);
        }
      }
    }
    return seen;
  };
  const initial = closure(false);
  const all = closure(true);
  const lazy = lazyTarget ? [...chunks.values()].filter((chunk) => chunk.moduleIds.some((id) => lazyTarget.test(id.split(path.sep).join("/")))) : [];
  const withLazy = new Set([...initial, ...closure(false, lazy)]);
  const gzip = (file: string) => gzipSync(chunks.get(file)!.code, { level: 9 }).byteLength;
  const sum = (files: Set<string>) => [...files].reduce((total, file) => total + gzip(file), 0);
  return {
    version: api.VERSION,
    initialGzip: sum(initial),
    totalGzip: sum(all),
    withLazyGzip: sum(withLazy),
    flowGzip: sum(closure(true, [entryChunk], true)),
    chunks: [...all].map((file) => ({ file, gzipBytes: gzip(file), initial: initial.has(file) })),
    initialModules: [...initial].flatMap((file) => chunks.get(file)!.moduleIds.map((id) => path.relative(repoDir, id).split(path.sep).join("/"))),
  };
}
