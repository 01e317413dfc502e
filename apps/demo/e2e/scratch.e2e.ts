import { afterAll, beforeAll, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, newDemoContext } from "./support/browser.ts";
import { ConnectorPage } from "./models/connector.model.ts";
import { authOptionsOf, connectorByKey } from "./support/connectors.ts";

let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

it("explores", async () => {
  const context = await newDemoContext(browser);
  const page = await context.newPage();
  const cp = new ConnectorPage(page);
  await cp.open("weatherly", "local");
  await page.waitForTimeout(1000);
  console.log(await cp.widget.root.innerHTML());
  console.log(JSON.stringify(await authOptionsOf(connectorByKey("weatherly")), null, 1));
  await context.close();
});
