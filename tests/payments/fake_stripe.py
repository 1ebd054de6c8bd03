"""A local fake of the parts of Stripe's API that OMS Hub calls, served on 127.0.0.1.

stripe-python talks to it over real HTTP (its `api` base address points here), so requests,
retries and idempotency keys go through the SDK exactly as in production. Tests change
the fake's state the way Stripe would (`complete`, `refund`, `dispute`, `renew`) and then
deliver signed events built from recorded payloads (see events.py).
"""

import contextlib
import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

_ids = itertools.count(1)


def new_id(prefix: str) -> str:
    return f"{prefix}_fake{next(_ids):06d}"


def _list(data: list[dict], url: str) -> dict:
    return {"object": "list", "data": data, "has_more": False, "url": url}


@dataclass
class FakeStripe:
    sessions: dict[str, dict] = field(default_factory=dict)
    payment_intents: dict[str, dict] = field(default_factory=dict)
    charges: dict[str, dict] = field(default_factory=dict)
    disputes: dict[str, dict] = field(default_factory=dict)
    invoices: dict[str, dict] = field(default_factory=dict)
    subscriptions: dict[str, dict] = field(default_factory=dict)
    refunds: dict[str, dict] = field(default_factory=dict)
    idempotent: dict[str, tuple[int, dict]] = field(default_factory=dict)
    requests: list[tuple[str, str, str]] = field(default_factory=list)  # method, path, idempotency key
    slow_paths: set[str] = field(default_factory=set)  # answer the first request of each key too late
    slow_seconds: float = 0.0
    lock: threading.RLock = field(default_factory=threading.RLock)

    # State changes, as Stripe makes them -------------------------------------------------

    def complete(self, session_id: str, *, paid: bool = True) -> dict:
        with self.lock:
            session = self.sessions[session_id]
            session["status"] = "complete"
            session["customer"] = session["customer"] or new_id("cus")
            if session["mode"] == "subscription":
                subscription = {
                    "id": new_id("sub"),
                    "object": "subscription",
                    "status": "active",
                    "customer": session["customer"],
                    "metadata": dict(session["metadata"]),
                    "livemode": False,
                }
                self.subscriptions[subscription["id"]] = subscription
                session["subscription"] = subscription["id"]
                invoice = self._invoice(subscription, session["amount_total"], "subscription_create")
                session["invoice"] = invoice["id"]
            else:
                intent, _ = self._payment(session["amount_total"], session["metadata"], paid=paid)
                session["payment_intent"] = intent["id"]
            session["payment_status"] = "paid" if paid else "unpaid"
            return session

    def settle(self, session_id: str, *, succeeded: bool) -> None:
        """A delayed payment (e.g. a bank debit) clears or fails."""
        with self.lock:
            session = self.sessions[session_id]
            intent = self.payment_intents[session["payment_intent"]]
            if succeeded:
                intent["status"] = "succeeded"
                session["payment_status"] = "paid"
                self._charge(intent)
            else:
                intent["status"] = "requires_payment_method"

    def _payment(self, amount: int, metadata: dict, *, paid: bool = True) -> tuple[dict, dict | None]:
        intent: dict[str, Any] = {
            "id": new_id("pi"),
            "object": "payment_intent",
            "amount": amount,
            "currency": "usd",
            "status": "succeeded" if paid else "processing",
            "metadata": dict(metadata),
            "latest_charge": None,
            "livemode": False,
        }
        self.payment_intents[intent["id"]] = intent
        charge = self._charge(intent) if paid else None
        return intent, charge

    def _charge(self, intent: dict) -> dict:
        charge = {
            "id": new_id("ch"),
            "object": "charge",
            "amount": intent["amount"],
            "amount_captured": intent["amount"],
            "amount_refunded": 0,
            "refunded": False,
            "disputed": False,
            "currency": "usd",
            "payment_intent": intent["id"],
            "metadata": {},
            "livemode": False,
            "created": int(time.time()),
        }
        self.charges[charge["id"]] = charge
        intent["latest_charge"] = charge["id"]
        return charge

    def _invoice(self, subscription: dict, amount: int, reason: str) -> dict:
        intent, charge = self._payment(amount, {})
        assert charge is not None
        invoice = {
            "id": new_id("in"),
            "object": "invoice",
            "status": "paid",
            "billing_reason": reason,
            "amount_paid": amount,
            "currency": "usd",
            "customer": subscription["customer"],
            "livemode": False,
            "created": int(time.time()),
            "parent": {
                "type": "subscription_details",
                "subscription_details": {
                    "subscription": subscription["id"],
                    "metadata": dict(subscription["metadata"]),
                },
            },
            "payments": _list(
                [
                    {
                        "id": new_id("inpay"),
                        "object": "invoice_payment",
                        "status": "paid",
                        "invoice": None,
                        "payment": {"type": "payment_intent", "payment_intent": intent["id"], "charge": charge["id"]},
                    }
                ],
                "/v1/invoice_payments",
            ),
        }
        invoice["payments"]["data"][0]["invoice"] = invoice["id"]
        self.invoices[invoice["id"]] = invoice
        return invoice

    def renew(self, subscription_id: str, amount: int) -> dict:
        with self.lock:
            return self._invoice(self.subscriptions[subscription_id], amount, "subscription_cycle")

    def charge_of_session(self, session_id: str) -> dict:
        session = self.sessions[session_id]
        intent_id = session["payment_intent"]
        if intent_id is None:
            invoice = self.invoices[session["invoice"]]
            intent_id = invoice["payments"]["data"][0]["payment"]["payment_intent"]
        return self.charges[self.payment_intents[intent_id]["latest_charge"]]

    def refund(self, charge_id: str, amount: int) -> dict:
        with self.lock:
            charge = self.charges[charge_id]
            if charge["amount_refunded"] + amount > charge["amount"]:
                raise ValueError("refund larger than the charge")
            charge["amount_refunded"] += amount
            charge["refunded"] = charge["amount_refunded"] == charge["amount"]
            refund: dict[str, Any] = {
                "id": new_id("re"),
                "object": "refund",
                "amount": amount,
                "charge": charge_id,
                "status": "succeeded",
                "created": int(time.time()),
            }
            self.refunds[refund["id"]] = refund
            return refund

    def dispute(self, charge_id: str, status: str = "needs_response") -> dict:
        with self.lock:
            charge = self.charges[charge_id]
            dispute = {
                "id": new_id("dp"),
                "object": "dispute",
                "charge": charge_id,
                "status": status,
                "amount": charge["amount"],
                "created": int(time.time()),
            }
            self.disputes[dispute["id"]] = dispute
            charge["disputed"] = True
            return dispute

    def close_dispute(self, dispute_id: str, status: str) -> None:
        with self.lock:
            self.disputes[dispute_id]["status"] = status

    def cancel(self, subscription_id: str) -> None:
        with self.lock:
            self.subscriptions[subscription_id]["status"] = "canceled"

    # Reads, expanded as OMS Hub asks ------------------------------------------------------

    def session_view(self, session: dict) -> dict:
        view = dict(session)
        if session["payment_intent"]:
            view["payment_intent"] = dict(self.payment_intents[session["payment_intent"]])
        return view

    def charge_view(self, charge: dict) -> dict:
        view = dict(charge)
        view["payment_intent"] = dict(self.payment_intents[charge["payment_intent"]])
        return view


