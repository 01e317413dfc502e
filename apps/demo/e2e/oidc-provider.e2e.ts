/**
 * OAuth 2.0 against a real authorization server: panva's oidc-provider (started by global-setup,
 * public client, PKCE). The spec is pasted into the demo's spec editor; the popup shows
 * oidc-provider's own login and consent pages (devInteractions), and the widget connects.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { SpecEditorPage } from "./models/spec-editor.model.ts";
import { launchBrowser, newDemoContext } from "./support/browser.ts";
import { e2eContext } from "./support/context.ts";
import { allowOidcProviderInConnectSrc, collectPageProblems } from "./support/csp.ts";
import type { PageProblems } from "./support/csp.ts";
import { screenshotPath } from "./support/paths.ts";

let browser: Browser;
let context: BrowserContext;
let page: Page;
let problems: PageProblems;

const { baseUrl, oidc } = e2eContext();

/** An oauth2 spec for the public client: PKCE, no secret; the API is the provider's userinfo (/me). */
const OIDC_SPEC = `# A real OpenID provider (oidc-provider), public client with PKCE.
key: oidc-test-provider
name: OIDC test provider
type: oauth2
title: Test OpenID provider account
getOAuthConfig:
  type: mapping
  mapping:
    clientId: ${oidc.clientId}
    authorizeUri: ${oidc.authorizeUri}
    tokenUri: ${oidc.tokenUri}
    issuer: ${oidc.issuer}
    scopes: [openid, offline_access, "api:read"]
makeApiClient:
  type: mapping
  mapping:
    baseUri: ${oidc.issuer}
    headers:
      Authorization: { $concat: ["Bearer ", { $var: credentials.access_token }] }
test:
  type: rest-api-mapping
  mapping:
    path: /me
    method: GET
    responseMapping: { $var: response.data.sub }
`;

beforeAll(async () => {
  browser = await launchBrowser();
  context = await newDemoContext(browser);
  problems = await collectPageProblems(context);
  // The page calls the provider's token and userinfo endpoints: list its origin in connect-src.
  await allowOidcProviderInConnectSrc(context, baseUrl);
  // oidc-provider's dev pages @import a web font; this machine stays offline.
  await context.route(/^https:\/\/fonts\.(googleapis|gstatic)\.com\//, (route) => route.abort());
  page = await context.newPage();
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

it("connects through oidc-provider's own login and consent pages", async () => {
  const editor = await new SpecEditorPage(page).open();
  await editor.setSpec(OIDC_SPEC);
  await editor.waitForValid();
  const { widget } = editor;
  expect(await widget.connectButton.innerText()).toBe("Sign in and connect");

  const popup = await widget.connectInPopup();
  await popup.page.waitForURL((url) => url.origin === oidc.issuer && url.pathname.startsWith("/interaction/"));
  // oidc-provider's login form: any login is accepted.
  await popup.signInToOidcProvider("alice");
  // Then its consent page (offline_access makes it ask every time): Continue.
  await popup.page.getByRole("button", { name: "Continue" }).waitFor();
  expect(await popup.page.content()).toContain("offline_access");
  await popup.consentAtOidcProvider();
  await popup.waitForClose();

  await widget.waitForState("connected", 20_000);
  const summary = await widget.successPanel.innerText();
  expect(summary).toContain("Connected");
  expect(summary).toContain("access_token");
  expect(summary).toContain("refresh_token");
  await page.screenshot({ path: screenshotPath("oidc-provider-local"), fullPage: true });
  expect(problems.cspViolations).toEqual([]);
  expect(problems.pageErrors).toEqual([]);
});
