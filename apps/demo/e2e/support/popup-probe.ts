/**
 * Records every `window.open` call with the event being dispatched at that moment: a sign-in
 * window opened synchronously inside the click sees the trusted `click` event and the user
 * activation; one opened after an `await` sees neither (and a real popup blocker stops it).
 */
import type { BrowserContext, Page } from "playwright-core";

export interface OpenCall {
  url: string;
  target: string | null;
  /** `window.event.type` during the call: "click" when opened inside the click handler. */
  eventType: string | null;
  trusted: boolean | null;
  userActivation: boolean | null;
}

export async function probeWindowOpen(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const original = window.open.bind(window);
    const calls: unknown[] = [];
    (window as unknown as { __plugboardOpenCalls: unknown[] }).__plugboardOpenCalls = calls;
    window.open = (url?: string | URL, target?: string, features?: string) => {
      const event = window.event;
      calls.push({
        url: String(url ?? ""),
        target: target ?? null,
        eventType: event?.type ?? null,
        trusted: event?.isTrusted ?? null,
        userActivation: navigator.userActivation?.isActive ?? null,
      });
      return original(url, target, features);
    };
  });
}

export async function openCalls(page: Page): Promise<OpenCall[]> {
  return page.evaluate(() => ((window as unknown as { __plugboardOpenCalls?: OpenCall[] }).__plugboardOpenCalls ?? []).slice());
}

/** What a popup blocker does: `window.open` returns null. */
export async function blockPopups(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.open = () => null;
  });
}
