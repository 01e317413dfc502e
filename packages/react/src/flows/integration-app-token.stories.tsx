import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, fn, userEvent, within } from "storybook/test";
import { ConnectWidget } from "../connect-widget/connect-widget.tsx";
import { connectorProps, hiddenConnectorControls } from "../stories-support/connector-props.ts";
import { internalApi } from "../stories-support/connectors.ts";
import { connectedWith, expectConnected } from "../stories-support/play.ts";

/**
 * integration-app-token: your own API, authenticated with a JWT signed by the workspace secret. No
 * input and no sign-in window: one click connects. (In production this runs where the secret lives,
 * the server runtime; here the local engine signs with the example workspace's test secret.)
 */
const meta = {
  title: "Flows/Integration app token",
  component: ConnectWidget,
  tags: ["autodocs"],
  args: { onConnected: fn(), onError: fn() },
  argTypes: Object.fromEntries(hiddenConnectorControls.map((name) => [name, { control: false }])),
} satisfies Meta<typeof ConnectWidget>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Internal API: a signed `X-Integration-App-Token` on every request. */
export const OneClick: Story = {
  name: "One click (Internal API)",
  args: connectorProps(internalApi),
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText(/Nothing to enter/)).toBeVisible();
    await expect(canvas.queryByRole("textbox")).toBeNull();
    await userEvent.click(await canvas.findByRole("button", { name: "Connect" }));
    const connection = await connectedWith(args.onConnected);
    await expectConnected(canvas);
    await expect(connection.authType).toBe("integration-app-token");
  },
};
