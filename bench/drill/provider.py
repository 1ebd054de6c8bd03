"""Stripe's side of the drill, in the drill's own process: the tests' fake Stripe API, a stand-in
for Stripe's hosted checkout page (the load pays there), Stripe's webhook sender (signed events,
sent again until the site answers 2xx, as Stripe does), and a mail server that counts receipts.
"""

import json
import queue
import socketserver
import ssl
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from email import message_from_bytes
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.payments.events import payload, signature
from tests.payments.fake_stripe import FakeStripe, FakeStripeServer

# The balancer's certificate is the drill's own, made for the run: trusted without checking.
UNVERIFIED = ssl.create_default_context()
UNVERIFIED.check_hostname = False
UNVERIFIED.verify_mode = ssl.CERT_NONE
SENDERS = 3
MAX_WAIT = 20.0  # seconds between two tries of one event, at most (Stripe waits hours; a drill cannot)


class WebhookSender:
    """Sends each event to the site until it answers 2xx, waiting longer after each failure."""

    def __init__(self, url: str, secret: str) -> None:
        self.url, self.secret = url, secret
        self.waiting: queue.PriorityQueue[tuple[float, int, bytes, int]] = queue.PriorityQueue()
        self.answers: Counter[str] = Counter()  # "200", "503", "connection error" ...
        self.delivered = 0
        self.sent = 0
        self.last_delivered = b""
        self._order = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._send_loop, daemon=True) for _ in range(SENDERS)]
        for thread in self._threads:
            thread.start()

    def send(self, body: bytes) -> None:
        with self._lock:
            self._order += 1
            self.sent += 1
            self.waiting.put((time.monotonic(), self._order, body, 0))

    def send_again(self) -> None:
        """Stripe sends an event twice now and then: the last one delivered, once more."""
        if self.last_delivered:
            self.send(self.last_delivered)

    def undelivered(self) -> int:
        with self._lock:
            return self.sent - self.delivered

    def _send_loop(self) -> None:
        while not self._stop.is_set():
            try:
                due, order, body, tries = self.waiting.get(timeout=0.2)
            except queue.Empty:
                continue
            if due > time.monotonic():
                self.waiting.put((due, order, body, tries))
                time.sleep(min(0.2, due - time.monotonic()))
                continue
            answer = self._post(body)
            with self._lock:
                self.answers[answer] += 1
                if answer.startswith("2"):
                    self.delivered += 1
                    self.last_delivered = body
                    continue
            self.waiting.put((time.monotonic() + min(2.0**tries, MAX_WAIT), order, body, tries + 1))

    def _post(self, body: bytes) -> str:
        request = urllib.request.Request(
            self.url,
            data=body,
            headers={"Content-Type": "application/json", "Stripe-Signature": signature(body, secret=self.secret)},
        )
        try:
            with urllib.request.urlopen(request, timeout=30, context=UNVERIFIED) as answer:
                return str(answer.status)
        except urllib.error.HTTPError as error:
            return str(error.code)
        except TimeoutError:
            return "timeout"
        except OSError as error:
            reason = getattr(error, "reason", error)
            return "timeout" if isinstance(reason, TimeoutError) else f"connection error ({type(reason).__name__})"

    def stop(self) -> None:
        self._stop.set()


class Checkout:
    """Stripe's hosted checkout page, as far as the drill needs it: `POST /pay/<session>` pays the
    session (the fake completes it) and Stripe's event goes out; the answer is where Stripe would
    send the donor back (the site's thank-you page). Every session paid is remembered: each must
    end as exactly one completed gift."""

    def __init__(self, fake: FakeStripe, sender: WebhookSender) -> None:
        self.fake, self.sender = fake, sender
        self.paid: list[str] = []
        self._lock = threading.Lock()
        handler = type("Handler", (_CheckoutHandler,), {"checkout": self})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def pay(self, session_id: str) -> tuple[int, dict[str, Any]]:
        with self.fake.lock:
            session = self.fake.sessions.get(session_id)
            if session is None:
                return 404, {"error": "no such session"}
            if session["status"] == "complete":
                return 200, {"success_url": session["success_url"]}  # paid already: back to the site
            self.fake.complete(session_id)
            current = self.fake.find("checkout.session", session_id)
        with self._lock:
            self.paid.append(session_id)
            event_id = f"evt_drill{len(self.paid):07d}"
        self.sender.send(payload("checkout.session.completed", session_id, event_id=event_id, data_object=current))
        return 200, {"success_url": session["success_url"]}

    def stop(self) -> None:
        self._server.shutdown()


class _CheckoutHandler(BaseHTTPRequestHandler):
    checkout: Checkout
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        status, body = self.checkout.pay(self.path.rsplit("/", 1)[-1])
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class MailSink:
    """A minimal SMTP server on 127.0.0.1 that keeps who got which subject: the receipts sent."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, str]] = []  # (recipient, subject)
        sink = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                self.wfile.write(b"220 drill ESMTP\r\n")
                recipients: list[str] = []
                while line := self.rfile.readline():
                    verb = line[:4].upper()
                    if verb in (b"EHLO", b"HELO"):
                        self.wfile.write(b"250 drill\r\n")
                    elif verb == b"MAIL":
                        recipients = []
                        self.wfile.write(b"250 OK\r\n")
                    elif verb == b"RCPT":
                        recipients.append(line.split(b":", 1)[1].strip().strip(b"<>").decode())
                        self.wfile.write(b"250 OK\r\n")
                    elif verb == b"DATA":
                        self.wfile.write(b"354 go on\r\n")
                        data = b""
                        while (part := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
                            data += part
                        subject = str(message_from_bytes(data).get("Subject", ""))
                        sink.messages.extend((to, subject) for to in recipients)
                        self.wfile.write(b"250 OK\r\n")
                    elif verb == b"QUIT":
                        self.wfile.write(b"221 bye\r\n")
                        return
                    else:
                        self.wfile.write(b"250 OK\r\n")

        self._server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = int(self._server.server_address[1])
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self._server.shutdown()


def fake_stripe() -> FakeStripeServer:
    return FakeStripeServer().__enter__()
