/**
 * Differential test: requests signed by signOAuth1Request must validate in an independent RFC 5849
 * implementation, Debian's python3-oauthlib (SignatureOnlyEndpoint, oauth-security.md §3.3).
 * CI installs python3-oauthlib; without it this suite FAILS on purpose instead of skipping.
 */
import { spawnSync } from "node:child_process";
import { generateKeyPairSync, createPrivateKey } from "node:crypto";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { signOAuth1Request, type OAuth1SignRequest } from "./oauth1-signature.ts";

const VERIFIER = fileURLToPath(new URL("./testing/oauth1-verifier.py", import.meta.url));
const INSTALL_HINT =
  "python3 with oauthlib is required for the OAuth 1 differential test: install it with `apt-get install -y python3-oauthlib` " +
  "(CI installs it). Set PLUGBOARD_PYTHON to pick a specific interpreter.";

/** The first interpreter that can import oauthlib (PLUGBOARD_PYTHON, then python3 on PATH, then Debian's /usr/bin/python3). */
function findPython(): string | undefined {
  const candidates = [process.env.PLUGBOARD_PYTHON, "python3", "/usr/bin/python3"].filter((c): c is string => Boolean(c));
  for (const candidate of candidates) {
    const probe = spawnSync(candidate, ["-c", "import oauthlib, jwt, cryptography"], { encoding: "utf8", timeout: 20_000 });
    if (probe.status === 0) return candidate;
  }
  return undefined;
}

interface VerifierCase {
  uri: string;
  method: string;
  body?: string;
  headers: Record<string, string>;
  client_key: string;
  client_secret: string;
  token?: string;
  token_secret?: string;
  rsa_public_key?: string;
}

interface Verdict {
  valid: boolean;
  log: string[];
}

const { privateKey, publicKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  publicKeyEncoding: { type: "spki", format: "pem" },
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
});
const pkcs1PrivateKey = createPrivateKey(privateKey).export({ type: "pkcs1", format: "pem" }) as string;
const otherPublicKey = generateKeyPairSync("rsa", { modulusLength: 2048, publicKeyEncoding: { type: "spki", format: "pem" }, privateKeyEncoding: { type: "pkcs8", format: "pem" } }).publicKey;

/** 10-digit timestamp: oauthlib insists on that length. */
const TIMESTAMP = "1700000000";
const FORM = "application/x-www-form-urlencoded";

interface Scenario {
  name: string;
  request: Omit<OAuth1SignRequest, "timestamp">;
  /** The raw body sent on the wire (form-encoded from params by default, or e.g. JSON). */
  body?: string;
  contentType?: string;
  /** URI handed to oauthlib; defaults to the signed URL as the WHATWG parser serializes it. */
  uri?: string;
  /** What the server knows (defaults to the signing secrets). */
  server?: Partial<Pick<VerifierCase, "client_secret" | "token_secret" | "rsa_public_key">>;
  /** Mutates the request after signing. */
  tamper?: (wire: { uri: string; body?: string; authorization: string }) => void;
  expectValid: boolean;
}

