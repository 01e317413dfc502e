import { describe, expect, it, vi } from "vitest";
import { REDIRECT_STATE_MAX_AGE_MS, resumeRedirectAuthorization, startRedirectAuthorization } from "./redirect.ts";
import type { RedirectStorage } from "./redirect.ts";

const APP = "https://app.example";
const AUTHORIZE_URL = "https://provider.example/authorize?client_id=c&state=s1";
const T0 = 1_700_000_000_000;

function memoryStorage(): RedirectStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  };
}

function start(storage: RedirectStorage, extra: { returnTo?: string; state?: string } = {}) {
  const navigate = vi.fn();
  const pending = { authorization: { state: extra.state ?? "s1", codeVerifier: "v".repeat(43) }, connector: "github", option: "oauth" };
  startRedirectAuthorization({ url: AUTHORIZE_URL, state: extra.state ?? "s1", pending, ...(extra.returnTo ? { returnTo: extra.returnTo } : {}) }, { storage, navigate, now: () => T0 });
  return { navigate, pending };
}

function resume(storage: RedirectStorage, href: string, now = T0 + 30_000) {
  const history = { replaceState: vi.fn() };
  const run = () => resumeRedirectAuthorization({ storage, location: { href }, history, now: () => now });
  return { history, run };
}

function failure(fn: () => unknown): { key?: string } {
  try {
    fn();
  } catch (error) {
    return error as { key?: string };
  }
  throw new Error("expected an error");
}

describe("startRedirectAuthorization", () => {
  it("saves the pending authorization under its state, then navigates to the authorize URL", () => {
    const storage = memoryStorage();
    const { navigate } = start(storage, { returnTo: "/settings/connections" });
    expect(navigate).toHaveBeenCalledWith(AUTHORIZE_URL);
    expect([...storage.map.keys()]).toEqual(["plugboard-oauth:s1"]);
    expect(JSON.parse(storage.map.get("plugboard-oauth:s1")!)).toMatchObject({ createdAt: T0, returnTo: "/settings/connections" });
  });

  it("refuses a non-http(s) URL, an empty state or non-JSON pending data without navigating", () => {
    const storage = memoryStorage();
    const navigate = vi.fn();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(failure(() => startRedirectAuthorization({ url: "javascript:alert(1)", state: "s1", pending: {} }, { storage, navigate })).key).toBe("invalid_argument");
    expect(failure(() => startRedirectAuthorization({ url: AUTHORIZE_URL, state: "", pending: {} }, { storage, navigate })).key).toBe("invalid_argument");
    expect(failure(() => startRedirectAuthorization({ url: AUTHORIZE_URL, state: "s1", pending: cyclic }, { storage, navigate })).key).toBe("invalid_argument");
    expect(navigate).not.toHaveBeenCalled();
    expect(storage.map.size).toBe(0);
  });

  it("fails before leaving the page when storage refuses the entry (Safari private mode, quota)", () => {
    const navigate = vi.fn();
    const storage: RedirectStorage = {
      getItem: () => null,
      removeItem: () => undefined,
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
    };
    expect(failure(() => startRedirectAuthorization({ url: AUTHORIZE_URL, state: "s1", pending: {} }, { storage, navigate })).key).toBe("not_supported");
    expect(navigate).not.toHaveBeenCalled();
  });
});

describe("resumeRedirectAuthorization", () => {
  it("round trip: returns pending, params (duplicates kept) and returnTo; strips the URL", () => {
    const storage = memoryStorage();
    const { pending } = start(storage, { returnTo: "/settings" });
    const { run, history } = resume(storage, `${APP}/oauth/callback?view=1&code=a&state=s1&code=b`);
    const result = run();
    expect(result?.pending).toEqual(pending);
    expect(result?.returnTo).toBe("/settings");
    expect([...result!.params]).toEqual([["view", "1"], ["code", "a"], ["state", "s1"], ["code", "b"]]);
    expect(history.replaceState).toHaveBeenCalledWith(null, "", "/oauth/callback?view=1");
    expect(storage.map.size).toBe(0);
  });

  it("omits returnTo when none was saved, and reads fragment responses", () => {
    const storage = memoryStorage();
    start(storage);
    const result = resume(storage, `${APP}/cb#code=a&state=s1`).run();
    expect(result).not.toHaveProperty("returnTo");
    expect(result?.params.get("code")).toBe("a");
  });

  it("rule 1: single use: the same response a second time ⇒ state_mismatch", () => {
    const storage = memoryStorage();
    start(storage);
    const href = `${APP}/cb?code=a&state=s1`;
    expect(resume(storage, href).run()).toBeDefined();
    expect(failure(resume(storage, href).run).key).toBe("state_mismatch");
  });

  it("a state never saved in this tab ⇒ state_mismatch, URL left for a shared popup callback page", () => {
    const storage = memoryStorage();
    start(storage);
    const { run, history } = resume(storage, `${APP}/cb?code=a&state=forged`);
    expect(failure(run).key).toBe("state_mismatch");
    expect(history.replaceState).not.toHaveBeenCalled();
    expect(storage.map.has("plugboard-oauth:s1")).toBe(true);
  });

  it("a corrupt saved entry ⇒ state_mismatch and the entry is dropped", () => {
    const storage = memoryStorage();
    storage.setItem("plugboard-oauth:s1", "{not json");
    expect(failure(resume(storage, `${APP}/cb?code=a&state=s1`).run).key).toBe("state_mismatch");
    expect(storage.map.size).toBe(0);
  });

  it("entries expire after 15 minutes ⇒ state_expired (entry consumed, URL stripped)", () => {
    const storage = memoryStorage();
    start(storage);
    expect(resume(storage, `${APP}/cb?code=a&state=s1`, T0 + REDIRECT_STATE_MAX_AGE_MS).run()).toBeDefined();

    start(storage);
    const late = resume(storage, `${APP}/cb?code=a&state=s1`, T0 + REDIRECT_STATE_MAX_AGE_MS + 1);
    expect(failure(late.run).key).toBe("state_expired");
    expect(late.history.replaceState).toHaveBeenCalledWith(null, "", "/cb");
    expect(storage.map.size).toBe(0);
  });

  it("a page load that is not a redirect return ⇒ undefined, nothing touched", () => {
    const storage = memoryStorage();
    start(storage);
    for (const href of [`${APP}/settings`, `${APP}/cb?tab=1`, `${APP}/cb?code=a`, `${APP}/cb?state=`, `${APP}/#/route`]) {
      const { run, history } = resume(storage, href);
      expect(run()).toBeUndefined();
      expect(history.replaceState).not.toHaveBeenCalled();
    }
    expect(storage.map.size).toBe(1);
  });
});
