import { createHmac, createPrivateKey, createVerify, generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  buildSignatureBaseString,
  normalizeBaseUri,
  normalizeParameters,
  signOAuth1Request,
  type OAuth1Param,
  type OAuth1SignRequest,
} from "./oauth1-signature.ts";

async function rejection(promise: Promise<unknown>): Promise<{ key?: string; message?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { key?: string; message?: string };
  }
  throw new Error("expected a rejection");
}

/** oauth-security.md §1.2.1: RFC 5849 §3.4.1 request. */
const rfc341 = {
  url: "http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b",
  body: "c2&a3=2+q",
  oauth: {
    oauth_consumer_key: "9djdj82h48djs9d2",
    oauth_token: "kkk9d7dh3k39sjv7",
    oauth_signature_method: "HMAC-SHA1",
    oauth_timestamp: "137131201",
    oauth_nonce: "7d8f3e4a",
  },
  normalized:
    "a2=r%20b&a3=2%20q&a3=a&b5=%3D%253D&c%40=&c2=&oauth_consumer_key=9djdj82h48djs9d2&oauth_nonce=7d8f3e4a&oauth_signature_method=HMAC-SHA1&oauth_timestamp=137131201&oauth_token=kkk9d7dh3k39sjv7",
  baseString:
    "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7",
};

describe("RFC 5849 §3.4.1 signature base string (oauth-security.md §1.2.1)", () => {
  it("§3.4.1.3.2: normalizes the decoded parameter table exactly", () => {
    const decoded: OAuth1Param[] = [
      ["b5", "=%3D"],
      ["a3", "a"],
      ["c@", ""],
      ["a2", "r b"],
      ["oauth_consumer_key", "9djdj82h48djs9d2"],
      ["oauth_token", "kkk9d7dh3k39sjv7"],
      ["oauth_signature_method", "HMAC-SHA1"],
      ["oauth_timestamp", "137131201"],
      ["oauth_nonce", "7d8f3e4a"],
      ["c2", ""],
      ["a3", "2 q"],
    ];
    expect(normalizeParameters(decoded)).toBe(rfc341.normalized);
  });

  it("§3.4.1.3.1: decodes the query and the form body ('+' is a space, 'c2' has an empty value) into the base string", () => {
    const params = [...new URLSearchParams(rfc341.body), ...Object.entries(rfc341.oauth)];
    expect(buildSignatureBaseString("POST", rfc341.url, params)).toBe(rfc341.baseString);
    expect(buildSignatureBaseString("post", new URL(rfc341.url), params)).toBe(rfc341.baseString);
  });

  it("§3.4.1: signOAuth1Request reproduces the base string, excludes realm, and gives r6/TJjbCOr97/+UU0NsvSne7s5g= (computed regression value)", async () => {
    const signed = await signOAuth1Request({
      method: "POST",
      url: rfc341.url,
      params: new URLSearchParams(rfc341.body),
      consumerKey: "9djdj82h48djs9d2",
      consumerSecret: "j49sk3j29djd",
      token: "kkk9d7dh3k39sjv7",
      tokenSecret: "dh893hdasih9",
      signatureMethod: "HMAC-SHA1",
      timestamp: 137131201,
      nonce: "7d8f3e4a",
      realm: "Example",
    });
    expect(signed.baseString).toBe(rfc341.baseString);
    expect(signed.signature).toBe("r6/TJjbCOr97/+UU0NsvSne7s5g=");
    expect(signed.authorization).toBe(
      'OAuth realm="Example", oauth_consumer_key="9djdj82h48djs9d2", oauth_token="kkk9d7dh3k39sjv7", oauth_signature_method="HMAC-SHA1", oauth_timestamp="137131201", oauth_nonce="7d8f3e4a", oauth_signature="r6%2FTJjbCOr97%2F%2BUU0NsvSne7s5g%3D"',
    );
    expect(signed.oauthParams).toEqual({ ...rfc341.oauth, oauth_signature: "r6/TJjbCOr97/+UU0NsvSne7s5g=" });
  });

  it("§3.4.1.3.1: params given as a record with repeated values sign the same", async () => {
    const signed = await signOAuth1Request({
      method: "POST",
      url: rfc341.url,
      params: { c2: "", a3: ["2 q"] },
      consumerKey: "9djdj82h48djs9d2",
      consumerSecret: "j49sk3j29djd",
      token: "kkk9d7dh3k39sjv7",
      tokenSecret: "dh893hdasih9",
      signatureMethod: "HMAC-SHA1",
      timestamp: "137131201",
      nonce: "7d8f3e4a",
    });
    expect(signed.baseString).toBe(rfc341.baseString);
  });
});

