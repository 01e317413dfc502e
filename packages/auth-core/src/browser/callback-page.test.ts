import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { handleOAuthCallback } from "./callback-page.ts";
import type { HandleCallbackOptions } from "./callback-page.ts";
import { openAuthPopup } from "./popup.ts";
import type { BrowserPorts, CallbackChannel } from "./ports.ts";

const APP = "https://app.example";
const CALLBACK = `${APP}/oauth/callback`;

function setup(href: string, overrides: Partial<HandleCallbackOptions> = {}, withChannel = true) {
  const posted: { message: unknown; targetOrigin: string }[] = [];
  const channelMessages: unknown[] = [];
  const channels: { name: string; closed: boolean }[] = [];
  const opener = { postMessage: vi.fn((message: unknown, targetOrigin: string) => void posted.push({ message, targetOrigin })) };
  const history = { replaceState: vi.fn() };
  const closeWindow = vi.fn();
  const ports = {
    origin: () => APP,
    setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
    ...(withChannel
      ? {
          openChannel: (name: string): CallbackChannel => {
            const record = { name, closed: false };
            channels.push(record);
            return {
              postMessage: (data) => void channelMessages.push(data),
              addEventListener: () => undefined,
              close: () => {
                record.closed = true;
              },
            };
          },
        }
      : {}),
  };
  const options: HandleCallbackOptions = { ports, location: { href }, history, opener, closeWindow, ...overrides };
  return { options, posted, channelMessages, channels, opener, history, closeWindow };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("handleOAuthCallback (rules 12, 14, 15)", () => {
  it("rule 12: posts the message to the opener with the page's exact origin, never '*'", () => {
    const env = setup(`${CALLBACK}?code=abc&state=s1`);
    const result = handleOAuthCallback(env.options);
    expect(result).toEqual({ state: "s1", delivered: { opener: true, channel: true } });
    expect(env.posted).toEqual([
      {
        message: { source: "plugboard", type: "oauth-callback", state: "s1", params: [["code", "abc"], ["state", "s1"]] },
        targetOrigin: APP,
      },
    ]);
  });

  it("uses an explicit targetOrigin exactly; '*' and non-origins are refused before anything is posted", () => {
    const env = setup(`${CALLBACK}?code=abc&state=s1`, { targetOrigin: "https://opener.example" });
    handleOAuthCallback(env.options);
    expect(env.posted[0]?.targetOrigin).toBe("https://opener.example");

    for (const targetOrigin of ["*", "/", "https://opener.example/"]) {
      const bad = setup(`${CALLBACK}?code=abc&state=s1`, { targetOrigin });
      expect(() => handleOAuthCallback(bad.options)).toThrow(expect.objectContaining({ key: "invalid_argument" }));
      expect(bad.opener.postMessage).not.toHaveBeenCalled();
      expect(bad.channelMessages).toEqual([]);
    }
  });

  it("rule 14: also posts on the plugboard-oauth BroadcastChannel; with opener null only there", () => {
    const env = setup(`${CALLBACK}?code=abc&state=s1`, { opener: null });
    const result = handleOAuthCallback(env.options);
    expect(result.delivered).toEqual({ opener: false, channel: true });
    expect(env.channels.map((channel) => channel.name)).toEqual(["plugboard-oauth"]);
    expect(env.channelMessages).toEqual([{ source: "plugboard", type: "oauth-callback", state: "s1", params: [["code", "abc"], ["state", "s1"]] }]);
  });

  it("without a channel or with a throwing opener, reports what was actually delivered", () => {
    const noChannel = setup(`${CALLBACK}?code=abc&state=s1`, {}, false);
    expect(handleOAuthCallback(noChannel.options).delivered).toEqual({ opener: true, channel: false });

    const throwing = setup(`${CALLBACK}?code=abc&state=s1`, {
      opener: {
        postMessage: () => {
          throw new Error("DataCloneError");
        },
      },
    });
    expect(handleOAuthCallback(throwing.options).delivered).toEqual({ opener: false, channel: true });
  });

  it("keeps every query and fragment pair in order, duplicates included (the engine rejects them)", () => {
    const env = setup(`${CALLBACK}?code=a&state=s1&code=b#iss=https%3A%2F%2Fidp.example&state=s1`);
    handleOAuthCallback(env.options);
    expect(env.channelMessages[0]).toMatchObject({
      state: "s1",
      params: [["code", "a"], ["state", "s1"], ["code", "b"], ["iss", "https://idp.example"], ["state", "s1"]],
    });
  });

  it("reads a fragment response (response_mode=fragment) but ignores a route-like fragment", () => {
    const fragment = setup(`${CALLBACK}#code=abc&state=s1`);
    expect(handleOAuthCallback(fragment.options).state).toBe("s1");
    const route = setup(`${CALLBACK}?code=abc&state=s1#/settings`);
    handleOAuthCallback(route.options);
    expect(route.channelMessages[0]).toMatchObject({ params: [["code", "abc"], ["state", "s1"]] });
  });

  it("rule 15: strips code/state (and other response params) from the address bar, keeping the app's own params", () => {
    const env = setup(`${CALLBACK}?tab=github&code=abc&state=s1&iss=x#code=y`);
    handleOAuthCallback(env.options);
    expect(env.history.replaceState).toHaveBeenCalledWith(null, "", "/oauth/callback?tab=github");

    const clean = setup(`${CALLBACK}?tab=github`);
    handleOAuthCallback(clean.options);
    expect(clean.history.replaceState).not.toHaveBeenCalled();
  });

  it("closes the window after closeDelayMs (default 300), and the channel with it", async () => {
    const env = setup(`${CALLBACK}?code=abc&state=s1`);
    handleOAuthCallback(env.options);
    await vi.advanceTimersByTimeAsync(299);
    expect(env.closeWindow).not.toHaveBeenCalled();
    expect(env.channels[0]?.closed).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(env.closeWindow).toHaveBeenCalledTimes(1);
    expect(env.channels[0]?.closed).toBe(true);

    const custom = setup(`${CALLBACK}?code=abc&state=s1`, { closeDelayMs: 1_000 });
    handleOAuthCallback(custom.options);
    await vi.advanceTimersByTimeAsync(999);
    expect(custom.closeWindow).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(custom.closeWindow).toHaveBeenCalled();
  });

  it("without state: posts nothing, reports state '', still strips the code and closes (the opener gets popup_closed)", async () => {
    const env = setup(`${CALLBACK}?error=access_denied&code=abc`);
    const result = handleOAuthCallback(env.options);
    expect(result).toEqual({ state: "", delivered: { opener: false, channel: false } });
    expect(env.opener.postMessage).not.toHaveBeenCalled();
    expect(env.channelMessages).toEqual([]);
    expect(env.history.replaceState).toHaveBeenCalledWith(null, "", "/oauth/callback");
    await vi.advanceTimersByTimeAsync(300);
    expect(env.closeWindow).toHaveBeenCalled();
  });

  it("round trip: the callback page's opener message resolves the popup's authorize", async () => {
    const listeners = new Set<(event: { origin: string; data: unknown; source: unknown }) => void>();
    const win = { closed: false, location: { href: "about:blank" }, close: vi.fn() };
    const ports: BrowserPorts = {
      open: () => win,
      origin: () => APP,
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
    const result = openAuthPopup({ ports }).authorize({ url: "https://provider.example/authorize", state: "s1" });
    const opener = {
      postMessage: (message: unknown, targetOrigin: string) => {
        // The browser delivers only when targetOrigin matches the opener, stamping the sender's origin.
        if (targetOrigin === APP) for (const listener of [...listeners]) listener({ origin: APP, data: message, source: win });
      },
    };
    handleOAuthCallback({ ports, location: { href: `${CALLBACK}?code=abc&state=s1` }, history: { replaceState: () => undefined }, opener, closeWindow: () => undefined });
    const params = await result;
    expect(params.get("code")).toBe("abc");
    await vi.advanceTimersByTimeAsync(300);
    expect(vi.getTimerCount()).toBe(0);
  });
});
