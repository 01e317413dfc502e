import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, fn, userEvent, within } from "storybook/test";
import { acmeConnection, northwindConnection, proxyConnection } from "../stories-support/fixtures.ts";
import { ConnectionStatus } from "./connection-status.tsx";

/** A connected connection: the option used, when, and which credentials are stored (their values are never shown). */
const meta = {
  title: "Components/ConnectionStatus",
  component: ConnectionStatus,
  tags: ["autodocs"],
  args: { connection: acmeConnection, options: [{ key: "", type: "client-credentials", title: "API key" }] },
} satisfies Meta<typeof ConnectionStatus>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The option's title comes from `options`; credentials are listed by name, masked. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const region = canvas.getByRole("region", { name: "Connected" });
    await expect(region).toHaveTextContent("API key");
    await expect(region).toHaveTextContent("apiKey");
    await expect(region).not.toHaveTextContent(acmeConnection.credentials.apiKey as string);
    await expect(canvas.getAllByText("hidden")).toHaveLength(2);
  },
};

/** An OAuth connection with an explicit `optionTitle`. */
export const OAuthConnection: Story = {
  args: { connection: northwindConnection, optionTitle: "Northwind Books account", options: [] },
};

/** A proxy connection (no option list: the auth type is shown). */
export const ProxyConnection: Story = {
  args: { connection: proxyConnection, options: undefined },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole("region", { name: "Connected" })).toHaveTextContent("proxy");
  },
};

/** The host's own actions under the summary (`children`). */
export const WithActions: Story = {
  args: { connection: northwindConnection, optionTitle: "Northwind Books account" },
  render: function WithActions(args) {
    const onDisconnect = fn();
    return (
      <ConnectionStatus {...args}>
        <button type="button" className="pb-button pb-button-secondary" onClick={onDisconnect}>
          Reconnect
        </button>{" "}
        <button type="button" className="pb-button pb-button-secondary" onClick={onDisconnect}>
          Disconnect
        </button>
      </ConnectionStatus>
    );
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole("button", { name: "Disconnect" }));
    await expect(canvas.getByRole("button", { name: "Reconnect" })).toBeVisible();
  },
};

/** In Japanese: labels and the date format follow the locale. */
export const Japanese: Story = {
  args: { locale: "ja", optionTitle: "API キー" },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole("region", { name: "接続済み" })).toBeVisible();
  },
};

/** The dark theme (story `globals: { theme: "dark" }`). */
export const DarkTheme: Story = {
  globals: { theme: "dark" },
  args: { connection: northwindConnection, optionTitle: "Northwind Books account" },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole("region", { name: "Connected" })).toHaveAttribute("data-theme", "dark");
  },
};