describe("RFC 5849 §1.2 photos.example.net three-legged flow (oauth-security.md §1.2.2)", () => {
  const client = { consumerKey: "dpf43f3p2l4k3l03", consumerSecret: "kd94hf93k423kf44", signatureMethod: "HMAC-SHA1" as const, realm: "Photos" };

  it("§2.1 temporary credentials: POST https://photos.example.net/initiate ⇒ 74KNZJeDHnMBp0EMJ9ZHt/XKycU=", async () => {
    const signed = await signOAuth1Request({
      ...client,
      method: "POST",
      url: "https://photos.example.net/initiate",
      timestamp: "137131200",
      nonce: "wIjqoS",
      callback: "http://printer.example.com/ready",
    });
    expect(signed.signature).toBe("74KNZJeDHnMBp0EMJ9ZHt/XKycU=");
    expect(signed.authorization).toBe(
      'OAuth realm="Photos", oauth_consumer_key="dpf43f3p2l4k3l03", oauth_signature_method="HMAC-SHA1", oauth_timestamp="137131200", oauth_nonce="wIjqoS", oauth_callback="http%3A%2F%2Fprinter.example.com%2Fready", oauth_signature="74KNZJeDHnMBp0EMJ9ZHt%2FXKycU%3D"',
    );
  });

  it("§2.1: the scheme matters: http for the first request gives mIPx9sQqO97OuihOwUEyB7c4/GI= (computed regression value)", async () => {
    const signed = await signOAuth1Request({
      ...client,
      method: "POST",
      url: "http://photos.example.net/initiate",
      timestamp: "137131200",
      nonce: "wIjqoS",
      callback: "http://printer.example.com/ready",
    });
    expect(signed.signature).toBe("mIPx9sQqO97OuihOwUEyB7c4/GI=");
  });

  it("§2.3 token credentials: POST https://photos.example.net/token ⇒ gKgrFCywp7rO0OXSjdot/IHF7IU=", async () => {
    const signed = await signOAuth1Request({
      ...client,
      method: "POST",
      url: "https://photos.example.net/token",
      token: "hh5s93j4hdidpola",
      tokenSecret: "hdhd0244k9j7ao03",
      timestamp: "137131201",
      nonce: "walatlh",
      verifier: "hfdp7dh39dks9884",
    });
    expect(signed.signature).toBe("gKgrFCywp7rO0OXSjdot/IHF7IU=");
    expect(signed.authorization).toBe(
      'OAuth realm="Photos", oauth_consumer_key="dpf43f3p2l4k3l03", oauth_token="hh5s93j4hdidpola", oauth_signature_method="HMAC-SHA1", oauth_timestamp="137131201", oauth_nonce="walatlh", oauth_verifier="hfdp7dh39dks9884", oauth_signature="gKgrFCywp7rO0OXSjdot%2FIHF7IU%3D"',
    );
  });

  it("§3 protected resource: GET http://photos.example.net/photos?file=vacation.jpg&size=original ⇒ MdpQcU8iPSUjWoN/UDMsK2sui9I=", async () => {
    const signed = await signOAuth1Request({
      ...client,
      method: "GET",
      url: "http://photos.example.net/photos?file=vacation.jpg&size=original",
      token: "nnch734d00sl2jdk",
      tokenSecret: "pfkkdhi9sl3r4s00",
      timestamp: "137131202",
      nonce: "chapoH",
    });
    expect(signed.signature).toBe("MdpQcU8iPSUjWoN/UDMsK2sui9I=");
    expect(signed.authorization).toContain('oauth_signature="MdpQcU8iPSUjWoN%2FUDMsK2sui9I%3D"');
    expect(signed.baseString).not.toContain("realm");
  });
});

