import { afterEach, describe, expect, it, vi } from "vitest";
import { handleOAuthCallback } from "./callback-page.ts";
import { openAuthPopup } from "./popup.ts";
import { browserPorts } from "./ports.ts";
import type { BrowserPorts } from "./ports.ts";

const TRAPPED = ["window", "document", "location", "history", "opener", "screen", "sessionStorage", "localStorage", "BroadcastChannel"] as const;

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("SSR safety (DESIGN §2)", () => {
  it("importing the browser entry in Node touches no browser global", async () => {
    expect(typeof window).toBe("undefined");
    const touched: string[] = [];
    const saved = new Map<string, PropertyDescriptor | undefined>();
    for (const name of TRAPPED) {
      saved.set(name, Object.getOwnPropertyDescriptor(globalThis, name));
      const original = (globalThis as Record<string, unknown>)[name];
      Object.defineProperty(globalThis, name, {
        configurable: true,
        get() {
          touched.push(name);
          return original;
        },
      });
    }
    try {
      vi.resetModules();
      const entry = await import("./index.ts");
      expect(typeof entry.openAuthPopup).toBe("function");
      expect(typeof entry.browserPorts().open).toBe("function"); // creating the ports is lazy too
    } finally {
      for (const [name, descriptor] of saved) {
        if (descriptor) Object.defineProperty(globalThis, name, descriptor);
        else delete (globalThis as Record<string, unknown>)[name];
      }
    }
    expect(touched).toEqual([]);
  });

  it("without a window, a port fails only when it is called", () => {
    const ports = browserPorts();
    expect(() => ports.origin()).toThrow(ReferenceError);
  });
});

describe("browserPorts() delegates to the browser", () => {
  function stubWindow() {
    const listeners = new Map<string, (event: unknown) => void>();
    const popup = { closed: false, location: { href: "about:blank" }, close: () => undefined };
    const fake = {
      open: vi.fn(() => popup),
      location: { origin: "https://app.example" },
      screenX: 10,
      screenY: 20,
      outerWidth: 1000,
      outerHeight: 800,
      screen: { availLeft: 0, availTop: 25, availWidth: 1920, availHeight: 1055 },
      addEventListener: vi.fn((type: string, listener: (event: unknown) => void) => listeners.set(type, listener)),
      removeEventListener: vi.fn((type: string) => listeners.delete(type)),
    };
    vi.stubGlobal("window", fake);
    return { fake, listeners, popup };
  }

  it("open, origin and screen", () => {
    const { fake, popup } = stubWindow();
    const ports = browserPorts();
    expect(ports.open("about:blank", "plugboard-oauth", "popup=yes")).toBe(popup);
    expect(fake.open).toHaveBeenCalledWith("about:blank", "plugboard-oauth", "popup=yes");
    expect(ports.origin()).toBe("https://app.example");
    expect(ports.screen()).toEqual({ left: 10, top: 20, width: 1000, height: 800, availLeft: 0, availTop: 25, availWidth: 1920, availHeight: 1055 });
  });

  it("addMessageListener maps origin/data/source and returns a remover", () => {
    const { fake, listeners } = stubWindow();
    const received: unknown[] = [];
    const remove = browserPorts().addMessageListener((event) => received.push(event));
    listeners.get("message")!({ origin: "https://app.example", data: { a: 1 }, source: "popup", ports: [] });
    expect(received).toEqual([{ origin: "https://app.example", data: { a: 1 }, source: "popup" }]);
    remove();
    expect(fake.removeEventListener).toHaveBeenCalledWith("message", expect.any(Function));
    expect(listeners.size).toBe(0);
  });

  it("openChannel is a real BroadcastChannel (Node has one) and undefined when the platform has none", async () => {
    const ports = browserPorts();
    const sender = ports.openChannel!("plugboard-test");
    const receiver = ports.openChannel!("plugboard-test");
    try {
      const received = new Promise<unknown>((resolve) => receiver!.addEventListener("message", (event) => resolve(event.data)));
      sender!.postMessage({ hello: "world" });
      expect(await received).toEqual({ hello: "world" });
    } finally {
      sender!.close();
      receiver!.close();
    }
    vi.stubGlobal("BroadcastChannel", undefined);
    expect(browserPorts().openChannel!("x")).toBeUndefined();
  });

  it("timers go through the global timer functions", async () => {
    const ports = browserPorts();
    const fired = await new Promise<string>((resolve) => {
      const cancelled = ports.setTimeout(() => resolve("cancelled timer fired"), 5);
      ports.clearTimeout(cancelled);
      const interval = ports.setInterval(() => {
        ports.clearInterval(interval);
        resolve("interval");
      }, 1);
    });
    expect(fired).toBe("interval");
  });
});

describe("rule 14 over a real BroadcastChannel", () => {
  it("with window.opener cut by COOP, the callback page still completes the popup flow", async () => {
    const real = browserPorts();
    const win = { closed: false, location: { href: "about:blank" }, close: vi.fn() };
    const ports: BrowserPorts = {
      ...real,
      open: () => win,
      origin: () => "https://app.example",
      screen: () => ({ left: 0, top: 0, width: 1280, height: 800 }),
      addMessageListener: () => () => undefined,
    };
    const result = openAuthPopup({ ports }).authorize({ url: "https://provider.example/authorize", state: "s-coop" });
    win.closed = true; // COOP makes the handle look closed
    const page = handleOAuthCallback({
      ports,
      location: { href: "https://app.example/cb?code=c0de&state=s-coop" },
      history: { replaceState: () => undefined },
      opener: null,
      closeWindow: () => undefined,
      closeDelayMs: 0,
    });
    expect(page.delivered).toEqual({ opener: false, channel: true });
    expect((await result).get("code")).toBe("c0de");
  });
});
