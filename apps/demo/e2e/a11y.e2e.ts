/**
 * axe-core (WCAG 2.0/2.1/2.2 A and AA rules) on every screen of the demo, with zero violations:
 * the gallery, a client-credentials connector before and after connecting, error states, an OAuth
 * connector (idle, popup blocked, cancelled), the pipeline-crm option picker, and the spec editor
 * showing problems. axe runs under the strict CSP (injected through DevTools, see support/axe.ts).
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GalleryPage } from "./models/gallery.model.ts";
import { ConnectorPage } from "./models/connector.model.ts";
import { SpecEditorPage } from "./models/spec-editor.model.ts";
import { runAxe } from "./support/axe.ts";
import { launchBrowser, newDemoContext } from "./support/browser.ts";
import { authOption, connectorByKey, exampleConnectors } from "./support/connectors.ts";
import { blockPopups } from "./support/popup-probe.ts";

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  context = await newDemoContext(browser);
  page = await context.newPage();
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});
beforeEach(async () => {
  await page.goto("about:blank");
});

async function expectNoViolations(target: Page = page): Promise<void> {
  const report = await runAxe(target);
  expect(report.passes, "axe ran its rules").toBeGreaterThan(10);
  expect(report.violations, `axe (WCAG 2.2 AA) on ${target.url()}:\n${report.summary}`).toEqual([]);
}

describe("axe, WCAG 2.2 AA: zero violations", () => {
  it("gallery", async () => {
    const gallery = await new GalleryPage(page).open();
    expect(await gallery.connectorKeys()).toEqual(exampleConnectors.map((connector) => connector.key));
    await expectNoViolations();

    // Control: the harness does see a violation when there is one.
    await page.evaluate(() => document.querySelector("main")!.insertAdjacentHTML("beforeend", '<img id="axe-control" src="data:,">'));
    const report = await runAxe(page);
    expect(report.violations.map((violation) => violation.id)).toEqual(["image-alt"]);
    expect(report.summary).toContain("#axe-control");
  });

  it("client-credentials connector page, before and after connecting (server runtime)", async () => {
    const connector = connectorByKey("acme-crm");
    const connectorPage = await new ConnectorPage(page).open(connector.key, "server");
    await expectNoViolations();

    await connectorPage.widget.fill(connector.fixtures.validInput, await authOption(connector));
    await connectorPage.widget.connect();
    await connectorPage.waitForConnected();
    expect((await connectorPage.callSampleApi()).ok).toBe(true);
    await page.getByRole("button", { name: "Reveal credentials" }).click();
    await expectNoViolations();
  });

  it("error states: fields that need attention, and credentials the provider rejects", async () => {
    const connector = connectorByKey("acme-crm");
    const option = await authOption(connector);
    const connectorPage = await new ConnectorPage(page).open(connector.key, "local");
    const { widget } = connectorPage;

    await widget.fill(connector.fixtures.invalidInput!, option);
    await widget.connect();
    // The form catches it before anything is sent: the field is marked invalid with its message.
    await widget.field("API key").and(page.locator('[aria-invalid="true"]')).waitFor();
    expect(await widget.state()).toBe("entering-input");
    await expectNoViolations();

    await widget.fill(connector.fixtures.rejectedInput!, option);
    await widget.connect();
    expect(await widget.waitForOutcome()).toBe("failed");
    expect((await widget.alert()).key).toMatch(/credentials_rejected|test_failed|api_request_failed/);
    await widget.root.getByText("Technical details").click(); // open the details too
    await expectNoViolations();
  });

  it("OAuth connector page: ready, popup blocked, cancelled", async () => {
    const connectorPage = await new ConnectorPage(page).open("northwind-books", "local");
    await expectNoViolations();

    const { widget } = connectorPage;
    const popup = await widget.connectInPopup();
    await popup.waitForConsentPage();
    await popup.close();
    expect(await widget.waitForOutcome(10_000)).toBe("cancelled");
    await expectNoViolations();

    const blockedPage = await context.newPage();
    try {
      await blockPopups(blockedPage);
      const blocked = await new ConnectorPage(blockedPage).open("northwind-proxy", "server");
      await blocked.widget.connectButton.click();
      await blocked.widget.blockedPanel.waitFor();
      await expectNoViolations(blockedPage);
    } finally {
      await blockedPage.close();
    }
  });

  it("pipeline-crm option picker", async () => {
    const connectorPage = await new ConnectorPage(page).open("pipeline-crm", "local");
    await connectorPage.widget.optionPicker.waitFor();
    expect(await connectorPage.widget.state()).toBe("choosing-option");
    await expectNoViolations();

    await connectorPage.widget.chooseOption("API token");
    await expectNoViolations();
  });

  it("spec editor with problems", async () => {
    const editor = await new SpecEditorPage(page).open();
    await editor.waitForValid();
    await expectNoViolations();

    await editor.setSpec("key: broken\nname: Broken\ntype: oauth2\ngetOAuthConfig:\n  type: mapping\n  mapping:\n    clientId: 42\nmakeApiClient: nope\n");
    const issues = await editor.issues();
    expect(issues.length).toBeGreaterThan(0);
    await editor.fixTheSpecHint.waitFor();
    await expectNoViolations();
  });

  it("dark theme: form and validation errors", async () => {
    await page.goto(`/?runtime=local&theme=dark#/connect/acme-crm`);
    const connectorPage = new ConnectorPage(page);
    await connectorPage.waitForLoaded("local");
    expect(await page.locator('[data-theme="dark"]').count()).toBeGreaterThan(0);
    await expectNoViolations();

    await connectorPage.widget.connectButton.click();
    await expectNoViolations();
  });
});
