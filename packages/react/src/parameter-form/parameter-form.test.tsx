import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createRef, useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { acmeSchema, VALID_KEY } from "./testing/fixtures.ts";
import { ParameterForm } from "./parameter-form.tsx";
import type { ParameterFormValue } from "./types.ts";

/** The control labelled `label` (a required field's label ends with an aria-hidden "*"). */
function input(label: string): HTMLInputElement {
  return screen.getByLabelText(new RegExp(`^${label}( \\*)?$`)) as HTMLInputElement;
}

describe("ParameterForm rendering", () => {
  it("renders each field type as its native control", () => {
    render(<ParameterForm schema={acmeSchema} />);
    expect(input("API key").type).toBe("password");
    expect(screen.getByRole("combobox", { name: "Data region" })).toBeInstanceOf(HTMLSelectElement);
    expect(screen.getByRole("textbox", { name: /^Email/ })).toHaveProperty("type", "email");
    expect(screen.getByRole("textbox", { name: "Subdomain" })).toHaveProperty("type", "text");
    const port = screen.getByRole("spinbutton", { name: "Port" }) as HTMLInputElement;
    expect([port.type, port.min, port.max, port.step]).toEqual(["number", "1", "65535", "1"]);
    expect(screen.getByRole("checkbox", { name: "Use sandbox" })).toHaveProperty("checked", false);
  });

  it("labels fields by title, else by the humanized property name", () => {
    render(<ParameterForm schema={{ type: "object", properties: { apiKey: { type: "string" }, client_id: { type: "string" }, baseUrl: { type: "string" } } }} />);
    expect(screen.getByRole("textbox", { name: "Client ID" })).toBeTruthy();
    expect(screen.getByRole("textbox", { name: "Base URL" })).toBeTruthy();
    expect(screen.getByRole("textbox", { name: "API key" })).toBeTruthy();
  });

  it("wires label, description and required state to the control", () => {
    render(<ParameterForm schema={acmeSchema} id="acme" />);
    const apiKey = input("API key");
    expect(apiKey.id).toBe("acme_apiKey");
    expect(input("Email").id).toBe("acme_email");
    expect(apiKey.required).toBe(true);
    expect(document.querySelector('label[for="acme_apiKey"]')?.textContent).toBe("API key *");
    expect(document.querySelector('label[for="acme_apiKey"] [aria-hidden="true"]')?.textContent).toBe("*");
    const describedBy = apiKey.getAttribute("aria-describedby") ?? "";
    expect(describedBy.split(" ").map((id) => document.getElementById(id)?.textContent)).toEqual(["Starts with acme_"]);
    expect(apiKey.getAttribute("aria-invalid")).toBeNull();
    expect(screen.getByRole("textbox", { name: "Subdomain" })).toHaveProperty("required", false);
    expect(screen.getByRole("textbox", { name: "Subdomain" }).getAttribute("aria-describedby")).toBeNull();
  });

  it("renders the schema's markdown description as text, not HTML", () => {
    const { container } = render(<ParameterForm schema={{ ...acmeSchema, description: "Open **Settings** and see [docs](https://docs.example/a) or [bad](javascript:alert(1)). <b>raw</b>" }} />);
    expect(container.querySelector("strong")?.textContent).toBe("Settings");
    expect(screen.getByRole("link", { name: "docs" }).getAttribute("href")).toBe("https://docs.example/a");
    expect(screen.queryByRole("link", { name: "bad" })).toBeNull();
    expect(container.querySelector("b")).toBeNull();
    expect(container.textContent).toContain("<b>raw</b>");
  });

  it("shows examples as placeholders and autocompletes no secrets", () => {
    render(<ParameterForm schema={acmeSchema} />);
    expect(screen.getByRole("textbox", { name: /^Email/ })).toHaveProperty("placeholder", "ops@example.com");
    expect(input("API key").getAttribute("autocomplete")).toBe("off");
    expect(input("API key").getAttribute("spellcheck")).toBe("false");
  });
});

