/** Heavy parts load only when needed: the widget and the parts import no RJSF/ajv statically. */
import { describe, expect, it } from "vitest";
import { nodeBuiltins } from "../parameter-form/testing/node-builtins.ts";

const { fs, path, url } = await nodeBuiltins();
const src = path.resolve(path.dirname(url.fileURLToPath(import.meta.url)), "..");

/** Static (value) imports reachable from `entry`: relative files are followed, packages collected. */
function staticImports(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    const source = fs.readFileSync(file, "utf8");
    for (const match of source.matchAll(/^\s*(?:import|export)\s+(type\s+)?(?:[^;"']*?\s+from\s+)?["']([^"']+)["']/gm)) {
      const [, typeOnly, specifier = ""] = match;
      if (typeOnly) continue;
      if (specifier.startsWith(".")) visit(path.resolve(path.dirname(file), specifier));
      else packages.add(specifier);
    }
  };
  visit(path.resolve(src, entry));
  return { files: [...files].map((file) => file.slice(src.length + 1)), packages: [...packages].sort() };
}

describe("static import graph", () => {
  it.each([
    "connect-widget/connect-widget.tsx",
    "option-picker/option-picker.tsx",
    "oauth-button/oauth-button.tsx",
    "auth-description/auth-description.tsx",
    "help-link/help-link.tsx",
    "connection-status/connection-status.tsx",
    "use-connect-flow.ts",
  ])("%s: only React and auth-core, the form through its lazy entry", (entry) => {
    const graph = staticImports(entry);
    expect(graph.packages.filter((name) => !["react", "@plugboard/auth-core", "@plugboard/auth-core/browser"].includes(name))).toEqual([]);
    expect(graph.files).not.toContain("parameter-form/parameter-form.tsx");
  });
});
