/**
 * A real OAuth 1.0a provider on 127.0.0.1 for integration tests: oauth1_provider.py (python3-oauthlib 3.2.2,
 * oauth-security.md §3.3) in a child process. It verifies signatures independently of our signer. Test-only.
 *
 * Needs python3 with oauthlib (Debian: `apt-get install -y python3-oauthlib`; RSA also needs python3-jwt +
 * python3-cryptography). Interpreter: $PLUGBOARD_PYTHON, then /usr/bin/python3, then `python3` on PATH.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { generateKeyPair } from "node:crypto";
import { fileURLToPath } from "node:url";

export interface OAuth1TestProvider {
  /** `http://127.0.0.1:<port>` */
  baseUrl: string;
  /** POST, needs `oauth_callback` (URL or "oob"). */
  requestTokenUri: string;
  /** GET `?oauth_token=T` (consent page) / `&approve=1` (302 to callback with oauth_token + oauth_verifier) / `&deny=1` (302 with denied=T). */
  authorizeUri: string;
  /** POST, needs `oauth_verifier`. */
  accessTokenUri: string;
  /** `${baseUrl}/api/me`; any path under /api/ is a protected resource (200 JSON echo when the signature verifies, 401 JSON otherwise). */
  resourceUri: string;
  consumer: { key: string; secret: string };
  /** Present when started with `rsa`; sign RSA-SHA1/256/512 with `privateKeyPem` (PKCS#8). */
  rsaConsumer?: { key: string; privateKeyPem: string; publicKeyPem: string };
  /** Approves a request token like a user would; returns the callback URL (with oauth_token + oauth_verifier, or denied=…). */
  authorize(requestToken: string, options?: { deny?: boolean }): Promise<URL>;
  close(): Promise<void>;
}

export interface OAuth1TestProviderOptions {
  /** 0 (default) = random. */
  port?: number;
  /** Default `{ key: "plugboard-test-consumer", secret: "consumer-secret/+~" }` (reserved characters on purpose: the key must be percent-encoded). */
  consumer?: { key: string; secret: string };
  /** Also register an RSA consumer: `true` generates a 2048-bit key pair (~50-150 ms), or pass your own PEMs. */
  rsa?: boolean | { key?: string; publicKeyPem: string; privateKeyPem: string };
  /** Allowed |now - oauth_timestamp| in seconds (default 600, oauthlib's default). */
  timestampLifetimeSeconds?: number;
  /** Resolves when python prints its port; default 15 s. */
  startTimeoutMs?: number;
}

export interface OAuth1ResourceResponse {
  ok: boolean;
  method?: string;
  path?: string;
  params?: Record<string, string | string[]>;
  consumer_key?: string;
  token?: string;
  signature_method?: string;
  realm?: string | null;
  /** On 401: nonce_replayed | invalid_signature | unknown_consumer | unknown_token | invalid_request | malformed_request */
  error?: string;
  checks?: Record<string, boolean>;
  log?: string[];
}

const SCRIPT = fileURLToPath(new URL("./oauth1_provider.py", import.meta.url));

let pythonPromise: Promise<string> | undefined;

/** First interpreter that can `import oauthlib` (cached per process). */
export function findOAuthlibPython(): Promise<string> {
  pythonPromise ??= (async () => {
    const candidates = [process.env.PLUGBOARD_PYTHON, "/usr/bin/python3", "python3"].filter((c): c is string => Boolean(c));
    for (const candidate of candidates) {
      const ok = await new Promise<boolean>((resolve) => {
        execFile(candidate, ["-c", "import oauthlib"], { timeout: 15_000 }, (error) => resolve(!error));
      });
      if (ok) return candidate;
    }
    throw new Error(
      `No python3 with oauthlib found (tried ${candidates.join(", ")}). Install it with \`apt-get install -y python3-oauthlib\` or set PLUGBOARD_PYTHON.`,
    );
  })();
  return pythonPromise;
}

