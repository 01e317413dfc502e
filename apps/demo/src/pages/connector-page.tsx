import type { Connection, RequestLogEntry } from "@plugboard/auth-core";
import { findExampleConnector } from "@plugboard/connectors";
import type { ExampleConnector } from "@plugboard/connectors";
import { ConnectWidget, useResumeRedirect } from "@plugboard/react";
import { useMemo, useState } from "react";
import { gatewayPorts, toGatewayUrl } from "../lib/gateway.ts";
import { createDemoRuntime } from "../lib/runtimes.ts";
import type { DemoRuntime, RuntimeKind } from "../lib/runtimes.ts";

export function ConnectorPage({ connectorKey, runtimeKind, theme }: { connectorKey: string; runtimeKind: RuntimeKind; theme: "light" | "dark" }) {
  const connector = findExampleConnector(connectorKey);
  if (!connector) {
    return (
      <>
        <h1>Unknown connector</h1>
        <p>
          There is no example connector “{connectorKey}”. <a href="#/">Back to the gallery</a>
        </p>
      </>
    );
  }
  // A new runtime (and widget) per connector and runtime kind.
  return <ConnectorSession key={`${connector.key}:${runtimeKind}`} connector={connector} runtimeKind={runtimeKind} theme={theme} />;
}

function ConnectorSession({ connector, runtimeKind, theme }: { connector: ExampleConnector; runtimeKind: RuntimeKind; theme: "light" | "dark" }) {
  const [log, setLog] = useState<RequestLogEntry[]>([]);
  const runtime = useMemo(() => createDemoRuntime(runtimeKind, connector, (entry) => setLog((entries) => [entry, ...entries].slice(0, 50))), [connector, runtimeKind]);
  const [connection, setConnection] = useState<Connection | undefined>(undefined);
  const [reconnecting, setReconnecting] = useState<Connection | undefined>(undefined);
  const [widgetKey, setWidgetKey] = useState(0);
  const popup = useMemo(() => ({ ports: gatewayPorts() }), []);
  // Coming back from a same-window sign-in (popup blocked): finish it here.
  const resumed = useResumeRedirect({
    runtime: "engine" in runtime.widgetProps ? runtime.widgetProps.engine : runtime.widgetProps.runtime,
    onConnected: ({ connection: connected }) => setConnection(connected),
  });
  const returnTo = `${window.location.origin}/${window.location.search}${window.location.hash}`;

  return (
    <>
      <p>
        <a href="#/">← All connectors</a>
      </p>
      <h1>{connector.title}</h1>
      <p className="lead">{connector.summary}</p>
      <div className="split">
        <section aria-labelledby="widget-title" className="panel">
          <h2 id="widget-title">Connect</h2>
          {resumed.status === "completing" ? <p role="status">Finishing sign-in…</p> : null}
          {resumed.status === "failed" ? (
            <p role="alert" className="result failed">
              Sign-in could not finish: {resumed.error?.message}
            </p>
          ) : null}
          {resumed.status === "connected" ? (
            <p role="status" className="result ok" data-testid="redirect-connected">
              Connected after returning from {connector.title}.
            </p>
          ) : null}
          <ConnectWidget
            key={widgetKey}
            {...runtime.widgetProps}
            {...(reconnecting ? { connection: reconnecting } : {})}
            popup={popup}
            theme={theme}
            redirect={{ returnTo, options: { navigate: (url) => window.location.assign(toGatewayUrl(url)) } }}
            onConnected={({ connection: connected }) => {
              setConnection(connected);
              setReconnecting(undefined);
            }}
          />
        </section>
        <section aria-labelledby="inspector-title" className="panel">
          <h2 id="inspector-title">Connection inspector</h2>
          {connection ? (
            <Inspector
              connection={connection}
              connector={connector}
              runtime={runtime}
              onChange={setConnection}
              onReconnect={() => {
                setReconnecting(connection);
                setWidgetKey((key) => key + 1);
              }}
            />
          ) : (
            <p className="muted">Connect to inspect the connection, call the API, test and refresh.</p>
          )}
          <RequestLog entries={log} />
        </section>
      </div>
    </>
  );
}

