"""A real webhook receiver for tests and bench/webhooks.py: an HTTP server in a thread on a
free port that verifies each request's Standard Webhooks signature (with the spec authors'
`standardwebhooks`, as a receiver would), de-duplicates on webhook-id, and can be told to
answer with an error, to hang, or to fail a share of requests."""

import random
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks import Webhook, WebhookVerificationError


@dataclass
class Received:
    message_id: str
    verified: bool
    status: int
    payload: dict | None
    at: float  # time.time() when it arrived
    signatures: str = ""


@dataclass
class Receiver:
    """`answers`: statuses to give the next requests, in order (then 200); `hangs`: seconds to
    wait before answering the next requests, in order (then `hang`); `fail_share`: the share
    of requests answered 500 at random."""

    secret: str = ""
    answers: list[int] = field(default_factory=list)
    hang: float = 0.0
    hangs: list[float] = field(default_factory=list)
    fail_share: float = 0.0
    seed: int = 7
    received: list[Received] = field(default_factory=list)

    def __post_init__(self):
        self._lock = threading.Lock()
        self._random = random.Random(self.seed)
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("content-length") or 0))
                receiver._handle(self, body)

            def log_message(self, *args):  # quiet
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hooks"

    def _handle(self, handler, body: bytes) -> None:
        headers = dict(handler.headers.items())
        try:
            payload = Webhook(self.secret).verify(body, headers) if self.secret else None
            verified = bool(self.secret)
        except WebhookVerificationError:
            payload, verified = None, False
        with self._lock:
            if self.answers:
                status = self.answers.pop(0)
            elif self.fail_share and self._random.random() < self.fail_share:
                status = 500
            else:
                status = 200 if verified or not self.secret else 401
            wait = self.hangs.pop(0) if self.hangs else self.hang
        if wait:
            time.sleep(wait)
        with self._lock:
            self.received.append(
                Received(
                    message_id=headers.get("webhook-id", ""),
                    verified=verified,
                    status=status,
                    payload=payload,
                    at=time.time(),
                    signatures=headers.get("webhook-signature", ""),
                )
            )
        try:
            handler.send_response(status)
            handler.send_header("content-length", "2")
            handler.end_headers()
            handler.wfile.write(b"ok")
        except OSError:  # the sender gave up waiting (a timeout test)
            pass

    def accepted(self) -> dict[str, Received]:
        """What a de-duplicating receiver processes: the first 2xx per webhook-id."""
        with self._lock:
            first = {}
            for item in self.received:
                if 200 <= item.status < 300 and item.message_id not in first:
                    first[item.message_id] = item
            return first

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
