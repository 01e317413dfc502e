import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, fn, userEvent, within } from "storybook/test";
import { ConnectWidget } from "../connect-widget/connect-widget.tsx";
import { connectorProps, hiddenConnectorControls } from "../stories-support/connector-props.ts";
import { internalApiMembrane } from "../stories-support/connectors.ts";
import { connectedWith, expectConnected } from "../stories-support/play.ts";

/**
 * membrane-token: the newer platform token type. Like integration-app-token, nothing to enter and
 * no sign-in window; requests carry the JWT in `X-Membrane-Token` (and the legacy header).
 */
const meta = {
  title: "Flows/Membrane token",
  component: ConnectWidget,
  tags: ["autodocs"],
  args: { onConnected: fn(), onError: fn() },
  argTypes: Object.fromEntries(hiddenConnectorControls.map((name) => [name, { control: false }])),
} satisfies Meta<typeof ConnectWidget>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Internal API (Membrane): the API insists on both headers. */
export const OneClick: Story = {
  name: "One click (Internal API, Membrane)",
  args: connectorProps(internalApiMembrane),
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    // No form: the option has no input fields.
    const connect = await canvas.findByRole("button", { name: "Connect" });
    await expect(canvas.queryByRole("textbox")).toBeNull();
    await userEvent.click(connect);
    const connection = await connectedWith(args.onConnected);
    await expectConnected(canvas);
    await expect(connection.authType).toBe("membrane-token");
  },
};
