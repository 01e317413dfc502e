import { createAuthEngine, validateConnectorSpec } from "@plugboard/auth-core";
import type { Issue } from "@plugboard/auth-core";
import { acmeCrm, exampleConnectors } from "@plugboard/connectors";
import { ConnectWidget } from "@plugboard/react";
import { useDeferredValue, useMemo, useState } from "react";
import { gatewayPorts } from "../lib/gateway.ts";
import { LOCAL_CALLBACK_PATH } from "../lib/runtimes.ts";

/** Paste a spec: live validation (path, line, message) and the widget rendered from it. */
export function SpecEditor() {
  const [text, setText] = useState(acmeCrm.spec);
  const deferred = useDeferredValue(text);
  const { spec, issues } = useMemo(() => validateConnectorSpec(deferred, { sourceName: "spec.yml" }), [deferred]);
  const engine = useMemo(() => (spec ? createAuthEngine(spec, { redirectUri: `${window.location.origin}${LOCAL_CALLBACK_PATH}` }) : undefined), [spec]);
  const popup = useMemo(() => ({ ports: gatewayPorts() }), []);

  return (
    <>
      <p>
        <a href="#/">← All connectors</a>
      </p>
      <h1>Paste your own spec</h1>
      <p className="lead">
        YAML or JSON, in either spec shape. Problems show up as you type; a valid spec renders the widget (local runtime, mock APIs on
        <code>*.example</code> hosts).
      </p>
      <div className="split">
        <section className="panel" aria-labelledby="editor-title">
          <h2 id="editor-title">Spec</h2>
          <label htmlFor="load-example">Start from an example</label>{" "}
          <select
            id="load-example"
            onChange={(event) => {
              const example = exampleConnectors.find((connector) => connector.key === event.target.value);
              if (example && Object.keys(example.files).length === 0) setText(example.spec);
            }}
            defaultValue={acmeCrm.key}
          >
            {exampleConnectors
              .filter((connector) => Object.keys(connector.files).length === 0)
              .map((connector) => (
                <option key={connector.key} value={connector.key}>
                  {connector.title}
                </option>
              ))}
          </select>
          <label htmlFor="spec-text" className="block">
            Spec (YAML)
          </label>
          <textarea
            id="spec-text"
            className="editor"
            spellCheck={false}
            value={text}
            onChange={(event) => setText(event.target.value)}
            aria-describedby="spec-status"
            aria-invalid={issues.length > 0}
          />
          <IssueList issues={issues} />
        </section>
        <section className="panel" aria-labelledby="preview-title">
          <h2 id="preview-title">Widget</h2>
          {engine ? <ConnectWidget key={deferred} engine={engine} popup={popup} /> : <p className="muted">Fix the spec to see the widget.</p>}
        </section>
      </div>
    </>
  );
}

function IssueList({ issues }: { issues: Issue[] }) {
  if (issues.length === 0) {
    return (
      <p id="spec-status" role="status" className="result ok">
        The spec is valid.
      </p>
    );
  }
  return (
    <div id="spec-status" role="status" data-testid="spec-issues">
      <p className="result failed">
        {issues.length} problem{issues.length === 1 ? "" : "s"}:
      </p>
      <ul className="issues">
        {issues.map((issue, index) => (
          <li key={index}>
            <code>{issue.path || "/"}</code>
            {issue.line === undefined ? null : (
              <span className="muted">
                {" "}
                ({issue.file ? `${issue.file}, ` : ""}line {issue.line}, column {issue.column ?? 1})
              </span>
            )}
            : {issue.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
