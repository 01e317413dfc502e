/**
 * OAuth 2.0, OAuth 1.0a, proxy, platform-token and multi-option connectors through the widget,
 * with the local engine and a fake popup that clicks the mock provider's consent page.
 */
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { en } from "../messages/en.ts";
import { internalApi, NORTHWIND_REALM_ID, northwindBooks, northwindProxy, photoShare, PIPELINE_API_KEY, PIPELINE_COMPANY_DOMAIN, pipelineCrm } from "../test-utils/connectors.ts";
import { engineFor } from "../test-utils/engines.ts";
import { createFakeBrowser } from "../test-utils/fake-popup.ts";
import { ConnectWidget } from "./connect-widget.tsx";
import { preloadFormBeforeAll } from "../test-utils/preload.ts";
import { setupMockProviders } from "../test-utils/mock-server.ts";

preloadFormBeforeAll();

setupMockProviders();

describe("ConnectWidget: OAuth 2.0 (northwind-books)", () => {
  it("opens the popup, passes the consent page and connects once", async () => {
    const user = userEvent.setup();
    const browser = createFakeBrowser();
    const onConnected = vi.fn();
    render(<ConnectWidget engine={engineFor(northwindBooks)} popup={{ ports: browser.ports }} onConnected={onConnected} />);

    await user.click(await screen.findByLabelText("Connect to sandbox company"));
    const button = await screen.findByRole("button", { name: en.signInAndConnect });
    expect(button.getAttribute("aria-describedby")).toBeTruthy();
    await user.click(button);

    await waitFor(() => expect(onConnected).toHaveBeenCalledTimes(1));
    expect(browser.open).toHaveBeenCalledTimes(1);
    expect(browser.open.mock.calls[0]![0]).toBe("about:blank");
    expect(browser.windows[0]!.navigations[0]).toMatch(/^https:\/\/auth\.northwind\.example\/oauth\/authorize\?/);
    expect(browser.windows[0]!.closed).toBe(true);
    expect(onConnected.mock.calls[0]![0].connection).toMatchObject({ authType: "oauth2", credentials: { realmId: NORTHWIND_REALM_ID, isSandbox: true } });
    expect(await screen.findByRole("region", { name: en.connectedTitle })).toBeTruthy();
  });
});

describe("ConnectWidget: OAuth 1.0a (photo-share)", () => {
  it("connects through the popup without a form", async () => {
    const user = userEvent.setup();
    const browser = createFakeBrowser();
    const onConnected = vi.fn();
    render(<ConnectWidget engine={engineFor(photoShare)} popup={{ ports: browser.ports }} onConnected={onConnected} />);
    const button = await screen.findByRole("button", { name: en.signInAndConnect });
    expect(button.getAttribute("type")).toBe("button");
    await user.click(button);
    await waitFor(() => expect(onConnected).toHaveBeenCalledTimes(1), { timeout: 10_000 });
    expect(onConnected.mock.calls[0]![0].connection.credentials).toMatchObject({ oauth_token: expect.any(String), oauth_token_secret: expect.any(String) });
  });
});

describe("ConnectWidget: proxy (northwind-proxy)", () => {
  it("connects through the delegate connector's OAuth app", async () => {
    const user = userEvent.setup();
    const browser = createFakeBrowser();
    const onConnected = vi.fn();
    render(<ConnectWidget engine={engineFor(northwindProxy)} popup={{ ports: browser.ports }} onConnected={onConnected} />);
    await user.click(await screen.findByRole("button", { name: en.signInAndConnect }));
    await waitFor(() => expect(onConnected).toHaveBeenCalledTimes(1), { timeout: 10_000 });
    expect(onConnected.mock.calls[0]![0].connection).toMatchObject({ authType: "proxy", delegate: { connectorKey: "northwind-books", authType: "oauth2" } });
  });
});

describe("ConnectWidget: platform token (internal-api)", () => {
  it("connects with one click: no form, no popup", async () => {
    const user = userEvent.setup();
    const browser = createFakeBrowser();
    const onConnected = vi.fn();
    render(<ConnectWidget engine={engineFor(internalApi)} popup={{ ports: browser.ports }} onConnected={onConnected} />);
    expect(await screen.findByText(/Nothing to enter/)).toBeTruthy();
    expect(screen.queryByRole("textbox")).toBeNull();
    await user.click(screen.getByRole("button", { name: en.connect }));
    await waitFor(() => expect(onConnected).toHaveBeenCalledTimes(1));
    expect(browser.open).not.toHaveBeenCalled();
    expect(onConnected.mock.calls[0]![0].connection.authType).toBe("integration-app-token");
  });
});

describe("ConnectWidget: several options (pipeline-crm)", () => {
  it("offers both options; the API token option connects with its form", async () => {
    const user = userEvent.setup();
    const onConnected = vi.fn();
    render(<ConnectWidget engine={engineFor(pipelineCrm)} onConnected={onConnected} />);
    const group = await screen.findByRole("radiogroup", { name: en.optionPickerLabel });
    const radios = screen.getAllByRole("radio");
    expect(radios.map((radio) => radio.getAttribute("value"))).toEqual(["apiKey", "oauth"]);
    expect(group.textContent).toContain("No token to copy.");
    // Nothing chosen yet: no form, no connect button.
    expect(screen.queryByRole("button", { name: en.connect })).toBeNull();

    await user.click(screen.getByRole("radio", { name: /API token/ }));
    await user.type(await screen.findByLabelText(/API token/, { selector: "input:not([type=radio])" }), PIPELINE_API_KEY);
    await user.click(screen.getByRole("button", { name: en.connect }));
    await waitFor(() => expect(onConnected).toHaveBeenCalledTimes(1));
    expect(onConnected.mock.calls[0]![0].connection).toMatchObject({ authOptionKey: "apiKey", authType: "client-credentials" });
  });

  it("the OAuth option connects through the popup and keeps the token response's api_domain", async () => {
    const user = userEvent.setup();
    const browser = createFakeBrowser();
    const onConnected = vi.fn();
    render(<ConnectWidget engine={engineFor(pipelineCrm)} popup={{ ports: browser.ports }} onConnected={onConnected} />);
    await user.click(await screen.findByRole("radio", { name: /Sign in with Pipeline CRM/ }));
    await user.click(await screen.findByRole("button", { name: en.signInAndConnect }));
    await waitFor(() => expect(onConnected).toHaveBeenCalledTimes(1));
    expect(onConnected.mock.calls[0]![0].connection).toMatchObject({ authOptionKey: "oauth", credentials: { api_domain: PIPELINE_COMPANY_DOMAIN } });
  });

  it("without the integration's OAuth app, only the API token option is offered (no picker)", async () => {
    render(<ConnectWidget engine={engineFor(pipelineCrm, { connectorParameters: {} })} />);
    expect(await screen.findByLabelText(/API token/, { selector: "input" })).toBeTruthy();
    expect(screen.queryByRole("radiogroup")).toBeNull();
  });
});
