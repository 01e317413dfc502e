/**
 * Browser bundles of the bench apps, as a SaaS app would ship them: esbuild, minified ESM with code
 * splitting, React and react-dom external (the host app has them), NODE_ENV=production, `?raw`
 * imports as strings, and `bench:spec/<connector>` as the connector's spec converted from YAML
 * to JSON at build time (what a bundler YAML plugin does).
 */
import { readFileSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { gzipSync } from "node:zlib";
import * as esbuild from "esbuild";
import { benchDir, repoDir } from "./paths.ts";

/** react, react-dom and their subpaths (react/jsx-runtime, react-dom/client, …). */
export const REACT_EXTERNALS = ["react", "react-dom", "react/*", "react-dom/*"];

const requireFromCore = createRequire(path.join(repoDir, "packages", "auth-core", "package.json"));

function rawPlugin(): esbuild.Plugin {
  return {
    name: "raw",
    setup(build) {
      build.onResolve({ filter: /\?raw$/ }, (args) => ({ path: path.resolve(args.resolveDir, args.path.slice(0, -4)), namespace: "raw" }));
      build.onLoad({ filter: /.*/, namespace: "raw" }, (args) => ({ contents: readFileSync(args.path, "utf8"), loader: "text" }));
    },
  };
}

function specPlugin(): esbuild.Plugin {
  return {
    name: "bench-spec",
    setup(build) {
      build.onResolve({ filter: /^bench:spec\// }, (args) => ({ path: args.path.slice("bench:spec/".length), namespace: "bench-spec" }));
      build.onLoad({ filter: /.*/, namespace: "bench-spec" }, (args) => {
        const { parse } = requireFromCore("yaml") as { parse: (text: string) => unknown };
        const file = path.join(repoDir, "packages", "connectors", "src", args.path, "spec.yml");
        return { contents: JSON.stringify(parse(readFileSync(file, "utf8"))), loader: "json", watchFiles: [file] };
      });
    },
  };
}

/**
 * Packages an app gets transitively (e.g. `@pipedream/sdk` through `@pipedream/connect-react`) are
 * not linked into bench/node_modules by pnpm; resolve them from the package that depends on them.
 */
function transitivePlugin(fromPackages: readonly string[]): esbuild.Plugin {
  const dirs = fromPackages.map((name) => realpathSync(path.join(benchDir, "node_modules", name)));
  return {
    name: "transitive",
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData?.transitive || args.namespace !== "file") return undefined;
        const direct = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { transitive: true } });
        if (direct.errors.length === 0) return direct;
        for (const dir of dirs) {
          const via = await build.resolve(args.path, { kind: args.kind, resolveDir: dir, pluginData: { transitive: true } });
          if (via.errors.length === 0) return via;
        }
        return { errors: direct.errors };
      });
    },
  };
}

export interface BundleOptions {
  /** Entry file, relative to bench/. */
  entry: string;
  external?: string[];
  /** Packages whose own dependencies the entry may import. */
  transitiveFrom?: readonly string[];
  minify?: boolean;
  /** Write to this directory (for pages served to Chromium); in memory otherwise. */
  outdir?: string;
  /** A lazily loaded module (e.g. the parameter form) whose chunks count in `withLazy`. */
  lazyTarget?: RegExp;
  /** Lazily imported modules this app never loads in its flow (other languages, unused engine parts): left out of `flow`. */
  optional?: RegExp;
}

export interface ChunkInfo {
  file: string;
  /** Output path relative to the repo (esbuild's metafile key). */
  output: string;
  bytes: number;
  gzipBytes: number;
  /** Source files (relative to the repo) in this chunk, with their minified bytes. */
  inputs: Record<string, number>;
}

export interface BundleResult {
  /** The entry chunk and everything it imports statically: what loads before first render. */
  initial: ChunkInfo[];
  /** Every chunk the app can load, lazy chunks included. */
  all: ChunkInfo[];
  /** The initial chunks plus what loads with the lazily imported module matching `lazyTarget`. */
  withLazy: ChunkInfo[];
  /** Every chunk the app loads in its flow: all of them except those only reachable through `optional` modules. */
  flow: ChunkInfo[];
  initialGzip: number;
  totalGzip: number;
  withLazyGzip: number;
  flowGzip: number;
  warnings: string[];
  /** The entry, relative to the repo. */
  entryPoint: string;
  /** esbuild's input graph (who imports whom), for explaining why a module is in the bundle. */
  graph: esbuild.Metafile["inputs"];
}

