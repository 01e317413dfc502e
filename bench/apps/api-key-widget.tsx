// Size bench: the full widget with the parameter form: ConnectWidget for an API-key connector
// (acme-crm), whose input form (RJSF) is part of the flow. Measured with every chunk it can load.
import { createRoot } from "react-dom/client";
import { createAuthEngine, parseConnectorSpec } from "@plugboard/auth-core";
import { ConnectWidget } from "@plugboard/react";
import spec from "bench:spec/acme-crm";

const engine = createAuthEngine(parseConnectorSpec(spec));

createRoot(document.getElementById("root")!).render(<ConnectWidget engine={engine} onConnected={({ connection }) => console.log("connected", connection.authType)} />);
