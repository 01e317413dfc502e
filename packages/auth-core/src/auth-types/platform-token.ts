/**
 * integration-app-token / membrane-token: no user interaction. Every request carries an HS256 JWT
 * (`iss` workspace key, `sub` customer id, `fields`, `iat`/`exp`) signed with the workspace
 * secret: in `X-Integration-App-Token`, and also `X-Membrane-Token` for membrane-token.
 * The secret belongs on the server; run this type in the server runtime.
 */
import { ConnectionSession } from "../engine/connection-session.ts";
import type { AuthTypeHooks, EngineContext } from "../engine/connection-session.ts";
import { ErrorKey, PlugboardError } from "../errors.ts";
import { signJwtHs256 } from "../internal/jwt.ts";
import type { Connection, EffectiveAuthOption } from "../types.ts";
import { prepareInput } from "./client-credentials.ts";

export interface PlatformTokenOptions {
  workspaceKey: string;
  workspaceSecret: string;
  /** The customer (tenant/user) the integration runs for: the token's `sub`. */
  customerId: string;
  customerName?: string;
  /** The customer's fields, sent as the `fields` claim. */
  customerFields?: Record<string, unknown>;
  /** Token lifetime; a fresh token is minted shortly before it ends. Default 600 s. */
  tokenTtlSeconds?: number;
}

export async function connectPlatformToken(
  option: EffectiveAuthOption,
  request: { input: Record<string, unknown>; onProgress?: (step: "connecting" | "testing") => void },
  context: EngineContext,
): Promise<Connection> {
  const platform = requirePlatform(context);
  const input = prepareInput(option, request.input);
  request.onProgress?.("connecting");
  const session = new ConnectionSession({
    option,
    connection: {
      authOptionKey: option.key,
      authType: option.type,
      // No secret here: tokens are minted per request from the engine's platform options.
      credentials: { workspaceKey: platform.workspaceKey, customerId: platform.customerId },
      input,
      connectedAt: new Date(context.now()).toISOString(),
    },
    context,
    hooks: platformTokenHooks(),
  });
  request.onProgress?.("testing");
  await session.test();
  return session.connection;
}

function requirePlatform(context: EngineContext): PlatformTokenOptions {
  const platform = context.platformToken;
  if (!platform?.workspaceKey || !platform.workspaceSecret || !platform.customerId) {
    throw new PlugboardError(ErrorKey.CONFIGURATION_ERROR, {
      message: "Platform-token auth needs platformToken: { workspaceKey, workspaceSecret, customerId } in the engine options (server side).",
    });
  }
  return platform;
}

export function platformTokenHooks(): AuthTypeHooks {
  let cached: { token: string; renewAt: number } | undefined;
  return {
    async authorizeRequest(request, session) {
      const platform = requirePlatform(session.context);
      const now = session.context.now();
      if (!cached || now >= cached.renewAt) {
        const ttl = platform.tokenTtlSeconds ?? 600;
        const iat = Math.floor(now / 1000);
        const token = await signJwtHs256(
          {
            iss: platform.workspaceKey,
            sub: platform.customerId,
            ...(platform.customerName ? { name: platform.customerName } : {}),
            fields: platform.customerFields ?? {},
            iat,
            exp: iat + ttl,
          },
          platform.workspaceSecret,
        );
        cached = { token, renewAt: now + Math.max(1, ttl - 30) * 1000 };
      }
      request.headers.set("X-Integration-App-Token", cached.token);
      if (session.option.type === "membrane-token") request.headers.set("X-Membrane-Token", cached.token);
    },
  };
}
