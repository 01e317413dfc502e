/**
 * Debian's Chromium driven by playwright-core: one browser per test file (launched in beforeAll,
 * closed in afterAll), a fresh context per test or group so storage and service workers never leak.
 */
import { chromium } from "playwright-core";
import type { Browser, BrowserContext, BrowserContextOptions } from "playwright-core";
import { e2eContext } from "./context.ts";

export const CHROMIUM_PATH = process.env.PLUGBOARD_E2E_CHROMIUM ?? "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    // Playwright turns Chromium's popup blocker off by default; keep it on, so a sign-in window
    // opened outside the user's click would really be blocked.
    ignoreDefaultArgs: ["--disable-popup-blocking"],
    timeout: 30_000,
  });
}

/** A context on the demo's origin: fixed viewport (stable screenshots), English, reduced motion. */
export async function newDemoContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: e2eContext().baseUrl,
    viewport: { width: 1280, height: 900 },
    locale: "en-US",
    timezoneId: "UTC",
    reducedMotion: "reduce",
    ...options,
  });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(20_000);
  return context;
}
