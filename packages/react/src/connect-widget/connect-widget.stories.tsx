import type { Meta, StoryObj } from "@storybook/react-vite";
import { ErrorKey } from "@plugboard/auth-core";
import type { ConnectRuntime } from "@plugboard/auth-core";
import { http, HttpResponse } from "msw";
import { expect, fn, userEvent, waitFor, within } from "storybook/test";
import { en } from "../messages/en.ts";
import { messagesByLocale } from "../messages/catalog.ts";
import type { ShippedLocale } from "../messages/index.ts";
import { connectorProps, hiddenConnectorControls } from "../stories-support/connector-props.ts";
import { acmeCrm, ACME_REVOKED_KEY, ACME_VALID_KEYS, helpdesk, HELPDESK_ACCOUNT, ledger, northwindBooks, NORTHWIND_CLIENT, pipelineCrm } from "../stories-support/connectors.ts";
import { failingRuntime, loadingRuntime, pendingRuntime, rejectingInputRuntime } from "../stories-support/fake-runtime.ts";
import { helpdeskConnection } from "../stories-support/fixtures.ts";
import { connectedWith, expectConnected, expectErrorAlert, findField, FLOW_TIMEOUT } from "../stories-support/play.ts";
import { fakePopupLoader, loadedPopup } from "../stories-support/popup-loader.ts";
import { inPageServerRuntime, memoryStorage } from "../stories-support/runtimes.ts";
import { ConnectWidget } from "./connect-widget.tsx";

/**
 * The whole connect flow for one connector. These stories show each state a person can meet, each
 * error with its human message, both themes and every shipped language. Most run a real example
 * connector against its mock provider; OAuth goes through a fake sign-in window; the rarer failures
 * come from a small fake runtime that fails with the chosen error key.
 * The full happy path of every auth type is under **Flows**.
 */
const meta = {
  title: "Components/ConnectWidget",
  component: ConnectWidget,
  tags: ["autodocs"],
  loaders: [fakePopupLoader],
  args: { ...connectorProps(acmeCrm), onConnected: fn(), onError: fn(), onCancel: fn() },
  argTypes: {
    ...Object.fromEntries(hiddenConnectorControls.map((name) => [name, { control: false }])),
    locale: { control: "select", options: Object.keys(messagesByLocale) },
    theme: { control: "inline-radio", options: ["light", "dark", "auto"] },
  },
  render: (args, context) => <ConnectWidget {...args} popup={{ ...args.popup, ports: loadedPopup(context).ports }} />,
} satisfies Meta<typeof ConnectWidget>;

export default meta;
type Story = StoryObj<typeof meta>;

// --- States --------------------------------------------------------------------------------------

/** The form of a single-option connector: description, help link, fields, connect. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await findField(canvas, /API key/)).toHaveAttribute("type", "password");
    await expect(canvas.getByRole("link", { name: /Where do I find these details\?/ })).toHaveAttribute("target", "_blank");
    await expect(canvas.getByRole("button", { name: "Connect" })).toBeEnabled();
    await expect(canvas.getByRole("region", { name: "Connect Acme CRM" })).toHaveAttribute("data-state", "entering-input");
  },
};

/** Prefilled with `initialInput` (the key stays masked until revealed). */
export const Filled: Story = {
  args: { initialInput: acmeCrm.fixtures.validInput },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await findField(canvas, /API key/)).toHaveValue(ACME_VALID_KEYS[0]);
    await expect(await findField(canvas, /Data region/)).toHaveDisplayValue("eu");
  },
};

/** Invalid input is caught in the form: each field says what is wrong, focus goes to the first one, nothing is sent. */
export const ValidationErrors: Story = {
  play: async ({ canvasElement, args, step }) => {
    const canvas = within(canvasElement);
    const apiKey = await findField(canvas, /API key/);
    await step("Submit the empty form", async () => {
      await userEvent.click(canvas.getByRole("button", { name: "Connect" }));
      await waitFor(() => expect(apiKey).toHaveAttribute("aria-invalid", "true"));
      await expect(apiKey).toHaveAccessibleDescription(expect.stringContaining("API key is required"));
      await expect(apiKey).toHaveFocus();
    });
    await step("Submit a key in the wrong shape", async () => {
      await userEvent.type(apiKey, "not-a-key");
      await userEvent.click(canvas.getByRole("button", { name: "Connect" }));
      await waitFor(() => expect(apiKey).toHaveAccessibleDescription(expect.stringContaining("API key doesn't look right")));
    });
    await expect(args.onError).not.toHaveBeenCalled();
    await expect(args.onConnected).not.toHaveBeenCalled();
  },
};

