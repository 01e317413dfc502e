/** Client-credentials connectors through the whole widget, against their mock providers. */
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { acmeCrm, ACME_REVOKED_KEY, ACME_VALID_KEYS, helpdesk, HELPDESK_ACCOUNT, ledger, LEDGER_ACCOUNT, weatherly, WEATHERLY_APP_ID } from "../test-utils/connectors.ts";
import { engineFor } from "../test-utils/engines.ts";
import { en } from "../messages/en.ts";
import { ConnectWidget } from "./connect-widget.tsx";
import { preloadFormBeforeAll } from "../test-utils/preload.ts";
import { setupMockProviders } from "../test-utils/mock-server.ts";

preloadFormBeforeAll();

setupMockProviders();

describe("ConnectWidget: client-credentials", () => {
  it("acme-crm: fills the form, connects, and shows the connected summary", async () => {
    const user = userEvent.setup();
    const onConnected = vi.fn();
    render(<ConnectWidget engine={engineFor(acmeCrm)} onConnected={onConnected} />);

    const apiKey = await screen.findByLabelText(/API key/, { selector: "input, select" });
    await user.type(apiKey, ACME_VALID_KEYS[0]!);
    await user.selectOptions(screen.getByLabelText(/Data region/, { selector: "input, select" }), "eu");
    await user.click(screen.getByRole("button", { name: "Connect" }));

    expect(await screen.findByText(en.connectedTitle, { selector: "p" })).toBeTruthy();
    expect(onConnected).toHaveBeenCalledTimes(1);
    const { connection } = onConnected.mock.calls[0]![0];
    expect(connection).toMatchObject({ authType: "client-credentials", input: { apiKey: ACME_VALID_KEYS[0], region: "eu" } });
    // The summary names the stored credentials but never shows their values.
    const summary = screen.getByRole("region", { name: en.connectedTitle });
    expect(summary.textContent).toContain("apiKey");
    expect(summary.textContent).not.toContain(ACME_VALID_KEYS[0]);
    expect(screen.getByRole("status").textContent).toBe(en.connectedTitle);
  });

  it("weatherly (spec text + files): connects from the spec props", async () => {
    const user = userEvent.setup();
    const onConnected = vi.fn();
    render(
      <ConnectWidget
        spec={weatherly.spec}
        files={weatherly.files}
        connectorParameters={weatherly.connectorParameters}
        engineOptions={{ sleep: async () => {} }}
        onConnected={onConnected}
      />,
    );
    expect(await screen.findByRole("region", { name: "Connect Weatherly" })).toBeTruthy();
    await user.type(await screen.findByLabelText(/App ID/, { selector: "input, select" }), WEATHERLY_APP_ID);
    const help = screen.getByRole("link", { name: /^Where do I find these details\?\s*\(opens in a new tab\)$/ });
    expect(help.getAttribute("href")).toBe("https://weatherly.example/docs/app-id");
    expect(screen.getByText("API access", { selector: "strong" })).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Connect" }));
    await waitFor(() => expect(onConnected).toHaveBeenCalledTimes(1));
  });

  it("helpdesk: three fields and a sandboxed JavaScript test", async () => {
    const user = userEvent.setup();
    const onConnected = vi.fn();
    render(<ConnectWidget engine={engineFor(helpdesk)} onConnected={onConnected} />);
    await user.type(await screen.findByLabelText(/Subdomain/, { selector: "input, select" }), HELPDESK_ACCOUNT.subdomain);
    await user.type(screen.getByLabelText(/Agent email/, { selector: "input, select" }), HELPDESK_ACCOUNT.email);
    await user.type(screen.getByLabelText(/API token/, { selector: "input, select" }), HELPDESK_ACCOUNT.apiToken);
    await user.click(screen.getByRole("button", { name: "Connect" }));
    await waitFor(() => expect(onConnected).toHaveBeenCalledTimes(1), { timeout: 10_000 });
  });

  it("ledger: email and password exchanged for a session token", async () => {
    const user = userEvent.setup();
    const onConnected = vi.fn();
    render(<ConnectWidget engine={engineFor(ledger)} onConnected={onConnected} />);
    await user.type(await screen.findByLabelText(/Email/, { selector: "input, select" }), LEDGER_ACCOUNT.email);
    await user.type(screen.getByLabelText(/Password/, { selector: "input, select" }), LEDGER_ACCOUNT.password);
    await user.click(screen.getByRole("button", { name: "Connect" }));
    await waitFor(() => expect(onConnected).toHaveBeenCalledTimes(1), { timeout: 10_000 });
    expect(onConnected.mock.calls[0]![0].connection.credentials).toHaveProperty("token");
  });

  it("acme-crm: a revoked key shows the defunct-connection message; Try again keeps the input", async () => {
    const user = userEvent.setup();
    const onError = vi.fn();
    render(<ConnectWidget engine={engineFor(acmeCrm)} onError={onError} />);
    await user.type(await screen.findByLabelText(/API key/, { selector: "input, select" }), ACME_REVOKED_KEY);
    await user.click(screen.getByRole("button", { name: "Connect" }));
    const alert = await screen.findByRole("alert");
    expect(onError).toHaveBeenCalledTimes(1);
    expect(alert.getAttribute("data-error-key")).toBe(onError.mock.calls[0]![0].error.key);
    expect(alert.textContent).toContain(en.errors[onError.mock.calls[0]![0].error.key as keyof typeof en.errors]);
    expect((screen.getByLabelText(/API key/, { selector: "input, select" }) as HTMLInputElement).value).toBe(ACME_REVOKED_KEY);
    expect(screen.getByRole("button", { name: "Try again" })).toBeTruthy();
  });
});
