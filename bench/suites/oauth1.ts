/**
 * OAuth 1.0a signing throughput (HMAC-SHA1): Plugboard's `signOAuth1Request` (WebCrypto, async)
 * vs the `oauth-1.0a` package with Node's `crypto.createHmac`, on the same requests with the same
 * nonce and timestamp. Both produce the Authorization header; the signatures must be identical.
 */
import { createHmac } from "node:crypto";
import OAuth from "oauth-1.0a";
import { signOAuth1Request } from "@plugboard/auth-core";
import type { OAuth1SignRequest } from "@plugboard/auth-core";
import { interleaved, median } from "../lib/stats.ts";
import type { BudgetCheck, Suite, SuiteResult } from "../lib/types.ts";

const consumer = { key: "dpf43f3p2l4k3l03", secret: "kd94hf93k423kf44" };
const token = { key: "nnch734d00sl2jdk", secret: "pfkkdhi9sl3r4s00" };
const nonce = "kllo9940pd9333jh";
const timestamp = 1191242096;

interface SigningCase {
  id: string;
  method: string;
  url: string;
  /** Form body parameters (signed). */
  form?: Record<string, string>;
}

const CASES: SigningCase[] = [
  // RFC 5849 §1.2 / the photo-share example connector.
  { id: "get-query", method: "GET", url: "https://api.photo-share.example/1.1/photos?file=vacation.jpg&size=original" },
  // A form POST with a query parameter, reserved characters and spaces.
  {
    id: "post-form",
    method: "POST",
    url: "https://api.photo-share.example/1.1/statuses/update.json?include_entities=true",
    form: { status: "Hello Ladies + Gentlemen, a signed OAuth request!" },
  },
  // Non-ASCII and sub-delimiters in the query.
  { id: "get-unicode", method: "GET", url: "https://api.photo-share.example/1.1/search?q=caf%C3%A9%20%26%20cr%C3%A8me&page=2&sort=-created" },
];

function plugboardRequest(entry: SigningCase): OAuth1SignRequest {
  return {
    method: entry.method,
    url: entry.url,
    ...(entry.form ? { params: entry.form } : {}),
    consumerKey: consumer.key,
    consumerSecret: consumer.secret,
    token: token.key,
    tokenSecret: token.secret,
    signatureMethod: "HMAC-SHA1",
    nonce,
    timestamp,
    includeVersion: true,
  };
}

function createBaseline(): OAuth {
  const oauth = new OAuth({
    consumer,
    signature_method: "HMAC-SHA1",
    hash_function: (base, key) => createHmac("sha1", key).update(base).digest("base64"),
  });
  // Same nonce and timestamp as Plugboard, so both sign the very same base string.
  oauth.getNonce = () => nonce;
  oauth.getTimeStamp = () => timestamp;
  return oauth;
}

function baselineHeader(oauth: OAuth, entry: SigningCase): { header: string; signature: string } {
  const data = oauth.authorize({ method: entry.method, url: entry.url, ...(entry.form ? { data: { ...entry.form } } : {}) }, token);
  return { header: oauth.toHeader(data).Authorization, signature: data.oauth_signature };
}

/** `OAuth a="1", b="2"` → { a: "1", b: "2" } (values left encoded). */
function headerParams(header: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const match of header.replace(/^OAuth\s+/, "").matchAll(/([\w-]+)="([^"]*)"/g)) params[match[1]!] = match[2]!;
  return params;
}

async function compareSignatures(): Promise<{ id: string; equal: boolean; plugboard: string; baseline: string }[]> {
  const oauth = createBaseline();
  const out = [];
  for (const entry of CASES) {
    const mine = await signOAuth1Request(plugboardRequest(entry));
    const theirs = baselineHeader(oauth, entry);
    const a = headerParams(mine.authorization);
    const b = headerParams(theirs.header);
    const equal = mine.signature === theirs.signature && JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
    out.push({ id: entry.id, equal, plugboard: mine.authorization, baseline: theirs.header });
  }
  return out;
}

export const oauth1Suite: Suite = {
  name: "oauth1",
  description: "OAuth1 HMAC-SHA1 signing: signOAuth1Request vs oauth-1.0a + node:crypto",

  async run(): Promise<SuiteResult> {
    const comparison = await compareSignatures();
    const requests = CASES.map(plugboardRequest);
    const oauth = createBaseline();
    const result = await interleaved(
      async (n) => {
        for (let i = 0; i < n; i += 1) for (const request of requests) await signOAuth1Request(request);
      },
      (n) => {
        for (let i = 0; i < n; i += 1) for (const entry of CASES) baselineHeader(oauth, entry);
      },
      { samples: 31, warmupSamples: 5, sampleMs: 15 },
    );
    const perSignature = (ns: number) => ns / CASES.length / 1000;
    const ratio = median(result.a) / median(result.b);
    const different = comparison.filter((entry) => !entry.equal);
    return {
      suite: "oauth1",
      rows: [
        {
          id: "oauth1.sign",
          label: "OAuth1 HMAC-SHA1: time per signature",
          plugboard: { value: perSignature(median(result.a)), unit: "µs" },
          baseline: { name: "oauth-1.0a + node:crypto", value: perSignature(median(result.b)), unit: "µs" },
          ratio,
          target: "ratio ≤ 1.0",
          pass: ratio <= 1,
        },
        {
          id: "oauth1.same-signature",
          label: "OAuth1: same Authorization header as oauth-1.0a",
          plugboard: { value: CASES.length - different.length, unit: `of ${CASES.length} requests` },
          target: `= ${CASES.length}`,
          pass: different.length === 0,
          budget: true,
          ...(different.length > 0 ? { note: `different: ${different.map((entry) => entry.id).join(", ")}` } : {}),
        },
      ],
      details: { iterationsPerSample: result.iterations, requests: CASES.map((entry) => entry.id), comparison, samplesNs: { plugboard: result.a.map((v) => Math.round(v)), baseline: result.b.map((v) => Math.round(v)) } },
    };
  },

  async check(): Promise<BudgetCheck[]> {
    const comparison = await compareSignatures();
    const different = comparison.filter((entry) => !entry.equal);
    return [
      {
        id: "oauth1.same-signature",
        label: "OAuth1 HMAC-SHA1 Authorization headers equal oauth-1.0a's (same nonce and timestamp)",
        pass: different.length === 0,
        actual: `${comparison.length - different.length} of ${comparison.length} equal`,
        budget: `all ${comparison.length} equal`,
        ...(different.length > 0
          ? { message: different.map((entry) => `${entry.id}:\n    plugboard  ${entry.plugboard}\n    oauth-1.0a ${entry.baseline}`).join("\n  ") }
          : {}),
      },
    ];
  },
};
