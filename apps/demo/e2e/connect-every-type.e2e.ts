/**
 * Every example connector connects in both runtimes (the engine in the page, and the server
 * runtime): fill the fixture's valid input, connect (OAuth: approve in the consent popup, which
 * closes), the inspector shows the auth type, the sample API call succeeds, and a screenshot of
 * the connected state is saved to test-results/screenshots/<key>-<runtime>.png for review.
 */
import type { AuthOption } from "@plugboard/auth-core";
import type { ExampleConnector } from "@plugboard/connectors";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConnectorPage } from "./models/connector.model.ts";
import { launchBrowser, newDemoContext } from "./support/browser.ts";
import { authOption, authOptionsOf, connectorByKey, exampleConnectors, RUNTIMES } from "./support/connectors.ts";
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

/** The option the gallery run uses: the API-key one when there are several (pipeline-crm). */
async function primaryOption(connector: ExampleConnector): Promise<AuthOption> {
  const options = await authOptionsOf(connector);
  return options.find((option) => option.type === "client-credentials") ?? options[0]!;
}

async function connectWith(connectorPage: ConnectorPage, connector: ExampleConnector, option: AuthOption, input: Record<string, unknown>): Promise<void> {
  const { widget } = connectorPage;
  if ((await authOptionsOf(connector)).length > 1) await widget.chooseOption(option.title);
  if (Object.keys(input).length > 0) await widget.fill(input, option);
  if (option.requiresAuthorization) {
    const popup = await widget.connectInPopup();
    await popup.approve(); // resolves once the window closed itself
  } else {
    await widget.connect();
  }
  await connectorPage.waitForConnected();
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
}

describe.each(RUNTIMES)("every auth type connects (%s runtime)", (runtime) => {
  it.each(exampleConnectors.map((connector) => connector.key))("%s", async (key) => {
    const connector = connectorByKey(key);
    const option = await primaryOption(connector);
    const connectorPage = new ConnectorPage(page);
    await page.goto("about:blank");
    await connectorPage.open(key, runtime);
    expect(await connectorPage.title()).toBe(connector.title);

    await connectWith(connectorPage, connector, option, connector.fixtures.validInput);
    await expectWorkingConnection(connectorPage, connector, option.type, runtime);
    await connectorPage.screenshot(screenshotPath(`${key}-${runtime}`));
    expect(context.pages(), "the consent popup closed").toHaveLength(1);
  });
});

describe("pipeline-crm's OAuth option", () => {
  it("connects through the popup (server runtime)", async () => {
    const connector = connectorByKey("pipeline-crm");
    const option = await authOption(connector, "oauth");
    expect(option.requiresAuthorization).toBe(true);
    const connectorPage = new ConnectorPage(page);
    await page.goto("about:blank");
    await connectorPage.open(connector.key, "server");

    await connectWith(connectorPage, connector, option, {});
    await expectWorkingConnection(connectorPage, connector, "oauth2", "server");
    expect((await connectorPage.facts())["Auth option"]).toBe("oauth");
    await connectorPage.screenshot(screenshotPath(`pipeline-crm-oauth-server`));
  });
});

it("no CSP violations and no uncaught errors along the way", () => {
  expect(problems.cspViolations).toEqual([]);
  expect(problems.pageErrors).toEqual([]);
});
