import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { OAuthCallbackMessage } from "./callback-message.ts";
import { openAuthPopup } from "./popup.ts";
import type { BrowserPorts, ScreenRect, WindowLike } from "./ports.ts";

const APP = "https://app.example";
const AUTHORIZE_URL = "https://provider.example/authorize?client_id=c&state=s-123";
const STATE = "s-123";

interface FakeChannel {
  name: string;
  closed: boolean;
  listeners: ((event: { data: unknown }) => void)[];
  postMessage(data: unknown): void;
  addEventListener(type: "message", listener: (event: { data: unknown }) => void): void;
  close(): void;
}

interface FakeWindow extends WindowLike {
  replace: ReturnType<typeof vi.fn>;
}

function fakeWindow(): FakeWindow {
  const replace = vi.fn((url: string) => {
    win.location.href = url;
  });
  const win: FakeWindow = {
    closed: false,
    location: { href: "about:blank", replace },
    close: vi.fn(() => {
      win.closed = true;
    }),
    focus: vi.fn(),
    replace,
  };
  return win;
}

function fakeEnv(options: { opened?: WindowLike | null; screen?: ScreenRect; channel?: boolean } = {}) {
  const win = fakeWindow();
  const opened = options.opened === undefined ? win : options.opened;
  const messageListeners = new Set<(event: { origin: string; data: unknown; source: unknown }) => void>();
  const channels: FakeChannel[] = [];
  const ports: BrowserPorts = {
    open: vi.fn(() => opened),
    origin: () => APP,
    screen: () => options.screen ?? { left: 100, top: 50, width: 1200, height: 900 },
    addMessageListener: (listener) => {
      messageListeners.add(listener);
      return () => messageListeners.delete(listener);
    },
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
    setInterval: (fn, ms) => setInterval(fn, ms),
    clearInterval: (id) => clearInterval(id as ReturnType<typeof setInterval>),
  };
  if (options.channel !== false) {
    ports.openChannel = (name) => {
      const channel: FakeChannel = {
        name,
        closed: false,
        listeners: [],
        postMessage: () => undefined,
        addEventListener: (_type, listener) => channel.listeners.push(listener),
        close: () => {
          channel.closed = true;
        },
      };
      channels.push(channel);
      return channel;
    };
  }
  const post = (data: unknown, origin = APP): void => {
    for (const listener of [...messageListeners]) listener({ origin, data, source: win });
  };
  const broadcast = (data: unknown): void => {
    for (const channel of channels) if (!channel.closed) for (const listener of channel.listeners) listener({ data });
  };
  return { win, ports, post, broadcast, messageListeners, channels };
}

function callback(state = STATE, params: [string, string][] = [["code", "abc"], ["state", state]]): OAuthCallbackMessage {
  return { source: "plugboard", type: "oauth-callback", state, params };
}

function watch<T>(promise: Promise<T>) {
  const result: { status: "pending" | "resolved" | "rejected"; value?: T; error?: { key?: string; message?: string } } = { status: "pending" };
  promise.then(
    (value) => Object.assign(result, { status: "resolved", value }),
    (error: unknown) => Object.assign(result, { status: "rejected", error }),
  );
  return result;
}

const flush = () => vi.advanceTimersByTimeAsync(0);

function syncError(fn: () => unknown): { key?: string } {
  try {
    fn();
  } catch (error) {
    return error as { key?: string };
  }
  throw new Error("expected a synchronous throw");
}

