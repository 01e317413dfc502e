/**
 * Minimal typings for the untyped, ESM-only `oidc-provider` package (root devDependency, tests only).
 * Only what src/testing/oidc-provider.ts uses; the configuration object stays loosely typed on purpose.
 * Deliberately free of Node types so it also type-checks under the production tsconfig.
 */
declare module "oidc-provider" {
  /** Koa context as seen by `provider.use` middleware (only the fields we read). */
  export interface OidcKoaContext {
    method: string;
    path: string;
    querystring: string;
    status: number;
    oidc?: { params?: Record<string, unknown>; route?: string };
  }

  export interface OidcClient {
    clientAuthMethod: string;
    redirectUris: string[];
    grantTypeAllowed(grantType: string): boolean;
  }

  export interface OidcTokenLike {
    scopes: Set<string>;
  }

  export default class Provider {
    constructor(issuer: string, configuration?: Record<string, unknown>);
    readonly issuer: string;
    /** Node `(req, res) => void` request listener (Koa's callback). */
    callback(): (req: unknown, res: unknown) => void;
    use(middleware: (ctx: OidcKoaContext, next: () => Promise<void>) => Promise<void>): this;
    urlFor(name: string, options?: Record<string, unknown>): string;
    interactionDetails(req: unknown, res: unknown): Promise<{ uid: string; prompt: { name: string; details: Record<string, unknown> }; params: Record<string, unknown> }>;
    interactionFinished(req: unknown, res: unknown, result: Record<string, unknown>, options?: { mergeWithLastSubmission?: boolean }): Promise<void>;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }
}
