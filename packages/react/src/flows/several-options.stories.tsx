import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, fn, userEvent, within } from "storybook/test";
import { ConnectWidget } from "../connect-widget/connect-widget.tsx";
import { connectorProps, hiddenConnectorControls } from "../stories-support/connector-props.ts";
import { PIPELINE_API_KEY, PIPELINE_COMPANY_DOMAIN, pipelineCrm } from "../stories-support/connectors.ts";
import { fakePopupLoader, loadedPopup } from "../stories-support/popup-loader.ts";
import { connectedWith, expectConnected, findField } from "../stories-support/play.ts";

/**
 * Several options: Pipeline CRM offers an API token, and OAuth 2.0 when the integration configured
 * its own OAuth app (`enabled: {$var: connectorParameters.clientId}`). The user picks one in a radio
 * group; the option's description, help link and form follow the choice.
 */
const meta = {
  title: "Flows/Several options",
  component: ConnectWidget,
  tags: ["autodocs"],
  loaders: [fakePopupLoader],
  args: { onConnected: fn(), onError: fn() },
  argTypes: Object.fromEntries(hiddenConnectorControls.map((name) => [name, { control: false }])),
  render: (args, context) => <ConnectWidget {...args} popup={{ ...args.popup, ports: loadedPopup(context).ports }} />,
} satisfies Meta<typeof ConnectWidget>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The API token option: pick it, paste the token, connect. */
export const ApiTokenOption: Story = {
  name: "API token option (Pipeline CRM)",
  args: connectorProps(pipelineCrm),
  play: async ({ canvasElement, args, step }) => {
    const canvas = within(canvasElement);
    const group = await canvas.findByRole("radiogroup", { name: "Choose how to connect" });
    await expect(within(group).getAllByRole("radio")).toHaveLength(2);
    // Nothing chosen yet: no form and no connect button.
    await expect(canvas.queryByRole("button", { name: "Connect" })).toBeNull();
    await step("Pick the API token option", async () => {
      await userEvent.click(within(group).getByRole("radio", { name: "API token" }));
    });
    await userEvent.type(await findField(canvas, /API token/), PIPELINE_API_KEY);
    await userEvent.click(await canvas.findByRole("button", { name: "Connect" }));
    const connection = await connectedWith(args.onConnected);
    await expectConnected(canvas);
    await expect(connection).toMatchObject({ authOptionKey: "apiKey", authType: "client-credentials" });
  },
};

/** The OAuth option: pick it, sign in through the (fake) window; the token response names the account's API host. */
export const OAuthOption: Story = {
  name: "OAuth option (Pipeline CRM)",
  args: connectorProps(pipelineCrm),
  play: async ({ canvasElement, args, loaded }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole("radio", { name: "Sign in with Pipeline CRM" }));
    await userEvent.click(await canvas.findByRole("button", { name: "Sign in and connect" }));
    const connection = await connectedWith(args.onConnected);
    await expectConnected(canvas);
    await expect(loadedPopup({ loaded }).windows[0]!.navigations[0]).toMatch(/^https:\/\/oauth\.pipeline-crm\.example\/oauth\/authorize\?/);
    await expect(connection).toMatchObject({ authOptionKey: "oauth", credentials: { api_domain: PIPELINE_COMPANY_DOMAIN } });
  },
};

/** Without the integration's OAuth client id, only the API token option is left: no picker, straight to its form. */
export const WithoutClientId: Story = {
  name: "Without connectorParameters.clientId (Pipeline CRM)",
  args: connectorProps(pipelineCrm, { connectorParameters: {} }),
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.type(await findField(canvas, /API token/), PIPELINE_API_KEY);
    await expect(canvas.queryByRole("radiogroup")).toBeNull();
    await userEvent.click(await canvas.findByRole("button", { name: "Connect" }));
    const connection = await connectedWith(args.onConnected);
    await expectConnected(canvas);
    await expect(connection.authOptionKey).toBe("apiKey");
  },
};
