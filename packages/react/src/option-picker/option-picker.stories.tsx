import type { Meta, StoryObj } from "@storybook/react-vite";
import { useState } from "react";
import { expect, fn, userEvent, within } from "storybook/test";
import { describedOptions, pipelineOptions } from "../stories-support/fixtures.ts";
import { OptionPicker } from "./option-picker.tsx";

/**
 * The auth options as a radio group (native radios: Tab into the group, arrow keys move and
 * select, Space selects). Inside ConnectWidget it appears when a connector offers several options.
 */
const meta = {
  title: "Components/OptionPicker",
  component: OptionPicker,
  tags: ["autodocs"],
  args: { options: pipelineOptions, onValueChange: fn() },
  argTypes: { options: { control: "object" }, value: { control: "text" } },
} satisfies Meta<typeof OptionPicker>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Uncontrolled, nothing chosen yet: a click selects and reports `{ value, option }`. */
export const Default: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const group = canvas.getByRole("radiogroup", { name: "Choose how to connect" });
    await expect(within(group).getAllByRole("radio")).toHaveLength(2);
    await userEvent.click(canvas.getByRole("radio", { name: "Sign in with Pipeline CRM" }));
    await expect(canvas.getByRole("radio", { name: "Sign in with Pipeline CRM" })).toBeChecked();
    await expect(args.onValueChange).toHaveBeenCalledWith({ value: "oauth", option: pipelineOptions[1] });
  },
};

/** Preselected with `defaultValue`. */
export const Preselected: Story = {
  args: { defaultValue: "apiKey" },
};

/**
 * Controlled: `value` comes from the host's state and only changes when the host updates it (here
 * on every `onValueChange`, and from the host's own Reset button).
 */
export const Controlled: Story = {
  render: function ControlledPicker(args) {
    const [value, setValue] = useState<string | null>("apiKey");
    return (
      <div style={{ display: "grid", gap: 12 }}>
        <OptionPicker
          {...args}
          value={value}
          onValueChange={(details) => {
            args.onValueChange?.(details);
            setValue(details.value);
          }}
        />
        <p>
          Host state: <code>{value ?? "null"}</code>{" "}
          <button type="button" className="pb-button pb-button-secondary" onClick={() => setValue(null)}>
            Reset
          </button>
        </p>
      </div>
    );
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole("radio", { name: "API token" })).toBeChecked();
    await userEvent.click(canvas.getByRole("radio", { name: "Sign in with Pipeline CRM" }));
    await expect(canvas.getByText("oauth", { selector: "code" })).toBeVisible();
    await userEvent.click(canvas.getByRole("button", { name: "Reset" }));
    for (const radio of canvas.getAllByRole("radio")) await expect(radio).not.toBeChecked();
  },
};

/** Markdown descriptions, read as each option's description (links shown as text: the whole card is the label). */
export const WithDescriptions: Story = {
  args: { options: describedOptions },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const oauth = canvas.getByRole("radio", { name: "Sign in with Example" });
    await expect(oauth).toHaveAccessibleDescription(expect.stringContaining("Recommended"));
    await expect(canvas.queryByRole("link")).toBeNull();
  },
};

/** Keyboard only: Tab into the group, arrow keys move and select, Shift+Tab leaves. */
export const KeyboardNavigation: Story = {
  args: { options: describedOptions, defaultValue: "apiKey" },
  render: (args) => (
    <div style={{ display: "grid", gap: 12, justifyItems: "start" }}>
      <button type="button" className="pb-button pb-button-secondary">
        Before
      </button>
      <OptionPicker {...args} />
    </div>
  ),
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole("button", { name: "Before" }));
    await userEvent.tab();
    // Tab lands on the checked radio, not on the first one.
    await expect(canvas.getByRole("radio", { name: "API key" })).toHaveFocus();
    await userEvent.keyboard("{ArrowDown}");
    await expect(canvas.getByRole("radio", { name: "Sign in with Example" })).toBeChecked();
    await expect(canvas.getByRole("radio", { name: "Sign in with Example" })).toHaveFocus();
    await userEvent.keyboard("{ArrowDown}");
    await expect(canvas.getByRole("radio", { name: "Workspace token" })).toBeChecked();
    await userEvent.keyboard("{ArrowUp}");
    await expect(canvas.getByRole("radio", { name: "Sign in with Example" })).toBeChecked();
    await expect(args.onValueChange).toHaveBeenLastCalledWith(expect.objectContaining({ value: "oauth" }));
    await userEvent.tab({ shift: true });
    await expect(canvas.getByRole("button", { name: "Before" })).toHaveFocus();
  },
};

/** Disabled while a connect step runs: the choice can't change. */
export const Disabled: Story = {
  args: { defaultValue: "apiKey", disabled: true },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    for (const radio of canvas.getAllByRole("radio")) await expect(radio).toBeDisabled();
    await userEvent.click(canvas.getByText("Sign in with Pipeline CRM"));
    await expect(args.onValueChange).not.toHaveBeenCalled();
  },
};

/** Long titles and descriptions wrap inside their cards; a custom group label; a translated picker. */
export const LongContent: Story = {
  args: {
    label: "How should Plugboard connect to your Northwind Books company?",
    options: [
      {
        key: "oauth",
        type: "oauth2",
        title: "Sign in with your Northwind Books administrator account (recommended for most companies)",
        description:
          "You will be asked to sign in to **Northwind Books** and choose one company. Access can be revoked at any time from *Settings → Connected apps*, and nothing is stored until the connection test passes.",
        requiresAuthorization: true,
      },
      {
        key: "token",
        type: "client-credentials",
        title: "Paste a long-lived API token created by an administrator",
        description: "Use this when single sign-on blocks third-party apps. Tokens look like `nwb_live_0123456789abcdef0123456789abcdef`.",
      },
    ],
  },
};

/** In German (`locale="de"`): the group label comes from the shipped messages. */
export const German: Story = {
  args: { locale: "de" },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole("radiogroup", { name: "Wählen Sie, wie Sie sich verbinden möchten" })).toBeVisible();
  },
};
