import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, fn, userEvent, within } from "storybook/test";
import { ConnectWidget } from "../connect-widget/connect-widget.tsx";
import { connectorProps, hiddenConnectorControls } from "../stories-support/connector-props.ts";
import { northwindProxy } from "../stories-support/connectors.ts";
import { fakePopupLoader, loadedPopup } from "../stories-support/popup-loader.ts";
import { connectedWith, expectConnected } from "../stories-support/play.ts";

/**
 * Proxy: a connector without an OAuth app of its own borrows another connector's (`proxyKey`). The
 * user signs in to Northwind Books (the delegate's consent page, in the fake window) and the proxy's
 * own test then calls the reports API with that token.
 */
const meta = {
  title: "Flows/Proxy",
  component: ConnectWidget,
  tags: ["autodocs"],
  loaders: [fakePopupLoader],
  args: { onConnected: fn(), onError: fn() },
  argTypes: Object.fromEntries(hiddenConnectorControls.map((name) => [name, { control: false }])),
  render: (args, context) => <ConnectWidget {...args} popup={{ ...args.popup, ports: loadedPopup(context).ports }} />,
} satisfies Meta<typeof ConnectWidget>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Northwind Reports, through the Northwind Books connector's OAuth app. */
export const ThroughDelegate: Story = {
  name: "Through the delegate's OAuth app (Northwind Reports)",
  args: connectorProps(northwindProxy),
  play: async ({ canvasElement, args, loaded }) => {
    const canvas = within(canvasElement);
    const popup = loadedPopup({ loaded });
    await expect(await canvas.findByText(/Uses your Northwind Books connection/)).toBeVisible();
    await userEvent.click(await canvas.findByRole("button", { name: "Sign in and connect" }));
    const connection = await connectedWith(args.onConnected);
    await expectConnected(canvas);
    await expect(popup.windows[0]!.navigations[0]).toMatch(/^https:\/\/auth\.northwind\.example\//);
    await expect(connection).toMatchObject({ authType: "proxy", delegate: { connectorKey: "northwind-books", authType: "oauth2" } });
  },
};
