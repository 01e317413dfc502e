import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { acmeSchema } from "./testing/fixtures.ts";
import { LazyParameterForm, preloadParameterForm } from "./lazy-parameter-form.tsx";
import { nodeBuiltins } from "./testing/node-builtins.ts";
import { hasInputFields } from "./schema-info.ts";

const { fs, path, url } = await nodeBuiltins();
const here = path.dirname(url.fileURLToPath(import.meta.url));

/** Static (value) imports reachable from `entry`: relative files are followed, packages are collected. */
function staticImportGraph(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
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
  visit(path.resolve(here, entry));
  return { files: [...files].map((file) => file.slice(here.length + 1)), packages: [...packages].sort() };
}

describe("LazyParameterForm", () => {
  it("shows a busy skeleton, then the form", async () => {
    render(<LazyParameterForm schema={acmeSchema} messages={{ loading: "Formular lädt…" }} />);
    const status = screen.getByRole("status");
    expect(status.getAttribute("aria-busy")).toBe("true");
    expect(status.textContent).toBe("Formular lädt…");
    expect(status.querySelectorAll('[aria-hidden="true"]')).toHaveLength(6);
    // The first load transforms RJSF: allow more than the default second.
    expect(await screen.findByRole("combobox", { name: "Data region" }, { timeout: 10_000 })).toBeTruthy();
    expect(screen.queryByRole("status")).toBeNull();
  });

  it("accepts a custom fallback and can preload the code", async () => {
    await preloadParameterForm();
    render(<LazyParameterForm schema={acmeSchema} fallback={<p>Wait</p>} />);
    expect(await screen.findByRole("spinbutton", { name: "Port" }, { timeout: 10_000 })).toBeTruthy();
  });

  it("does not import RJSF or ajv statically (they load with the form)", () => {
    for (const entry of ["lazy-parameter-form.tsx", "lazy.ts"]) {
      const lazy = staticImportGraph(entry);
      expect(lazy.packages).toEqual(["react"]);
      expect(lazy.files).not.toContain("parameter-form.tsx");
    }
  });

  it("keeps ajv out of the default graph: only ajv-validator.ts and precompiled.ts import it", () => {
    const full = staticImportGraph("index.ts");
    expect(full.packages).toContain("@rjsf/core");
    expect(full.packages.filter((name) => name.includes("ajv"))).toEqual([]);
    expect(staticImportGraph("ajv-validator.ts").packages).toContain("@rjsf/validator-ajv8");
    expect(staticImportGraph("precompiled.ts").packages).toEqual(["@rjsf/validator-ajv8/lib/createPrecompiledValidator.js"]);
  });
});

describe("hasInputFields", () => {
  it("is true only when there is a property to render", () => {
    expect(hasInputFields(acmeSchema)).toBe(true);
    expect(hasInputFields({ type: "object", properties: { a: { type: "string" } } })).toBe(true);
    expect(hasInputFields({ $ref: "#/definitions/input", definitions: { input: { properties: { a: {} } } } })).toBe(true);
    expect(hasInputFields({ type: "object", allOf: [{ properties: { a: { type: "string" } } }] })).toBe(true);
    expect(hasInputFields({ type: "object" })).toBe(false);
    expect(hasInputFields({ type: "object", properties: {} })).toBe(false);
    expect(hasInputFields({})).toBe(false);
    expect(hasInputFields(undefined)).toBe(false);
    expect(hasInputFields(null)).toBe(false);
  });
});
