/**
 * A fake sign-in window for the OAuth stories (no real popup, no real provider). `ports.open()`
 * returns a fake window; when the widget navigates it to the provider, the fake plays the user at
 * the mock consent page (approveConsent, answered in-page by the mock providers' MSW handlers, so
 * the redirect's `Location` is readable) and then runs the real callback page code
 * (handleOAuthCallback), which posts `{ source: "plugboard", type: "oauth-callback", state, params }`
 * to the opener from the callback URL's origin. What the "user" does is the `consent` choice.
 */
import type { BrowserPorts, MessageEventLike, WindowLike } from "@plugboard/auth-core/browser";
import { handleOAuthCallback } from "@plugboard/auth-core/browser";
import { getResponse } from "msw";
import type { RequestHandler } from "msw";
import { allMockHandlers, approveConsent, EXAMPLE_REDIRECT_URI } from "./connectors.ts";

/** The example app's origin: its OAuth callback page (EXAMPLE_REDIRECT_URI) runs there. */
export const APP_ORIGIN = new URL(EXAMPLE_REDIRECT_URI).origin;

/**
 * What the user does in the sign-in window:
 * - `approve`: clicks Approve; the callback page reports back.
 * - `deny`: clicks Deny (the provider answers `error=access_denied`).
 * - `close`: closes the window without finishing.
 * - `wait`: nothing, the window stays open (busy state, timeout, or `deliver()` by hand).
 * - `tamper-state`: approves, but the callback's `state` parameter has been altered on the way.
 */
export type ConsentChoice = "approve" | "deny" | "close" | "wait" | "tamper-state";

export interface FakePopupOptions {
  consent?: ConsentChoice;
  /** The browser blocks the window (`open()` returns null). */
  blocked?: boolean;
  /** How long the "user" takes at the consent page, so the waiting state is visible. Default 300 ms. */
  consentDelayMs?: number;
  /** Handlers answering the consent page; default every example's mock provider. */
  handlers?: RequestHandler[];
}

export interface FakePopupWindow extends WindowLike {
  /** Every URL the window was sent to, in order (about:blank is not listed). */
  navigations: string[];
}

export interface FakePopup {
  /** Pass as `popup={{ ports }}`. */
  ports: BrowserPorts;
  consent: ConsentChoice;
  blocked: boolean;
  /** How many times the widget asked for a window (blocked ones included). */
  readonly openCount: number;
  /** The windows opened so far. */
  windows: FakePopupWindow[];
  /** Failures of the consent step (e.g. the mock provider refused the authorize request). */
  errors: unknown[];
  /** Delivers a message to the opener, as if posted from `origin` (default the callback page's). */
  deliver(data: unknown, origin?: string): void;
  /** Settles when every consent step started so far has finished. */
  settled(): Promise<void>;
}

/** fetch answered in-page by MSW handlers (unlike the service worker, it exposes redirects' Location). */
export function handlerFetch(handlers: readonly RequestHandler[] = allMockHandlers): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const response = await getResponse([...handlers], request);
    return response ?? new Response(`No mock handler for ${request.method} ${request.url}`, { status: 404 });
  };
}

export function createFakePopup(options: FakePopupOptions = {}): FakePopup {
  const listeners = new Set<(event: MessageEventLike) => void>();
  const pending: Promise<void>[] = [];
  const fetchInPage = handlerFetch(options.handlers);
  const delayMs = options.consentDelayMs ?? 300;
  let openCount = 0;

  const popup: FakePopup = {
    consent: options.consent ?? "approve",
    blocked: options.blocked ?? false,
    get openCount() {
      return openCount;
    },
    windows: [],
    errors: [],
    ports: undefined as unknown as BrowserPorts,
    deliver(data, origin = APP_ORIGIN) {
      for (const listener of [...listeners]) listener({ origin, data, source: null });
    },
    async settled() {
      await Promise.allSettled(pending);
    },
  };

  function openWindow(): FakePopupWindow {
    const win: FakePopupWindow = {
      closed: false,
      navigations: [],
      close: () => {
        win.closed = true;
      },
      focus: () => {},
      location: {
        get href() {
          return win.navigations.at(-1) ?? "about:blank";
        },
        set href(url: string) {
          navigate(win, url);
        },
        replace: (url: string) => navigate(win, url),
      },
    };
    return win;
  }

  function navigate(win: FakePopupWindow, url: string): void {
    win.navigations.push(url);
    const choice = popup.consent;
    if (choice === "wait") return;
    const step = wait(delayMs)
      .then(async () => {
        if (choice === "close") {
          win.closed = true;
          return;
        }
        const callbackUrl = await approveConsent(url, { deny: choice === "deny", fetch: fetchInPage });
        if (win.closed) return;
        win.navigations.push(callbackUrl);
        const callbackOrigin = new URL(callbackUrl).origin;
        // What the opener expects is the state it sent; the response now carries another one.
        const expectedState = new URL(url).searchParams.get("state") ?? "";
        if (choice === "tamper-state") {
          const tampered = new URL(callbackUrl);
          tampered.searchParams.set("state", `${expectedState}-tampered`);
          popup.deliver({ source: "plugboard", type: "oauth-callback", state: expectedState, params: [...tampered.searchParams] }, callbackOrigin);
          win.closed = true;
          return;
        }
        // The real callback page, running "inside" the popup on the callback URL's origin.
        handleOAuthCallback({
          location: { href: callbackUrl },
          history: { replaceState: () => {} },
          opener: {
            postMessage: (message, targetOrigin) => {
              // A browser delivers only to an opener on targetOrigin, stamped with the sender's origin.
              if (targetOrigin === APP_ORIGIN) popup.deliver(message, callbackOrigin);
            },
          },
          ports: { origin: () => callbackOrigin, setTimeout: (fn, ms) => setTimeout(fn, ms) },
          closeWindow: () => {
            win.closed = true;
          },
          closeDelayMs: 0,
        });
      })
      .catch((error: unknown) => {
        popup.errors.push(error);
      });
    pending.push(step);
  }

  popup.ports = {
    open: () => {
      openCount += 1;
      if (popup.blocked) return null;
      const win = openWindow();
      popup.windows.push(win);
      return win;
    },
    origin: () => APP_ORIGIN,
    screen: () => ({ left: 0, top: 0, width: 1280, height: 800 }),
    addMessageListener: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
    setInterval: (fn, ms) => setInterval(fn, ms),
    clearInterval: (id) => clearInterval(id as ReturnType<typeof setInterval>),
  };
  return popup;
}

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