const scenarios: Scenario[] = [
  {
    name: "HMAC-SHA1 GET with query params, token and realm",
    request: { method: "GET", url: "http://127.0.0.1/photos?file=vacation.jpg&size=original", consumerKey: "dpf43f3p2l4k3l03", consumerSecret: "kd94hf93k423kf44", token: "nnch734d00sl2jdk", tokenSecret: "pfkkdhi9sl3r4s00", signatureMethod: "HMAC-SHA1", realm: "Photos Album" },
    expectValid: true,
  },
  {
    name: "HMAC-SHA256 POST with repeated keys in query and form body",
    request: { method: "POST", url: "http://127.0.0.1/items?tag=b&tag=a&page=2", params: { tag: ["c", "a"], note: "x y" }, consumerKey: "key-with-dash", consumerSecret: "secret", token: "tok", tokenSecret: "toksec", signatureMethod: "HMAC-SHA256" },
    expectValid: true,
  },
  {
    name: "HMAC-SHA512 with unicode in query, body and secrets",
    request: { method: "POST", url: "http://127.0.0.1/unicode?city=Z%C3%BCrich&emoji=%F0%9F%98%80", params: { name: "Zoë 日本 €", "clé": "valeur" }, consumerKey: "ck", consumerSecret: "sécret€", token: "tok", tokenSecret: "日本", signatureMethod: "HMAC-SHA512" },
    expectValid: true,
  },
  {
    name: "HMAC-SHA1 with !*'() and reserved characters in names, values and secrets",
    request: { method: "POST", url: "http://127.0.0.1/p?q=it's%20(a)*!&searchCriteria%5Bfilter%5D=a%2Bb&plus=1+2", params: { "body!*": "(x)'y'*", eq: "=%3D&" }, consumerKey: "ck", consumerSecret: "cs&%!*", token: "t", tokenSecret: "ts'()", signatureMethod: "HMAC-SHA1" },
    expectValid: true,
  },
  {
    name: "RSA-SHA1 (PKCS#8) POST with a form body",
    request: { method: "POST", url: "http://127.0.0.1/rsa", params: { a: "1", b: "two words" }, consumerKey: "rsa-consumer", consumerSecret: "", token: "tok", signatureMethod: "RSA-SHA1", privateKey },
    server: { rsa_public_key: publicKey },
    expectValid: true,
  },
  {
    name: "RSA-SHA256 (PKCS#1 PEM) GET",
    request: { method: "GET", url: "http://127.0.0.1/rsa256?x=1&x=0", consumerKey: "rsa-consumer", consumerSecret: "", signatureMethod: "RSA-SHA256", privateKey: pkcs1PrivateKey },
    server: { rsa_public_key: publicKey },
    expectValid: true,
  },
  {
    name: "PLAINTEXT with token and verifier (§2.3)",
    request: { method: "POST", url: "http://127.0.0.1/token", consumerKey: "jd83jd92dhsh93js", consumerSecret: "ja893SD9", token: "hdk48Djdsa", tokenSecret: "xyz4992k83j47x0b", verifier: "473f82d3", signatureMethod: "PLAINTEXT" },
    expectValid: true,
  },
  {
    name: "PLAINTEXT temporary credentials with callback and realm (§2.1)",
    request: { method: "POST", url: "http://127.0.0.1/initiate", consumerKey: "jd83jd92dhsh93js", consumerSecret: "ja893SD9", callback: "http://client.example.net/cb?x=1", realm: "Example", signatureMethod: "PLAINTEXT" },
    expectValid: true,
  },
  {
    name: "HMAC-SHA1 with oauth_version, upper-case host and default port",
    request: { method: "GET", url: "HTTP://LocalHost:80/Path%2Fx/r%20v?id=123", consumerKey: "ck", consumerSecret: "cs", token: "t", tokenSecret: "ts", signatureMethod: "HMAC-SHA1", includeVersion: true },
    uri: "HTTP://LocalHost:80/Path%2Fx/r%20v?id=123",
    expectValid: true,
  },
  {
    name: "HMAC-SHA256 with an empty path spelled without '/'",
    request: { method: "GET", url: "http://127.0.0.1:8080?q=1", consumerKey: "ck", consumerSecret: "cs", signatureMethod: "HMAC-SHA256" },
    uri: "http://127.0.0.1:8080?q=1",
    expectValid: true,
  },
  {
    name: "HMAC-SHA256 with an empty path spelled with '/'",
    request: { method: "GET", url: "http://127.0.0.1:8080/?q=1", consumerKey: "ck", consumerSecret: "cs", signatureMethod: "HMAC-SHA256" },
    uri: "http://127.0.0.1:8080/?q=1",
    expectValid: true,
  },
  {
    name: "HMAC-SHA1 POST with a JSON body (unsigned) and query params",
    request: { method: "POST", url: "http://127.0.0.1/photos?file=vacation.jpg&size=original", consumerKey: "dpf43f3p2l4k3l03", consumerSecret: "kd94hf93k423kf44", token: "nnch734d00sl2jdk", tokenSecret: "pfkkdhi9sl3r4s00", signatureMethod: "HMAC-SHA1" },
    body: '{"x": "eks", "y": "why"}',
    contentType: "application/json",
    expectValid: true,
  },
  // Negative controls: each must be rejected, so this suite can fail.
  {
    name: "tampered query value",
    request: { method: "GET", url: "http://127.0.0.1/photos?file=vacation.jpg&size=original", consumerKey: "ck", consumerSecret: "cs", token: "t", tokenSecret: "ts", signatureMethod: "HMAC-SHA1" },
    tamper: (wire) => {
      wire.uri = wire.uri.replace("size=original", "size=large");
    },
    expectValid: false,
  },
  {
    name: "tampered form body",
    request: { method: "POST", url: "http://127.0.0.1/items", params: { amount: "10" }, consumerKey: "ck", consumerSecret: "cs", signatureMethod: "HMAC-SHA256" },
    tamper: (wire) => {
      wire.body = "amount=1000";
    },
    expectValid: false,
  },
  {
    name: "signed with the wrong consumer secret",
    request: { method: "GET", url: "http://127.0.0.1/x", consumerKey: "ck", consumerSecret: "wrong", signatureMethod: "HMAC-SHA512" },
    server: { client_secret: "right" },
    expectValid: false,
  },
  {
    name: "PLAINTEXT with the wrong token secret",
    request: { method: "GET", url: "http://127.0.0.1/x", consumerKey: "ck", consumerSecret: "cs", token: "t", tokenSecret: "wrong", signatureMethod: "PLAINTEXT" },
    server: { token_secret: "right" },
    expectValid: false,
  },
  {
    name: "RSA-SHA256 checked against another public key",
    request: { method: "GET", url: "http://127.0.0.1/x", consumerKey: "ck", consumerSecret: "", signatureMethod: "RSA-SHA256", privateKey },
    server: { rsa_public_key: otherPublicKey },
    expectValid: false,
  },
];