/** The runtime refused the input (`invalid_input` with issues): a summary above the button, each issue on its field. */
export const InputRefusedByRuntime: Story = {
  args: { runtime: rejectingInputRuntime([{ path: "/apiKey", code: "pattern", message: "does not match the key format" }]) },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.type(await findField(canvas, /API key/), "key_that_the_server_refuses");
    await userEvent.click(canvas.getByRole("button", { name: "Connect" }));
    await expect(await canvas.findByRole("alert")).toHaveTextContent(en.fieldsNeedAttention);
    await waitFor(() => expect(args.onError).toHaveBeenCalledWith({ error: expect.objectContaining({ key: "invalid_input" }) }));
    const apiKey = await findField(canvas, /API key/);
    await waitFor(() => expect(apiKey).toHaveAttribute("aria-invalid", "true"));
    // The input is kept.
    await expect(apiKey).toHaveValue("key_that_the_server_refuses");
  },
};

/** Loading the connector's options (the runtime never answers here). */
export const LoadingOptions: Story = {
  args: { runtime: loadingRuntime() },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole("status")).toHaveTextContent(en.progress.loading);
    await expect(canvas.getByRole("region")).toHaveAttribute("aria-busy", "true");
  },
};

/** Connecting: the connector's test is running (the runtime never answers). The button stays focusable but inert; Cancel is offered. */
export const Busy: Story = {
  args: { runtime: pendingRuntime({ progress: ["testing"] }) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(await findField(canvas, /API key/), "sk_live_12345678");
    const connect = canvas.getByRole("button", { name: "Connect" });
    await userEvent.click(connect);
    await waitFor(() => expect(canvas.getByRole("status")).toHaveTextContent(en.progress.testing));
    await expect(connect).toHaveAttribute("aria-disabled", "true");
    await expect(await findField(canvas, /API key/)).toBeDisabled();
    await expect(canvas.getByRole("button", { name: "Cancel" })).toBeVisible();
  },
};

/** OAuth: the sign-in window is open and the widget waits for it (the fake window just stays open). */
export const WaitingForSignIn: Story = {
  args: connectorProps(northwindBooks),
  parameters: { fakePopup: { consent: "wait" } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole("button", { name: "Sign in and connect" }));
    await waitFor(() => expect(canvas.getByRole("status")).toHaveTextContent(en.progress.authorizing));
    await expect(canvas.getByRole("button", { name: "Cancel" })).toBeVisible();
  },
};

/** Cancel while busy: nothing is connected; Start over returns to the form with the input kept. */
export const Cancelled: Story = {
  args: { runtime: pendingRuntime({ progress: ["connecting"] }) },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.type(await findField(canvas, /API key/), "sk_live_12345678");
    await userEvent.click(canvas.getByRole("button", { name: "Connect" }));
    await userEvent.click(await canvas.findByRole("button", { name: "Cancel" }));
    await expect(await canvas.findByText(en.cancelledTitle)).toBeVisible();
    await expect(canvas.getByText(en.cancelledMessage)).toBeVisible();
    await expect(args.onCancel).toHaveBeenCalledTimes(1);
    // Focus moves to the outcome, so keyboard users are not left on a removed button.
    await waitFor(() => expect(canvas.getByText(en.cancelledTitle).parentElement).toHaveFocus());
    await userEvent.click(canvas.getByRole("button", { name: en.startOver }));
    await expect(await findField(canvas, /API key/)).toHaveValue("sk_live_12345678");
  },
};

/** Connected: the summary names the option, the time and which credentials are stored (never their values). */
export const Connected: Story = {
  args: { initialInput: acmeCrm.fixtures.validInput },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole("button", { name: "Connect" }));
    const summary = await expectConnected(canvas);
    await expect(summary).toHaveTextContent("API key");
    await expect(summary).not.toHaveTextContent(ACME_VALID_KEYS[0]!);
    await waitFor(() => expect(summary.parentElement).toHaveFocus());
  },
};

