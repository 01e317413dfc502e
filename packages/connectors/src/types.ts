import type { AuthType, HttpMethod, PlatformTokenOptions } from "@plugboard/auth-core";
import type { RequestHandler } from "msw";
import type { MockProvider } from "./mock-providers/types.ts";

/** The mock OAuth provider behind an example connector, for tests, the demo and Storybook. */
export interface ExampleOAuthProvider {
  protocol: "oauth2" | "oauth1";
  /** The provider instance: `handle`, `handlers`, `stats`, `reset()`. */
  provider: MockProvider;
  /** Redirect URIs the example app registered there (loopback ports are free, RFC 8252 §7.3). */
  redirectUris: string[];
}

/** One example connector: its spec, its method files, and the mock provider behind it. */
export interface ExampleConnector {
  key: string;
  title: string;
  /** One line for galleries: what this connector demonstrates. */
  summary: string;
  authTypes: AuthType[];
  /** The spec source text (YAML), exactly as a connector author writes it. */
  spec: string;
  /** Method files keyed by path, as passed to parseConnectorSpec's `files`. */
  files: Record<string, string>;
  /** Connector parameters the integration would configure. */
  connectorParameters?: Record<string, unknown>;
  /** MSW handlers for the provider's API (and token endpoints / consent pages for OAuth). */
  handlers: RequestHandler[];
  /** A request that shows the connection working, for demos and smoke tests. */
  sampleRequest: { method: HttpMethod; path: string; query?: Record<string, unknown> };
  /** OAuth connectors: the mock authorization server and the redirect URIs it accepts. */
  oauthProvider?: ExampleOAuthProvider;
  /** integration-app-token / membrane-token connectors: the workspace the mock API trusts. */
  platformToken?: PlatformTokenOptions;
  /** Proxy connectors: keys of the example connectors to register in the engine's `connectors`. */
  delegatesTo?: string[];
  fixtures: {
    /** Input the mock provider accepts. */
    validInput: Record<string, unknown>;
    /** Input that passes the form but the provider rejects. */
    rejectedInput?: Record<string, unknown>;
    /** Input that fails the option's input schema. */
    invalidInput?: Record<string, unknown>;
    [name: string]: Record<string, unknown> | undefined;
  };
}
