import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, fn, userEvent, within } from "storybook/test";
import { ConnectWidget } from "../connect-widget/connect-widget.tsx";
import { connectorProps, hiddenConnectorControls } from "../stories-support/connector-props.ts";
import { acmeCrm, ACME_VALID_KEYS, helpdesk, HELPDESK_ACCOUNT, ledger, LEDGER_ACCOUNT } from "../stories-support/connectors.ts";
import { connectedWith, expectConnected, findField } from "../stories-support/play.ts";

/**
 * Client credentials: the user types what the service gave them, the connector's methods turn it
 * into credentials and test them. Each story runs the example connector's real spec against its mock
 * provider (MSW), from the empty form to the connected summary.
 */
const meta = {
  title: "Flows/Client credentials",
  component: ConnectWidget,
  tags: ["autodocs"],
  args: { onConnected: fn(), onError: fn() },
  argTypes: Object.fromEntries(hiddenConnectorControls.map((name) => [name, { control: false }])),
} satisfies Meta<typeof ConnectWidget>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Acme CRM: an API key sent in a header, and a data region that picks the API host. */
export const ApiKey: Story = {
  name: "API key (Acme CRM)",
  args: connectorProps(acmeCrm),
  play: async ({ canvasElement, args, step }) => {
    const canvas = within(canvasElement);
    await step("Paste the key and pick the EU region", async () => {
      await userEvent.type(await findField(canvas, /API key/), ACME_VALID_KEYS[0]!);
      await userEvent.selectOptions(await findField(canvas, /Data region/), "eu");
    });
    await step("Connect", async () => {
      await userEvent.click(await canvas.findByRole("button", { name: "Connect" }));
    });
    const summary = await expectConnected(canvas);
    const connection = await connectedWith(args.onConnected);
    await expect(connection).toMatchObject({ authType: "client-credentials", input: { apiKey: ACME_VALID_KEYS[0], region: "eu" } });
    // The summary names the stored credentials, never their values.
    await expect(summary).toHaveTextContent("apiKey");
    await expect(summary).not.toHaveTextContent(ACME_VALID_KEYS[0]!);
  },
};

/** Helpdesk: HTTP basic auth from an email and an API token; the test method is JavaScript run in the sandbox. */
export const BasicAuthWithSandboxedTest: Story = {
  name: "Basic auth + sandboxed JavaScript (Helpdesk)",
  args: connectorProps(helpdesk),
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.type(await findField(canvas, /Subdomain/), HELPDESK_ACCOUNT.subdomain);
    await userEvent.type(await findField(canvas, /Agent email/), HELPDESK_ACCOUNT.email);
    await userEvent.type(await findField(canvas, /API token/), HELPDESK_ACCOUNT.apiToken);
    await userEvent.click(await canvas.findByRole("button", { name: "Connect" }));
    await expectConnected(canvas);
    await expect(await connectedWith(args.onConnected)).toMatchObject({ input: { subdomain: HELPDESK_ACCOUNT.subdomain } });
  },
};

/** Ledger: email and password exchanged for a session token by the connector's JavaScript. */
export const EmailPasswordExchange: Story = {
  name: "Email and password exchange (Ledger)",
  args: connectorProps(ledger),
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.type(await findField(canvas, /Email/), LEDGER_ACCOUNT.email);
    await userEvent.type(await findField(canvas, /Password/), LEDGER_ACCOUNT.password);
    await userEvent.click(await canvas.findByRole("button", { name: "Connect" }));
    await expectConnected(canvas);
    // The stored credentials carry the session token the connector exchanged the password for.
    const connection = await connectedWith(args.onConnected);
    await expect(connection.credentials.token).toMatch(/^sess_/);
  },
};
