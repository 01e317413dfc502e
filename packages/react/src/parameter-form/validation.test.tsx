import type { Issue } from "@plugboard/auth-core";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { StrictMode, useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { acmeSchema, VALID_KEY } from "./testing/fixtures.ts";
import { ParameterForm } from "./parameter-form.tsx";
import type { ParameterFormProps } from "./types.ts";

function field(label: string): HTMLInputElement {
  return screen.getByLabelText(new RegExp(`^${label}( \\*)?$`)) as HTMLInputElement;
}

/** The error text a control points at (through aria-describedby), or null. */
function errorOf(control: HTMLElement): string | null {
  if (control.getAttribute("aria-invalid") !== "true") return null;
  const ids = (control.getAttribute("aria-describedby") ?? "").split(" ");
  const error = ids.map((id) => document.getElementById(id)).find((element) => element?.id.endsWith("__error"));
  return error?.textContent ?? null;
}

function renderForm(props: Partial<ParameterFormProps> = {}) {
  const onSubmit = vi.fn();
  const user = userEvent.setup();
  const view = render(
    <ParameterForm schema={acmeSchema} onSubmit={onSubmit} {...props}>
      <button type="submit">Connect</button>
    </ParameterForm>,
  );
  return { ...view, user, onSubmit, submit: () => user.click(screen.getByRole("button", { name: "Connect" })) };
}

describe("validation on blur (default)", () => {
  it("shows a required message once the field is left, and only for that field", async () => {
    const { user } = renderForm();
    await user.click(field("Email"));
    expect(errorOf(field("Email"))).toBeNull();
    await user.tab();
    expect(errorOf(field("Email"))).toBe("Email is required");
    expect(field("Email").getAttribute("aria-describedby")).toMatch(/__error$/);
    expect(errorOf(field("API key"))).toBeNull();
  });

  it("explains a pattern mismatch with the field's hint", async () => {
    const { user } = renderForm();
    await user.type(field("API key"), "nope");
    await user.tab();
    // Focus is on the reveal toggle, still inside the field: nothing shown yet.
    expect(errorOf(field("API key"))).toBeNull();
    await user.tab();
    expect(errorOf(field("API key"))).toBe("API key doesn't look right (Starts with acme_)");
    expect(field("API key").getAttribute("aria-describedby")?.split(" ")).toHaveLength(2);
  });

  it("prefers pattern_descriptor / x-pattern-description over the description", async () => {
    const user = userEvent.setup();
    render(
      <ParameterForm
        schema={{
          type: "object",
          properties: {
            day: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$", pattern_descriptor: "YYYY-MM-DD", description: "The first day to sync" },
            code: { type: "string", pattern: "^[A-Z]{3}$", "x-pattern-description": "three capital letters" },
            plain: { type: "string", pattern: "^x$" },
          },
        }}
      />,
    );
    await user.type(field("Day"), "May 1st");
    await user.type(field("Code"), "ab");
    await user.type(field("Plain"), "y");
    await user.tab();
    expect(errorOf(field("Day"))).toBe("Day doesn't look right (YYYY-MM-DD)");
    expect(errorOf(field("Code"))).toBe("Code doesn't look right (three capital letters)");
    expect(errorOf(field("Plain"))).toBe("Plain doesn't look right");
  });

  it("explains email, URL, hostname, length and range problems", async () => {
    const user = userEvent.setup();
    render(
      <ParameterForm
        schema={{
          type: "object",
          properties: {
            email: { type: "string", format: "email" },
            site: { type: "string", format: "uri" },
            host: { type: "string", format: "hostname" },
            subdomain: { type: "string", minLength: 3, maxLength: 5 },
            tag: { type: "string", maxLength: 2 },
            port: { type: "integer", minimum: 1, maximum: 10 },
            ratio: { type: "number", exclusiveMinimum: 0 },
          },
        }}
      />,
    );
    for (const [label, text] of [["Email", "nope"], ["Site", "not a url"], ["Host", "bad host!"], ["Subdomain", "ab"], ["Tag", "abc"], ["Port", "11"], ["Ratio", "0"]] as const) {
      await user.type(field(label), text);
    }
    await user.tab();
    expect(errorOf(field("Email"))).toBe("Email must be an email address, like name@example.com");
    expect(errorOf(field("Site"))).toBe("Site must be a web address, like https://example.com");
    expect(errorOf(field("Host"))).toBe("Host must be a host name, like api.example.com");
    expect(errorOf(field("Subdomain"))).toBe("Subdomain must be at least 3 characters");
    expect(errorOf(field("Tag"))).toBe("Tag must be at most 2 characters");
    expect(errorOf(field("Port"))).toBe("Port must be 10 or less");
    expect(errorOf(field("Ratio"))).toBe("Ratio must be more than 0");
  });

  it("stays quiet while a fresh field is being typed into, and clears a shown error as soon as it is fixed", async () => {
    const { user } = renderForm();
    await user.type(field("Email"), "ops@");
    expect(errorOf(field("Email"))).toBeNull();
    await user.tab();
    expect(errorOf(field("Email"))).toBe("Email must be an email address, like name@example.com");
    await user.click(field("Email"));
    await user.type(field("Email"), "example.com");
    expect(errorOf(field("Email"))).toBeNull();
  });
});

describe("validateOn", () => {
  it('"change" shows problems while typing', async () => {
    const { user } = renderForm({ validateOn: "change" });
    await user.type(field("Subdomain"), "a");
    expect(errorOf(field("Subdomain"))).toBe("Subdomain must be at least 3 characters");
  });

  it('"submit" shows nothing before the first submit', async () => {
    const { user, submit } = renderForm({ validateOn: "submit" });
    await user.type(field("Subdomain"), "a");
    await user.tab();
    expect(errorOf(field("Subdomain"))).toBeNull();
    await submit();
    expect(errorOf(field("Subdomain"))).toBe("Subdomain must be at least 3 characters");
  });
});

describe("submit", () => {
  it("shows every problem, focuses the first invalid field in page order and does not call onSubmit", async () => {
    const { submit, onSubmit } = renderForm();
    await submit();
    expect(onSubmit).not.toHaveBeenCalled();
    // `required` lists email first, but the API key field comes first on the page.
    expect(document.activeElement).toBe(field("API key"));
    expect(errorOf(field("API key"))).toBe("API key is required");
    expect(errorOf(field("Email"))).toBe("Email is required");
    expect(errorOf(screen.getByRole("textbox", { name: "Subdomain" }))).toBeNull();
  });

  it("calls onSubmit with the value only when it is valid", async () => {
    const { user, submit, onSubmit } = renderForm();
    await user.type(field("API key"), VALID_KEY);
    await user.type(field("Email"), "ops@example.com");
    await user.selectOptions(screen.getByRole("combobox", { name: "Data region" }), "eu");
    await submit();
    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(onSubmit).toHaveBeenCalledWith({ value: { apiKey: VALID_KEY, email: "ops@example.com", region: "eu" } });
  });

  it("reports a value outside the enum", async () => {
    const { submit, onSubmit } = renderForm({ schema: { type: "object", properties: { plan: { type: "string", enum: ["free", "pro"] } } }, value: { plan: "gold" } });
    await submit();
    expect(onSubmit).not.toHaveBeenCalled();
    expect(errorOf(screen.getByRole("combobox", { name: "Plan" }))).toBe("Choose one of the options for Plan");
  });

  it("uses the host's messages", async () => {
    const { submit } = renderForm({ messages: { required: "{field} fehlt" } });
    await submit();
    expect(errorOf(field("Email"))).toBe("Email fehlt");
  });
});

describe("engine issues", () => {
  const emailIssue: Issue = { path: "/email", code: "format", message: "must be a valid email address" };

  it("shows issues on their field and hides them once the field is edited", async () => {
    const user = userEvent.setup();
    render(<ParameterForm schema={acmeSchema} defaultValue={{ email: "ops@example", apiKey: VALID_KEY }} issues={[emailIssue]} />);
    expect(errorOf(field("Email"))).toBe("Email must be an email address, like name@example.com");
    expect(errorOf(field("API key"))).toBeNull();
    await user.type(field("Email"), ".org");
    expect(errorOf(field("Email"))).toBeNull();
  });

  it("moves focus to the first field with an issue when new issues arrive", async () => {
    const user = userEvent.setup();
    function Host() {
      const [issues, setIssues] = useState<Issue[]>([]);
      return (
        <ParameterForm schema={acmeSchema} defaultValue={{ email: "ops@example.com", apiKey: VALID_KEY }} issues={issues} onSubmit={() => setIssues([{ path: "/apiKey", code: "pattern", message: "rejected" }])}>
          <button type="submit">Connect</button>
        </ParameterForm>
      );
    }
    render(<Host />);
    await user.click(screen.getByRole("button", { name: "Connect" }));
    // The issues arrive in the host's next render, and focus follows in an effect after that: on
    // React 18 that can land just after the click resolves.
    await waitFor(() => expect(document.activeElement).toBe(field("API key")));
    expect(errorOf(field("API key"))).toBe("API key doesn't look right (Starts with acme_)");
  });

  it("does not steal focus for issues present on mount (StrictMode)", () => {
    render(
      <StrictMode>
        <ParameterForm schema={acmeSchema} issues={[emailIssue]} />
      </StrictMode>,
    );
    expect(document.activeElement).toBe(document.body);
    expect(errorOf(field("Email"))).toBe("Email must be an email address, like name@example.com");
  });

  it("shows issues without a field of their own as a form-level alert", () => {
    render(<ParameterForm schema={acmeSchema} issues={[{ path: "/legacyToken", code: "additionalProperties", message: "not allowed" }]} />);
    expect(screen.getByRole("alert").textContent).toBe("Legacy token isn't valid");
  });

  it("does not block submitting again (the engine re-checks)", async () => {
    const onSubmit = vi.fn();
    const user = userEvent.setup();
    render(
      <ParameterForm schema={acmeSchema} defaultValue={{ email: "ops@example.com", apiKey: VALID_KEY }} issues={[emailIssue]} onSubmit={onSubmit}>
        <button type="submit">Connect</button>
      </ParameterForm>,
    );
    await user.click(screen.getByRole("button", { name: "Connect" }));
    expect(onSubmit).toHaveBeenCalledTimes(1);
  });
});
