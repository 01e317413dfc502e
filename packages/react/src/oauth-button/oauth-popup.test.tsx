/**
 * The popup rules (oauth-security.md §2.2) as the widget applies them, with a fake window port:
 * opened inside the click, blocked → same-window redirect or retry, closed → cancelled after the
 * grace period, foreign messages ignored, double clicks → one popup and one flow.
 */
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { ConnectWidget } from "../connect-widget/connect-widget.tsx";
import { en } from "../messages/en.ts";
import { approveConsent, northwindBooks, northwindProvider, photoShare } from "../test-utils/connectors.ts";
import { engineFor } from "../test-utils/engines.ts";
import { APP_ORIGIN, createFakeBrowser } from "../test-utils/fake-popup.ts";
import { resumeRedirectConnect } from "./redirect-connect.ts";
import { preloadFormBeforeAll } from "../test-utils/preload.ts";
import { setupMockProviders } from "../test-utils/mock-server.ts";

preloadFormBeforeAll();

setupMockProviders();

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

function callbackMessage(callbackUrl: string, state?: string) {
  const params = [...new URL(callbackUrl).searchParams] as [string, string][];
  return { source: "plugboard", type: "oauth-callback", state: state ?? new URL(callbackUrl).searchParams.get("state"), params };
}

async function renderWidget(connector = photoShare, browser = createFakeBrowser(), extra: Partial<Parameters<typeof ConnectWidget>[0]> = {}) {
  const handlers = { onConnected: vi.fn(), onError: vi.fn(), onCancel: vi.fn() };
  const utils = render(<ConnectWidget engine={engineFor(connector)} popup={{ ports: browser.ports }} {...handlers} {...extra} />);
  const button = await screen.findByRole("button", { name: en.signInAndConnect });
  return { ...utils, ...handlers, browser, button };
}

describe("rule 9: the popup opens inside the click", () => {
  it("calls open synchronously in the click handler, before any await, with about:blank", async () => {
    const { browser, button, onConnected } = await renderWidget();
    fireEvent.click(button);
    // Nothing has been awaited since the click: open already ran, and the window is still blank.
    expect(browser.open).toHaveBeenCalledTimes(1);
    expect(browser.open.mock.calls[0]![0]).toBe("about:blank");
    expect(browser.open.mock.calls[0]![2]).not.toMatch(/noopener|noreferrer/);
    expect(browser.windows[0]!.navigations).toEqual([]);
    await waitFor(() => expect(onConnected).toHaveBeenCalledTimes(1), { timeout: 10_000 });
  });

  it("the connect button is disabled (aria-disabled) while a step runs, and a Cancel button is offered", async () => {
    const { browser, button } = await renderWidget(northwindBooks, createFakeBrowser({ behavior: "manual" }));
    fireEvent.click(button);
    await waitFor(() => expect(browser.windows[0]!.navigations).toHaveLength(1));
    expect(button.getAttribute("aria-disabled")).toBe("true");
    expect(screen.getByRole("status").textContent).toBe(en.progress.authorizing);
    expect(screen.getByRole("button", { name: en.cancel })).toBeTruthy();
  });
});

describe("double clicks", () => {
  it("a double click opens one popup and runs one flow", async () => {
    const { browser, button, onConnected } = await renderWidget(northwindBooks);
    fireEvent.click(button);
    fireEvent.click(button);
    expect(browser.open).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(onConnected).toHaveBeenCalledTimes(1));
    await browser.settled();
    expect(northwindProvider.stats.authorizeRequests).toBe(1);
    expect(northwindProvider.stats.tokenRequests.authorization_code).toBe(1);
  });
});

describe("rule 11: a blocked popup", () => {
  it("shows what happened, reports popup_blocked, and retries in a new click", async () => {
    const browser = createFakeBrowser();
    browser.block = true;
    const { button, onError, onConnected } = await renderWidget(photoShare, browser);
    fireEvent.click(button);

    const alert = await screen.findByRole("alert");
    expect(alert.getAttribute("data-error-key")).toBe("popup_blocked");
    expect(alert.textContent).toContain(en.popupBlockedTitle);
    expect(alert.textContent).toContain(en.errors.popup_blocked);
    expect(onError).toHaveBeenCalledWith({ error: expect.objectContaining({ key: "popup_blocked" }) });
    expect(screen.getByRole("button", { name: en.continueInThisWindow })).toBeTruthy();

    browser.block = false;
    fireEvent.click(screen.getByRole("button", { name: en.retry }));
    expect(browser.open).toHaveBeenCalledTimes(2);
    await waitFor(() => expect(onConnected).toHaveBeenCalledTimes(1), { timeout: 10_000 });
    expect(screen.queryByText(en.popupBlockedTitle)).toBeNull();
  });

  it("continues in this window: saves the pending flow, leaves for the provider, and the return page finishes it", async () => {
    const browser = createFakeBrowser();
    browser.block = true;
    const storage = memoryStorage();
    const navigate = vi.fn();
    const { button } = await renderWidget(northwindBooks, browser, {
      redirect: { returnTo: `${APP_ORIGIN}/settings/integrations`, options: { storage, navigate } },
    });
    fireEvent.click(button);
    await userEvent.setup().click(await screen.findByRole("button", { name: en.continueInThisWindow }));

    await waitFor(() => expect(navigate).toHaveBeenCalledTimes(1));
    expect(screen.getByText(en.progress.redirecting)).toBeTruthy();
    const authorizeUrl = navigate.mock.calls[0]![0] as string;
    expect(authorizeUrl).toMatch(/^https:\/\/auth\.northwind\.example\/oauth\/authorize\?/);
    expect(storage.items.size).toBe(1);

    // The provider sends the user back to the callback page, which resumes with the same storage.
    const callbackUrl = await approveConsent(authorizeUrl);
    const replaceState = vi.fn();
    const resumed = await resumeRedirectConnect(engineFor(northwindBooks), { storage, location: { href: callbackUrl }, history: { replaceState } });
    expect(resumed).toMatchObject({ connectorKey: "northwind-books", returnTo: `${APP_ORIGIN}/settings/integrations`, connection: { authType: "oauth2" } });
    expect(storage.items.size).toBe(0);
    // Rule 15: code and state leave the address bar (the provider's realmId may stay).
    const stripped = replaceState.mock.calls[0]![2] as string;
    expect(stripped).toMatch(/^\/oauth\/callback/);
    expect(stripped).not.toMatch(/code=|state=/);
    // Single use: the same response again is a state mismatch.
    await expect(resumeRedirectConnect(engineFor(northwindBooks), { storage, location: { href: callbackUrl }, history: { replaceState } })).rejects.toMatchObject({
      key: "state_mismatch",
    });
  });
});