describe("RFC 5849 §3.4.4 PLAINTEXT (oauth-security.md §1.2.3)", () => {
  it("§2.1: temporary credentials ⇒ oauth_signature=\"ja893SD9%26\"", async () => {
    const signed = await signOAuth1Request({
      method: "POST",
      url: "https://server.example.com/request_temp_credentials",
      consumerKey: "jd83jd92dhsh93js",
      consumerSecret: "ja893SD9",
      signatureMethod: "PLAINTEXT",
      callback: "http://client.example.net/cb?x=1",
      realm: "Example",
    });
    expect(signed.signature).toBe("ja893SD9&");
    expect(signed.authorization).toContain('oauth_signature="ja893SD9%26"');
    expect(signed.authorization).toContain('oauth_callback="http%3A%2F%2Fclient.example.net%2Fcb%3Fx%3D1"');
    expect(signed.authorization).toMatch(/^OAuth realm="Example", oauth_consumer_key="jd83jd92dhsh93js", oauth_signature_method="PLAINTEXT", /);
  });

  it("§2.3: token credentials ⇒ oauth_signature=\"ja893SD9%26xyz4992k83j47x0b\"", async () => {
    const signed = await signOAuth1Request({
      method: "POST",
      url: "https://server.example.com/request_token",
      consumerKey: "jd83jd92dhsh93js",
      consumerSecret: "ja893SD9",
      token: "hdk48Djdsa",
      tokenSecret: "xyz4992k83j47x0b",
      verifier: "473f82d3",
      signatureMethod: "PLAINTEXT",
    });
    expect(signed.signature).toBe("ja893SD9&xyz4992k83j47x0b");
    expect(signed.authorization).toContain('oauth_signature="ja893SD9%26xyz4992k83j47x0b"');
    expect(signed.authorization).toContain('oauth_token="hdk48Djdsa"');
    expect(signed.authorization).toContain('oauth_verifier="473f82d3"');
  });

  it("§3.4.4: secrets are percent-encoded before joining", async () => {
    const signed = await signOAuth1Request({
      method: "GET",
      url: "https://x.example/",
      consumerKey: "k",
      consumerSecret: "a&b c",
      tokenSecret: "é!",
      token: "t",
      signatureMethod: "PLAINTEXT",
    });
    expect(signed.signature).toBe("a%26b%20c&%C3%A9%21");
    expect(signed.authorization).toContain('oauth_signature="a%2526b%2520c%26%25C3%25A9%2521"');
  });
});

describe("RFC 5849 §3.4.1.2 base string URI (oauth-security.md §1.2.4)", () => {
  it.each([
    ["http://EXAMPLE.COM:80/r%20v/X?id=123", "http://example.com/r%20v/X"],
    ["https://www.example.net:8080/?q=1", "https://www.example.net:8080/"],
    ["http://www.example.com:80/", "http://www.example.com/"],
    ["https://www.example.com:443/", "https://www.example.com/"],
    ["HTTP://www.example.com:443/", "http://www.example.com:443/"],
    ["HTTPS://www.example.com:80/", "https://www.example.com:80/"],
    ["https://www.example.com/path?foo=bar", "https://www.example.com/path"],
    ["https://www.example.com/path#fragment", "https://www.example.com/path"],
    ["https://www.example.com/hello world", "https://www.example.com/hello%20world"],
    ["https://[123:db8:fd00:1000::5]:13000", "https://[123:db8:fd00:1000::5]:13000/"],
    ["https://Example.COM/Path/%7Efoo%2f", "https://example.com/Path/%7Efoo%2f"],
    ["https://user:pass@example.com/p", "https://example.com/p"],
  ])("%s ⇒ %s", (input, expected) => {
    expect(normalizeBaseUri(input)).toBe(expected);
  });

  it("an empty path is '/' in both spellings (we follow oauthlib and RFC 3986, not dghubble/oauth-signature-js)", () => {
    expect(normalizeBaseUri("http://www.example.com")).toBe("http://www.example.com/");
    expect(normalizeBaseUri("http://www.example.com/")).toBe("http://www.example.com/");
    expect(normalizeBaseUri("https://example.com:443")).toBe("https://example.com/");
    expect(normalizeBaseUri("http://example.org?x=1")).toBe("http://example.org/");
  });

  it("rejects non-http(s) and relative URLs as invalid_argument", async () => {
    expect(() => normalizeBaseUri("ftp://example.com/")).toThrow(expect.objectContaining({ key: "invalid_argument" }));
    expect(() => normalizeBaseUri("/relative")).toThrow(expect.objectContaining({ key: "invalid_argument" }));
  });
});