/** `renderSuccess` replaces the summary, e.g. with a "Connect another account" button (`reset`). */
export const CustomSuccess: Story = {
  args: {
    initialInput: acmeCrm.fixtures.validInput,
    renderSuccess: ({ connection, reset }) => (
      <div>
        <p>
          Acme CRM is connected ({String(connection.input.region).toUpperCase()} region). Contacts will sync every hour.
        </p>
        <button type="button" className="pb-button pb-button-secondary" onClick={reset}>
          Connect another account
        </button>
      </div>
    ),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole("button", { name: "Connect" }));
    await expect(await canvas.findByText(/Acme CRM is connected \(EU region\)/, {}, FLOW_TIMEOUT)).toBeVisible();
    await userEvent.click(canvas.getByRole("button", { name: "Connect another account" }));
    await expect(await findField(canvas, /API key/)).toBeVisible();
  },
};

/**
 * Reconnect an existing connection (`connection` prop): its option is preselected and its input
 * prefilled, except secrets (here the API token), which must be typed again.
 */
export const Reconnect: Story = {
  args: { ...connectorProps(helpdesk), connection: helpdeskConnection },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await waitFor(async () => expect(await findField(canvas, /Subdomain/)).toHaveValue(HELPDESK_ACCOUNT.subdomain));
    await expect(await findField(canvas, /Agent email/)).toHaveValue(HELPDESK_ACCOUNT.email);
    const apiToken = await findField(canvas, /API token/);
    await expect(apiToken).toHaveValue("");
    await userEvent.type(apiToken, HELPDESK_ACCOUNT.apiToken);
    await userEvent.click(canvas.getByRole("button", { name: "Connect" }));
    const connection = await connectedWith(args.onConnected);
    await expect(connection).toMatchObject({ input: { subdomain: HELPDESK_ACCOUNT.subdomain, apiToken: HELPDESK_ACCOUNT.apiToken } });
  },
};

/** Several options in the dark theme (story `globals: { theme: "dark" }`), after a failed attempt. */
export const DarkTheme: Story = {
  globals: { theme: "dark" },
  args: { ...connectorProps(pipelineCrm), initialOptionKey: "apiKey", initialInput: pipelineCrm.fixtures.rejectedInput },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole("region")).toHaveAttribute("data-theme", "dark");
    await userEvent.click(await canvas.findByRole("button", { name: "Connect" }));
    await expectErrorAlert(canvas, "test_failed");
    await expect(canvas.getByRole("radio", { name: "API token" })).toBeChecked();
  },
};

/** `unstyled`: no `pb-*` styling classes at all, for hosts that bring their own CSS (structure and ARIA stay). */
export const Unstyled: Story = {
  args: { unstyled: true, classNames: { connectButton: "host-button" } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const connect = await canvas.findByRole("button", { name: "Connect" });
    await expect(connect).toHaveClass("host-button", { exact: true });
    await expect(canvas.getByRole("region")).not.toHaveClass("pb-connect-widget");
  },
};

// --- Errors ----------------------------------------------------------------------------------------

/** `test_failed` (Helpdesk): the service refused the token in the connector's test. Try again keeps the input. */
export const TestFailed: Story = {
  name: "Error: test_failed",
  args: { ...connectorProps(helpdesk), initialInput: helpdesk.fixtures.rejectedInput },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole("button", { name: "Connect" }));
    await expectErrorAlert(canvas, "test_failed");
    await expect(canvas.getByRole("button", { name: en.retry })).toBeVisible();
    await expect(args.onError).toHaveBeenCalledWith({ error: expect.objectContaining({ key: "test_failed" }) });
    // Edit details: back to the form with the input kept, focus on the first field.
    await userEvent.click(canvas.getByRole("button", { name: en.editDetails }));
    const subdomain = await findField(canvas, /Subdomain/);
    await expect(subdomain).toHaveValue(String(helpdesk.fixtures.rejectedInput!.subdomain));
    await waitFor(() => expect(subdomain).toHaveFocus());
    await expect(canvas.queryByRole("alert")).toBeNull();
  },
};

/** `credentials_rejected` (Ledger): wrong password; the technical message sits behind a disclosure. */
export const CredentialsRejected: Story = {
  name: "Error: credentials_rejected",
  args: { ...connectorProps(ledger), initialInput: ledger.fixtures.rejectedInput },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole("button", { name: "Connect" }));
    const alert = await expectErrorAlert(canvas, "credentials_rejected");
    const details = within(alert).getByText(en.technicalDetails);
    await userEvent.click(details);
    await expect(details.closest("details")).toHaveAttribute("open");
  },
};

