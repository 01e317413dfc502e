import { exampleConnectors } from "@plugboard/connectors";
import type { ExampleConnector } from "@plugboard/connectors";

const GROUPS: { title: string; matches: (connector: ExampleConnector) => boolean }[] = [
  { title: "API keys and passwords (client-credentials)", matches: (c) => c.authTypes.length === 1 && c.authTypes[0] === "client-credentials" },
  { title: "OAuth 2.0", matches: (c) => c.authTypes.length === 1 && c.authTypes[0] === "oauth2" },
  { title: "OAuth 1.0a", matches: (c) => c.authTypes.length === 1 && c.authTypes[0] === "oauth1" },
  { title: "Auth proxy", matches: (c) => c.authTypes.length === 1 && c.authTypes[0] === "proxy" },
  { title: "Platform tokens", matches: (c) => c.authTypes.length === 1 && (c.authTypes[0] === "integration-app-token" || c.authTypes[0] === "membrane-token") },
  { title: "Several auth options", matches: (c) => c.authTypes.length > 1 },
];

export function Gallery() {
  return (
    <>
      <h1>Example connectors</h1>
      <p className="lead">Every auth type, on mock providers that run offline. Pick one to connect.</p>
      {GROUPS.map((group) => {
        const connectors = exampleConnectors.filter(group.matches);
        if (connectors.length === 0) return null;
        return (
          <section key={group.title} aria-labelledby={`group-${group.title}`}>
            <h2 id={`group-${group.title}`}>{group.title}</h2>
            <ul className="cards">
              {connectors.map((connector) => (
                <li key={connector.key} className="card">
                  <h3>
                    <a href={`#/connect/${connector.key}`} data-testid={`connector-${connector.key}`}>
                      {connector.title}
                    </a>
                  </h3>
                  <p>{connector.summary}</p>
                  <p className="badges">
                    {connector.authTypes.map((type) => (
                      <span key={type} className="badge">
                        {type}
                      </span>
                    ))}
                  </p>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </>
  );
}
