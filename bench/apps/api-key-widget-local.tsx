// Size bench: the full widget with the parameter form (acme-crm, API key) on the local engine:
// the spec is given to the widget, which builds the engine in a lazily loaded chunk.
import { createRoot } from "react-dom/client";
import { ConnectWidget } from "@plugboard/react";
import spec from "bench:spec/acme-crm";

createRoot(document.getElementById("root")!).render(<ConnectWidget spec={spec} onConnected={({ connection }) => console.log("connected", connection.authType)} />);
