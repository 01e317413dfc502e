import type { Meta, StoryObj } from "@storybook/react-vite";
import { useState } from "react";
import { expect, fn, userEvent, waitFor, within } from "storybook/test";
import { messagesByLocale } from "../messages/catalog.ts";
import { everyFieldSchema, VALID_ACME_KEY } from "../stories-support/fixtures.ts";
import { ParameterFormSkeleton } from "./lazy-parameter-form.tsx";
import { ParameterForm } from "./parameter-form.tsx";
import type { ParameterFormValue } from "./types.ts";

/**
 * An auth option's input schema as an accessible form (RJSF renders, Plugboard validates, words
 * the problems and decides when they show). Used alone here; ConnectWidget renders it lazily.
 */
const meta = {
  title: "Components/ParameterForm",
  component: ParameterForm,
  tags: ["autodocs"],
  args: {
    schema: everyFieldSchema,
    onSubmit: fn(),
    onValueChange: fn(),
    children: (
      <div className="pb-actions">
        <button type="submit" className="pb-button pb-button-primary">
          Connect
        </button>
      </div>
    ),
  },
  argTypes: { children: { control: false }, formRef: { control: false }, validator: { control: false } },
} satisfies Meta<typeof ParameterForm>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Every field type the form renders: masked secret, select with and without default, email, URL, text, integer, textarea, checkbox, a nested group. */
export const EveryFieldType: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByLabelText(/^API key/, { selector: "input" })).toHaveAttribute("type", "password");
    await expect(canvas.getByRole("combobox", { name: "Data region" })).toHaveDisplayValue("us");
    await expect(canvas.getByRole("combobox", { name: "Plan" })).toHaveDisplayValue("Choose…");
    await expect(canvas.getByRole("textbox", { name: /^Admin email/ })).toHaveAttribute("type", "email");
    await expect(canvas.getByRole("textbox", { name: "Base URL" })).toHaveAttribute("placeholder", "https://acme.example.com");
    await expect(canvas.getByRole("spinbutton", { name: "Port" })).toHaveAttribute("max", "65535");
    await expect(canvas.getByRole("textbox", { name: "Notes" }).tagName).toBe("TEXTAREA");
    await expect(canvas.getByRole("checkbox", { name: "Use sandbox" })).toHaveAccessibleDescription("Connect the test account instead of live data.");
    await expect(canvas.getByRole("group", { name: "Advanced" })).toBeVisible();
  },
};

/** Prefilled with `defaultValue` (uncontrolled); schema defaults fill the gaps. */
export const Filled: Story = {
  args: { defaultValue: { apiKey: VALID_ACME_KEY, region: "eu", plan: "team", email: "ops@acme.example", subdomain: "acme", port: 443, sandbox: true } },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole("button", { name: "Connect" }));
    await expect(args.onSubmit).toHaveBeenCalledWith({ value: expect.objectContaining({ apiKey: VALID_ACME_KEY, region: "eu", advanced: { timeoutSeconds: 30 } }) });
  },
};

/**
 * Controlled: `value` comes from the host's state. Here the host normalises the subdomain to lower
 * case on every change and can reset the whole form.
 */
export const Controlled: Story = {
  args: { schema: { type: "object", properties: { subdomain: { type: "string", title: "Subdomain" }, region: { type: "string", title: "Data region", enum: ["us", "eu"], default: "us" } } } },
  render: function ControlledForm(args) {
    const [value, setValue] = useState<ParameterFormValue>({ subdomain: "acme", region: "eu" });
    return (
      <div style={{ display: "grid", gap: 12 }}>
        <ParameterForm
          {...args}
          value={value}
          onValueChange={(details) => {
            args.onValueChange?.(details);
            setValue({ ...details.value, subdomain: String(details.value.subdomain ?? "").toLowerCase() });
          }}
        />
        <p>
          Host state: <code data-testid="host-state">{JSON.stringify(value)}</code>{" "}
          <button type="button" className="pb-button pb-button-secondary" onClick={() => setValue({ region: "us" })}>
            Reset
          </button>
        </p>
      </div>
    );
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const subdomain = canvas.getByRole("textbox", { name: "Subdomain" });
    await expect(subdomain).toHaveValue("acme");
    await userEvent.type(subdomain, "-EU");
    await expect(subdomain).toHaveValue("acme-eu");
    await userEvent.click(canvas.getByRole("button", { name: "Reset" }));
    await expect(subdomain).toHaveValue("");
    await expect(canvas.getByRole("combobox", { name: "Data region" })).toHaveDisplayValue("us");
  },
};

/** The reveal toggle flips the secret between masked and readable; its name and `aria-pressed` follow. */
export const PasswordReveal: Story = {
  args: { defaultValue: { apiKey: VALID_ACME_KEY } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const apiKey = canvas.getByLabelText(/^API key/, { selector: "input" });
    const toggle = canvas.getByRole("button", { name: "Show API key" });
    await expect(toggle).toHaveAttribute("aria-pressed", "false");
    await userEvent.click(toggle);
    await expect(apiKey).toHaveAttribute("type", "text");
    await expect(toggle).toHaveAttribute("aria-pressed", "true");
    await expect(toggle).toHaveAccessibleName("Hide API key");
    await userEvent.click(toggle);
    await expect(apiKey).toHaveAttribute("type", "password");
  },
};

