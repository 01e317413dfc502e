import { exampleConnectors } from "@plugboard/connectors";

/** Placeholder gallery; the full QA demo (widget, inspector, runtimes) lands with the demo issue. */
export function App() {
  return (
    <main style={{ fontFamily: "system-ui, sans-serif", maxWidth: 720, margin: "2rem auto", padding: "0 1rem" }}>
      <h1>Plugboard demo</h1>
      <p>Example connectors bundled with this build:</p>
      <ul>
        {exampleConnectors.map((connector) => (
          <li key={connector.key}>
            <strong>{connector.title}</strong> ({connector.authTypes.join(", ")}): {connector.summary}
          </li>
        ))}
      </ul>
    </main>
  );
}