class _Handler(BaseHTTPRequestHandler):
    fake: FakeStripe
    protocol_version = "HTTP/1.1"  # keep-alive, as with the real API
    disable_nagle_algorithm = True  # headers and body go in two writes: no 40 ms wait for an ACK

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _answer(self, status: int, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Request-Id", new_id("req"))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        query = dict(parse_qsl(url.query))
        self.fake.requests.append(("GET", url.path, ""))
        status, body = self._route_get(url.path, query)
        self._answer(status, body)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        params = dict(parse_qsl(self.rfile.read(length).decode()))
        key = self.headers.get("Idempotency-Key", "")
        path = urlsplit(self.path).path
        fake = self.fake
        with fake.lock:
            fake.requests.append(("POST", path, key))
            stored = fake.idempotent.get(key) if key else None
            if stored is None:
                stored = self._route_post(path, params)
                if key:
                    fake.idempotent[key] = stored
                first = True
            else:
                first = False
        if first and path in fake.slow_paths:
            time.sleep(fake.slow_seconds)  # the work is done; the answer is lost to the client's timeout
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._answer(*stored)

    def _missing(self, what: str) -> tuple[int, dict]:
        return 404, {"error": {"type": "invalid_request_error", "message": f"No such {what}"}}

    def _route_get(self, path: str, query: dict[str, str]) -> tuple[int, dict]:
        fake = self.fake
        parts = path.strip("/").split("/")
        with fake.lock:
            if parts[:3] == ["v1", "checkout", "sessions"]:
                if len(parts) == 4:
                    session = fake.sessions.get(parts[3])
                    return (200, fake.session_view(session)) if session else self._missing("checkout session")
                since = int(query.get("created[gte]", 0))
                data = [fake.session_view(s) for s in fake.sessions.values() if s["created"] >= since]
                return 200, _list(data, path)
            if parts[:2] == ["v1", "charges"]:
                if len(parts) == 3:
                    charge = fake.charges.get(parts[2])
                    return (200, fake.charge_view(charge)) if charge else self._missing("charge")
                data = [
                    fake.charge_view(c)
                    for c in fake.charges.values()
                    if c["created"] >= int(query.get("created[gte]", 0))
                    and query.get("payment_intent", c["payment_intent"]) == c["payment_intent"]
                ]
                return 200, _list(data, path)
            if parts[:2] == ["v1", "invoices"]:
                if len(parts) == 3:
                    invoice = fake.invoices.get(parts[2])
                    return (200, invoice) if invoice else self._missing("invoice")
                since = int(query.get("created[gte]", 0))
                return 200, _list([i for i in fake.invoices.values() if i["created"] >= since], path)
            if parts[:2] == ["v1", "invoice_payments"]:
                intent = query.get("payment[payment_intent]")
                data = [
                    payment
                    for invoice in fake.invoices.values()
                    for payment in invoice["payments"]["data"]
                    if payment["payment"]["payment_intent"] == intent
                ]
                return 200, _list(data, path)
            since = int(query.get("created[gte]", 0))
            if parts[:2] == ["v1", "disputes"]:
                charge_id = query.get("charge")
                data = [
                    d
                    for d in fake.disputes.values()
                    if (charge_id or d["charge"]) == d["charge"] and d["created"] >= since
                ]
                return 200, _list(data, path)
            if parts[:2] == ["v1", "refunds"]:
                return 200, _list([r for r in fake.refunds.values() if r["created"] >= since], path)
            if parts[:2] == ["v1", "payment_intents"] and len(parts) == 3:
                found = fake.payment_intents.get(parts[2])
                return (200, found) if found else self._missing("payment intent")
            if parts[:2] == ["v1", "subscriptions"] and len(parts) == 3:
                subscription = fake.subscriptions.get(parts[2])
                return (200, subscription) if subscription else self._missing("subscription")
        return self._missing(path)

    def _route_post(self, path: str, params: dict[str, str]) -> tuple[int, dict]:
        fake = self.fake
        if path == "/v1/checkout/sessions":
            session_id = new_id("cs_test")
            session = {
                "id": session_id,
                "object": "checkout.session",
                "mode": params["mode"],
                "status": "open",
                "payment_status": "unpaid",
                "amount_total": int(params["line_items[0][price_data][unit_amount]"]),
                "currency": params["line_items[0][price_data][currency]"],
                "customer": params.get("customer"),
                "customer_email": params.get("customer_email"),
                "client_reference_id": params.get("client_reference_id"),
                "metadata": {"reference": params.get("metadata[reference]", "")},
                "payment_intent": None,
                "subscription": None,
                "invoice": None,
                "success_url": params["success_url"],
                "url": f"https://checkout.stripe.test/c/pay/{session_id}",
                "livemode": False,
                "created": int(time.time()),
            }
            fake.sessions[session_id] = session
            return 200, session
        if path == "/v1/refunds":
            intent = fake.payment_intents.get(params.get("payment_intent", ""))
            if intent is None or not intent["latest_charge"]:
                return self._missing("payment intent")
            try:
                return 200, fake.refund(intent["latest_charge"], int(params["amount"]))
            except ValueError as error:
                return 400, {"error": {"type": "invalid_request_error", "message": str(error)}}
        if path == "/v1/billing_portal/sessions":
            return 200, {
                "id": new_id("bps"),
                "object": "billing_portal.session",
                "url": f"https://billing.stripe.test/p/{params['customer']}",
            }
        return self._missing(path)


class FakeStripeServer:
    def __init__(self) -> None:
        self.fake = FakeStripe()
        handler = type("Handler", (_Handler,), {"fake": self.fake})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> "FakeStripeServer":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
