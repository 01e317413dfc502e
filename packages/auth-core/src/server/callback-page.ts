/**
 * The page the provider redirects to in the server runtime. It holds no secret and exchanges
 * nothing: it hands the callback parameters to the opener (exact-origin postMessage, plus a
 * BroadcastChannel for openers cut off by COOP), strips them from the address bar and closes.
 * Its one inline script runs under a nonce CSP; nothing external is loaded.
 */
import { bytesToBase64Url } from "../internal/base64.ts";

export function callbackPageHtml(options: { state: string; params: [string, string][]; targetOrigin: string; nonce: string }): string {
  const message = { source: "plugboard", type: "oauth-callback", state: options.state, params: options.params };
  const json = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Finishing sign-in</title>
<style nonce="${options.nonce}">body{font:16px system-ui,sans-serif;margin:3rem auto;max-width:28rem;padding:0 1rem;color:#1f2937}</style></head>
<body>
<p id="status" role="status">Finishing sign-in…</p>
<script nonce="${options.nonce}">
(function () {
  var message = ${json(message)};
  var targetOrigin = ${json(options.targetOrigin)};
  try { if (window.opener) window.opener.postMessage(message, targetOrigin); } catch (e) {}
  try { var channel = new BroadcastChannel("plugboard-oauth"); channel.postMessage(message); channel.close(); } catch (e) {}
  try { history.replaceState(null, "", location.pathname); } catch (e) {}
  setTimeout(function () { window.close(); }, 300);
  setTimeout(function () { document.getElementById("status").textContent = "You can close this window and return to the app."; }, 1500);
})();
</script>
</body>
</html>`;
}

export function errorPageHtml(message: string, nonce: string): string {
  const text = message.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign-in failed</title>
<style nonce="${nonce}">body{font:16px system-ui,sans-serif;margin:3rem auto;max-width:28rem;padding:0 1rem;color:#1f2937}</style></head>
<body><h1>Sign-in could not finish</h1><p role="alert">${text}</p><p>Close this window and try connecting again.</p></body></html>`;
}

export function createNonce(): string {
  return bytesToBase64Url(crypto.getRandomValues(new Uint8Array(16)));
}