async function toCase(scenario: Scenario): Promise<VerifierCase> {
  const signed = await signOAuth1Request({ ...scenario.request, timestamp: TIMESTAMP });
  const params = scenario.request.params;
  const formBody = params ? new URLSearchParams(Object.entries(params).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((item) => [k, item]))).toString() : undefined;
  const wire = { uri: scenario.uri ?? new URL(scenario.request.url).href, body: scenario.body ?? formBody, authorization: signed.authorization };
  scenario.tamper?.(wire);
  const headers: Record<string, string> = { Authorization: wire.authorization };
  if (wire.body !== undefined) headers["Content-Type"] = scenario.contentType ?? FORM;
  return {
    uri: wire.uri,
    method: scenario.request.method,
    body: wire.body,
    headers,
    client_key: scenario.request.consumerKey,
    client_secret: scenario.server?.client_secret ?? scenario.request.consumerSecret,
    token: scenario.request.token,
    token_secret: scenario.server?.token_secret ?? scenario.request.tokenSecret,
    rsa_public_key: scenario.server?.rsa_public_key,
  };
}

describe("OAuth 1 signatures validate in python3-oauthlib (RFC 5849 §3.4, oauth-security.md §3.3)", () => {
  let python: string | undefined;
  let verdicts: Verdict[] = [];
  let cases: VerifierCase[] = [];

  beforeAll(async () => {
    python = findPython();
    if (!python) return;
    cases = await Promise.all(scenarios.map(toCase));
    const run = spawnSync(python, [VERIFIER], { input: JSON.stringify(cases), encoding: "utf8", timeout: 60_000 });
    if (run.status !== 0) throw new Error(`oauth1-verifier.py failed (${run.status}): ${run.stderr}`);
    verdicts = JSON.parse(run.stdout) as Verdict[];
  });

  it("python3 with oauthlib is installed", () => {
    expect(python, INSTALL_HINT).toBeDefined();
  });

  it.each(scenarios.map((scenario, index) => [scenario.name, index] as const))("§3.4 %s", (_name, index) => {
    if (!python) throw new Error(INSTALL_HINT);
    const scenario = scenarios[index];
    const verdict = verdicts[index];
    expect(verdict, "missing verdict").toBeDefined();
    expect(verdict?.valid, `oauthlib log: ${verdict?.log.join(" | ")}\ncase: ${JSON.stringify(cases[index])}`).toBe(scenario?.expectValid);
    // Negative controls must fail on the signature itself, not on some other check.
    if (!scenario?.expectValid) expect(verdict?.log).toContain("Valid signature: False");
  });
});