describe("OAuth Core 1.0 photos sample with oauth_version (oauth-security.md §1.2.5)", () => {
  const sample = {
    consumerKey: "dpf43f3p2l4k3l03",
    consumerSecret: "kd94hf93k423kf44",
    token: "nnch734d00sl2jdk",
    tokenSecret: "pfkkdhi9sl3r4s00",
    nonce: "kllo9940pd9333jh",
    timestamp: "1191242096",
    includeVersion: true,
    signatureMethod: "HMAC-SHA1",
  } satisfies Partial<OAuth1SignRequest>;

  it("§3.4.1.3.1: GET with query params ⇒ exact base string and tR3+Ty81lMeYAr/Fid0kMTYa/WM=", async () => {
    const signed = await signOAuth1Request({ ...sample, method: "GET", url: "http://photos.example.net/photos?file=vacation.jpg&size=original" });
    expect(signed.baseString).toBe(
      "GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3Dkllo9940pd9333jh%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1191242096%26oauth_token%3Dnnch734d00sl2jdk%26oauth_version%3D1.0%26size%3Doriginal",
    );
    expect(signed.signature).toBe("tR3+Ty81lMeYAr/Fid0kMTYa/WM=");
    expect(signed.authorization).toContain('oauth_signature="tR3%2BTy81lMeYAr%2FFid0kMTYa%2FWM%3D"');
    expect(signed.authorization).toContain('oauth_version="1.0"');
  });

  it("§3.4.1.3.1: POST with a form body ⇒ wPkvxykrw+BTdCcGqKr+3I+PsiM=", async () => {
    const signed = await signOAuth1Request({ ...sample, method: "POST", url: "http://photos.example.net/photos", params: { file: "vacation.jpg", size: "original" } });
    expect(signed.signature).toBe("wPkvxykrw+BTdCcGqKr+3I+PsiM=");
    expect(signed.authorization).toContain('oauth_signature="wPkvxykrw%2BBTdCcGqKr%2B3I%2BPsiM%3D"');
  });

  it("§3.4.1.3.1: POST with a JSON body (not passed, not signed) and query params ⇒ the same wPkvxykrw+BTdCcGqKr+3I+PsiM=", async () => {
    const signed = await signOAuth1Request({ ...sample, method: "POST", url: "http://photos.example.net/photos?file=vacation.jpg&size=original" });
    expect(signed.signature).toBe("wPkvxykrw+BTdCcGqKr+3I+PsiM=");
  });
});

