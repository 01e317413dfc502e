/**
 * Every example connector connects in both runtimes (the engine in the page, and the server
 * runtime): fill the fixture's valid input, connect (OAuth: approve in the consent popup, which
 * closes), the inspector shows the auth type, the sample API call succeeds, and a screenshot of
 * the connected state is saved to test-results/screenshots/<key>-<runtime>.png for review.
 */
import type { ExampleConnector } from "@plugboard/connectors";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ConnectorPage } from "./models/connector.model.ts";
import { launchBrowser, newDemoContext } from "./support/browser.ts";
import { connectorByKey, exampleConnectors, RUNTIMES } from "./support/connectors.ts";
import type { Runtime } from "./support/connectors.ts";
import { collectPageProblems } from "./support/csp.ts";
import type { PageProblems } from "./support/csp.ts";
import { screenshotPath } from "./support/paths.ts";

let browser: Browser;
let context: BrowserContext;
let page: Page;
let problems: PageProblems;

beforeAll(async () => {
  browser = await launchBrowser();
  context = await newDemoContext(browser);
  problems = await collectPageProblems(context);
  page = await context.newPage();
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});
beforeEach(async () => {
  await page.goto("about:blank"); // every test loads the demo afresh
});
afterEach(() => {
  // Checked per test, so a failure names the flow that caused it.
  expect(problems.cspViolations, "CSP violations").toEqual([]);
  expect(problems.pageErrors, "uncaught errors in the page or its popups").toEqual([]);
});

/**
 * Connects with the option that takes the fixture (pipeline-crm: its API-token option, picked in
 * the option picker first); OAuth options approve in the popup, which must close.
 */
async function connect(connectorPage: ConnectorPage, optionKey?: string) {
  const options = await connectorPage.authOptions();
  const option = optionKey === undefined ? (options.find((candidate) => candidate.type === "client-credentials") ?? options[0]!) : options.find((candidate) => candidate.key === optionKey)!;
  if (options.length > 1) await connectorPage.chooseOption(option.key);
  if (option.requiresAuthorization) {
    const popup = await connectorPage.connectThroughPopup("approve");
    expect(popup.closed, "the consent popup closed itself").toBe(true);
  } else {
    await connectorPage.fillFixture("validInput", option.key);
    await connectorPage.connect();
  }
  await connectorPage.waitForConnected();
  return option;
}

async function expectWorkingConnection(connectorPage: ConnectorPage, connector: ExampleConnector, expectedType: string, runtime: Runtime): Promise<void> {
  expect(await connectorPage.authType()).toBe(expectedType);
  const facts = await connectorPage.facts();
  // The server runtime keeps the connection on the server: the page only knows its id.
  if (runtime === "server") expect(facts["Connection id"]).toMatch(/\S/);
  else expect(facts["Connection id"]).toBeUndefined();
  expect(await connectorPage.widget.successPanel.innerText()).toContain("Connected");

  const result = await connectorPage.callSampleApi();
  const { method, path } = connector.sampleRequest;
  expect(result.text).toContain(`${method} ${path}: succeeded`);
  expect(result.ok, result.text).toBe(true);
  await expect.poll(() => connectorPage.requestLogRows.count()).toBeGreaterThan(0);
  expect(context.pages(), "no window left open").toHaveLength(1);
}

describe.each(RUNTIMES)("every auth type connects (%s runtime)", (runtime) => {
  it.each(exampleConnectors.map((connector) => connector.key))(`%s (${runtime})`, async (key) => {
    const connector = connectorByKey(key);
    const connectorPage = await new ConnectorPage(page).open(key, runtime);
    expect(await connectorPage.title()).toBe(connector.title);

    const option = await connect(connectorPage);
    await expectWorkingConnection(connectorPage, connector, option.type, runtime);
    await connectorPage.screenshot(screenshotPath(`${key}-${runtime}`));
  });
});

describe("pipeline-crm's second option", () => {
  it("OAuth 2.0 through the popup (server runtime)", async () => {
    const connector = connectorByKey("pipeline-crm");
    const connectorPage = await new ConnectorPage(page).open(connector.key, "server");
    const option = await connect(connectorPage, "oauth");
    expect(option.type).toBe("oauth2");
    await expectWorkingConnection(connectorPage, connector, "oauth2", "server");
    expect((await connectorPage.facts())["Auth option"]).toBe("oauth");
    await connectorPage.screenshot(screenshotPath("pipeline-crm-oauth-server"));
  });
});