/** `connection_is_defunct` (Acme CRM): the key was revoked; the connector's response handler says so. */
export const ConnectionIsDefunct: Story = {
  name: "Error: revoked key",
  args: { initialInput: { apiKey: ACME_REVOKED_KEY } },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole("button", { name: "Connect" }));
    const alert = await canvas.findByRole("alert", {}, FLOW_TIMEOUT);
    const key = alert.getAttribute("data-error-key") as keyof typeof en.errors;
    await expect(alert).toHaveTextContent(en.errors[key]);
    await expect(args.onError).toHaveBeenCalledWith({ error: expect.objectContaining({ key }) });
  },
};

/** `network_error`: the app's Plugboard server (server runtime) can't be reached; Try again loads the options once it is back. */
export const NetworkError: Story = {
  name: "Error: network_error",
  loaders: [() => ({ runtime: inPageServerRuntime("acme-crm", { unreachableFor: 1 }) })],
  render: (args, { loaded }) => <ConnectWidget {...args} runtime={loaded.runtime as ConnectRuntime} />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expectErrorAlert(canvas, "network_error");
    await userEvent.click(canvas.getByRole("button", { name: en.retry }));
    await expect(await findField(canvas, /API key/)).toBeVisible();
    await expect(canvas.queryByRole("alert")).toBeNull();
  },
};

/**
 * The provider keeps answering 429 while the connector's test runs (an MSW override for this story
 * only): after its retries the test fails (`test_failed`), with `rate_limit_exceeded` as the reason.
 */
export const RateLimited: Story = {
  name: "Error: rate limited during the test",
  args: { initialInput: acmeCrm.fixtures.validInput },
  beforeEach: ({ msw }) => {
    msw.use(http.get("https://:region.api.acme-crm.example/v2/me", () => HttpResponse.json({ error: { code: "slow_down" } }, { status: 429, headers: { "Retry-After": "0" } })));
  },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole("button", { name: "Connect" }));
    const alert = await canvas.findByRole("alert", {}, FLOW_TIMEOUT);
    await expect(alert).toHaveTextContent(en.errors.test_failed);
    await expect(within(alert).getByText(/rate/i, { ignore: "summary" })).toBeInTheDocument();
    await expect(args.onError).toHaveBeenCalledTimes(1);
  },
};

/** `access_denied` (Northwind Books): the user clicked Deny on the provider's consent page. */
export const AccessDenied: Story = {
  name: "Error: access_denied",
  args: connectorProps(northwindBooks),
  parameters: { fakePopup: { consent: "deny" } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole("button", { name: "Sign in and connect" }));
    await expectErrorAlert(canvas, "access_denied");
    await expect(canvas.getByRole("button", { name: en.retry })).toBeVisible();
  },
};

/**
 * `popup_blocked`: the browser blocked the sign-in window. The widget explains it and offers to
 * continue in this window (the same-window redirect) or to try again.
 */
const withRedirectFallback = (): Story["args"] => ({
  ...connectorProps(northwindBooks),
  redirect: { returnTo: "https://app.plugboard.example/integrations", options: { navigate: fn(), storage: memoryStorage() } },
});

export const PopupBlocked: Story = {
  name: "Error: popup_blocked (with redirect)",
  args: withRedirectFallback(),
  parameters: { fakePopup: { blocked: true } },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole("button", { name: "Sign in and connect" }));
    const alert = await expectErrorAlert(canvas, "popup_blocked");
    await expect(alert).toHaveTextContent(en.popupBlockedTitle);
    await expect(within(alert).getByRole("button", { name: en.continueInThisWindow })).toBeVisible();
    await expect(within(alert).getByRole("button", { name: en.retry })).toBeVisible();
    await expect(args.onError).toHaveBeenCalledWith({ error: expect.objectContaining({ key: "popup_blocked" }) });
  },
};

/** …then "Continue in this window": the same-window flow starts (its navigation is a spy here, so the story stays on the page). */
export const PopupBlockedContinueHere: Story = {
  name: "Error: popup_blocked → continue in this window",
  args: withRedirectFallback(),
  parameters: { fakePopup: { blocked: true } },
  play: async (context) => {
    await PopupBlocked.play!(context);
    const canvas = within(context.canvasElement);
    await userEvent.click(canvas.getByRole("button", { name: en.continueInThisWindow }));
    const navigate = context.args.redirect ? context.args.redirect.options?.navigate : undefined;
    await waitFor(() => expect(navigate).toHaveBeenCalledWith(expect.stringMatching(/^https:\/\/auth\.northwind\.example\/oauth\/authorize\?/)));
    await expect(await canvas.findByText(en.progress.redirecting)).toBeVisible();
  },
};

