// @vitest-environment node
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { acmeSchema } from "./testing/fixtures.ts";

describe("server rendering", () => {
  it("imports and renders without a DOM", async () => {
    expect(typeof document).toBe("undefined");
    const { ParameterForm, LazyParameterForm } = await import("./index.ts");
    const html = renderToString(<ParameterForm schema={acmeSchema} id="acme" />);
    expect(html).toContain('<label for="acme_apiKey"');
    expect(html).toContain('type="password"');
    expect(renderToString(<LazyParameterForm schema={acmeSchema} />)).toContain('aria-busy="true"');
  });
});
