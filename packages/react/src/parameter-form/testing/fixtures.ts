import type { JsonSchema } from "@plugboard/auth-core";

/** An input schema with one field of each kind. */
export const acmeSchema: JsonSchema = {
  type: "object",
  description: "Create an API key in **Acme CRM → Settings → API keys** and paste it below.",
  properties: {
    apiKey: { type: "string", title: "API key", description: "Starts with acme_", pattern: "^acme_[A-Za-z0-9]{8,}$", format: "password" },
    region: { type: "string", title: "Data region", enum: ["us", "eu"], default: "us" },
    email: { type: "string", format: "email", examples: ["ops@example.com"] },
    subdomain: { type: "string", minLength: 3 },
    port: { type: "integer", minimum: 1, maximum: 65535 },
    sandbox: { type: "boolean", title: "Use sandbox" },
  },
  required: ["email", "apiKey"],
};

export const VALID_KEY = "acme_abcdefgh12";