describe("RFC 5849 §3.4.1.3 parameter handling", () => {
  const base = { method: "GET", consumerKey: "ck", consumerSecret: "cs", signatureMethod: "HMAC-SHA1" as const, nonce: "n", timestamp: "1" };

  it("§3.4.1.3.2 / pitfall 2: repeated query and body parameters are all kept, sorted by name then value", async () => {
    const signed = await signOAuth1Request({ ...base, method: "POST", url: "https://x.example/p?b=2&a=z&b=1", params: { a: ["y", "x"], b: "3" } });
    expect(decodeURIComponent(signed.baseString.split("&")[2] ?? "")).toBe(
      "a=x&a=y&a=z&b=1&b=2&b=3&oauth_consumer_key=ck&oauth_nonce=n&oauth_signature_method=HMAC-SHA1&oauth_timestamp=1",
    );
  });

  it("§3.6 / pitfall 4: names and values with !*'() and non-ASCII are RFC 5849 encoded", async () => {
    const signed = await signOAuth1Request({ ...base, url: "https://x.example/p?q=it's%20(a)*!&searchCriteria%5Bx%5D=%C3%A9" });
    const normalized = decodeURIComponent(signed.baseString.split("&")[2] ?? "");
    expect(normalized).toContain("q=it%27s%20%28a%29%2A%21");
    expect(normalized).toContain("searchCriteria%5Bx%5D=%C3%A9");
  });

  it("§3.4.1.3.1: '+' in a query is a space and %2B is a plus", async () => {
    const signed = await signOAuth1Request({ ...base, url: "https://x.example/p?a=1+2&b=1%2B2" });
    const normalized = decodeURIComponent(signed.baseString.split("&")[2] ?? "");
    expect(normalized).toContain("a=1%202&b=1%2B2");
  });

  it("§3.4.1.1: a custom method is upper-cased", async () => {
    const signed = await signOAuth1Request({ ...base, method: "patch", url: "https://x.example/" });
    expect(signed.baseString.startsWith("PATCH&https%3A%2F%2Fx.example%2F&")).toBe(true);
  });

  it("§3.1: defaults a fresh alphanumeric nonce and a current timestamp; omits oauth_token when there is none", async () => {
    const before = Math.floor(Date.now() / 1000);
    const signed = await signOAuth1Request({ method: "GET", url: "https://x.example/", consumerKey: "ck", consumerSecret: "cs", signatureMethod: "HMAC-SHA1" });
    const after = Math.floor(Date.now() / 1000);
    expect(signed.oauthParams.oauth_nonce).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(Number(signed.oauthParams.oauth_timestamp)).toBeGreaterThanOrEqual(before);
    expect(Number(signed.oauthParams.oauth_timestamp)).toBeLessThanOrEqual(after);
    expect(signed.oauthParams).not.toHaveProperty("oauth_token");
    expect(signed.oauthParams).not.toHaveProperty("oauth_version");
  });

  it("§3.5.1: realm is percent-encoded in the header and never signed", async () => {
    const a = await signOAuth1Request({ ...base, url: "https://x.example/", realm: "Photos Album" });
    const b = await signOAuth1Request({ ...base, url: "https://x.example/" });
    expect(a.authorization.startsWith('OAuth realm="Photos%20Album", oauth_consumer_key="ck"')).toBe(true);
    expect(a.signature).toBe(b.signature);
  });

  it("pitfall 3: a protocol parameter also in the query or body ⇒ invalid_argument (servers reject duplicates)", async () => {
    for (const request of [
      { ...base, url: "https://x.example/?oauth_nonce=x" },
      { ...base, url: "https://x.example/", params: { oauth_consumer_key: "ck" } },
      { ...base, url: "https://x.example/?oauth_signature=x" },
    ]) {
      expect((await rejection(signOAuth1Request(request))).key).toBe("invalid_argument");
    }
    // A non-protocol oauth_ name that we do not send is an ordinary parameter.
    await expect(signOAuth1Request({ ...base, url: "https://x.example/?oauth_custom=1" })).resolves.toBeDefined();
  });

  it("rejects bad input: method, signature method, consumer key, timestamp, URL, RSA without key", async () => {
    expect((await rejection(signOAuth1Request({ ...base, method: "GE T", url: "https://x.example/" }))).key).toBe("invalid_argument");
    expect((await rejection(signOAuth1Request({ ...base, url: "https://x.example/", signatureMethod: "HMAC-MD5" as "HMAC-SHA1" }))).key).toBe(
      "not_supported",
    );
    expect((await rejection(signOAuth1Request({ ...base, url: "https://x.example/", consumerKey: "" }))).key).toBe("invalid_argument");
    expect((await rejection(signOAuth1Request({ ...base, url: "https://x.example/", timestamp: "12.5" }))).key).toBe("invalid_argument");
    expect((await rejection(signOAuth1Request({ ...base, url: "mailto:a@b" }))).key).toBe("invalid_argument");
    expect((await rejection(signOAuth1Request({ ...base, url: "https://x.example/", signatureMethod: "RSA-SHA1" }))).key).toBe("invalid_argument");
    expect(
      (await rejection(signOAuth1Request({ ...base, url: "https://x.example/", signatureMethod: "RSA-SHA1", privateKey: "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----" })))
        .key,
    ).toBe("invalid_argument");
    expect(
      (await rejection(signOAuth1Request({ ...base, url: "https://x.example/", signatureMethod: "RSA-SHA1", privateKey: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----" })))
        .key,
    ).toBe("invalid_argument");
  });
});

describe("RFC 5849 §3.4.2 HMAC with SHA-256/SHA-512 (checked with node:crypto)", () => {
  it.each([
    ["HMAC-SHA1", "sha1"],
    ["HMAC-SHA256", "sha256"],
    ["HMAC-SHA512", "sha512"],
  ] as const)("%s signs base64(HMAC(key, base string)) with key encode(cs)&encode(ts)", async (method, hash) => {
    const signed = await signOAuth1Request({
      method: "POST",
      url: "https://api.example.com/1.1/statuses/update.json?include_entities=true",
      params: { status: "Hello Ladies + Gentlemen, a signed OAuth request!" },
      consumerKey: "xvz1evFS4wEEPTGEFPHBog",
      consumerSecret: "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
      token: "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
      tokenSecret: "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE",
      signatureMethod: method,
    });
    const key = "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw&LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE";
    expect(signed.signature).toBe(createHmac(hash, key).update(signed.baseString).digest("base64"));
    expect(signed.oauthParams.oauth_signature_method).toBe(method);
  });
});

describe("RFC 5849 §3.4.3 RSA-SHA1 / RSA-SHA256 (checked with node:crypto)", () => {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
  const pkcs1 = createPrivateKey(privateKey).export({ type: "pkcs1", format: "pem" }) as string;

  it.each([
    ["RSA-SHA1", "RSA-SHA1", "PKCS#8"],
    ["RSA-SHA256", "RSA-SHA256", "PKCS#8"],
    ["RSA-SHA1", "RSA-SHA1", "PKCS#1"],
    ["RSA-SHA256", "RSA-SHA256", "PKCS#1"],
  ] as const)("%s (node algorithm %s) with a %s PEM verifies with createVerify", async (method, algorithm, format) => {
    const pem = format === "PKCS#1" ? pkcs1 : privateKey;
    expect(pem).toContain(format === "PKCS#1" ? "BEGIN RSA PRIVATE KEY" : "BEGIN PRIVATE KEY");
    const signed = await signOAuth1Request({
      method: "GET",
      url: "http://photos.example.net/photos?file=vacation.jpg&size=original",
      consumerKey: "dpf43f3p2l4k3l03",
      consumerSecret: "",
      token: "nnch734d00sl2jdk",
      signatureMethod: method,
      privateKey: pem,
      nonce: "13917289812797014437",
      timestamp: "1196666512",
    });
    expect(createVerify(algorithm).update(signed.baseString).verify(publicKey, signed.signature, "base64")).toBe(true);
    expect(createVerify(algorithm).update(`${signed.baseString}x`).verify(publicKey, signed.signature, "base64")).toBe(false);
    // RSASSA-PKCS1-v1_5 is deterministic: PKCS#1 and PKCS#8 forms of one key give one signature.
    const again = await signOAuth1Request({
      method: "GET",
      url: "http://photos.example.net/photos?file=vacation.jpg&size=original",
      consumerKey: "dpf43f3p2l4k3l03",
      consumerSecret: "",
      token: "nnch734d00sl2jdk",
      signatureMethod: method,
      privateKey: format === "PKCS#1" ? privateKey : pkcs1,
      nonce: "13917289812797014437",
      timestamp: "1196666512",
    });
    expect(again.signature).toBe(signed.signature);
  });
});
