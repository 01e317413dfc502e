/**
 * What an OAuth button needs only when its popup is blocked: the notice and the same-window
 * fallback. Its own chunk, preloaded by the OAuth button when it mounts, so connectors without an
 * OAuth option never load it.
 */
export { BlockedNotice } from "./blocked-notice.tsx";
export { startRedirectConnect } from "./redirect-connect.ts";
