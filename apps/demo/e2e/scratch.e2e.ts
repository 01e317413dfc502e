import { afterAll, beforeAll, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, newDemoContext } from "./support/browser.ts";
import { ConnectorPage } from "./models/connector.model.ts";

let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

it("explores", async () => {
  for (let i = 0; i < 2; i++) {
  let t = performance.now();
  const lap = (label: string) => { const now = performance.now(); console.log(label, Math.round(now - t)); t = now; };
  const context = await newDemoContext(browser);
  const page = await context.newPage();
  lap("context");
  const cp = new ConnectorPage(page);
  await page.goto(ConnectorPage.url("northwind-books", "local"));
  lap("goto");
  await cp.waitForLoaded("local");
  lap("loaded");
  const popup = await cp.widget.connectInPopup();
  lap("popup");
  await popup.waitForConsentPage();
  lap("consent page");
  await popup.page.getByRole("link", { name: "Approve" }).click();
  lap("approve click");
  await popup.waitForClose();
  lap("closed");
  await cp.waitForConnected();
  lap("connected");
  await page.goto("about:blank");
  await cp.open("acme-crm", "local");
  lap("reopen");
  await context.close();
  lap("close");
  }
});
