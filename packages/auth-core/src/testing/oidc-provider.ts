/**
 * A real OAuth 2.0 / OIDC authorization server for integration tests: panva's certified `oidc-provider`
 * (oauth-security.md §3.1) on 127.0.0.1, with headless login/consent driving. Test-only; never import from production code.
 *
 * Clients (all: grant types authorization_code + refresh_token, response_type code, PKCE S256 required,
 * every `redirectUris` entry registered):
 *   - confidential      `client_secret_basic` (RFC 6749 §2.3.1 / Appendix B form-encoding inside Basic)
 *   - confidentialPost  `client_secret_post`  (credentials in the form body)
 *   - publicClient      `none`                (public; CORS allowed from its redirect origins)
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type ProviderClass from "oidc-provider";
import type { OidcClient, OidcTokenLike } from "oidc-provider";

export interface OidcTestClient {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

export interface OidcTestServer {
  /** `http://127.0.0.1:<port>` (no trailing slash); also the `iss` value in callbacks and tokens. */
  issuer: string;
  authorizeUri: string;
  tokenUri: string;
  revocationUri: string;
  userinfoUri: string;
  jwksUri: string;
  clients: {
    confidential: OidcTestClient;
    confidentialPost: OidcTestClient;
    publicClient: { clientId: string; redirectUri: string };
  };
  /** Counts token endpoint requests by grant_type (authorization_code, refresh_token); `total` counts every POST to the token endpoint. Live object. */
  tokenRequests: { authorization_code: number; refresh_token: number; total: number };
  resetTokenRequests(): void;
  /**
   * Drives login + consent headlessly from an authorize URL (as a user clicking "approve") and returns the final
   * redirect target: the callback with code/state/iss, or with error=… . `deny: true` cancels at the consent step
   * (devInteractions' abort route) → `error=access_denied`. `login` is the account id (default "alice"; any is accepted).
   * Throws {@link OidcAuthorizeError} when the server answers without redirecting (e.g. 400 invalid_redirect_uri page).
   */
  authorize(authorizeUrl: string | URL, options?: { deny?: boolean; login?: string }): Promise<URL>;
  /** The underlying oidc-provider instance, for advanced tests. */
  provider: ProviderClass;
  close(): Promise<void>;
}

export interface OidcTestServerOptions {
  /** 0 (default) = random free port. */
  port?: number;
  /** Registered for every client; the first one is reported in `clients.*.redirectUri`. Default `http://127.0.0.1:5173/callback`. */
  redirectUris?: string[];
  /** AccessToken lifetime (default 60 s). */
  accessTokenTtlSeconds?: number;
  /** RefreshToken lifetime (default 1 day). */
  refreshTokenTtlSeconds?: number;
  /** `true` (default): every refresh rotates the RT; reusing a rotated RT revokes the whole grant. `false`: RTs are reusable. */
  rotateRefreshTokens?: boolean;
  /** Secret for both confidential clients (default `confidential-secret`); use special characters to test Basic encoding. */
  clientSecret?: string;
}

export class OidcAuthorizeError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly url: string,
    readonly body: string,
  ) {
    super(message);
    this.name = "OidcAuthorizeError";
  }
}

const SCOPES = ["openid", "offline_access", "api:read"];

/** oidc-provider prints dev-mode and "Unsupported runtime" (Node 20) warnings; drop only those, only while loading/constructing. */
async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const { warn, info } = console;
  const filter =
    (orig: (...args: unknown[]) => void) =>
    (...args: unknown[]) => {
      if (typeof args[0] === "string" && args[0].includes("oidc-provider ")) return;
      orig(...args);
    };
  console.warn = filter(warn);
  console.info = filter(info);
  try {
    return await fn();
  } finally {
    console.warn = warn;
    console.info = info;
  }
}

