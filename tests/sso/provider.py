"""A real OpenID provider for the single sign-on tests, and the one thing in front of it that
a test owns: a proxy of its token endpoint that spoils the ID token on request.

`OpenIDProvider` runs panva's certified oidc-provider (tests/sso/provider.mjs, node) on a free
port with one client and the accounts a test gives, and signs with a key the test made, so
`TokenProxy` can re-sign a changed ID token with the provider's own key: what a provider
never sends (a token for another audience, an expired one) is then indistinguishable from
the real thing but for the one change; a tampered signature is the real token with bytes of
its signature flipped.
"""

import base64
import json
import re
import shutil
import subprocess
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin

import jwt
import requests
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.redis_server import free_port

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "tests" / "sso" / "provider.mjs"
CLIENT_ID = "passionhire"
CLIENT_SECRET = "a-client-secret-for-the-tests-only"
KEY_ID = "sso-tests"


class OpenIDProvider:
    """`node tests/sso/provider.mjs <port> <config.json>`, started and stopped by a test."""

    def __init__(self, redirect_uris: list[str]):
        self.port = free_port()
        self.issuer = f"http://127.0.0.1:{self.port}"
        self.dir = Path(tempfile.mkdtemp(prefix="ph-oidc-"))
        self.private_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.private_key))
        jwk |= {"kid": KEY_ID, "alg": "RS256", "use": "sig"}
        self.accounts_file = self.dir / "accounts.json"
        self.set_accounts({})
        config = {
            "client": {
                "client_id": CLIENT_ID,
                "client_secret": CLIENT_SECRET,
                "redirect_uris": redirect_uris,
            },
            "jwks": {"keys": [jwk]},
            "accounts": str(self.accounts_file),
        }
        self.config_file = self.dir / "config.json"
        self.config_file.write_text(json.dumps(config))
        self.command = ["node", str(SCRIPT), str(self.port), str(self.config_file)]
        self.process: subprocess.Popen | None = None

    def set_accounts(self, accounts: dict[str, dict]) -> None:
        """login -> claims (email, email_verified, groups, given_name, …)."""
        self.accounts_file.write_text(json.dumps(accounts))

    def start(self) -> "OpenIDProvider":
        self.log = (self.dir / "provider.log").open("w")
        self.process = subprocess.Popen(
            self.command, cwd=REPO, stdout=self.log, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 20
        while True:
            try:
                discovery = requests.get(self.discovery_url, timeout=1)
                if discovery.ok and discovery.json().get("issuer") == self.issuer:
                    return self
            except requests.RequestException:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                log = self.log_text()
                self.stop()
                raise RuntimeError(f"oidc-provider did not start:\n{log}")
            time.sleep(0.05)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)

    def log_text(self) -> str:
        return (self.dir / "provider.log").read_text()[-2000:]

    @property
    def discovery_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    @property
    def token_endpoint(self) -> str:
        return f"{self.issuer}/token"

    def log_in(self, authorize_url: str, login: str) -> str:
        """What a person does on the provider's own pages: open the authorization URL, fill
        its sign-in form. Returns the URL the provider sends the browser back to (ours, with
        the code and state), without following it."""
        browser = requests.Session()
        page = browser.get(authorize_url, timeout=10)
        page.raise_for_status()
        action = re.search(r'<form[^>]*action="([^"]+)"', page.text)
        assert action, f"no sign-in form at the provider:\n{page.text[:500]}"
        response = browser.post(
            urljoin(page.url, action.group(1)),
            data={"prompt": "login", "login": login, "password": "any"},
            allow_redirects=False,
            timeout=10,
        )
        while response.is_redirect:
            location = urljoin(response.url, response.headers["Location"])
            if not location.startswith(self.issuer):
                return location
            response = browser.get(location, allow_redirects=False, timeout=10)
        raise AssertionError(f"the provider did not send us back: {response.status_code}")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class TokenProxy:
    """A proxy of the provider's token endpoint on a free port. `spoil` says what it does
    to the ID token in the provider's answer: None (passes it on), "signature" (flips bytes
    of the signature), or a dict of claims to change (re-signed with the provider's key)."""

    def __init__(self, provider: OpenIDProvider):
        self.provider = provider
        self.spoil: str | dict | None = None
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                answer = requests.post(
                    proxy.provider.token_endpoint,
                    data=body,
                    headers={"Content-Type": self.headers["Content-Type"]},
                    timeout=10,
                )
                payload = answer.json()
                if answer.ok and "id_token" in payload:
                    payload["id_token"] = proxy.spoiled(payload["id_token"])
                data = json.dumps(payload).encode()
                self.send_response(answer.status_code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/token"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def spoiled(self, id_token: str) -> str:
        if self.spoil is None:
            return id_token
        header, body, signature = id_token.split(".")
        if self.spoil == "signature":
            raw = bytearray(base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4)))
            raw[10] ^= 0xFF
            raw[-10] ^= 0xFF
            return f"{header}.{body}.{_b64(bytes(raw))}"
        claims = jwt.decode(id_token, options={"verify_signature": False}) | self.spoil
        return jwt.encode(
            claims, self.provider.private_key, algorithm="RS256", headers={"kid": KEY_ID}
        )

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
