import { useState } from "react";
import { useRoute } from "./lib/route.ts";
import type { RuntimeKind } from "./lib/runtimes.ts";
import { ConnectorPage } from "./pages/connector-page.tsx";
import { Gallery } from "./pages/gallery.tsx";
import { SpecEditor } from "./pages/spec-editor.tsx";

function initialRuntime(): RuntimeKind {
  const fromUrl = new URLSearchParams(window.location.search).get("runtime");
  if (fromUrl === "server" || fromUrl === "local") return fromUrl;
  return window.localStorage.getItem("plugboard-demo-runtime") === "server" ? "server" : "local";
}

export type DemoTheme = "light" | "dark";

function initialTheme(): DemoTheme {
  return new URLSearchParams(window.location.search).get("theme") === "dark" ? "dark" : "light";
}

export function App() {
  const route = useRoute();
  const [runtime, setRuntime] = useState<RuntimeKind>(initialRuntime);
  const [theme, setTheme] = useState<DemoTheme>(initialTheme);

  function switchRuntime(next: RuntimeKind) {
    setRuntime(next);
    window.localStorage.setItem("plugboard-demo-runtime", next);
  }

  return (
    <>
      <header className="topbar">
        <a href="#/" className="brand">
          Plugboard demo
        </a>
        <nav aria-label="Demo">
          <a href="#/">Connectors</a> <a href="#/spec">Paste a spec</a>
        </nav>
        <fieldset className="runtime-switch">
          <legend>Runtime</legend>
          {(["local", "server"] as const).map((kind) => (
            <label key={kind}>
              <input type="radio" name="runtime" value={kind} checked={runtime === kind} onChange={() => switchRuntime(kind)} data-testid={`runtime-${kind}`} />
              {kind === "local" ? "Local (engine in the page)" : "Server (secrets on the server)"}
            </label>
          ))}
        </fieldset>
        <fieldset className="runtime-switch">
          <legend>Widget theme</legend>
          {(["light", "dark"] as const).map((kind) => (
            <label key={kind}>
              <input type="radio" name="theme" value={kind} checked={theme === kind} onChange={() => setTheme(kind)} data-testid={`theme-${kind}`} />
              {kind === "light" ? "Light" : "Dark"}
            </label>
          ))}
        </fieldset>
      </header>
      <main className="content">
        {route.page === "gallery" ? <Gallery /> : null}
        {route.page === "connect" ? <ConnectorPage connectorKey={route.key} runtimeKind={runtime} theme={theme} /> : null}
        {route.page === "spec" ? <SpecEditor /> : null}
      </main>
    </>
  );
}
