import "@plugboard/react/theme.css";
import "./app.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app.tsx";
import { startMockWorker } from "./lib/gateway.ts";

// The mock providers answer before the first render, so no request escapes to the network.
await startMockWorker();

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