describe("secret fields", () => {
  it("masks format: password with a reveal toggle that flips type, aria-pressed and its name", async () => {
    const user = userEvent.setup();
    render(<ParameterForm schema={acmeSchema} />);
    const toggle = screen.getByRole("button", { name: "Show API key" });
    expect(toggle.getAttribute("type")).toBe("button");
    expect(toggle.getAttribute("aria-pressed")).toBe("false");
    await user.click(toggle);
    expect(input("API key").type).toBe("text");
    expect(toggle.getAttribute("aria-pressed")).toBe("true");
    expect(toggle.getAttribute("aria-label")).toBe("Hide API key");
    await user.click(screen.getByRole("button", { name: "Hide API key" }));
    expect(input("API key").type).toBe("password");
  });

  it("masks writeOnly and isSensitive fields too", () => {
    render(<ParameterForm schema={{ type: "object", properties: { token: { type: "string", writeOnly: true }, appId: { type: "string", title: "App ID", isSensitive: true }, name: { type: "string" } } }} />);
    expect(input("Token").type).toBe("password");
    expect(input("App ID").type).toBe("password");
    expect(screen.getByRole("button", { name: "Show App ID" })).toBeTruthy();
    expect(input("Name").type).toBe("text");
    expect(screen.getAllByRole("button")).toHaveLength(2);
  });
});

describe("enums and defaults", () => {
  it("renders enums as a select and applies the default", () => {
    render(<ParameterForm schema={acmeSchema} />);
    const region = screen.getByRole("combobox", { name: "Data region" }) as HTMLSelectElement;
    expect([...region.options].map((option) => option.textContent)).toEqual(["us", "eu"]);
    expect(region.selectedOptions[0]?.textContent).toBe("us");
  });

  it("offers an empty first choice when the enum has no default", async () => {
    const user = userEvent.setup();
    const onValueChange = vi.fn();
    render(<ParameterForm schema={{ type: "object", properties: { plan: { type: "string", enum: ["free", "pro"] } } }} onValueChange={onValueChange} />);
    const plan = screen.getByRole("combobox", { name: "Plan" }) as HTMLSelectElement;
    expect([...plan.options].map((option) => option.textContent)).toEqual(["Choose…", "free", "pro"]);
    await user.selectOptions(plan, "pro");
    expect(onValueChange).toHaveBeenLastCalledWith({ value: { plan: "pro" } });
  });

  it("submits defaults the user never touched", async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn();
    render(
      <ParameterForm schema={acmeSchema} defaultValue={{ email: "a@example.com", apiKey: VALID_KEY }} onSubmit={onSubmit}>
        <button type="submit">Connect</button>
      </ParameterForm>,
    );
    await user.click(screen.getByRole("button", { name: "Connect" }));
    expect(onSubmit).toHaveBeenCalledWith({ value: { email: "a@example.com", apiKey: VALID_KEY, region: "us" } });
  });
});

