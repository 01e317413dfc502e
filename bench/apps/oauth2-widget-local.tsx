// Size bench: the OAuth2-only widget (northwind-books, a public PKCE client) on the local engine:
// the spec is given to the widget, which loads the engine (spec parser, formulas, OAuth2) in a
// lazily loaded chunk while it shows its loading state.
import { createRoot } from "react-dom/client";
import { ConnectWidget } from "@plugboard/react";
import spec from "bench:spec/northwind-books";

createRoot(document.getElementById("root")!).render(
  <ConnectWidget
    spec={spec}
    connectorParameters={{ clientId: "ABnorthwindDemoApp0001" }}
    redirectUri={`${location.origin}/oauth/callback`}
    onConnected={({ connection }) => console.log("connected", connection.authType)}
  />,
);
