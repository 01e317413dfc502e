import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { base64ToUtf8, utf8ToBase64Url } from "../internal/base64.ts";
import { createSignedState, verifySignedState } from "./signed-state.ts";

const secret = "test-secret-0123456789-abcdefghij";
const now = 1_700_000_000_000;

async function rejection(promise: Promise<unknown>): Promise<{ key?: string; message?: string; data?: unknown }> {
  try {
    await promise;
  } catch (error) {
    return error as { key?: string; message?: string; data?: unknown };
  }
  throw new Error("expected a rejection");
}

describe("signed OAuth state (RFC 6749 §10.12, RFC 9700 §2.1)", () => {
  it("round-trips the payload in a compact base64url(json).base64url(HMAC-SHA256) value", async () => {
    const payload = { connectionId: "c1", provider: "github", verifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", n: 1 };
    const state = await createSignedState(payload, secret, { ttlSeconds: 600, now });
    expect(state).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    await expect(verifySignedState(state, secret, { now: now + 1000 })).resolves.toEqual(payload);
  });

  it("signs with HMAC-SHA256 over the first segment (checked with node:crypto)", async () => {
    const state = await createSignedState({ a: 1 }, secret, { ttlSeconds: 60, now });
    const [body, signature] = state.split(".") as [string, string];
    expect(signature).toBe(createHmac("sha256", secret).update(body).digest("base64url"));
    const envelope = JSON.parse(base64ToUtf8(body)) as { p: unknown; n: string; exp: number };
    expect(envelope.p).toEqual({ a: 1 });
    expect(envelope.n).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(envelope.exp).toBe(1_700_000_060);
  });

  it("includes a random nonce: the same payload gives different states", async () => {
    const a = await createSignedState({ a: 1 }, secret, { ttlSeconds: 60, now });
    const b = await createSignedState({ a: 1 }, secret, { ttlSeconds: 60, now });
    expect(a).not.toBe(b);
  });

  it("keeps non-ASCII payloads intact", async () => {
    const state = await createSignedState({ name: "Zoë £€ 日本" }, secret, { ttlSeconds: 60, now });
    await expect(verifySignedState(state, secret, { now })).resolves.toEqual({ name: "Zoë £€ 日本" });
  });

  it("expires: valid just before exp, state_expired at and after exp", async () => {
    const state = await createSignedState({ a: 1 }, secret, { ttlSeconds: 600, now });
    await expect(verifySignedState(state, secret, { now: now + 599_999 })).resolves.toEqual({ a: 1 });
    const error = await rejection(verifySignedState(state, secret, { now: now + 600_000 }));
    expect(error.key).toBe("state_expired");
    expect(error.data).toEqual({ expiresAt: now + 600_000 });
    expect((await rejection(verifySignedState(state, secret, { now: now + 86_400_000 }))).key).toBe("state_expired");
  });

  it("tampered payload ⇒ state_mismatch", async () => {
    const state = await createSignedState({ userId: "alice" }, secret, { ttlSeconds: 600, now });
    const [body, signature] = state.split(".") as [string, string];
    const forged = JSON.parse(base64ToUtf8(body)) as { p: { userId: string } };
    forged.p.userId = "mallory";
    const error = await rejection(verifySignedState(`${utf8ToBase64Url(JSON.stringify(forged))}.${signature}`, secret, { now }));
    expect(error.key).toBe("state_mismatch");
  });

  it("tampered signature, wrong secret ⇒ state_mismatch", async () => {
    const state = await createSignedState({ a: 1 }, secret, { ttlSeconds: 600, now });
    const last = state.at(-2) === "A" ? "B" : "A";
    const flipped = `${state.slice(0, -2)}${last}${state.slice(-1)}`;
    expect((await rejection(verifySignedState(flipped, secret, { now }))).key).toBe("state_mismatch");
    expect((await rejection(verifySignedState(state, `${secret}x`, { now }))).key).toBe("state_mismatch");
    expect((await rejection(verifySignedState(state.slice(0, -1), secret, { now }))).key).toBe("state_mismatch");
  });

  it("checks the signature before expiry: a tampered expired state is state_mismatch", async () => {
    const state = await createSignedState({ a: 1 }, secret, { ttlSeconds: 1, now });
    const tampered = `${utf8ToBase64Url('{"p":{"a":2},"n":"x","exp":1}')}.${state.split(".")[1]}`;
    expect((await rejection(verifySignedState(tampered, secret, { now: now + 10_000 }))).key).toBe("state_mismatch");
  });

  it.each(["", "abc", "a.b.c", "a!.b", ".abc", "abc.", "a b.c", "xyz"])("malformed state %j ⇒ state_mismatch", async (state) => {
    expect((await rejection(verifySignedState(state, secret, { now }))).key).toBe("state_mismatch");
  });

  it("a correctly signed but structurally wrong body ⇒ state_mismatch", async () => {
    for (const json of ['{"p":[1],"n":"x","exp":9999999999}', '{"n":"x","exp":9999999999}', '{"p":{},"n":"x"}', "[1]", "not json"]) {
      const body = utf8ToBase64Url(json);
      const state = `${body}.${createHmac("sha256", secret).update(body).digest("base64url")}`;
      expect((await rejection(verifySignedState(state, secret, { now }))).key).toBe("state_mismatch");
    }
  });

  it("rejects a short secret, a bad ttl and a non-object payload as invalid_argument", async () => {
    expect((await rejection(createSignedState({}, "short", { ttlSeconds: 60 }))).key).toBe("invalid_argument");
    expect((await rejection(verifySignedState("a.b", "", {}))).key).toBe("invalid_argument");
    for (const ttlSeconds of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect((await rejection(createSignedState({}, secret, { ttlSeconds }))).key).toBe("invalid_argument");
    }
    for (const payload of [null, [1], "x"]) {
      expect((await rejection(createSignedState(payload as object, secret, { ttlSeconds: 60 }))).key).toBe("invalid_argument");
    }
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect((await rejection(createSignedState(circular, secret, { ttlSeconds: 60 }))).key).toBe("invalid_argument");
  });

  it("defaults now to Date.now()", async () => {
    const state = await createSignedState({ a: 1 }, secret, { ttlSeconds: 60 });
    await expect(verifySignedState(state, secret)).resolves.toEqual({ a: 1 });
  });
});
