/**
 * Small web-standard helpers shared by the mock providers: random tokens, base64, constant-time
 * comparison, HTML pages. Only `crypto`, `TextEncoder`, `btoa`/`atob`, `Request`/`Response`: the
 * providers run in Node (msw/node), in browsers (msw/browser) and behind a dev server alike.
 */

/** `bytes` random bytes as base64url, with an optional readable prefix (`at_…`, `code_…`). */
export function randomToken(prefix = "", bytes = 24): string {
  const buffer = new Uint8Array(bytes);
  crypto.getRandomValues(buffer);
  return `${prefix}${bytesToBase64Url(buffer)}`;
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function bytesToBase64Url(bytes: Uint8Array): string {
  return bytesToBase64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Decodes base64 or base64url; `undefined` when the text is not base64. */
export function base64ToBytes(text: string): Uint8Array | undefined {
  const normal = text.replace(/-/g, "+").replace(/_/g, "/");
  const padded = normal + "=".repeat((4 - (normal.length % 4)) % 4);
  try {
    return Uint8Array.from(atob(padded), (char) => char.charCodeAt(0));
  } catch {
    return undefined;
  }
}

export function utf8(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}

/** Compares two strings without an early exit on the first difference. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = new TextEncoder().encode(a);
  const right = new TextEncoder().encode(b);
  let difference = left.length ^ right.length;
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    difference |= (left[index] ?? 0) ^ (right[index] ?? 0);
  }
  return difference === 0;
}

/** base64url(SHA-256(ASCII(text))): the PKCE S256 transform (RFC 7636 §4.2). */
export async function sha256Base64Url(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return bytesToBase64Url(new Uint8Array(digest));
}

/** Reads an `application/x-www-form-urlencoded` body into pairs (order and repeats kept). */
export async function readForm(request: Request): Promise<[string, string][] | undefined> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().includes("application/x-www-form-urlencoded")) return undefined;
  return [...new URLSearchParams(await request.clone().text())];
}

/** The first name that appears more than once, if any. */
export function firstDuplicate(pairs: Iterable<[string, string]>): string | undefined {
  const seen = new Set<string>();
  for (const [name] of pairs) {
    if (seen.has(name)) return name;
    seen.add(name);
  }
  return undefined;
}

/** Appends parameters to a URL without re-encoding its existing query (RFC 6749 §3.1.2 keeps it). */
export function appendQuery(target: string, params: Record<string, string | undefined>): string {
  const hashAt = target.indexOf("#");
  const base = hashAt === -1 ? target : target.slice(0, hashAt);
  const encoded = Object.entries(params)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .join("&");
  if (!encoded) return base;
  const separator = base.includes("?") ? (base.endsWith("?") || base.endsWith("&") ? "" : "&") : "?";
  return `${base}${separator}${encoded}`;
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

const PAGE_STYLE = `
:root { color-scheme: light dark; --accent: #3451b2; --danger: #b42318; --muted: #5b6472; --card: #fff; --bg: #f3f4f6; --text: #111827; }
@media (prefers-color-scheme: dark) { :root { --card: #1f2937; --bg: #111827; --text: #f9fafb; --muted: #9ca3af; --accent: #8ba4ff; --danger: #ff8a80; } }
* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: var(--bg); color: var(--text);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { width: min(28rem, calc(100vw - 2rem)); background: var(--card); border-radius: 12px; padding: 2rem;
  box-shadow: 0 1px 3px rgb(0 0 0 / 0.12), 0 8px 24px rgb(0 0 0 / 0.08); }
.provider { margin: 0 0 0.5rem; color: var(--muted); font-size: 0.875rem; font-weight: 600; letter-spacing: 0.04em; text-transform: uppercase; }
h1 { margin: 0 0 1rem; font-size: 1.375rem; line-height: 1.3; }
ul { margin: 0.5rem 0 1.25rem; padding-left: 1.25rem; }
code { font-size: 0.9em; }
.note { color: var(--muted); font-size: 0.875rem; }
.actions { display: flex; gap: 0.75rem; margin-top: 1.5rem; flex-wrap: wrap; }
.button { display: inline-block; padding: 0.625rem 1.25rem; border-radius: 8px; font-weight: 600; text-decoration: none;
  border: 2px solid var(--accent); min-width: 7rem; text-align: center; }
.approve { background: var(--accent); color: #fff; }
.deny { color: var(--accent); background: transparent; }
.button:focus-visible { outline: 3px solid var(--text); outline-offset: 2px; }
.error h1 { color: var(--danger); }
`;

/** Security headers of every page: no script at all may run (the pages have none), no framing. */
const PAGE_HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "cache-control": "no-store",
  "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; form-action 'self'",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  "x-content-type-options": "nosniff",
};