function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export async function startOidcTestServer(options: OidcTestServerOptions = {}): Promise<OidcTestServer> {
  const redirectUris = options.redirectUris?.length ? options.redirectUris : ["http://127.0.0.1:5173/callback"];
  const rotate = options.rotateRefreshTokens ?? true;
  const clientSecret = options.clientSecret ?? "confidential-secret";

  // Listen first so the issuer (which must include the port) is known before constructing the provider.
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => {
    res.statusCode = 503;
    res.end();
  };
  const server = createServer((req, res) => handler(req, res));
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;

  const clients = {
    confidential: { clientId: "confidential-client", clientSecret, redirectUri: redirectUris[0]! },
    confidentialPost: { clientId: "confidential-post-client", clientSecret, redirectUri: redirectUris[0]! },
    publicClient: { clientId: "public-client", redirectUri: redirectUris[0]! },
  };
  const common = { grant_types: ["authorization_code", "refresh_token"], response_types: ["code"], redirect_uris: redirectUris };

  const provider = await quietly(async () => {
    const { default: Provider } = await import("oidc-provider");
    return new Provider(issuer, {
      clients: [
        { ...common, client_id: clients.confidential.clientId, client_secret: clientSecret, token_endpoint_auth_method: "client_secret_basic" },
        { ...common, client_id: clients.confidentialPost.clientId, client_secret: clientSecret, token_endpoint_auth_method: "client_secret_post" },
        { ...common, client_id: clients.publicClient.clientId, token_endpoint_auth_method: "none" },
      ],
      scopes: SCOPES,
      claims: { openid: ["sub"] },
      pkce: { required: () => true }, // S256 is the only method oidc-provider 9 supports
      features: {
        devInteractions: { enabled: true }, // any login/password accepted; /interaction/:uid/abort = cancel
        revocation: { enabled: true, allowedPolicy: () => true },
      },
      // RT iff the client may refresh and `offline_access` was granted. oidc-provider strips `offline_access` from the
      // request unless `prompt` contains `consent` (OIDC Core §11), so the middleware below adds `prompt=consent` when
      // `prompt` is absent: callers need not send it (the headless user consents anyway; a fresh jar always sees consent).
      issueRefreshToken: (_ctx: unknown, client: OidcClient, source: OidcTokenLike) =>
        client.grantTypeAllowed("refresh_token") && source.scopes.has("offline_access"),
      rotateRefreshToken: () => rotate,
      ttl: {
        AccessToken: options.accessTokenTtlSeconds ?? 60,
        AuthorizationCode: 60,
        IdToken: 3600,
        RefreshToken: options.refreshTokenTtlSeconds ?? 86_400,
        Interaction: 600,
        Session: 3600,
        Grant: 86_400,
      },
      cookies: { keys: [randomBytes(16).toString("hex")] },
      findAccount: (_ctx: unknown, sub: string) => ({ accountId: sub, claims: () => ({ sub }) }),
      // Same as the default, minus its console notice: CORS only for public clients, from their redirect origins.
      clientBasedCORS: (_ctx: unknown, origin: string, client: OidcClient) =>
        client.clientAuthMethod === "none" && client.redirectUris.some((uri) => new URL(uri).origin === origin),
      // Plain error page that exposes error + description (e.g. invalid_redirect_uri) to tests.
      renderError: (ctx: { type: string; body: string }, out: Record<string, unknown>) => {
        ctx.type = "html";
        ctx.body = `<!doctype html><title>oauth error</title><pre id="error">${escapeHtml(out.error)}</pre><pre id="error_description">${escapeHtml(out.error_description)}</pre>`;
      },
    });
  });

  const tokenRequests = { authorization_code: 0, refresh_token: 0, total: 0 };
  const tokenPath = new URL(provider.urlFor("token")).pathname;
  const authorizationPath = new URL(provider.urlFor("authorization")).pathname;
  provider.use(async (ctx, next) => {
    if (ctx.method === "GET" && ctx.path === authorizationPath) {
      const query = new URLSearchParams(ctx.querystring);
      if (!query.has("prompt") && query.getAll("scope").some((s) => s.split(" ").includes("offline_access"))) {
        ctx.querystring = `${ctx.querystring}&prompt=consent`; // append: leave the caller's encoding untouched
      }
    }
    // Count after `next()` so oidc-provider parses the body itself; params exist even for rejected requests.
    await next();
    if (ctx.method !== "POST" || ctx.path !== tokenPath) return;
    tokenRequests.total++;
    const grantType = ctx.oidc?.params?.grant_type;
    if (grantType === "authorization_code" || grantType === "refresh_token") tokenRequests[grantType]++;
  });
  handler = provider.callback() as typeof handler;

  async function authorize(authorizeUrl: string | URL, opts: { deny?: boolean; login?: string } = {}): Promise<URL> {
    const jar = new Map<string, string>();
    let url = new URL(authorizeUrl);
    let init: { method: string; body?: URLSearchParams } = { method: "GET" };
    for (let hop = 0; hop < 20; hop++) {
      const headers: Record<string, string> = {};
      if (jar.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
      const res = await fetch(url, { ...init, headers, redirect: "manual" });
      for (const line of res.headers.getSetCookie()) {
        const [pair = "", ...attrs] = line.split(";");
        const eq = pair.indexOf("=");
        const name = pair.slice(0, eq).trim();
        const value = pair.slice(eq + 1).trim();
        const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split("=")[1]!) < Date.now()));
        if (expired || !value) jar.delete(name);
        else jar.set(name, value);
      }
      const location = res.headers.get("location");
      if (res.status >= 300 && res.status < 400 && location) {
        await res.body?.cancel();
        const next = new URL(location, url);
        // Stay inside the provider's own pages (/auth/:uid resume, /interaction/:uid); anything else is the client callback.
        const internal = next.origin === issuer && /^\/(auth|interaction)(\/|$)/.test(next.pathname);
        if (!internal) return next;
        url = next;
        init = { method: "GET" };
        continue;
      }
      const body = await res.text();
      const interaction = /^\/interaction\/([^/]+)$/.exec(url.pathname);
      if (res.status === 200 && interaction) {
        const uid = interaction[1]!;
        if (body.includes('name="prompt" value="login"')) {
          init = { method: "POST", body: new URLSearchParams({ prompt: "login", login: opts.login ?? "alice", password: "x" }) };
        } else if (opts.deny) {
          url = new URL(`/interaction/${uid}/abort`, issuer);
          init = { method: "GET" };
        } else {
          init = { method: "POST", body: new URLSearchParams({ prompt: "consent" }) };
        }
        continue;
      }
      throw new OidcAuthorizeError(`authorize(): unexpected HTTP ${res.status} at ${url.href}: ${body.slice(0, 300)}`, res.status, url.href, body);
    }
    throw new Error("authorize(): too many redirects");
  }

  return {
    issuer,
    authorizeUri: provider.urlFor("authorization"),
    tokenUri: provider.urlFor("token"),
    revocationUri: provider.urlFor("revocation"),
    userinfoUri: provider.urlFor("userinfo"),
    jwksUri: provider.urlFor("jwks"),
    clients,
    tokenRequests,
    resetTokenRequests() {
      tokenRequests.authorization_code = tokenRequests.refresh_token = tokenRequests.total = 0;
    },
    authorize,
    provider,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
