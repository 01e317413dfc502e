/**
 * The example app every example connector's OAuth client is registered for. Its redirect URIs are
 * registered at each mock provider; a loopback entry accepts any port (RFC 8252 §7.3), so the
 * demo's dev server can use `http://localhost:<port>/oauth/callback`.
 */
export const EXAMPLE_APP_NAME = "Plugboard Demo";
export const EXAMPLE_REDIRECT_URI = "https://app.plugboard.example/oauth/callback";
export const EXAMPLE_REDIRECT_URIS: readonly string[] = [
  EXAMPLE_REDIRECT_URI,
  // The demo: the local runtime's callback page, and the server runtime's handler callback.
  "http://localhost/oauth/callback",
  "http://127.0.0.1/oauth/callback",
  "http://localhost/plugboard/oauth/callback",
  "http://127.0.0.1/plugboard/oauth/callback",
];
