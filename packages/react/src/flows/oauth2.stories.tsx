import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, fn, userEvent, within } from "storybook/test";
import { ConnectWidget } from "../connect-widget/connect-widget.tsx";
import { connectorProps, hiddenConnectorControls } from "../stories-support/connector-props.ts";
import { NORTHWIND_REALM_ID, northwindBooks } from "../stories-support/connectors.ts";
import { fakePopupLoader, loadedPopup } from "../stories-support/popup-loader.ts";
import { connectedWith, expectConnected } from "../stories-support/play.ts";

/**
 * OAuth 2.0 (authorization code with PKCE). The connect click opens the sign-in window at once; here
 * a fake window stands in for it: it approves at the mock provider's consent page and runs the real
 * callback page, which hands the code back to the widget. The widget then exchanges it, runs the
 * connector's test, and shows the connection.
 */
const meta = {
  title: "Flows/OAuth 2.0",
  component: ConnectWidget,
  tags: ["autodocs"],
  loaders: [fakePopupLoader],
  args: { onConnected: fn(), onError: fn() },
  argTypes: Object.fromEntries(hiddenConnectorControls.map((name) => [name, { control: false }])),
  render: (args, context) => <ConnectWidget {...args} popup={{ ...args.popup, ports: loadedPopup(context).ports }} />,
} satisfies Meta<typeof ConnectWidget>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Northwind Books (QuickBooks-style): a sandbox switch, PKCE, and the callback's `realmId` kept in the credentials. */
export const AuthorizationCode: Story = {
  name: "Authorization code + PKCE (Northwind Books)",
  args: connectorProps(northwindBooks),
  play: async ({ canvasElement, args, loaded, step }) => {
    const canvas = within(canvasElement);
    const popup = loadedPopup({ loaded });
    await step("Choose the sandbox company", async () => {
      await userEvent.click(await canvas.findByRole("checkbox", { name: "Connect to sandbox company" }));
    });
    await step("Sign in: the window opens in the click, then goes to the provider", async () => {
      const button = await canvas.findByRole("button", { name: "Sign in and connect" });
      await expect(button).toHaveAccessibleDescription("Opens a sign-in window");
      await userEvent.click(button);
      await expect(popup.openCount).toBe(1);
    });
    const connection = await connectedWith(args.onConnected);
    await expectConnected(canvas);
    await expect(popup.windows[0]!.navigations[0]).toMatch(/^https:\/\/auth\.northwind\.example\/oauth\/authorize\?/);
    await expect(new URL(popup.windows[0]!.navigations[0]!).searchParams.get("code_challenge_method")).toBe("S256");
    await expect(popup.windows[0]!.closed).toBe(true);
    await expect(connection).toMatchObject({ authType: "oauth2", credentials: { realmId: NORTHWIND_REALM_ID, isSandbox: true } });
  },
};
