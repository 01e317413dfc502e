/**
 * Collects Content-Security-Policy violations in every page of a context (popups included): the
 * `securitypolicyviolation` events (reported through a binding, which no policy can block) and
 * Chromium's console reports ("Refused to … because it violates the following Content Security
 * Policy directive …"). Uncaught page errors are collected too.
 */
import type { BrowserContext } from "playwright-core";

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
  const watch = (page: import("playwright-core").Page) => page.on("pageerror", (error) => problems.pageErrors.push(`${page.url()}: ${error.message}`));
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
 * Adds origins to the `connect-src` of the demo's pages in this context, as an app lists the
 * hosts its browser code calls (the demo lists `https://*.example` for its mock providers). Only
 * that directive changes; everything else of the strict policy stays as served.
 */
export async function allowConnectSrc(context: BrowserContext, baseUrl: string, origins: string[]): Promise<void> {
  await context.route(
    (url) => url.origin === baseUrl && (url.pathname === "/" || url.pathname === "/index.html"),
    async (route) => {
      if (route.request().resourceType() !== "document") return route.fallback();
      const response = await route.fetch();
      const headers = { ...response.headers() };
      const policy = headers["content-security-policy"];
      if (policy) {
        headers["content-security-policy"] = policy
          .split(";")
          .map((directive) => (/^\s*connect-src\s/.test(directive) ? `${directive.trim()} ${origins.join(" ")}` : directive.trim()))
          .join("; ");
      }
      await route.fulfill({ response, headers });
    },
  );
}