describe("value modes", () => {
  it("uncontrolled: starts from defaultValue and reports edits with onValueChange", async () => {
    const user = userEvent.setup();
    const onValueChange = vi.fn();
    render(<ParameterForm schema={acmeSchema} defaultValue={{ subdomain: "acme" }} onValueChange={onValueChange} />);
    const subdomain = screen.getByRole("textbox", { name: "Subdomain" }) as HTMLInputElement;
    expect(subdomain.value).toBe("acme");
    await user.type(subdomain, "-eu");
    expect(subdomain.value).toBe("acme-eu");
    expect(onValueChange).toHaveBeenLastCalledWith({ value: { subdomain: "acme-eu", region: "us" } });
    await user.click(screen.getByRole("checkbox", { name: "Use sandbox" }));
    expect(onValueChange).toHaveBeenLastCalledWith({ value: { subdomain: "acme-eu", region: "us", sandbox: true } });
    await user.type(screen.getByRole("spinbutton", { name: "Port" }), "443");
    expect(onValueChange.mock.lastCall?.[0].value.port).toBe(443);
  });

  it("uncontrolled: clearing a field removes its key", async () => {
    const user = userEvent.setup();
    const onValueChange = vi.fn();
    render(<ParameterForm schema={acmeSchema} defaultValue={{ subdomain: "ab" }} onValueChange={onValueChange} />);
    await user.clear(screen.getByRole("textbox", { name: "Subdomain" }));
    expect(onValueChange).toHaveBeenLastCalledWith({ value: { region: "us" } });
  });

  it("controlled: shows the value prop and follows the parent's updates", async () => {
    const user = userEvent.setup();
    const seen: ParameterFormValue[] = [];
    function Host() {
      const [value, setValue] = useState<ParameterFormValue>({ region: "eu", subdomain: "x" });
      return (
        <>
          <ParameterForm schema={acmeSchema} value={value} onValueChange={({ value: next }) => (seen.push(next), setValue({ ...next, subdomain: String(next.subdomain ?? "").toUpperCase() }))} />
          <button type="button" onClick={() => setValue({ region: "us", subdomain: "reset" })}>
            Reset
          </button>
        </>
      );
    }
    render(<Host />);
    const subdomain = screen.getByRole("textbox", { name: "Subdomain" }) as HTMLInputElement;
    expect(subdomain.value).toBe("x");
    expect((screen.getByRole("combobox", { name: "Data region" }) as HTMLSelectElement).value).not.toBe("");
    await user.type(subdomain, "y");
    expect(seen.at(-1)).toEqual({ region: "eu", subdomain: "xy" });
    expect(subdomain.value).toBe("XY");
    await user.click(screen.getByRole("button", { name: "Reset" }));
    expect(subdomain.value).toBe("reset");
  });

  it("controlled: shows an earlier value object the parent passes again", async () => {
    const user = userEvent.setup();
    function Host() {
      const [value, setValue] = useState<ParameterFormValue>({ subdomain: "a", region: "us" });
      const [saved, setSaved] = useState<ParameterFormValue>();
      return (
        <>
          <ParameterForm schema={acmeSchema} value={value} onValueChange={({ value: next }) => setValue(next)} />
          <button type="button" onClick={() => (setSaved(value), setValue({ subdomain: "other", region: "us" }))}>
            Other
          </button>
          <button type="button" onClick={() => setValue(saved!)}>
            Undo
          </button>
        </>
      );
    }
    render(<Host />);
    const subdomain = screen.getByRole("textbox", { name: "Subdomain" }) as HTMLInputElement;
    await user.type(subdomain, "b");
    expect(subdomain.value).toBe("ab");
    await user.click(screen.getByRole("button", { name: "Other" }));
    expect(subdomain.value).toBe("other");
    await user.click(screen.getByRole("button", { name: "Undo" }));
    expect(subdomain.value).toBe("ab");
  });
});

describe("form element", () => {
  it("renders children inside the form and exposes it through formRef", () => {
    const formRef = createRef<HTMLFormElement>();
    render(
      <ParameterForm schema={acmeSchema} formRef={formRef} className="host" classNames={{ field: "host-field" }}>
        <button type="submit">Connect</button>
      </ParameterForm>,
    );
    expect(formRef.current).toBeInstanceOf(HTMLFormElement);
    expect(within(formRef.current as HTMLFormElement).getByRole("button", { name: "Connect" })).toBeTruthy();
    expect(formRef.current?.className).toBe("pb-parameter-form host");
    expect(formRef.current?.noValidate).toBe(true);
    expect(formRef.current?.querySelectorAll(".pb-parameter-form__field.host-field")).toHaveLength(6);
  });

  it("unstyled drops the pb-* classes but keeps slot classes", () => {
    const formRef = createRef<HTMLFormElement>();
    render(<ParameterForm schema={acmeSchema} formRef={formRef} unstyled classNames={{ input: "host-input" }} />);
    expect(formRef.current?.querySelectorAll('[class*="pb-"]')).toHaveLength(0);
    expect(formRef.current?.className.trim()).toBe("");
    expect(input("API key").className).toBe("host-input");
  });

  it("disabled disables every control, the reveal toggle included, and ignores submits", async () => {
    const onSubmit = vi.fn();
    render(
      <ParameterForm schema={acmeSchema} disabled defaultValue={{ email: "a@example.com", apiKey: VALID_KEY }} onSubmit={onSubmit}>
        <button type="submit">Connect</button>
      </ParameterForm>,
    );
    await userEvent.setup().click(screen.getByRole("button", { name: "Connect" }));
    expect(onSubmit).not.toHaveBeenCalled();
    const controls = [input("API key"), screen.getByRole("combobox"), screen.getByRole("checkbox"), screen.getByRole("spinbutton"), ...screen.getAllByRole("textbox"), screen.getByRole("button", { name: "Show API key" })];
    expect(controls.every((control) => (control as HTMLInputElement).disabled)).toBe(true);
  });
});
