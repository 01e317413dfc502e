import type { RequestHandler } from "msw";

/** What every mock provider offers, OAuth 2.0 or 1.0a. */
export interface MockProvider {
  readonly name: string;
  /** e.g. `https://auth.northwind.example` */
  readonly origin: string;
  /** Where the user is sent to consent. */
  readonly authorizeUri: string;
  /**
   * Answers a request for one of the provider's endpoints; `undefined` when the request is not for
   * one of them (another origin or path), so a dev server or MSW can fall through.
   */
  handle(request: Request): Promise<Response | undefined>;
  /** MSW handlers delegating to `handle` (`http.all(`${origin}/*`)`). */
  readonly handlers: RequestHandler[];
  /** Forgets every token, grant and pending request and zeroes the stats. */
  reset(): void;
}