export async function bundleApp(options: BundleOptions): Promise<BundleResult> {
  const outdir = options.outdir ?? path.join(benchDir, "node_modules", ".cache", "plugboard-bench", "size", path.basename(options.entry).replace(/\.\w+$/, ""));
  const result = await esbuild.build({
    entryPoints: [path.join(benchDir, options.entry)],
    absWorkingDir: repoDir,
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: options.minify ?? true,
    legalComments: "none",
    jsx: "automatic",
    define: { "process.env.NODE_ENV": '"production"' },
    external: options.external ?? REACT_EXTERNALS,
    metafile: true,
    write: options.outdir !== undefined,
    logLevel: "silent",
    plugins: [rawPlugin(), specPlugin(), transitivePlugin(options.transitiveFrom ?? [])],
  });
  const contents = new Map<string, Uint8Array>();
  for (const file of result.outputFiles ?? []) contents.set(path.relative(repoDir, file.path), file.contents);
  const read = (file: string) => contents.get(file) ?? readFileSync(path.join(repoDir, file));

  const outputs = result.metafile.outputs;
  const js = Object.keys(outputs).filter((file) => file.endsWith(".js"));
  const entryPoint = path.relative(repoDir, path.join(benchDir, options.entry));
  const entryFile = js.find((file) => outputs[file]!.entryPoint === entryPoint);
  if (!entryFile) throw new Error(`No entry chunk for ${options.entry}`);

  const optional = options.optional;
  const isOptional = (file: string) => optional !== undefined && optional.test(outputs[file]?.entryPoint ?? "\0");
  const closure = (kinds: Set<string>, from: string[] = [entryFile], skipOptional = false): string[] => {
    const seen = new Set<string>(from);
    const queue = [...from];
    while (queue.length > 0) {
      for (const edge of outputs[queue.shift()!]!.imports) {
        if (edge.external || !kinds.has(edge.kind) || seen.has(edge.path)) continue;
        if (skipOptional && edge.kind === "dynamic-import" && isOptional(edge.path)) continue;
        seen.add(edge.path);
        queue.push(edge.path);
      }
    }
    return [...seen];
  };
  const info = (file: string): ChunkInfo => {
    const bytes = read(file);
    const inputs: Record<string, number> = {};
    for (const [input, { bytesInOutput }] of Object.entries(outputs[file]!.inputs)) if (bytesInOutput > 0) inputs[input] = bytesInOutput;
    return { file: path.basename(file), output: file, bytes: bytes.byteLength, gzipBytes: gzipSync(bytes, { level: 9 }).byteLength, inputs };
  };
  const initial = closure(new Set(["import-statement"])).map(info);
  const all = closure(new Set(["import-statement", "dynamic-import"])).map(info);
  const target = options.lazyTarget;
  const lazyChunks = target ? all.filter((chunk) => Object.keys(chunk.inputs).some((input) => target.test(input))).map((chunk) => chunk.output) : [];
  const withLazyFiles = new Set([...closure(new Set(["import-statement"])), ...closure(new Set(["import-statement"]), lazyChunks)]);
  const withLazy = all.filter((chunk) => withLazyFiles.has(chunk.output));
  const flowFiles = new Set(closure(new Set(["import-statement", "dynamic-import"]), [entryFile], true));
  const flow = all.filter((chunk) => flowFiles.has(chunk.output));
  const sum = (chunks: ChunkInfo[]) => chunks.reduce((total, chunk) => total + chunk.gzipBytes, 0);
  return {
    initial,
    all,
    withLazy,
    flow,
    flowGzip: sum(flow),
    initialGzip: sum(initial),
    totalGzip: sum(all),
    withLazyGzip: sum(withLazy),
    warnings: result.warnings.map((warning) => warning.text),
    entryPoint,
    graph: result.metafile.inputs,
  };
}

/** The shortest chain of static imports from the entry to a module matching `target`. */
export function staticImportChain(bundle: BundleResult, target: RegExp): string[] | undefined {
  const previous = new Map<string, string>([[bundle.entryPoint, ""]]);
  const queue = [bundle.entryPoint];
  while (queue.length > 0) {
    const current = queue.shift()!;
    if (target.test(current)) {
      const chain = [current];
      for (let step = previous.get(current); step; step = previous.get(step)) chain.unshift(step);
      return chain;
    }
    for (const edge of bundle.graph[current]?.imports ?? []) {
      if (edge.external || edge.kind === "dynamic-import" || previous.has(edge.path)) continue;
      previous.set(edge.path, current);
      queue.push(edge.path);
    }
  }
  return undefined;
}

/** Source files (package-relative) of the chunks, with the biggest first. */
export function topInputs(chunks: ChunkInfo[], count = 12): Array<[string, number]> {
  const totals = new Map<string, number>();
  for (const chunk of chunks) for (const [input, bytes] of Object.entries(chunk.inputs)) totals.set(input, (totals.get(input) ?? 0) + bytes);
  return [...totals].sort((a, b) => b[1] - a[1]).slice(0, count);
}

/** kB as the budgets use them: 1 kB = 1000 bytes of gzip. */
export const kB = (bytes: number) => bytes / 1000;
