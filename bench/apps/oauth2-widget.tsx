// Size bench: an app that renders ConnectWidget for an OAuth2-only connector (northwind-books) the
// way production apps run it: the spec and the client secret stay on the server
// (`createAuthHandler` from @plugboard/auth-core/server), the widget talks to it through the server
// runtime. Its initial JS must stay small, with no parameter form (RJSF) in it.
import { createRoot } from "react-dom/client";
import { createServerRuntime } from "@plugboard/auth-core/browser";
import { ConnectWidget } from "@plugboard/react";

const runtime = createServerRuntime({ baseUrl: "/plugboard", connectorKey: "northwind-books" });

createRoot(document.getElementById("root")!).render(<ConnectWidget runtime={runtime} onConnected={({ connection }) => console.log("connected", connection.authType)} />);
