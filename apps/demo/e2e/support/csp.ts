/**
 * Collects Content-Security-Policy violations in every page of a context (popups included): the
 * `securitypolicyviolation` events (reported through a binding, which no policy can block) and
 * Chromium's console reports ("Refused to … because it violates the following Content Security
 * Policy directive …"). Uncaught page errors are collected too.
 */
import type { BrowserContext, Page } from "playwright-core";

const BINDING = "__plugboardE2eCspViolation";

export interface PageProblems {
  /** One line per violation: page URL, directive, blocked URI / source. */
  cspViolations: string[];
  /** Uncaught exceptions and unhandled rejections. */
  pageErrors: string[];
}

export async function collectPageProblems(context: BrowserContext): Promise<PageProblems> {
  const problems: PageProblems = { cspViolations: [], pageErrors: [] };
  await context.exposeBinding(BINDING, ({ page }, detail: string) => {
    problems.cspViolations.push(`${page?.url() ?? "(no page)"}: ${detail}`);
  });
  await context.addInitScript((binding: string) => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as Record<string, (detail: string) => void>)[binding];
      const where = event.sourceFile ? ` at ${event.sourceFile}:${event.lineNumber}` : "";
      report?.(`${event.effectiveDirective} blocked ${event.blockedURI || "(inline)"}${where} [${event.disposition}]`);
    });
  }, BINDING);
  context.on("console", (message) => {
    if (/Content[- ]Security[- ]Policy/i.test(message.text())) problems.cspViolations.push(`${message.page()?.url() ?? "(worker)"}: console: ${message.text()}`);
  });
  const watch = (page: Page) => page.on("pageerror", (error) => problems.pageErrors.push(`${page.url()}: ${error.stack ?? error.message}`));
  context.pages().forEach(watch);
  context.on("page", watch);
  return problems;
}

/** The value of a `Content-Security-Policy` header as a map of directive → sources. */
export function parseCsp(header: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of header.split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

/**
 * The cookie that makes the preview server (see global-setup.ts) add the oidc-provider's origin to
 * the `connect-src` of the demo's responses, pages and the MSW worker script alike: an app lists
 * the hosts its browser code calls, as the demo lists `https://*.example` for its mock providers.
 * Everything else of the strict policy stays as served; contexts without the cookie get it as is.
 */
export const CONNECT_SRC_COOKIE = "plugboard-e2e-connect-src";

export async function allowOidcProviderInConnectSrc(context: BrowserContext, baseUrl: string): Promise<void> {
  await context.addCookies([{ name: CONNECT_SRC_COOKIE, value: "oidc", url: baseUrl }]);
}

export function withConnectSrc(policy: string, origins: string[]): string {
  return policy
    .split(";")
    .map((directive) => (/^\s*connect-src\s/.test(directive) ? `${directive.trim()} ${origins.join(" ")}` : directive.trim()))
    .join("; ");
}
