// Size bench: the full widget with the parameter form: ConnectWidget for an API-key connector
// (acme-crm), whose input form (RJSF) is part of the flow, on the server runtime (the key the user
// types goes to the server, which tests and stores it).
import { createRoot } from "react-dom/client";
import { createServerRuntime } from "@plugboard/auth-core/browser";
import { ConnectWidget } from "@plugboard/react";

const runtime = createServerRuntime({ baseUrl: "/plugboard", connectorKey: "acme-crm" });

createRoot(document.getElementById("root")!).render(<ConnectWidget runtime={runtime} onConnected={({ connection }) => console.log("connected", connection.authType)} />);
