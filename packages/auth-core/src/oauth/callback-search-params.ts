/**
 * Reads the parameters of an OAuth callback. Its own module because the browser-side server
 * runtime needs it too, without the authorization response validation next door.
 */
import { ErrorKey, PlugboardError } from "../errors.ts";

/** A callback given as a URL, a query string (`?a=b`, `a=b`, `#a=b`) or URLSearchParams, as parameters. */
export function callbackSearchParams(input: URL | string | URLSearchParams): URLSearchParams {
  if (input instanceof URLSearchParams) return input;
  if (input instanceof URL) return input.searchParams;
  if (typeof input !== "string") {
    throw new PlugboardError(ErrorKey.INVALID_ARGUMENT, { message: "The callback must be a URL, a query string or URLSearchParams." });
  }
  if (input.startsWith("?") || input.startsWith("#")) return new URLSearchParams(input.slice(1));
  // Anything starting with a scheme (`https:`, `com.example.app:`) is a URL; the rest is a bare query.
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(input)) return new URLSearchParams(input);
  try {
    return new URL(input).searchParams;
  } catch (cause) {
    throw new PlugboardError(ErrorKey.INVALID_ARGUMENT, { message: "The callback URL could not be parsed.", cause });
  }
}