/** The sign-in window blocked, in the dark theme (the warning callout and both actions). */
export const PopupBlockedDark: Story = {
  name: "Error: popup_blocked (dark theme)",
  globals: { theme: "dark" },
  args: withRedirectFallback(),
  parameters: { fakePopup: { blocked: true } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole("button", { name: "Sign in and connect" }));
    await expectErrorAlert(canvas, "popup_blocked");
    await expect(canvas.getByRole("region")).toHaveAttribute("data-theme", "dark");
  },
};

/** `popup_blocked` without a same-window fallback (`redirect={false}`): only Try again. */
export const PopupBlockedNoRedirect: Story = {
  name: "Error: popup_blocked (retry only)",
  args: { ...connectorProps(northwindBooks), redirect: false },
  parameters: { fakePopup: { blocked: true } },
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole("button", { name: "Sign in and connect" }));
    const alert = await expectErrorAlert(canvas, "popup_blocked");
    await expect(within(alert).queryByRole("button", { name: en.continueInThisWindow })).toBeNull();
    // The user allows pop-ups, then tries again: this time the window opens.
    loadedPopup({ loaded }).blocked = false;
    await userEvent.click(within(alert).getByRole("button", { name: en.retry }));
    await expectConnected(canvas);
  },
};

/** `popup_closed`: the user closed the sign-in window before finishing; the attempt ends as cancelled, not failed. */
export const PopupClosed: Story = {
  name: "Error: popup_closed",
  args: { ...connectorProps(northwindBooks), popup: { closedGraceMs: 0, pollIntervalMs: 50 } },
  parameters: { fakePopup: { consent: "close" } },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole("button", { name: "Sign in and connect" }));
    await expect(await canvas.findByText(en.errors.popup_closed, {}, FLOW_TIMEOUT)).toBeVisible();
    await expect(args.onError).not.toHaveBeenCalled();
    await expect(args.onCancel).toHaveBeenCalledTimes(1);
    await userEvent.click(canvas.getByRole("button", { name: en.startOver }));
    await expect(await canvas.findByRole("button", { name: "Sign in and connect" })).toHaveFocus();
  },
};

/** `state_mismatch`: the callback's `state` was altered on the way back; the response is refused and no code is exchanged. */
export const StateMismatch: Story = {
  name: "Error: state_mismatch",
  args: connectorProps(northwindBooks),
  parameters: { fakePopup: { consent: "tamper-state" } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole("button", { name: "Sign in and connect" }));
    await expectErrorAlert(canvas, "state_mismatch");
  },
};

/** `timeout`: the sign-in never came back (a 1.5 s `timeoutMs` here instead of the default 5 minutes). */
export const Timeout: Story = {
  name: "Error: timeout",
  args: { ...connectorProps(northwindBooks), popup: { timeoutMs: 1_500 } },
  parameters: { fakePopup: { consent: "wait" } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole("button", { name: "Sign in and connect" }));
    await expectErrorAlert(canvas, "timeout");
  },
};

/** `token_exchange_failed`: the provider refused the integration's client secret after a successful sign-in. */
export const TokenExchangeFailed: Story = {
  name: "Error: token_exchange_failed",
  args: connectorProps(northwindBooks, { connectorParameters: { ...NORTHWIND_CLIENT, clientSecret: "wrong" } }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole("button", { name: "Sign in and connect" }));
    await expectErrorAlert(canvas, "token_exchange_failed");
  },
};

/** `configuration_error`: the integration has no OAuth client id; the blank window opened in the click is closed again. */
export const ConfigurationError: Story = {
  name: "Error: configuration_error",
  args: connectorProps(northwindBooks, { connectorParameters: {} }),
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole("button", { name: "Sign in and connect" }));
    await expectErrorAlert(canvas, "configuration_error");
    await expect(loadedPopup({ loaded }).windows[0]!.closed).toBe(true);
  },
};

