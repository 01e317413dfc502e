import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, fn, userEvent, within } from "storybook/test";
import { ConnectWidget } from "../connect-widget/connect-widget.tsx";
import { connectorProps, hiddenConnectorControls } from "../stories-support/connector-props.ts";
import { photoShare } from "../stories-support/connectors.ts";
import { fakePopupLoader, loadedPopup } from "../stories-support/popup-loader.ts";
import { connectedWith, expectConnected } from "../stories-support/play.ts";

/**
 * OAuth 1.0a, three-legged (RFC 5849): the engine gets a request token, the sign-in window visits the
 * provider's authorize page (a fake window approves there), and the verifier is exchanged for an
 * access token. Every later API request, the connector's JavaScript test included, is signed.
 */
const meta = {
  title: "Flows/OAuth 1.0a",
  component: ConnectWidget,
  tags: ["autodocs"],
  loaders: [fakePopupLoader],
  args: { onConnected: fn(), onError: fn() },
  argTypes: Object.fromEntries(hiddenConnectorControls.map((name) => [name, { control: false }])),
  render: (args, context) => <ConnectWidget {...args} popup={{ ...args.popup, ports: loadedPopup(context).ports }} />,
} satisfies Meta<typeof ConnectWidget>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Photo Share: no form at all, one button. */
export const ThreeLegged: Story = {
  name: "Three-legged (Photo Share)",
  args: connectorProps(photoShare),
  play: async ({ canvasElement, args, loaded }) => {
    const canvas = within(canvasElement);
    const popup = loadedPopup({ loaded });
    const button = await canvas.findByRole("button", { name: "Sign in and connect" });
    await expect(canvas.queryByRole("textbox")).toBeNull();
    await userEvent.click(button);
    const connection = await connectedWith(args.onConnected);
    await expectConnected(canvas);
    await expect(popup.windows[0]!.navigations[0]).toMatch(/oauth_token=/);
    await expect(Object.keys(connection.credentials)).toEqual(expect.arrayContaining(["oauth_token", "oauth_token_secret"]));
  },
};
