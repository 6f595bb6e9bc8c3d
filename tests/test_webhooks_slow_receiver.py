"""A receiver that answers at once and then drips its body a byte at a time must not hold a
worker: the attempt ends after the read timeout in all, not per byte."""

import socket
import threading
import time

from passionhire.webhooks import sending


def dripping_server(stop: threading.Event) -> int:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)

    def serve():
        connection, _ = listener.accept()
        connection.recv(65536)
        connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n")
        while not stop.is_set():
            try:
                connection.sendall(b".")
            except OSError:
                break
            time.sleep(0.2)  # always within the per-read timeout
        connection.close()
        listener.close()

    threading.Thread(target=serve, daemon=True).start()
    return listener.getsockname()[1]


def test_a_dripping_receiver_is_cut_off_after_the_read_timeout(settings):
    settings.PASSIONHIRE = {
        **settings.PASSIONHIRE,
        "WEBHOOKS_READ_TIMEOUT": 1,
        "WEBHOOKS_ALLOW_PRIVATE_ADDRESSES": True,
    }
    stop = threading.Event()
    port = dripping_server(stop)
    started = time.monotonic()
    try:
        outcome = sending.post(
            url=f"http://127.0.0.1:{port}/hooks",
            message_id="msg_drip",
            payload={"type": "application.created"},
            secrets=["whsec_" + "A" * 32],
        )
    finally:
        stop.set()
    took = time.monotonic() - started
    assert outcome.status_code == 200  # it did answer 2xx: a success
    assert took < 2.5  # one read timeout (1 s) and a last read, not 100,000 × 0.2 s
