/**
 * The built demo under its strict Content-Security-Policy (no 'unsafe-eval', no inline scripts):
 * the policy is really sent and enforced, and a client-credentials connect, an OAuth popup connect
 * and a connector whose test is sandboxed JavaScript (QuickJS, WebAssembly) all work without a
 * single violation.
 */
import type { Browser, BrowserContext, Page, Response } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ConnectorPage } from "./models/connector.model.ts";
import { launchBrowser, newDemoContext } from "./support/browser.ts";
import { authOption, connectorByKey } from "./support/connectors.ts";
import { e2eContext } from "./support/context.ts";
import { collectPageProblems, parseCsp } from "./support/csp.ts";
import type { PageProblems } from "./support/csp.ts";

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

describe("the policy", () => {
  it.each(["/", "/oauth/callback"])("%s is served with a strict script policy and no inline scripts", async (path) => {
    const response = await context.request.get(`${e2eContext().baseUrl}${path}`);
    expect(response.status()).toBe(200);
    const header = response.headers()["content-security-policy"];
    expect(header, "Content-Security-Policy header").toBeTruthy();
    const policy = parseCsp(header!);
    const scriptSrc = policy.get("script-src") ?? policy.get("default-src") ?? [];
    expect(scriptSrc).toContain("'self'");
    for (const forbidden of ["'unsafe-eval'", "'unsafe-inline'", "'unsafe-hashes'", "data:", "*", "blob:"]) expect(scriptSrc).not.toContain(forbidden);
    expect(policy.get("default-src")).toEqual(["'self'"]);
    expect(policy.get("style-src")).not.toContain("'unsafe-inline'");
    expect(policy.get("object-src") ?? policy.get("default-src")).toEqual(["'self'"]);
    expect(policy.get("base-uri")).toEqual(["'none'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);

    const html = await response.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc=/);
      expect(body!.trim()).toBe("");
    }
    expect(html).not.toMatch(/\son[a-z]+\s*=/i); // no inline event handlers either
  });

  it("is enforced: the page can neither eval nor run an inline script, and says so", async () => {
    await page.goto("/#/");
    await page.getByRole("heading", { level: 1 }).waitFor();
    // Run the attempts in a task of the page's own (DevTools evaluation itself may always eval).
    const attempts = await page.evaluate(
      () =>
        new Promise<{ evalResult: string; inlineRan: boolean }>((resolve) => {
          setTimeout(() => {
            let evalResult: string;
            try {
              // eslint-disable-next-line no-restricted-syntax -- the control: the policy must refuse it
              evalResult = String(new Function("return 'evaluated'")());
            } catch (error) {
              evalResult = (error as Error).name;
            }
            const script = document.createElement("script");
            script.textContent = "window.__inlineRan = true;";
            document.head.append(script);
            resolve({ evalResult, inlineRan: (window as unknown as { __inlineRan?: boolean }).__inlineRan === true });
          }, 0);
        }),
    );
    expect(attempts).toEqual({ evalResult: "EvalError", inlineRan: false });
    await expect.poll(() => problems.cspViolations.filter((line) => /blocked eval/.test(line)).length).toBe(1);
    await expect.poll(() => problems.cspViolations.filter((line) => /script-src-elem blocked inline/.test(line)).length).toBe(1);
    problems.cspViolations.length = 0; // the control above is the only allowed report
  });
});

describe("flows under the policy (local runtime: the engine runs in the page)", () => {
  beforeEach(async () => {
    await page.goto("about:blank");
  });

  it("client credentials (acme-crm): connect and call the API", async () => {
    const connector = connectorByKey("acme-crm");
    const connectorPage = await new ConnectorPage(page).open(connector.key, "local");
    await connectorPage.widget.fill(connector.fixtures.validInput, await authOption(connector));
    await connectorPage.widget.connect();
    await connectorPage.waitForConnected();
    expect((await connectorPage.callSampleApi()).ok).toBe(true);
    expect(problems.cspViolations).toEqual([]);
  });

  it("OAuth 2.0 popup (northwind-books): approve, connect, call the API", async () => {
    const connectorPage = await new ConnectorPage(page).open("northwind-books", "local");
    const popup = await connectorPage.widget.connectInPopup();
    await popup.approve();
    await connectorPage.waitForConnected();
    expect((await connectorPage.callSampleApi()).ok).toBe(true);
    expect(problems.cspViolations).toEqual([]);
  });

  it("sandboxed JavaScript (helpdesk's test runs in QuickJS/WebAssembly)", async () => {
    const wasm: string[] = [];
    const onResponse = (response: Response) => {
      if (/\.wasm(\?|$)/.test(response.url())) wasm.push(`${response.status()} ${response.url()}`);
    };
    context.on("response", onResponse);
    try {
      const connector = connectorByKey("helpdesk");
      expect(Object.keys(connector.files)).toContain("auth/test.js");
      const connectorPage = await new ConnectorPage(page).open(connector.key, "local");
      await connectorPage.widget.fill(connector.fixtures.validInput, await authOption(connector));
      await connectorPage.widget.connect();
      await connectorPage.waitForConnected();
      // The connection test was the JavaScript method; run it again from the inspector.
      const test = await connectorPage.testConnection();
      expect(test.ok, test.text).toBe(true);
      expect((await connectorPage.callSampleApi()).ok).toBe(true);
    } finally {
      context.off("response", onResponse);
    }
    expect(wasm.length, "QuickJS's WebAssembly was loaded").toBeGreaterThan(0);
    expect(wasm.every((line) => line.startsWith("200 "))).toBe(true);
    expect(problems.cspViolations).toEqual([]);
  });

  it("no uncaught errors in any page", () => {
    expect(problems.pageErrors).toEqual([]);
  });
});
