/**
 * The OAuth redirect URI page of the local runtime (/oauth/callback). In a popup it hands the
 * callback to the opener and closes; after a same-window redirect it returns to the page that
 * started the flow, which resumes it.
 */
import { handleOAuthCallback, REDIRECT_STORAGE_PREFIX } from "@plugboard/auth-core/browser";

const state = new URL(window.location.href).searchParams.get("state") ?? "";
const saved = state ? window.sessionStorage.getItem(REDIRECT_STORAGE_PREFIX + state) : null;

if (!window.opener && saved) {
  const { returnTo } = JSON.parse(saved) as { returnTo?: string };
  const target = new URL(returnTo ?? "/", window.location.origin);
  for (const [name, value] of new URLSearchParams(window.location.search)) target.searchParams.append(name, value);
  window.location.replace(target.toString());
} else {
  handleOAuthCallback();
}
