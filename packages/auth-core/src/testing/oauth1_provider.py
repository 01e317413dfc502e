"""A real OAuth 1.0a provider for integration tests, built on Debian's python3-oauthlib 3.2.2 (oauth-security.md §3.3).

Verifies signatures independently of our TypeScript signer. Loopback only. Started by oauth1-provider.ts.

Usage: python3 oauth1_provider.py '<json config>'
  config: {"port": 0, "timestamp_lifetime": 600,
           "consumers": [{"key": "...", "secret": "..."}, {"key": "...", "rsa_public_key": "-----BEGIN PUBLIC KEY-----..."}]}
Prints one line {"port": N} on stdout once listening. Exits when stdin reaches EOF (the parent died or closed it).

Endpoints (on http://127.0.0.1:N):
  POST /oauth/request_token   oauth_callback required (URL or "oob"); realm in the Authorization header allowed
  GET  /oauth/authorize?oauth_token=T[&approve=1|&deny=1]
       approve=1 -> 302 callback?oauth_token=T&oauth_verifier=V ; deny=1 -> 302 callback?denied=T ;
       neither   -> tiny HTML consent page with Approve / Deny links
  POST /oauth/access_token    oauth_verifier required
  GET|POST|... /api/<anything> protected resource: 200 {"ok": true, method, path, params, consumer_key, token, signature_method, realm}
                              or 401 {"ok": false, "error": ..., "checks": {...}, "log": [...]}
  GET  /health                200 {"ok": true}
"""
import html
import json
import logging
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

from oauthlib.common import add_params_to_uri, urlencoded
from oauthlib.oauth1 import (
    AccessTokenEndpoint, AuthorizationEndpoint, RequestTokenEndpoint, RequestValidator, ResourceEndpoint,
)
from oauthlib.oauth1.rfc5849 import errors as oauth_errors

DUMMY = "dummy"
log = logging.getLogger("oauthlib.testprovider")  # collected with oauthlib's own log lines


class Store:
    def __init__(self, consumers):
        self.lock = threading.RLock()
        self.consumers = {c["key"]: c for c in consumers}
        self.request_tokens = {}  # token -> {secret, client_key, callback, realms, verifier}
        self.access_tokens = {}  # token -> {secret, client_key, realms}
        self.nonces = set()  # (client_key, timestamp, nonce, token)


class Validator(RequestValidator):
    """In-memory validator with relaxed format checks (any non-empty printable value; realms free-form)."""

    enforce_ssl = False

    def __init__(self, store, timestamp_lifetime):
        super().__init__()
        self.store = store
        self._timestamp_lifetime = timestamp_lifetime

    @property
    def timestamp_lifetime(self):
        return self._timestamp_lifetime

    @staticmethod
    def _ok(value):
        return bool(value) and len(value) <= 512 and value.isprintable()

    def check_client_key(self, client_key): return self._ok(client_key)
    def check_request_token(self, request_token): return self._ok(request_token)
    def check_access_token(self, request_token): return self._ok(request_token)
    def check_nonce(self, nonce): return self._ok(nonce)
    def check_verifier(self, verifier): return self._ok(verifier)
    def check_realms(self, realms): return True

    @property
    def dummy_client(self): return DUMMY
    @property
    def dummy_request_token(self): return DUMMY
    @property
    def dummy_access_token(self): return DUMMY

    # --- clients
    def validate_client_key(self, client_key, request):
        return client_key in self.store.consumers

    def get_client_secret(self, client_key, request):
        return self.store.consumers.get(client_key, {}).get("secret") or DUMMY

    def get_rsa_key(self, client_key, request):
        return self.store.consumers.get(client_key, {}).get("rsa_public_key")

    # --- nonces: one use per (client, timestamp, nonce, token); timestamp window is checked by oauthlib
    def validate_timestamp_and_nonce(self, client_key, timestamp, nonce, request, request_token=None, access_token=None):
        entry = (client_key, timestamp, nonce, request_token or access_token)
        with self.store.lock:
            if entry in self.store.nonces:
                request.nonce_replayed = True
                log.info("nonce replayed: %s", nonce)
                return False
            self.store.nonces.add(entry)
            return True

    # --- realms (anything goes; remembered on the tokens)
    def get_default_realms(self, client_key, request): return []
    def validate_requested_realms(self, client_key, realms, request): return True
    def verify_realms(self, token, realms, request): return True
    def validate_realms(self, client_key, token, request, uri=None, realms=None): return True

    def get_realms(self, token, request):
        with self.store.lock:
            entry = self.store.request_tokens.get(token) or self.store.access_tokens.get(token) or {}
            return list(entry.get("realms") or [])

    # --- request tokens
    def validate_redirect_uri(self, client_key, redirect_uri, request):
        return redirect_uri == "oob" or redirect_uri.startswith(("http://", "https://"))

    def save_request_token(self, token, request):
        with self.store.lock:
            self.store.request_tokens[token["oauth_token"]] = {
                "secret": token["oauth_token_secret"], "client_key": request.client_key,
                "callback": request.redirect_uri, "realms": request.realms or [], "verifier": None,
            }

    def verify_request_token(self, token, request):
        return token in self.store.request_tokens

    def get_redirect_uri(self, token, request):
        return self.store.request_tokens[token]["callback"]

    def save_verifier(self, token, verifier, request):
        with self.store.lock:
            self.store.request_tokens[token]["verifier"] = verifier["oauth_verifier"]

    def validate_request_token(self, client_key, token, request):
        entry = self.store.request_tokens.get(token)
        return bool(entry) and entry["client_key"] == client_key

    def get_request_token_secret(self, client_key, token, request):
        entry = self.store.request_tokens.get(token)
        return entry["secret"] if entry and entry["client_key"] == client_key else DUMMY

    def validate_verifier(self, client_key, token, verifier, request):
        entry = self.store.request_tokens.get(token)
        if not entry or entry["client_key"] != client_key or not entry["verifier"]:
            return False
        request.realms = entry["realms"]
        return verifier == entry["verifier"]  # test server: plain compare is fine

    def invalidate_request_token(self, client_key, request_token, request):
        with self.store.lock:
            self.store.request_tokens.pop(request_token, None)

    # --- access tokens
    def save_access_token(self, token, request):
        with self.store.lock:
            self.store.access_tokens[token["oauth_token"]] = {
                "secret": token["oauth_token_secret"], "client_key": request.client_key,
                "realms": request.realms or [],
            }

    def validate_access_token(self, client_key, token, request):
        entry = self.store.access_tokens.get(token)
        return bool(entry) and entry["client_key"] == client_key

    def get_access_token_secret(self, client_key, token, request):
        entry = self.store.access_tokens.get(token)
        return entry["secret"] if entry and entry["client_key"] == client_key else DUMMY