/** `invalid_spec`: a broken spec is reported in the widget (with Try again), not thrown at the host. */
export const InvalidSpec: Story = {
  name: "Error: invalid_spec",
  args: { spec: "key: broken\ntype: oauth3\nmakeApiClient: {type: mapping, mapping: {}}" },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expectErrorAlert(canvas, "invalid_spec");
    await expect(canvas.getByRole("button", { name: en.retry })).toBeVisible();
    await expect(args.onError).toHaveBeenCalledWith({ error: expect.objectContaining({ key: "invalid_spec" }) });
  },
};

/** A rarer key from a fake runtime (`sandbox_limit`: the connector's code ran out of time), reported while testing. */
export const SandboxLimit: Story = {
  name: "Error: sandbox_limit",
  args: { runtime: failingRuntime("sandbox_limit", { progress: ["testing"], message: "The test method was interrupted after 5000 ms." }), initialInput: { apiKey: "sk_live_12345678" } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole("button", { name: "Connect" }));
    await expectErrorAlert(canvas, "sandbox_limit");
  },
};

const errorKeys = Object.values(ErrorKey);

/**
 * Every error key's message, as the widget shows it (each widget's runtime fails with one key while
 * loading). A reference for copy review and visual regression.
 */
export const AllErrorMessages: Story = {
  name: "All error messages",
  render: (args) => (
    <div style={{ display: "grid", gap: 16, gridTemplateColumns: "repeat(auto-fill, minmax(320px, 1fr))" }}>
      {errorKeys.map((key) => (
        <figure key={key} style={{ margin: 0, display: "grid", gap: 8, alignContent: "start" }}>
          <figcaption>
            <code>{key}</code>
          </figcaption>
          <ConnectWidget
            locale={args.locale}
            theme={args.theme}
            runtime={failingRuntime(key, { failOn: "options", delayMs: 0, message: `Example technical message for ${key}.` })}
            messages={{ widgetLabel: `Connect (${key})` }}
          />
        </figure>
      ))}
    </div>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getAllByRole("alert")).toHaveLength(errorKeys.length));
    for (const key of errorKeys) {
      const region = canvas.getByRole("region", { name: `Connect (${key})` });
      await expect(within(region).getByRole("alert")).toHaveAttribute("data-error-key", key);
    }
  },
};

// --- Languages -------------------------------------------------------------------------------------

function localeStory(locale: ShippedLocale): Story {
  const messages = messagesByLocale[locale];
  return {
    name: `Language: ${locale}`,
    args: { ...connectorProps(pipelineCrm), locale },
    play: async ({ canvasElement }) => {
      const canvas = within(canvasElement);
      await expect(await canvas.findByRole("radiogroup", { name: messages.optionPickerLabel })).toBeVisible();
      await expect(canvas.getByRole("region")).toHaveAttribute("lang", locale);
      await userEvent.click(canvas.getByRole("radio", { name: "API token" }));
      const token = await findField(canvas, /API token/);
      // A field problem, in this language…
      await userEvent.click(canvas.getByRole("button", { name: messages.connect }));
      await waitFor(() => expect(token).toHaveAttribute("aria-invalid", "true"));
      // …and a failed attempt, in this language.
      await userEvent.type(token, String(pipelineCrm.fixtures.rejectedInput!.apiKey));
      await userEvent.click(canvas.getByRole("button", { name: messages.connect }));
      await expectErrorAlert(canvas, "test_failed", messages);
      await expect(canvas.getByRole("button", { name: messages.retry })).toBeVisible();
    },
  };
}

export const English = localeStory("en");
export const German = localeStory("de");
export const French = localeStory("fr");
export const Spanish = localeStory("es");
export const Japanese = localeStory("ja");

/** The sign-in window's states in a shipped language (here German): waiting, then cancelled by closing it. */
export const GermanOAuth: Story = {
  name: "Language: de (sign-in window)",
  args: { ...connectorProps(northwindBooks), locale: "de", popup: { closedGraceMs: 0, pollIntervalMs: 50 } },
  parameters: { fakePopup: { consent: "close", consentDelayMs: 600 } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const de = messagesByLocale.de;
    await userEvent.click(await canvas.findByRole("button", { name: de.signInAndConnect }));
    await waitFor(() => expect(canvas.getByRole("status")).toHaveTextContent(de.progress.authorizing));
    await expect(await canvas.findByText(de.errors.popup_closed, {}, FLOW_TIMEOUT)).toBeVisible();
  },
};
