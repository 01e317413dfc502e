/**
 * A fake browser for the OAuth popup: `ports.open()` returns a fake window. When the widget
 * navigates it to the provider, the fake plays the user at the mock consent page (approveConsent)
 * and runs the real callback page code (handleOAuthCallback), which posts the result to the opener
 * from the callback page's origin. Everything else (blocked, closed, foreign messages) is driven by tests.
 */
import type { BrowserPorts, MessageEventLike, WindowLike } from "@plugboard/auth-core/browser";
import { handleOAuthCallback } from "@plugboard/auth-core/browser";
import { vi } from "vitest";
import type { Mock } from "vitest";
import { approveConsent } from "./connectors.ts";

export const APP_ORIGIN = "https://app.plugboard.example";

export type ConsentBehavior = "approve" | "deny" | "manual";

export interface FakeWindow extends WindowLike {
  navigations: string[];
}

export interface FakeBrowser {
  ports: BrowserPorts;
  /** The `open` spy. */
  open: Mock<(url: string, target: string, features: string) => WindowLike | null>;
  windows: FakeWindow[];
  /** What the consent step does on navigation. */
  behavior: ConsentBehavior;
  /** Make the next `open` return null (blocked). */
  block: boolean;
  /** Dispatches a `message` event to the opener. */
  post(data: unknown, origin?: string): void;
  /** Settles when every consent step started so far has delivered (or failed). */
  settled(): Promise<void>;
  /** Errors thrown by consent steps (e.g. the mock provider refused). */
  errors: unknown[];
  /** With `clock: "manual"`: runs the popup's timers (poll, grace, timeout) due within `ms`. */
  tick(ms: number): void;
}

interface ManualTimer {
  id: number;
  at: number;
  fn: () => void;
  every?: number;
}

/** Fake timers for the popup's ports only, so Testing Library and MSW keep real time. */
function manualClock() {
  let now = 0;
  let nextId = 1;
  const timers = new Map<number, ManualTimer>();
  return {
    set(fn: () => void, ms: number, every?: number): number {
      const id = nextId++;
      timers.set(id, { id, at: now + Math.max(0, ms), fn, ...(every === undefined ? {} : { every: Math.max(1, every) }) });
      return id;
    },
    clear(id: unknown): void {
      timers.delete(id as number);
    },
    tick(ms: number): void {
      const end = now + ms;
      for (;;) {
        const due = [...timers.values()].filter((timer) => timer.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
        if (!due) break;
        now = due.at;
        if (due.every === undefined) timers.delete(due.id);
        else due.at += due.every;
        due.fn();
      }
      now = end;
    },
  };
}

export function createFakeBrowser(options: { behavior?: ConsentBehavior; appOrigin?: string; clock?: "real" | "manual" } = {}): FakeBrowser {
  const clock = options.clock === "manual" ? manualClock() : undefined;
  const appOrigin = options.appOrigin ?? APP_ORIGIN;
  const listeners = new Set<(event: MessageEventLike) => void>();
  const pending: Promise<void>[] = [];

  const browser: FakeBrowser = {
    behavior: options.behavior ?? "approve",
    block: false,
    windows: [],
    errors: [],
    open: vi.fn((_url: string, _target: string, _features: string): WindowLike | null => {
      if (browser.block) return null;
      const win = fakeWindow();
      browser.windows.push(win);
      return win;
    }),
    ports: undefined as unknown as BrowserPorts,
    post(data, origin = appOrigin) {
      for (const listener of [...listeners]) listener({ origin, data, source: null });
    },
    async settled() {
      await Promise.allSettled(pending);
    },
    tick(ms) {
      if (!clock) throw new Error('createFakeBrowser({ clock: "manual" }) is needed for tick().');
      clock.tick(ms);
    },
  };

  function fakeWindow(): FakeWindow {
    const win: FakeWindow = {
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
      },
    };
    return win;
  }

  function navigate(win: FakeWindow, url: string): void {
    win.navigations.push(url);
    if (browser.behavior === "manual") return;
    const step = approveConsent(url, { deny: browser.behavior === "deny" }).then(
      (callbackUrl) => {
        if (win.closed) return;
        win.navigations.push(callbackUrl);
        // The real callback page, running "inside" the popup on the callback URL's origin.
        const callbackOrigin = new URL(callbackUrl).origin;
        handleOAuthCallback({
          location: { href: callbackUrl },
          history: { replaceState: () => {} },
          opener: {
            postMessage: (message, targetOrigin) => {
              // The browser delivers only to an opener on targetOrigin, with the sender's origin.
              if (targetOrigin === appOrigin) browser.post(message, callbackOrigin);
            },
          },
          ports: { origin: () => callbackOrigin, setTimeout: (fn, ms) => setTimeout(fn, ms) },
          closeWindow: () => {
            win.closed = true;
          },
          closeDelayMs: 0,
        });
      },
      (error: unknown) => {
        browser.errors.push(error);
      },
    );
    pending.push(step);
  }

  browser.ports = {
    open: (url, target, features) => browser.open(url, target, features),
    origin: () => appOrigin,
    screen: () => ({ left: 0, top: 0, width: 1280, height: 800 }),
    addMessageListener: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setTimeout: (fn, ms) => (clock ? clock.set(fn, ms) : setTimeout(fn, ms)),
    clearTimeout: (id) => (clock ? clock.clear(id) : clearTimeout(id as ReturnType<typeof setTimeout>)),
    setInterval: (fn, ms) => (clock ? clock.set(fn, ms, ms) : setInterval(fn, ms)),
    clearInterval: (id) => (clock ? clock.clear(id) : clearInterval(id as ReturnType<typeof setInterval>)),
  };
  return browser;
}