/** A complete, accessible HTML document. `bodyHtml` must already be escaped. */
export function htmlPage(options: { title: string; providerName: string; bodyHtml: string; status?: number; className?: string }): Response {
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<main${options.className ? ` class="${escapeHtml(options.className)}"` : ""} aria-labelledby="page-heading">
<p class="provider">${escapeHtml(options.providerName)}</p>
${options.bodyHtml}
</main>
</body>
</html>
`;
  return new Response(html, { status: options.status ?? 200, headers: PAGE_HEADERS });
}

/** The error page shown instead of redirecting when the client or redirect URI cannot be trusted. */
export function errorPage(providerName: string, heading: string, detail: string, status = 400): Response {
  return htmlPage({
    title: `${heading} – ${providerName}`,
    providerName,
    className: "error",
    status,
    bodyHtml: `<h1 id="page-heading">${escapeHtml(heading)}</h1>
<p>${escapeHtml(detail)}</p>
<p class="note">You can close this window and try again from the app.</p>`,
  });
}

/** The consent page: who asks, for what, and two plain links. */
export function consentPage(options: {
  providerName: string;
  appName: string;
  permissions: string[];
  accountName: string;
  returnHost: string;
  approveHref: string;
  denyHref: string;
}): Response {
  const permissions =
    options.permissions.length > 0
      ? `<p>${escapeHtml(options.appName)} is asking to:</p>
<ul aria-label="Requested permissions">
${options.permissions.map((permission) => `<li>${escapeHtml(permission)}</li>`).join("\n")}
</ul>`
      : `<p>${escapeHtml(options.appName)} is asking for basic access to your account.</p>`;
  return htmlPage({
    title: `Authorize ${options.appName} – ${options.providerName}`,
    providerName: options.providerName,
    bodyHtml: `<h1 id="page-heading">Allow ${escapeHtml(options.appName)} to access your ${escapeHtml(options.providerName)} account?</h1>
${permissions}
<p class="note">Signed in as <strong>${escapeHtml(options.accountName)}</strong>. After you choose, you will go back to <strong>${escapeHtml(options.returnHost)}</strong>.</p>
<div class="actions">
<a class="button approve" data-decision="approve" href="${escapeHtml(options.approveHref)}">Approve</a>
<a class="button deny" data-decision="deny" href="${escapeHtml(options.denyHref)}">Deny</a>
</div>`,
  });
}

export function redirect(location: string): Response {
  return new Response(null, { status: 302, headers: { location, "cache-control": "no-store", "referrer-policy": "no-referrer" } });
}

export function methodNotAllowed(allow: string): Response {
  return new Response(null, { status: 405, headers: { allow } });
}

/** The host a person recognises in a redirect URI (with the port for loopback addresses). */
export function hostOf(uri: string): string {
  try {
    return new URL(uri).host;
  } catch {
    return uri;
  }
}

/** A normalized origin (`https://auth.example`), from a URL with or without a path. */
export function normalizeOrigin(origin: string): string {
  return new URL(origin).origin;
}
