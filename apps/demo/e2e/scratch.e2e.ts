import { afterAll, beforeAll, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, newDemoContext } from "./support/browser.ts";
import { e2eContext } from "./support/context.ts";

let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

it("explores", async () => {
  const context = await newDemoContext(browser);
  context.on("console", (m) => console.log("console:", m.type(), m.text()));
  context.on("request", (r) => console.log("req:", r.method(), r.url(), r.isNavigationRequest() ? "NAV" : ""));
  const page = await context.newPage();
  const res = await page.goto("/?runtime=local#/connect/northwind-books");
  console.log(res?.status(), await res?.headerValue("content-security-policy"));
  await page.getByRole("heading", { level: 1 }).waitFor();
  console.log(await page.locator("main").innerText());
  console.log(await page.content().then((c) => c.length));
  const popupPromise = page.waitForEvent("popup");
  await page.getByRole("button", { name: "Sign in and connect" }).click();
  const popup = await popupPromise;
  await popup.waitForLoadState();
  await popup.getByRole("link", { name: "Approve" }).waitFor();
  console.log("popup url", popup.url());
  await popup.getByRole("link", { name: "Approve" }).click();
  await page.getByTestId("inspector").waitFor();
  console.log(await page.locator("main").innerText());
  console.log(e2eContext());
  await context.close();
});