// Kill leftover children when this process exits; the script also exits on stdin EOF, which covers hard kills.
const live = new Set<ChildProcess>();
let exitHookInstalled = false;
function track(child: ChildProcess): void {
  live.add(child);
  child.once("exit", () => live.delete(child));
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once("exit", () => {
      for (const c of live) c.kill("SIGKILL");
    });
  }
}

async function rsaKeys(): Promise<{ publicKeyPem: string; privateKeyPem: string }> {
  return new Promise((resolve, reject) => {
    generateKeyPair(
      "rsa",
      { modulusLength: 2048, publicKeyEncoding: { type: "spki", format: "pem" }, privateKeyEncoding: { type: "pkcs8", format: "pem" } },
      (error, publicKeyPem, privateKeyPem) => (error ? reject(error) : resolve({ publicKeyPem, privateKeyPem })),
    );
  });
}

export async function startOAuth1TestProvider(options: OAuth1TestProviderOptions = {}): Promise<OAuth1TestProvider> {
  const consumer = options.consumer ?? { key: "plugboard-test-consumer", secret: "consumer-secret/+~" };
  const [python, rsa] = await Promise.all([
    findOAuthlibPython(),
    options.rsa === true ? rsaKeys() : Promise.resolve(options.rsa || undefined),
  ]);
  const rsaConsumer = rsa ? { key: ("key" in rsa && rsa.key) || "plugboard-test-rsa-consumer", privateKeyPem: rsa.privateKeyPem, publicKeyPem: rsa.publicKeyPem } : undefined;

  const config = {
    port: options.port ?? 0,
    timestamp_lifetime: options.timestampLifetimeSeconds ?? 600,
    consumers: [consumer, ...(rsaConsumer ? [{ key: rsaConsumer.key, rsa_public_key: rsaConsumer.publicKeyPem }] : [])],
  };
  const child = spawn(python, [SCRIPT, JSON.stringify(config)], { stdio: ["pipe", "pipe", "pipe"] });
  track(child);
  child.unref(); // a forgotten close() must not keep the test runner alive (the exit hook / stdin EOF still reap it)

  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });

  const port = await new Promise<number>((resolve, reject) => {
    let stdout = "";
    const timer = setTimeout(() => fail(new Error(`oauth1 provider did not start within ${options.startTimeoutMs ?? 15_000} ms. stderr: ${stderr}`)), options.startTimeoutMs ?? 15_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(error);
    };
    const onExit = (code: number | null, signal: string | null) =>
      fail(new Error(`oauth1 provider exited early (code ${code}, signal ${signal}). stderr: ${stderr}`));
    child.once("error", fail);
    child.once("exit", onExit);
    child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
      if (stdout.includes("\n")) return; // already started
      stdout += chunk;
      const newline = stdout.indexOf("\n");
      if (newline < 0) return;
      clearTimeout(timer);
      child.off("exit", onExit);
      try {
        resolve((JSON.parse(stdout.slice(0, newline)) as { port: number }).port);
      } catch {
        fail(new Error(`oauth1 provider printed an unexpected first line: ${stdout.slice(0, newline)}`));
      }
    });
  });

  const baseUrl = `http://127.0.0.1:${port}`;
  const authorizeUri = `${baseUrl}/oauth/authorize`;

  return {
    baseUrl,
    requestTokenUri: `${baseUrl}/oauth/request_token`,
    authorizeUri,
    accessTokenUri: `${baseUrl}/oauth/access_token`,
    resourceUri: `${baseUrl}/api/me`,
    consumer,
    ...(rsaConsumer ? { rsaConsumer } : {}),
    async authorize(requestToken, opts = {}) {
      const url = new URL(authorizeUri);
      url.searchParams.set("oauth_token", requestToken);
      url.searchParams.set(opts.deny ? "deny" : "approve", "1");
      const res = await fetch(url, { redirect: "manual" });
      const body = await res.text();
      const location = res.headers.get("location");
      if (res.status !== 302 || !location) throw new Error(`authorize(): expected 302, got ${res.status}: ${body.slice(0, 300)}`);
      return new URL(location);
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.stdin!.end();
        child.kill("SIGTERM");
      }),
  };
}
