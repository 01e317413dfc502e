import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import axe from "axe-core";
import { describe, expect, it } from "vitest";
import { acmeSchema, VALID_KEY } from "./testing/fixtures.ts";
import { LazyParameterForm } from "./lazy-parameter-form.tsx";
import { ParameterForm } from "./parameter-form.tsx";

async function violations(container: HTMLElement): Promise<string[]> {
  const results = await axe.run(container);
  return results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
}

function renderForm(props: Partial<Parameters<typeof ParameterForm>[0]> = {}) {
  return render(
    <main>
      <ParameterForm schema={acmeSchema} {...props}>
        <button type="submit">Connect</button>
      </ParameterForm>
    </main>,
  );
}

describe("accessibility (axe)", () => {
  it("the harness reports real violations", async () => {
    const { container } = render(
      <main>
        <input type="text" />
      </main>,
    );
    expect(await violations(container)).toEqual([expect.stringMatching(/^label:/)]);
  });

  it("has no violations when empty", async () => {
    const { container } = renderForm();
    expect(await violations(container)).toEqual([]);
  });

  it("has no violations when filled, with the secret revealed", async () => {
    const user = userEvent.setup();
    const { container } = renderForm({ defaultValue: { apiKey: VALID_KEY, email: "ops@example.com", subdomain: "acme", port: 443, sandbox: true } });
    await user.click(screen.getByRole("button", { name: "Show API key" }));
    expect(await violations(container)).toEqual([]);
  });

  it("has no violations in the error state (after a failed submit, with engine issues)", async () => {
    const user = userEvent.setup();
    const { container } = renderForm({ issues: [{ path: "/unknown", code: "additionalProperties", message: "x" }], defaultValue: { subdomain: "a" } });
    await user.click(screen.getByRole("button", { name: "Connect" }));
    expect(container.querySelectorAll('[aria-invalid="true"]').length).toBeGreaterThan(1);
    expect(await violations(container)).toEqual([]);
  });

  it("has no violations when disabled, or with nested groups", async () => {
    const { container } = renderForm({
      disabled: true,
      schema: { type: "object", properties: { proxy: { type: "object", title: "Proxy", description: "Optional", properties: { host: { type: "string" }, port: { type: "integer" } }, required: ["host"] } } },
    });
    expect(screen.getByRole("group", { name: "Proxy" })).toBeTruthy();
    expect(await violations(container)).toEqual([]);
  });

  it("has no violations while the lazy form loads", async () => {
    const { container } = render(
      <main>
        <LazyParameterForm schema={acmeSchema} />
      </main>,
    );
    expect(screen.getByRole("status").getAttribute("aria-busy")).toBe("true");
    expect(await violations(container)).toEqual([]);
    await screen.findByRole("combobox", { name: "Data region" }, { timeout: 10_000 });
  });
});
