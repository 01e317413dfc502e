/** Data for the stories of the parts used alone: options, connections, schemas. */
import type { AuthOption, Connection, JsonSchema } from "@plugboard/auth-core";

/** Pipeline CRM's two options, as the engine reports them. */
export const pipelineOptions: AuthOption[] = [
  {
    key: "apiKey",
    type: "client-credentials",
    title: "API token",
    helpUri: "https://support.pipeline-crm.example/api-token",
    inputSchema: {
      type: "object",
      description: "Find your personal API token in **Settings → Personal preferences → API**.",
      properties: { apiKey: { type: "string", title: "API token", pattern: "^pl_[a-f0-9]{24}$", format: "password" } },
      required: ["apiKey"],
    },
  },
  {
    key: "oauth",
    type: "oauth2",
    title: "Sign in with Pipeline CRM",
    description: "Sign in to Pipeline CRM and allow access. No token to copy.",
    requiresAuthorization: true,
  },
];

/** Options with markdown descriptions, links included (shown as text inside the picker's cards). */
export const describedOptions: AuthOption[] = [
  {
    key: "apiKey",
    type: "client-credentials",
    title: "API key",
    description: "Paste a key from **Settings → API keys**. Works with [any plan](https://docs.example.com/plans).",
  },
  {
    key: "oauth",
    type: "oauth2",
    title: "Sign in with Example",
    description: "Sign in and allow access. *Recommended*: no key to copy, and access can be revoked from `Connected apps`.",
    requiresAuthorization: true,
  },
  {
    key: "token",
    type: "integration-app-token",
    title: "Workspace token",
    description: "Connects automatically with a token signed by your workspace. Nothing to enter.",
  },
];

export const acmeConnection: Connection = {
  authOptionKey: "",
  authType: "client-credentials",
  credentials: { apiKey: "acme_live_5f2c9a81", region: "eu" },
  input: { apiKey: "acme_live_5f2c9a81", region: "eu" },
  connectedAt: "2026-11-28T14:05:00.000Z",
};

/** A Helpdesk connection as a host stored it (its API token is a secret: never prefilled on reconnect). */
export const helpdeskConnection: Connection = {
  id: "conn_42",
  authOptionKey: "",
  authType: "client-credentials",
  credentials: { subdomain: "acme", email: "agent@acme.example", apiToken: "old-token" },
  input: { subdomain: "acme", email: "agent@acme.example", apiToken: "old-token" },
  connectedAt: "2026-10-02T11:20:00.000Z",
};

export const northwindConnection: Connection = {
  id: "conn_7Hq2",
  authOptionKey: "",
  authType: "oauth2",
  credentials: { access_token: "at_1", refresh_token: "rt_1", expires_at: 1_800_000_000, realmId: "9130354", isSandbox: true },
  input: { isSandbox: true },
  connectedAt: "2026-11-20T09:30:00.000Z",
  refreshedAt: "2026-11-28T08:00:00.000Z",
};

export const proxyConnection: Connection = {
  authOptionKey: "",
  authType: "proxy",
  credentials: { access_token: "at_2", refresh_token: "rt_2", realmId: "9130354" },
  input: {},
  connectedAt: "2026-11-27T16:45:00.000Z",
  delegate: { connectorKey: "northwind-books", authOptionKey: "", authType: "oauth2" },
};

/** One field of each kind the parameter form renders. */
export const everyFieldSchema: JsonSchema = {
  type: "object",
  description: "Create an API key in **Acme CRM → Settings → API keys** and paste it below. See the [guide](https://docs.acme-crm.example/keys).",
  properties: {
    apiKey: { type: "string", title: "API key", description: "Starts with `acme_`", pattern: "^acme_[A-Za-z0-9]{8,}$", format: "password" },
    region: { type: "string", title: "Data region", enum: ["us", "eu"], default: "us" },
    plan: { type: "string", title: "Plan", enum: ["free", "team", "enterprise"] },
    email: { type: "string", title: "Admin email", format: "email", examples: ["ops@example.com"] },
    baseUrl: { type: "string", title: "Base URL", format: "uri", examples: ["https://acme.example.com"] },
    subdomain: { type: "string", title: "Subdomain", minLength: 3 },
    port: { type: "integer", title: "Port", minimum: 1, maximum: 65535 },
    notes: { type: "string", title: "Notes", multiline: true } as JsonSchema,
    sandbox: { type: "boolean", title: "Use sandbox", description: "Connect the test account instead of live data." },
    advanced: {
      type: "object",
      title: "Advanced",
      properties: { timeoutSeconds: { type: "number", title: "Timeout (seconds)", default: 30 } },
    },
  },
  required: ["apiKey", "email"],
};

export const VALID_ACME_KEY = "acme_abcdefgh12";
