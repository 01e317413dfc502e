"""Independent OAuth 1.0 verifier for tests: Debian python3-oauthlib's SignatureOnlyEndpoint (oauth-security.md §3.3).

stdin: a JSON list of {uri, method, body, headers, client_key, client_secret, token?, token_secret?, rsa_public_key?}
stdout: a JSON list of {valid: bool, log: [str]} in the same order.
"""
import json
import logging
import sys

from oauthlib.oauth1 import RequestValidator, SignatureOnlyEndpoint


class Collector(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


class Validator(RequestValidator):
    enforce_ssl = False
    timestamp_lifetime = 10 ** 10  # fixed test timestamps

    def __init__(self, case):
        super().__init__()
        self.case = case

    # Relax the default format checks (20-30 alphanumerics); the signature is what is under test.
    def check_client_key(self, client_key): return True
    def check_access_token(self, token): return True
    def check_nonce(self, nonce): return True
    def check_verifier(self, verifier): return True

    @property
    def dummy_client(self): return "dummy"
    @property
    def dummy_access_token(self): return "dummy"

    def validate_timestamp_and_nonce(self, *args, **kwargs): return True
    def validate_client_key(self, client_key, request): return client_key == self.case["client_key"]
    def get_client_secret(self, client_key, request): return self.case.get("client_secret") or ""
    def get_access_token_secret(self, client_key, token, request):
        return (self.case.get("token_secret") or "") if token == self.case.get("token") else "dummy"
    def get_rsa_key(self, client_key, request): return self.case.get("rsa_public_key")


def verify(case):
    collector = Collector()
    logger = logging.getLogger("oauthlib")
    logger.setLevel(logging.DEBUG)
    logger.addHandler(collector)
    try:
        endpoint = SignatureOnlyEndpoint(Validator(case))
        valid, _ = endpoint.validate_request(case["uri"], case["method"], case.get("body"), case.get("headers") or {})
    except Exception as error:  # report, do not crash the batch
        valid = False
        collector.messages.append("exception: %r" % error)
    finally:
        logger.removeHandler(collector)
    return {"valid": bool(valid), "log": collector.messages}


print(json.dumps([verify(case) for case in json.load(sys.stdin)]))
