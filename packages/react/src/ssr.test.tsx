// @vitest-environment node
/**
 * Server rendering: importing the package and rendering every component with react-dom/server in
 * plain Node (no jsdom, no window) works, and nothing touches browser globals.
 */
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { createAuthEngine, createConnectFlow, createServerRuntime, parseConnectorSpec } from "@plugboard/auth-core";
import type { Connection } from "@plugboard/auth-core";
import * as entry from "./index.ts";
import { loadMessages } from "./messages/index.ts";
import { ParameterForm } from "./parameter-form/index.ts";
import { acmeCrm, northwindBooks } from "./test-utils/connectors.ts";

const { AuthDescription, ConnectionStatus, ConnectWidget, HelpLink, LazyParameterForm, OAuthButton, OptionPicker, useResumeRedirect } = entry;

const connection: Connection = {
  authOptionKey: "",
  authType: "client-credentials",
  credentials: { apiKey: "secret" },
  input: {},
  connectedAt: "2026-11-29T10:00:00.000Z",
};

describe("SSR (Node, no DOM)", () => {
  it("runs without browser globals", () => {
    expect(typeof window).toBe("undefined");
    expect(typeof document).toBe("undefined");
  });

  it("ConnectWidget: from spec text, from an engine and from a server runtime, in the loading state", async () => {
    // Spec text is parsed in the lazily loaded engine chunk, so the name is not known yet.
    const fromSpec = renderToString(<ConnectWidget spec={acmeCrm.spec} files={acmeCrm.files} />);
    expect(fromSpec).toContain('role="status"');
    expect(fromSpec).toContain("Loading connection options");
    expect(fromSpec).toContain('aria-label="Connect"');
    const engine = createAuthEngine(parseConnectorSpec(northwindBooks.spec), { connectorParameters: northwindBooks.connectorParameters ?? {} });
    expect(renderToString(<ConnectWidget engine={engine} />)).toContain('aria-label="Connect Northwind Books"');
    // Other languages load on demand: a server renderer loads the one it needs first.
    expect(renderToString(<ConnectWidget engine={engine} locale="ja" theme="dark" />)).not.toContain("Loading");
    await loadMessages("ja");
    expect(renderToString(<ConnectWidget engine={engine} locale="ja" theme="dark" />)).toContain("接続方法を読み込んでいます");
    const runtime = createServerRuntime({ baseUrl: "https://app.example/plugboard", connectorKey: "acme-crm" });
    expect(renderToString(<ConnectWidget runtime={runtime} />)).toContain("pb-connect-widget");
  });

  it("the parts", () => {
    const options = [
      { key: "a", type: "client-credentials" as const, title: "API key", description: "Use **this**" },
      { key: "b", type: "oauth2" as const, title: "Sign in", requiresAuthorization: true },
    ];
    expect(renderToString(<OptionPicker options={options} defaultValue="a" />)).toContain('role="radiogroup"');
    expect(renderToString(<AuthDescription text={"Hello **world** <script>x</script>"} />)).toContain("&lt;script&gt;");
    expect(renderToString(<HelpLink href="https://docs.example.com" />)).toContain('rel="noopener noreferrer"');
    expect(renderToString(<ConnectionStatus connection={connection} />)).toContain("apiKey");
    const flow = createConnectFlow({ runtime: { getAuthOptions: async () => options, connect: () => new Promise(() => {}) } });
    expect(renderToString(<OAuthButton flow={flow} />)).toContain("Sign in and connect");
    const schema = { type: "object", properties: { apiKey: { type: "string", title: "API key" } } } as const;
    expect(renderToString(<ParameterForm schema={schema} />)).toContain("API key");
    expect(renderToString(<LazyParameterForm schema={schema} />)).toBeTruthy();
  });

  it("useResumeRedirect renders its idle state on the server", () => {
    function Callback() {
      const result = useResumeRedirect({ runtime: createAuthEngine(parseConnectorSpec(northwindBooks.spec)) });
      return <p>{result.status}</p>;
    }
    expect(renderToString(<Callback />)).toContain("idle");
  });
});
