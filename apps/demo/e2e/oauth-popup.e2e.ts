/**
 * The OAuth popup on northwind-books (OAuth 2.0 + PKCE against the mock provider), in both
 * runtimes: success (the window opens inside the click, with Chromium's popup blocker on), the user
 * denies, the user closes the window, the popup is blocked (same-window redirect instead), and a
 * callback whose `state` was tampered with on the way back.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { WIDGET_TEXT } from "./models/connect-widget.model.ts";
import { ConnectorPage } from "./models/connector.model.ts";
import { ConsentPopup } from "./models/consent-popup.model.ts";
import { launchBrowser, newDemoContext } from "./support/browser.ts";
import { RUNTIMES } from "./support/connectors.ts";
import { blockPopups, openCalls, probeWindowOpen } from "./support/popup-probe.ts";

const KEY = "northwind-books";

let browser: Browser;
let context: BrowserContext;
let page: Page;
let connectorPage: ConnectorPage;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function expectNoConnection(): Promise<void> {
  expect(await connectorPage.inspector.count()).toBe(0);
  await page.getByText("Connect to inspect the connection").waitFor();
}

describe.each(RUNTIMES)("northwind-books OAuth popup (%s runtime)", (runtime) => {
  // One context per runtime (the mock service worker stays installed), a fresh tab per test.
  beforeAll(async () => {
    context = await newDemoContext(browser);
    await probeWindowOpen(context);
  });
  afterAll(async () => {
    await context?.close();
  });
  beforeEach(async () => {
    page = await context.newPage();
    connectorPage = new ConnectorPage(page);
  });
  afterEach(async () => {
    await context.unrouteAll({ behavior: "ignoreErrors" });
    for (const open of context.pages()) await open.close();
  });

  it("connects: the popup opens inside the click, the user approves, it closes", async () => {
    await connectorPage.open(KEY, runtime);
    const { widget } = connectorPage;
    const popup = await widget.connectInPopup();
    await popup.waitForConsentPage();
    expect(await popup.heading()).toMatch(/Allow .+ to access your Northwind Books account\?/);
    expect(popup.page.url()).toContain("/mock/auth.northwind.example/oauth/authorize?");
    expect(await widget.state()).toBe("authorizing");

    // Opened synchronously in the trusted click (the real popup blocker is on): never "blocked".
    const calls = await openCalls(page);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ url: "about:blank", eventType: "click", trusted: true, userActivation: true });
    expect(await widget.blockedPanel.count()).toBe(0);

    await popup.approve();
    await connectorPage.waitForConnected();
    expect(await connectorPage.authType()).toBe("oauth2");
    expect(popup.closed).toBe(true);
    expect(await widget.blockedPanel.count()).toBe(0);
  });

  it("user denies: the widget shows the access-denied message and nothing connects", async () => {
    await connectorPage.open(KEY, runtime);
    const popup = await connectorPage.connectThroughPopup("deny");
    expect(popup.closed).toBe(true);
    const error = await connectorPage.waitForError();
    expect(error.key).toBe("access_denied");
    expect(error.text).toContain(WIDGET_TEXT.errors.access_denied);
    expect(await connectorPage.widget.connectButton.innerText()).toBe(WIDGET_TEXT.retry);
    await expectNoConnection();
  });

  it("user closes the popup: cancelled (popup closed) after the grace period, nothing connects", async () => {
    await connectorPage.open(KEY, runtime);
    const { widget } = connectorPage;
    const popup = await widget.connectInPopup();
    await popup.waitForConsentPage();
    const closedAt = performance.now();
    await popup.close();
    // Cancelled, not failed, and only after the grace period (2 s by default: a callback that is
    // already on its way may still arrive).
    expect(await widget.waitForOutcome(10_000)).toBe("cancelled");
    expect(performance.now() - closedAt).toBeGreaterThanOrEqual(1_900);
    expect(await widget.cancelledReason()).toBe("popup_closed");
    expect(await widget.cancelledPanel.innerText()).toContain(WIDGET_TEXT.errors.popup_closed);
    await expectNoConnection();

    // Start over brings the form back.
    await widget.root.getByRole("button", { name: WIDGET_TEXT.startOver }).click();
    await widget.waitForState("entering-input");
  });

  it("popup blocked: continue in this window, approve, back on the demo page connected", async () => {
    await blockPopups(page);
    await connectorPage.open(KEY, runtime);
    const { widget } = connectorPage;
    await widget.connectButton.click();
    await widget.blockedPanel.waitFor();
    const alert = await widget.alert();
    expect(alert.key).toBe("popup_blocked");
    expect(alert.text).toContain(WIDGET_TEXT.errors.popup_blocked);
    expect(context.pages()).toHaveLength(1);

    await Promise.all([page.waitForURL(/\/mock\/auth\.northwind\.example\/oauth\/authorize\?/), widget.continueInThisWindowButton.click()]);
    const consent = new ConsentPopup(page); // the same window now shows the consent page
    await consent.waitForConsentPage();
    await Promise.all([page.waitForURL((url) => url.pathname === "/" && url.hash === `#/connect/${KEY}`), page.getByRole("link", { name: "Approve" }).click()]);

    await connectorPage.redirectConnected.waitFor();
    await connectorPage.inspector.waitFor();
    expect(await connectorPage.authType()).toBe("oauth2");
    expect(await page.getByTestId(`runtime-${runtime}`).isChecked()).toBe(true);
    // The response does not linger in the address bar.
    expect(new URL(page.url()).searchParams.has("code")).toBe(false);
    const result = await connectorPage.callSampleApi();
    expect(result.ok, result.text).toBe(true);
  });

  it("tampered state on the way back: rejected, no connection", async () => {
    let tampered: string | undefined;
    const tokenRequests: string[] = [];
    page.on("request", (request) => {
      if (/\/oauth\/token(\?|$)/.test(request.url())) tokenRequests.push(request.url());
    });
    await context.route(/\/mock\/auth\.northwind\.example\/oauth\/decide\?/, async (route) => {
      const response = await route.fetch({ maxRedirects: 0 });
      const location = new URL(response.headers()["location"]!, route.request().url());
      const state = location.searchParams.get("state") ?? "";
      location.searchParams.set("state", `${state.slice(0, -4)}${state.endsWith("AAAA") ? "BBBB" : "AAAA"}`);
      tampered = location.toString();
      await route.fulfill({ status: 302, headers: { location: tampered, "cache-control": "no-store" } });
    });
    await connectorPage.open(KEY, runtime);
    const { widget } = connectorPage;
    const popup = await widget.connectInPopup();
    await popup.waitForConsentPage();
    await popup.page.getByRole("link", { name: "Approve" }).click();
    if (runtime === "server") {
      // The server runtime's callback verifies its signed state: the forged one gets an error page
      // (nothing is exchanged, nothing reaches the opener), and the user closes the window.
      await popup.page.getByRole("heading", { name: "Sign-in could not finish" }).waitFor();
      expect(new URL(popup.page.url()).pathname).toBe("/plugboard/oauth/callback");
      expect(await widget.state()).toBe("authorizing");
      await popup.close();
    } else {
      // The local callback page hands the response to the opener, which ignores a state it did not
      // issue (oauth-security rule 14), and closes itself.
      await popup.waitForClose();
    }
    expect(tampered).toMatch(/[?&]code=/);

    // Nothing matched this attempt: when the window is gone the flow is cancelled.
    expect(await widget.waitForOutcome(15_000)).toBe("cancelled");
    expect(await widget.cancelledReason()).toBe("popup_closed");
    await expectNoConnection();
    // The code was never exchanged (in the local runtime the exchange would be a browser request).
    expect(tokenRequests).toEqual([]);
  });
});
