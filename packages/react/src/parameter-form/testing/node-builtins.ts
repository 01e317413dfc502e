/**
 * Node built-ins for this folder's tests, with just the types they use: packages/react compiles
 * without @types/node (a browser package), so they are loaded by a non-literal specifier.
 */
const load = (name: string): Promise<unknown> => import(/* @vite-ignore */ `node:${name}`);

export interface NodeBuiltins {
  fs: {
    readFileSync(path: string, encoding: "utf8"): string;
    writeFileSync(path: string, data: string): void;
    mkdtempSync(prefix: string): string;
    mkdirSync(path: string): void;
    rmSync(path: string, options: { recursive: boolean; force: boolean }): void;
    symlinkSync(target: string, path: string, type: "dir"): void;
  };
  path: { dirname(path: string): string; join(...parts: string[]): string; resolve(...parts: string[]): string };
  os: { tmpdir(): string };
  url: { fileURLToPath(url: string): string };
  module: { createRequire(from: string): { (id: string): unknown; resolve(id: string): string } };
}

export async function nodeBuiltins(): Promise<NodeBuiltins> {
  const [fs, path, os, url, module] = await Promise.all(["fs", "path", "os", "url", "module"].map(load));
  return { fs, path, os, url, module } as NodeBuiltins;
}