describe("rule 13: a closed popup is a soft signal", () => {
  it("the user closing the popup cancels the flow after the grace period, and a late result is ignored", async () => {
    const browser = createFakeBrowser({ behavior: "manual", clock: "manual" });
    const { button, onCancel, onError, onConnected } = await renderWidget(northwindBooks, browser);
    fireEvent.click(button);
    await waitFor(() => expect(browser.windows[0]!.navigations).toHaveLength(1));
    const authorizeUrl = browser.windows[0]!.navigations[0]!;
    browser.windows[0]!.closed = true;

    act(() => browser.tick(500)); // the poll notices
    act(() => browser.tick(1_999)); // still inside the grace period
    expect(screen.getByRole("status").textContent).toBe(en.progress.authorizing);
    act(() => browser.tick(1));

    const panel = await screen.findByText(en.cancelledTitle);
    expect(panel.parentElement?.getAttribute("data-reason")).toBe("popup_closed");
    expect(screen.getByText(en.errors.popup_closed)).toBeTruthy();
    expect(onCancel).toHaveBeenCalledWith({ state: "authorizing" });
    expect(onError).not.toHaveBeenCalled();

    // A callback arriving now (e.g. from a second tab) must not create a connection.
    const callbackUrl = await approveConsent(authorizeUrl);
    act(() => browser.post(callbackMessage(callbackUrl)));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(onConnected).not.toHaveBeenCalled();
    expect(northwindProvider.stats.tokenRequests.authorization_code).toBe(0);

    // Start over returns to the form.
    await userEvent.setup().click(screen.getByRole("button", { name: en.startOver }));
    expect(await screen.findByRole("button", { name: en.signInAndConnect })).toBeTruthy();
  });

  it("a callback that arrives after `closed` turned true (COOP) but within the grace period still connects", async () => {
    const browser = createFakeBrowser({ behavior: "manual", clock: "manual" });
    const { button, onConnected, onCancel } = await renderWidget(northwindBooks, browser);
    fireEvent.click(button);
    await waitFor(() => expect(browser.windows[0]!.navigations).toHaveLength(1));
    browser.windows[0]!.closed = true;
    act(() => browser.tick(1_500));
    const callbackUrl = await approveConsent(browser.windows[0]!.navigations[0]!);
    act(() => browser.post(callbackMessage(callbackUrl)));
    await waitFor(() => expect(onConnected).toHaveBeenCalledTimes(1));
    expect(onCancel).not.toHaveBeenCalled();
  });

  it("Cancel while authorizing closes the popup and cancels the flow", async () => {
    const browser = createFakeBrowser({ behavior: "manual" });
    const { button, onCancel } = await renderWidget(northwindBooks, browser);
    fireEvent.click(button);
    await waitFor(() => expect(browser.windows[0]!.navigations).toHaveLength(1));
    await userEvent.setup().click(screen.getByRole("button", { name: en.cancel }));
    expect(browser.windows[0]!.closed).toBe(true);
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(await screen.findByText(en.cancelledMessage)).toBeTruthy();
  });
});

describe("rule 12: only our own callback is accepted", () => {
  it("ignores a message from another origin and one with another state, then accepts the right one", async () => {
    const browser = createFakeBrowser({ behavior: "manual" });
    const { button, onConnected, onError } = await renderWidget(northwindBooks, browser);
    fireEvent.click(button);
    await waitFor(() => expect(browser.windows[0]!.navigations).toHaveLength(1));
    const callbackUrl = await approveConsent(browser.windows[0]!.navigations[0]!);

    act(() => browser.post(callbackMessage(callbackUrl), "https://evil.example"));
    act(() => browser.post(callbackMessage(callbackUrl, "not-our-state")));
    act(() => browser.post({ source: "plugboard", type: "oauth-callback", state: 42, params: "nope" }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.getByRole("status").textContent).toBe(en.progress.authorizing);
    expect(northwindProvider.stats.tokenRequests.authorization_code).toBe(0);
    expect(onError).not.toHaveBeenCalled();

    act(() => browser.post(callbackMessage(callbackUrl)));
    await waitFor(() => expect(onConnected).toHaveBeenCalledTimes(1));
  });
});
