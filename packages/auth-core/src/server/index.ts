// @plugboard/auth-core/server: the engine behind a Fetch-API handler, and a Node adapter.
export { createAuthHandler, maskValue } from "./handler.ts";
export type { AuthHandler, AuthHandlerOptions, ConnectionSummary, ServerConnector } from "./handler.ts";
export { createMemoryConnectionStore } from "./connection-store.ts";
export type { ConnectionStore, StoredConnection } from "./connection-store.ts";
export { toNodeListener, toNodeMiddleware } from "./node.ts";
export type { NodeIncomingMessage, NodeListenerOptions, NodeServerResponse } from "./node.ts";