function featuresOf(ports: BrowserPorts): Record<string, string> {
  const features = vi.mocked(ports.open).mock.calls[0]![2];
  return Object.fromEntries(features.split(",").map((part) => part.split("=") as [string, string]));
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("openAuthPopup: opening (rules 9–11)", () => {
  it("rule 9: calls window.open synchronously, before any microtask runs, and is not async", () => {
    const { ports } = fakeEnv();
    let microtaskRan = false;
    queueMicrotask(() => {
      microtaskRan = true;
    });
    let openedBeforeMicrotask: boolean | undefined;
    vi.mocked(ports.open).mockImplementation(() => {
      openedBeforeMicrotask = !microtaskRan;
      return fakeWindow();
    });
    const popup = openAuthPopup({ ports });
    expect(ports.open).toHaveBeenCalledTimes(1);
    expect(openedBeforeMicrotask).toBe(true);
    expect(popup).not.toBeInstanceOf(Promise);
    expect(openAuthPopup.constructor.name).toBe("Function");
    expect(vi.mocked(ports.open).mock.calls[0]!.slice(0, 2)).toEqual(["about:blank", "plugboard-oauth"]);
  });

  it("rule 10: features are a centred popup without noopener/noreferrer", () => {
    const { ports } = fakeEnv();
    openAuthPopup({ ports });
    const features = vi.mocked(ports.open).mock.calls[0]![2];
    expect(features).not.toMatch(/noopener|noreferrer/i);
    expect(featuresOf(ports)).toEqual({ popup: "yes", width: "600", height: "720", left: "400", top: "140" });
  });

  it("clamps the size to the screen and keeps the popup on it; honours width, height and name", () => {
    const small = fakeEnv({ screen: { left: 0, top: 0, width: 500, height: 400 } });
    openAuthPopup({ ports: small.ports });
    expect(featuresOf(small.ports)).toEqual({ popup: "yes", width: "500", height: "400", left: "0", top: "0" });

    // Opener near the right edge of a 1920×1080 screen: centred, then pushed back inside.
    const edge = fakeEnv({ screen: { left: 1700, top: 0, width: 400, height: 600, availLeft: 0, availTop: 0, availWidth: 1920, availHeight: 1040 } });
    openAuthPopup({ ports: edge.ports, width: 500, height: 500, name: "connect-github" });
    expect(featuresOf(edge.ports)).toEqual({ popup: "yes", width: "500", height: "500", left: "1420", top: "50" });
    expect(vi.mocked(edge.ports.open).mock.calls[0]![1]).toBe("connect-github");
  });

  it.each([
    ["null", null],
    ["closed === true", { closed: true, location: { href: "" }, close: () => undefined }],
    ["closed undefined", { location: { href: "" }, close: () => undefined } as unknown as WindowLike],
  ])("rule 11: open returning %s throws popup_blocked synchronously", (_label, opened) => {
    const env = fakeEnv({ opened });
    expect(syncError(() => openAuthPopup({ ports: env.ports })).key).toBe("popup_blocked");
    expect(env.messageListeners.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("rule 12: callbackOrigin must be an exact origin (no '*', no trailing slash), checked before opening", () => {
    for (const callbackOrigin of ["*", "/", "https://app.example/", "https://app.example/cb", "app.example"]) {
      const { ports } = fakeEnv();
      expect(syncError(() => openAuthPopup({ ports, callbackOrigin })).key).toBe("invalid_argument");
      expect(ports.open).not.toHaveBeenCalled();
    }
  });

  it("an already-aborted signal throws cancelled without opening", () => {
    const { ports } = fakeEnv();
    expect(syncError(() => openAuthPopup({ ports, signal: AbortSignal.abort() })).key).toBe("cancelled");
    expect(ports.open).not.toHaveBeenCalled();
  });
});

describe("AuthPopup.authorize: navigation and messages (rules 9, 12, 14)", () => {
  it("rule 9: navigates the open window only when authorize is called (replace, else href)", async () => {
    const { ports, win, post } = fakeEnv();
    const popup = openAuthPopup({ ports });
    expect(win.location.href).toBe("about:blank");
    const result = popup.authorize({ url: AUTHORIZE_URL, state: STATE });
    expect(win.replace).toHaveBeenCalledWith(AUTHORIZE_URL);
    post(callback());
    await result;

    const plain = { closed: false, location: { href: "about:blank" }, close: vi.fn() };
    const env = fakeEnv({ opened: plain });
    const second = openAuthPopup({ ports: env.ports }).authorize({ url: AUTHORIZE_URL, state: STATE });
    expect(plain.location.href).toBe(AUTHORIZE_URL);
    env.post(callback());
    await second;
  });

  it("resolves the callback params (duplicates and order preserved), closes the popup and releases everything", async () => {
    const { ports, win, post, messageListeners, channels } = fakeEnv();
    const result = watch(openAuthPopup({ ports }).authorize({ url: AUTHORIZE_URL, state: STATE }));
    post(callback(STATE, [["code", "a"], ["state", STATE], ["code", "b"], ["iss", "https://provider.example"]]));
    await flush();
    expect(result.status).toBe("resolved");
    expect([...result.value!]).toEqual([["code", "a"], ["state", STATE], ["code", "b"], ["iss", "https://provider.example"]]);
    expect(win.close).toHaveBeenCalled();
    expect(messageListeners.size).toBe(0);
    expect(channels.every((channel) => channel.closed)).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("rule 12: a message from another origin is ignored silently, even with a valid payload", async () => {
    const { ports, post } = fakeEnv();
    const result = watch(openAuthPopup({ ports }).authorize({ url: AUTHORIZE_URL, state: STATE }));
    for (const origin of ["https://evil.example", "https://app.example:443/", "http://app.example", "https://app.example.evil.example", "null", "*"]) {
      post(callback(), origin);
    }
    await flush();
    expect(result.status).toBe("pending");
    post(callback());
    await flush();
    expect(result.status).toBe("resolved");
  });

  it("rule 12: a message with another state is ignored (different, prefix, longer, empty)", async () => {
    const { ports, post } = fakeEnv();
    const result = watch(openAuthPopup({ ports }).authorize({ url: AUTHORIZE_URL, state: STATE }));
    for (const state of ["other", "s-12", "s-1234", "", "S-123"]) post(callback(state));
    await flush();
    expect(result.status).toBe("pending");
    post(callback());
    await flush();
    expect(result.status).toBe("resolved");
  });

  it("rule 12: a wrong source, type or shape is ignored", async () => {
    const { ports, post } = fakeEnv();
    const result = watch(openAuthPopup({ ports }).authorize({ url: AUTHORIZE_URL, state: STATE }));
    const good = callback();
    post({ ...good, source: "oidc-client" });
    post({ ...good, type: "oauth-result" });
    post({ ...good, params: [["code"]] });
    post({ ...good, params: "code=abc&state=s-123" });
    post({ ...good, state: undefined });
    post(null);
    post("code=abc&state=s-123");
    await flush();
    expect(result.status).toBe("pending");
  });

  it("honours callbackOrigin: messages must come from it, not from the opener's own origin", async () => {
    const { ports, post } = fakeEnv();
    const result = watch(openAuthPopup({ ports, callbackOrigin: "https://auth.app.example" }).authorize({ url: AUTHORIZE_URL, state: STATE }));
    post(callback(), APP);
    await flush();
    expect(result.status).toBe("pending");
    post(callback(), "https://auth.app.example");
    await flush();
    expect(result.status).toBe("resolved");
  });

  it("rule 14: a result on the BroadcastChannel completes the flow (state, source and type still checked)", async () => {
    const { ports, broadcast, channels } = fakeEnv();
    const result = watch(openAuthPopup({ ports }).authorize({ url: AUTHORIZE_URL, state: STATE }));
    expect(channels.map((channel) => channel.name)).toEqual(["plugboard-oauth"]);
    broadcast(callback("other"));
    broadcast({ ...callback(), source: "nango" });
    broadcast({ ...callback(), type: "other" });
    await flush();
    expect(result.status).toBe("pending");
    broadcast(callback(STATE, [["code", "via-channel"], ["state", STATE]]));
    await flush();
    expect(result.value?.get("code")).toBe("via-channel");
    expect(channels[0]!.closed).toBe(true);
  });

  it("works without a BroadcastChannel (openChannel missing)", async () => {
    const { ports, post } = fakeEnv({ channel: false });
    const result = openAuthPopup({ ports }).authorize({ url: AUTHORIZE_URL, state: STATE });
    post(callback());
    await expect(result).resolves.toBeInstanceOf(URLSearchParams);
  });

  it("first result wins: a second message (opener + channel) changes nothing", async () => {
    const { ports, post, broadcast } = fakeEnv();
    const result = watch(openAuthPopup({ ports }).authorize({ url: AUTHORIZE_URL, state: STATE }));
    post(callback(STATE, [["code", "first"], ["state", STATE]]));
    broadcast(callback(STATE, [["code", "second"], ["state", STATE]]));
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(result.status).toBe("resolved");
    expect(result.value?.get("code")).toBe("first");
  });

  it("rejects a non-http(s) authorize URL or an empty state with invalid_argument and closes the popup", async () => {
    const env = fakeEnv();
    await expect(openAuthPopup({ ports: env.ports }).authorize({ url: "javascript:alert(1)", state: STATE })).rejects.toMatchObject({ key: "invalid_argument" });
    expect(env.win.replace).not.toHaveBeenCalled();
    expect(env.win.close).toHaveBeenCalled();

    const other = fakeEnv();
    await expect(openAuthPopup({ ports: other.ports }).authorize({ url: AUTHORIZE_URL, state: "" })).rejects.toMatchObject({ key: "invalid_argument" });
    expect(vi.getTimerCount()).toBe(0);
  });

  it("a navigation that throws rejects popup_blocked (offer the redirect flow)", async () => {
    const { ports, win, messageListeners } = fakeEnv();
    win.replace.mockImplementation(() => {
      throw new Error("SecurityError");
    });
    await expect(openAuthPopup({ ports }).authorize({ url: AUTHORIZE_URL, state: STATE })).rejects.toMatchObject({ key: "popup_blocked" });
    expect(messageListeners.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe("AuthPopup.authorize: closed, timeout, cancel (rules 13, 14)", () => {
  it("rule 13: a result arriving after `closed` became true (COOP) still completes within the grace period", async () => {
    const { ports, win, post } = fakeEnv();
    const result = watch(openAuthPopup({ ports }).authorize({ url: AUTHORIZE_URL, state: STATE }));
    win.closed = true; // COOP cut the handle; the window is actually still open.
    await vi.advanceTimersByTimeAsync(500 + 1_999);
    expect(result.status).toBe("pending");
    post(callback());
    await flush();
    expect(result.status).toBe("resolved");
    expect(vi.getTimerCount()).toBe(0);
  });

  it("rule 13: closed without a result rejects popup_closed only after the grace period, never before", async () => {
    const { ports, win, messageListeners } = fakeEnv();
    const result = watch(openAuthPopup({ ports, pollIntervalMs: 500, closedGraceMs: 2_000 }).authorize({ url: AUTHORIZE_URL, state: STATE }));
    await vi.advanceTimersByTimeAsync(1_000);
    win.closed = true;
    await vi.advanceTimersByTimeAsync(500); // the poll at t=1500 notices
    await vi.advanceTimersByTimeAsync(1_999);
    expect(result.status).toBe("pending");
    await vi.advanceTimersByTimeAsync(1);
    expect(result.status).toBe("rejected");
    expect(result.error?.key).toBe("popup_closed");
    expect(result.error?.message).toMatch(/closed/);
    expect(messageListeners.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("closedGraceMs: Infinity never reports popup_closed; the timeout still ends the flow", async () => {
    const { ports, win } = fakeEnv();
    const result = watch(openAuthPopup({ ports, closedGraceMs: Infinity, timeoutMs: 60_000 }).authorize({ url: AUTHORIZE_URL, state: STATE }));
    win.closed = true;
    await vi.advanceTimersByTimeAsync(59_999);
    expect(result.status).toBe("pending");
    await vi.advanceTimersByTimeAsync(1);
    expect(result.error?.key).toBe("timeout");
  });

  it("times out after timeoutMs (default 5 minutes) and closes the popup", async () => {
    const { ports, win } = fakeEnv();
    const result = watch(openAuthPopup({ ports }).authorize({ url: AUTHORIZE_URL, state: STATE }));
    await vi.advanceTimersByTimeAsync(5 * 60_000 - 1);
    expect(result.status).toBe("pending");
    await vi.advanceTimersByTimeAsync(1);
    expect(result.error).toMatchObject({ key: "timeout", data: { timeoutMs: 300_000 } });
    expect(result.error?.message).toContain("5 minutes");
    expect(win.close).toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("abort → cancelled and the popup closes", async () => {
    const { ports, win, messageListeners } = fakeEnv();
    const controller = new AbortController();
    const result = watch(openAuthPopup({ ports, signal: controller.signal }).authorize({ url: AUTHORIZE_URL, state: STATE }));
    controller.abort();
    await flush();
    expect(result.error?.key).toBe("cancelled");
    expect(win.close).toHaveBeenCalled();
    expect(messageListeners.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("abort before authorize closes the popup; authorize then rejects cancelled without navigating", async () => {
    const { ports, win } = fakeEnv();
    const controller = new AbortController();
    const popup = openAuthPopup({ ports, signal: controller.signal });
    controller.abort();
    expect(win.close).toHaveBeenCalled();
    await expect(popup.authorize({ url: AUTHORIZE_URL, state: STATE })).rejects.toMatchObject({ key: "cancelled" });
    expect(win.replace).not.toHaveBeenCalled();
  });

  it("close() while waiting rejects cancelled (no promise left pending)", async () => {
    const { ports, win } = fakeEnv();
    const popup = openAuthPopup({ ports });
    const result = watch(popup.authorize({ url: AUTHORIZE_URL, state: STATE }));
    popup.close();
    await flush();
    expect(result.error?.key).toBe("cancelled");
    expect(win.closed).toBe(true);
  });

  it("close() before authorize: authorize then rejects cancelled without navigating", async () => {
    const { ports, win } = fakeEnv();
    const popup = openAuthPopup({ ports });
    popup.close();
    expect(win.closed).toBe(true);
    await expect(popup.authorize({ url: AUTHORIZE_URL, state: STATE })).rejects.toMatchObject({ key: "cancelled" });
    expect(win.replace).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("a late abort or close after success changes nothing", async () => {
    const { ports, post } = fakeEnv();
    const controller = new AbortController();
    const popup = openAuthPopup({ ports, signal: controller.signal });
    const result = watch(popup.authorize({ url: AUTHORIZE_URL, state: STATE }));
    post(callback());
    controller.abort();
    popup.close();
    await flush();
    expect(result.status).toBe("resolved");
  });
});

describe("cleanup", () => {
  it("authorize runs once per popup; a fresh popup works again and no timer or listener leaks", async () => {
    const env = fakeEnv();
    const first = openAuthPopup({ ports: env.ports });
    const firstResult = first.authorize({ url: AUTHORIZE_URL, state: STATE });
    await expect(first.authorize({ url: AUTHORIZE_URL, state: STATE })).rejects.toMatchObject({ key: "invalid_argument" });
    const firstFailure = expect(firstResult).rejects.toMatchObject({ key: "timeout" });
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    await firstFailure;
    expect(vi.getTimerCount()).toBe(0);

    env.win.closed = false;
    const second = openAuthPopup({ ports: env.ports }).authorize({ url: AUTHORIZE_URL, state: "s-456" });
    expect(env.messageListeners.size).toBe(1);
    expect(vi.getTimerCount()).toBe(2); // the closed poll + the timeout
    env.post(callback("s-456"));
    await expect(second).resolves.toBeInstanceOf(URLSearchParams);
    expect(env.messageListeners.size).toBe(0);
    expect(env.channels.every((channel) => channel.closed)).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("the abort listener is removed once the flow settles", async () => {
    const { ports, post } = fakeEnv();
    const controller = new AbortController();
    const remove = vi.spyOn(controller.signal, "removeEventListener");
    const result = openAuthPopup({ ports, signal: controller.signal }).authorize({ url: AUTHORIZE_URL, state: STATE });
    post(callback());
    await result;
    expect(remove).toHaveBeenCalledWith("abort", expect.any(Function));
  });
});