class LogCollector(logging.Handler):
    """Collects oauthlib's failure log lines (validate_* return bools; reasons are only logged) per thread."""

    local = threading.local()

    def emit(self, record):
        messages = getattr(self.local, "messages", None)
        if messages is not None:
            messages.append(record.getMessage())


def lenient(encoded):
    """Percent-encode characters oauthlib's urldecode rejects outright (e.g. raw `[]|^{}"` that WHATWG URLs leave in
    queries). Decoded values, hence the signature base string, are unchanged; real servers decode these fine."""
    return "".join(c if c in urlencoded else quote(c, safe="") for c in encoded)


def make_handler(validator):
    request_token_endpoint = RequestTokenEndpoint(validator)
    authorization_endpoint = AuthorizationEndpoint(validator)
    access_token_endpoint = AccessTokenEndpoint(validator)
    resource_endpoint = ResourceEndpoint(validator)
    store = validator.store

    class Handler(BaseHTTPRequestHandler):
        server_version = "oauth1-test-provider"
        protocol_version = "HTTP/1.1"

        def log_message(self, format, *args):  # quiet
            pass

        def _send(self, status, body=b"", headers=None):
            headers = dict(headers or {})
            if isinstance(body, str):
                body = body.encode("utf-8")
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def _json(self, status, obj, headers=None):
            self._send(status, json.dumps(obj), {"Content-Type": "application/json", **(headers or {})})

        def _request(self):
            """(absolute uri as the client addressed it, body str, headers dict)."""
            length = int(self.headers.get("Content-Length") or 0)
            body = lenient(self.rfile.read(length).decode("utf-8")) if length else ""
            host = self.headers.get("Host") or "127.0.0.1:%d" % self.server.server_address[1]
            path, sep, query = self.path.partition("?")
            return "http://%s%s%s%s" % (host, path, sep, lenient(query)), body, dict(self.headers.items())

        def _token_endpoint(self, endpoint_method):
            uri, body, headers = self._request()
            LogCollector.local.messages = []
            try:
                resp_headers, resp_body, status = endpoint_method(uri, self.command, body, headers)
            except ValueError as error:  # oauthlib rejects some malformed query/body encodings this way
                resp_headers, resp_body, status = {"Content-Type": "application/x-www-form-urlencoded"}, urlencode({"error": "invalid_request", "error_description": str(error)}), 400
            finally:
                log = LogCollector.local.messages
                LogCollector.local.messages = None
            if status == 401 and not resp_body:
                resp_headers = {"Content-Type": "application/x-www-form-urlencoded"}
                resp_body = urlencode({"error": "invalid_request", "error_description": "; ".join(log) or "verification failed"})
            self._send(status, resp_body or "", resp_headers)

        def _authorize(self):
            uri, _, _ = self._request()
            query = dict(parse_qsl(urlsplit(uri).query, keep_blank_values=True))
            token = query.get("oauth_token")
            entry = store.request_tokens.get(token) if token else None
            if not entry:
                return self._send(400, "unknown or missing oauth_token", {"Content-Type": "text/plain"})
            if query.get("deny") == "1":
                with store.lock:
                    store.request_tokens.pop(token, None)
                if entry["callback"] == "oob":
                    return self._send(200, "denied", {"Content-Type": "text/plain"})
                return self._send(302, "", {"Location": add_params_to_uri(entry["callback"], [("denied", token)])})
            if query.get("approve") == "1":
                try:
                    # Only oauth_token goes to oauthlib (other query params would be fine too, but keep it minimal).
                    auth_uri = "http://127.0.0.1/oauth/authorize?" + urlencode({"oauth_token": token})
                    headers, body, status = authorization_endpoint.create_authorization_response(auth_uri, realms=entry["realms"])
                except oauth_errors.OAuth1Error as error:
                    return self._send(error.status_code, error.urlencoded, {"Content-Type": "application/x-www-form-urlencoded"})
                return self._send(status, body or "", headers)
            base = "/oauth/authorize?" + urlencode({"oauth_token": token})
            page = (
                "<!doctype html><meta charset=utf-8><title>Authorize</title>"
                "<h1>Authorize %s?</h1><p>realms: %s</p>"
                '<a id="approve" href="%s&amp;approve=1">Approve</a> <a id="deny" href="%s&amp;deny=1">Deny</a>'
            ) % (html.escape(entry["client_key"]), html.escape(" ".join(entry["realms"])), html.escape(base), html.escape(base))
            self._send(200, page, {"Content-Type": "text/html; charset=utf-8"})

        def _resource(self):
            uri, body, headers = self._request()
            LogCollector.local.messages = []
            try:
                valid, request = resource_endpoint.validate_protected_resource_request(uri, self.command, body, headers)
            except ValueError as error:
                valid, request = False, None
                LogCollector.local.messages.append("malformed request: %s" % error)
            finally:
                log = LogCollector.local.messages
                LogCollector.local.messages = None
            if not valid:
                if request is None:
                    reason = "malformed_request"
                elif getattr(request, "nonce_replayed", False):
                    reason = "nonce_replayed"
                elif not request.validator_log:
                    reason = "invalid_request"  # missing params, bad timestamp, unknown method, no token...
                elif not request.validator_log.get("client"):
                    reason = "unknown_consumer"
                elif not request.validator_log.get("resource_owner"):
                    reason = "unknown_token"
                elif not request.validator_log.get("signature"):
                    reason = "invalid_signature"
                else:
                    reason = "invalid_request"
                checks = dict(request.validator_log) if request is not None else {}
                return self._json(401, {"ok": False, "error": reason, "checks": checks, "log": log},
                                  {"WWW-Authenticate": 'OAuth realm="oauth1-test-provider"'})
            params = {}
            for key, value in request.params:  # query + form body params (oauthlib drops the header realm)
                if key.startswith("oauth_"):
                    continue
                params.setdefault(key, []).append(value)
            self._json(200, {
                "ok": True, "method": self.command, "path": urlsplit(uri).path,
                "params": {k: v[0] if len(v) == 1 else v for k, v in params.items()},
                "consumer_key": request.client_key, "token": request.resource_owner_key,
                "signature_method": request.signature_method, "realm": request.realm,
            })

        def _dispatch(self):
            path = urlsplit(self.path).path
            try:
                if path == "/oauth/request_token" and self.command == "POST":
                    return self._token_endpoint(request_token_endpoint.create_request_token_response)
                if path == "/oauth/access_token" and self.command == "POST":
                    return self._token_endpoint(access_token_endpoint.create_access_token_response)
                if path == "/oauth/authorize" and self.command == "GET":
                    return self._authorize()
                if path.startswith("/api/"):
                    return self._resource()
                if path == "/health":
                    return self._json(200, {"ok": True})
                self._json(404, {"ok": False, "error": "not_found"})
            except Exception as error:  # never kill the server thread silently
                self._json(500, {"ok": False, "error": "server_error", "detail": repr(error)})

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = _dispatch

    return Handler


def main():
    config = json.loads(sys.argv[1]) if len(sys.argv) > 1 else {}
    store = Store(config.get("consumers") or [])
    validator = Validator(store, int(config.get("timestamp_lifetime") or 600))
    oauth_logger = logging.getLogger("oauthlib")
    oauth_logger.setLevel(logging.DEBUG)
    oauth_logger.addHandler(LogCollector())
    oauth_logger.propagate = False

    server = ThreadingHTTPServer(("127.0.0.1", int(config.get("port") or 0)), make_handler(validator))
    server.daemon_threads = True
    print(json.dumps({"port": server.server_address[1]}), flush=True)

    # Die with the parent: its end of our stdin closes when it exits (even on SIGKILL).
    def watch_stdin():
        try:
            while sys.stdin.buffer.read(1024):
                pass
        finally:
            server.shutdown()

    threading.Thread(target=watch_stdin, daemon=True).start()
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