/**
 * Problems show once a field is left, and all of them on submit (focus goes to the first). Each
 * message names the field and says what is expected; nothing is submitted.
 */
export const ValidationErrors: Story = {
  play: async ({ canvasElement, args, step }) => {
    const canvas = within(canvasElement);
    const email = canvas.getByRole("textbox", { name: /^Admin email/ });
    await step("Leave a field with a bad value", async () => {
      await userEvent.type(email, "not-an-email");
      await expect(email).not.toHaveAttribute("aria-invalid");
      await userEvent.tab();
      await waitFor(() => expect(email).toHaveAccessibleDescription("Admin email must be an email address, like name@example.com"));
    });
    await step("Submit: every problem shows, focus on the first", async () => {
      await userEvent.type(canvas.getByRole("spinbutton", { name: "Port" }), "70000");
      await userEvent.click(canvas.getByRole("button", { name: "Connect" }));
      const apiKey = canvas.getByLabelText(/^API key/, { selector: "input" });
      await waitFor(() => expect(apiKey).toHaveFocus());
      await expect(apiKey).toHaveAccessibleDescription(expect.stringContaining("API key is required"));
      await expect(canvas.getByRole("spinbutton", { name: "Port" })).toHaveAccessibleDescription("Port must be 65535 or less");
    });
    await step("Fix a field: its problem goes away as it becomes valid", async () => {
      await userEvent.clear(email);
      await userEvent.type(email, "ops@acme.example");
      await waitFor(() => expect(email).not.toHaveAttribute("aria-invalid"));
    });
    await expect(args.onSubmit).not.toHaveBeenCalled();
  },
};

/** `validateOn="change"`: problems show while typing. */
export const ValidateOnChange: Story = {
  args: { validateOn: "change", schema: { type: "object", properties: { subdomain: { type: "string", title: "Subdomain", minLength: 3, pattern: "^[a-z0-9-]+$" } } } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const subdomain = canvas.getByRole("textbox", { name: "Subdomain" });
    await userEvent.type(subdomain, "A");
    await waitFor(() => expect(subdomain).toHaveAttribute("aria-invalid", "true"));
    await userEvent.clear(subdomain);
    await userEvent.type(subdomain, "acme");
    await waitFor(() => expect(subdomain).not.toHaveAttribute("aria-invalid"));
  },
};

/** Problems the engine reported (`invalid_input` issues, JSON pointers) stay next to their fields until edited. */
export const EngineIssues: Story = {
  args: {
    defaultValue: { apiKey: "acme_revoked00", email: "ops@acme.example", subdomain: "acme" },
    issues: [
      { path: "/apiKey", code: "pattern", message: "The key has the wrong format" },
      { path: "/subdomain", code: "not_found", message: "No Acme account uses this subdomain" },
    ],
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const subdomain = canvas.getByRole("textbox", { name: "Subdomain" });
    await waitFor(() => expect(subdomain).toHaveAttribute("aria-invalid", "true"));
    await expect(canvas.getByLabelText(/^API key/, { selector: "input" })).toHaveAttribute("aria-invalid", "true");
    await userEvent.type(subdomain, "-eu");
    await waitFor(() => expect(subdomain).not.toHaveAttribute("aria-invalid"));
  },
};

/** Disabled (while a connect step runs): every control, the reveal toggle included; submits are ignored. */
export const Disabled: Story = {
  args: { disabled: true, defaultValue: { apiKey: VALID_ACME_KEY, email: "ops@acme.example" } },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByLabelText(/^API key/, { selector: "input" })).toBeDisabled();
    await expect(canvas.getByRole("button", { name: "Show API key" })).toBeDisabled();
    await expect(canvas.getByRole("checkbox", { name: "Use sandbox" })).toBeDisabled();
    await userEvent.click(canvas.getByRole("button", { name: "Connect" }));
    await expect(args.onSubmit).not.toHaveBeenCalled();
  },
};

/** In German: the form's messages from the shipped German set. */
export const German: Story = {
  args: {
    messages: messagesByLocale.de.parameterForm,
    children: (
      <div className="pb-actions">
        <button type="submit" className="pb-button pb-button-primary">
          Verbinden
        </button>
      </div>
    ),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole("button", { name: "Verbinden" }));
    const apiKey = canvas.getByLabelText(/^API key/, { selector: "input" });
    await waitFor(() => expect(apiKey).toHaveAttribute("aria-invalid", "true"));
    await expect(canvas.getByRole("button", { name: messagesByLocale.de.parameterForm.showSecret.replace("{field}", "API key") })).toBeVisible();
  },
};

/** What LazyParameterForm shows while the form's code loads: one placeholder row per field, announced as loading. */
export const Loading: Story = {
  render: (args) => <ParameterFormSkeleton {...args} />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole("status")).toHaveAttribute("aria-busy", "true");
    await expect(canvas.getByRole("status")).toHaveTextContent("Loading form…");
  },
};
