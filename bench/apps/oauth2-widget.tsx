// Size bench: an app that renders ConnectWidget for an OAuth2-only connector (northwind-books),
// on the local engine. Its initial JS must stay small: the parameter form (RJSF) loads lazily.
import { createRoot } from "react-dom/client";
import { createAuthEngine, parseConnectorSpec } from "@plugboard/auth-core";
import { ConnectWidget } from "@plugboard/react";
import spec from "bench:spec/northwind-books";

const engine = createAuthEngine(parseConnectorSpec(spec), {
  connectorParameters: { clientId: "ABnorthwindDemoApp0001" },
  redirectUri: `${location.origin}/oauth/callback`,
});

createRoot(document.getElementById("root")!).render(<ConnectWidget engine={engine} onConnected={({ connection }) => console.log("connected", connection.authType)} />);
