/**
 * Test helper: plays the user at a mock provider's consent page. Fetches the authorize URL (through
 * the global fetch, so MSW answers), finds the Approve (or Deny) link, follows it without
 * following the redirect, and returns the `Location`: the callback URL the provider sends the user
 * back to. Pass it as an engine `authorize` handler: `authorize: ({ url }) => approveConsent(url)`.
 *
 * Needs a fetch that exposes `Location` on `redirect: "manual"` (Node, MSW in Node); browsers hide
 * it (opaque redirects), so in a page click the link instead.
 */

export interface ApproveConsentOptions {
  /** Click Deny instead of Approve. */
  deny?: boolean;
  /** Defaults to the global fetch (looked up at call time, so MSW's interception applies). */
  fetch?: typeof fetch;
}

export async function approveConsent(authorizeUrl: string, options: ApproveConsentOptions = {}): Promise<string> {
  const fetchImpl = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const page = await fetchImpl(authorizeUrl, { redirect: "manual", headers: { accept: "text/html" } });
  // The provider may answer the authorize request itself with a redirect (e.g. error=invalid_scope).
  const early = locationOf(page, authorizeUrl);
  if (early) return early;
  const html = await page.text();
  if (!page.ok) throw new Error(`The consent page answered HTTP ${page.status}: ${headingOf(html) ?? html.slice(0, 200)}`);

  const decision = options.deny ? "deny" : "approve";
  const href = findDecisionLink(html, decision);
  if (!href) throw new Error(`The consent page at ${authorizeUrl} has no ${decision === "approve" ? "Approve" : "Deny"} link.`);
  const decisionUrl = new URL(href, page.url || authorizeUrl).toString();
  const answer = await fetchImpl(decisionUrl, { redirect: "manual", headers: { accept: "text/html" } });
  const location = locationOf(answer, decisionUrl);
  if (!location) {
    const text = await answer.text();
    throw new Error(`Following "${decision}" did not redirect back (HTTP ${answer.status}): ${headingOf(text) ?? text.slice(0, 200)}`);
  }
  return location;
}

/** Clicks Deny. */
export function denyConsent(authorizeUrl: string, options: Omit<ApproveConsentOptions, "deny"> = {}): Promise<string> {
  return approveConsent(authorizeUrl, { ...options, deny: true });
}

function locationOf(response: Response, base: string): string | undefined {
  if (response.status < 300 || response.status > 399) return undefined;
  const location = response.headers.get("location");
  return location ? new URL(location, base).toString() : undefined;
}

/** The href of `<a data-decision="approve">`, or of the link whose text is "Approve". */
export function findDecisionLink(html: string, decision: "approve" | "deny"): string | undefined {
  const label = decision === "approve" ? "approve" : "deny";
  for (const match of html.matchAll(/<a\b([^>]*)>([\s\S]*?)<\/a>/gi)) {
    const attributes = match[1]!;
    const text = match[2]!.replace(/<[^>]*>/g, "").trim().toLowerCase();
    const marked = new RegExp(`\\bdata-decision\\s*=\\s*["']${label}["']`, "i").test(attributes);
    if (!marked && text !== label) continue;
    const href = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(attributes);
    const value = href?.[1] ?? href?.[2];
    if (value !== undefined) return unescapeHtml(value);
  }
  return undefined;
}

function headingOf(html: string): string | undefined {
  const match = /<h1\b[^>]*>([\s\S]*?)<\/h1>/i.exec(html);
  return match ? unescapeHtml(match[1]!.replace(/<[^>]*>/g, "").trim()) : undefined;
}

function unescapeHtml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, entity: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[entity] ?? "");
}