function Inspector(props: {
  connection: Connection;
  connector: ExampleConnector;
  runtime: DemoRuntime;
  onChange: (connection: Connection) => void;
  onReconnect: () => void;
}) {
  const { connection, connector, runtime } = props;
  const [revealed, setRevealed] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; title: string; body: string } | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const expiresAt = typeof connection.credentials.expires_at === "number" ? new Date(connection.credentials.expires_at) : undefined;

  async function run(title: string, action: () => Promise<unknown>) {
    setBusy(true);
    try {
      const value = await action();
      setResult({ ok: true, title, body: value === undefined ? "OK" : JSON.stringify(value, null, 2) });
    } catch (error) {
      const key = (error as { key?: string }).key;
      setResult({ ok: false, title, body: `${key ? `[${key}] ` : ""}${error instanceof Error ? error.message : String(error)}` });
    } finally {
      setBusy(false);
    }
  }

  const { method, path, query } = connector.sampleRequest;
  return (
    <div data-testid="inspector">
      <dl className="facts">
        <dt>Auth option</dt>
        <dd>{connection.authOptionKey === "" ? "(default)" : connection.authOptionKey}</dd>
        <dt>Auth type</dt>
        <dd data-testid="auth-type">{connection.authType}</dd>
        {connection.id ? (
          <>
            <dt>Connection id</dt>
            <dd>{connection.id}</dd>
          </>
        ) : null}
        <dt>Connected</dt>
        <dd>{new Date(connection.connectedAt).toLocaleString()}</dd>
        {connection.refreshedAt ? (
          <>
            <dt>Refreshed</dt>
            <dd>{new Date(connection.refreshedAt).toLocaleString()}</dd>
          </>
        ) : null}
        <dt>Expires</dt>
        <dd>{expiresAt ? expiresAt.toLocaleString() : "unknown (refreshed on 401)"}</dd>
      </dl>
      <h3>Credentials</h3>
      <pre className="code" data-testid="credentials">
        {JSON.stringify(revealed ? connection.credentials : maskAll(connection.credentials), null, 2)}
      </pre>
      <p>
        <button type="button" aria-pressed={revealed} onClick={() => setRevealed((value) => !value)}>
          {revealed ? "Hide credentials" : "Reveal credentials"}
        </button>
        {runtime.kind === "server" ? <span className="muted"> The server runtime keeps secrets on the server: only masked values reach this page.</span> : null}
      </p>
      <div className="actions" role="group" aria-label="Connection actions">
        <button type="button" disabled={busy} onClick={() => void run(`${method} ${path}`, () => runtime.apiClient(connection).request(method, path, query ? { query } : {}))}>
          Call {method} {path}
        </button>
        <button type="button" disabled={busy} onClick={() => void run("Test", () => runtime.test(connection))}>
          Test
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            void run("Refresh", async () => {
              const refreshed = await runtime.refresh(connection);
              props.onChange(refreshed);
              return { refreshedAt: refreshed.refreshedAt };
            })
          }
        >
          Refresh
        </button>
        <button type="button" disabled={busy} onClick={props.onReconnect}>
          Reconnect
        </button>
      </div>
      {result ? (
        <div role="status" className={result.ok ? "result ok" : "result failed"} data-testid="action-result">
          <strong>{result.title}:</strong> {result.ok ? "succeeded" : "failed"}
          <pre className="code">{result.body}</pre>
        </div>
      ) : null}
    </div>
  );
}

function RequestLog({ entries }: { entries: RequestLogEntry[] }) {
  return (
    <>
      <h3>Request log</h3>
      {entries.length === 0 ? (
        <p className="muted">No API requests yet.</p>
      ) : (
        <table className="log" data-testid="request-log">
          <thead>
            <tr>
              <th scope="col">Method</th>
              <th scope="col">URL</th>
              <th scope="col">Status</th>
              <th scope="col">Time</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry, index) => (
              <tr key={index}>
                <td>{entry.method}</td>
                <td className="url">{entry.url}</td>
                <td>{entry.status ?? entry.error ?? "—"}</td>
                <td>{Math.round(entry.durationMs)} ms</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function maskAll(credentials: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(credentials)) {
    out[name] = typeof value === "string" ? (value.endsWith("…") || value === "…" ? value : `${value.slice(0, 4)}••••`) : value;
  }
  return out;
}
