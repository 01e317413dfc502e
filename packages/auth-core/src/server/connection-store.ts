/** Where the server runtime keeps connections; credentials never leave the server. */
import type { Connection } from "../types.ts";

export interface StoredConnection extends Connection {
  id: string;
  connectorKey: string;
}

export interface ConnectionStore {
  get(id: string): Promise<StoredConnection | undefined>;
  set(connection: StoredConnection): Promise<void>;
  delete(id: string): Promise<void>;
}

/** The default store: a Map in this process. Use your database in production (one row per connection). */
export function createMemoryConnectionStore(): ConnectionStore {
  const connections = new Map<string, StoredConnection>();
  return {
    get: async (id) => connections.get(id),
    set: async (connection) => {
      connections.set(connection.id, connection);
    },
    delete: async (id) => {
      connections.delete(id);
    },
  };
}
