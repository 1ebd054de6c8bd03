"""A local fake of the parts of Stripe's API that OMS Hub calls, served on 127.0.0.1.

stripe-python talks to it over real HTTP (its `api` base address points here), so requests,
retries and idempotency keys go through the SDK exactly as in production. It answers as
Stripe does: every object is built from Stripe's published example of it (stripe_shapes.py),
related objects stay ids unless the request expands them, lists come newest first a page at
a time, and an expansion or a parameter that the API version stripe-python sends does not
have is refused with a 400 in Stripe's error shape. Tests change the fake's state the way
Stripe would (`complete`, `refund`, `dispute`, `renew` ...) and then deliver signed events
whose `data.object` is the object as it stands (see fixtures.py).
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

import stripe.params as params
from stripe.params import billing_portal, checkout

from tests.payments.stripe_shapes import example, expansion, expansion_error, includable_lists, parameter_error

_ids = itertools.count(1)


def new_id(prefix: str) -> str:
    return f"{prefix}_fake{next(_ids):06d}"


def _list(data: list[dict], url: str, *, has_more: bool = False) -> dict:
    return {"object": "list", "data": data, "has_more": has_more, "url": url}


def _error(status: int, message: str, param: str = "") -> tuple[int, dict]:
    error = {"type": "invalid_request_error", "message": message}
    return status, {"error": error | ({"param": param} if param else {})}


# Each resource's path, object type and the parameters its retrieve and list endpoints take.
RESOURCES: dict[str, tuple[str, type, type | None]] = {
    "checkout/sessions": ("checkout.session", checkout.SessionRetrieveParams, checkout.SessionListParams),
    "charges": ("charge", params.ChargeRetrieveParams, params.ChargeListParams),
    "disputes": ("dispute", params.DisputeRetrieveParams, params.DisputeListParams),
    "invoices": ("invoice", params.InvoiceRetrieveParams, params.InvoiceListParams),
    "invoice_payments": ("invoice_payment", params.InvoicePaymentRetrieveParams, params.InvoicePaymentListParams),
    "payment_intents": ("payment_intent", params.PaymentIntentRetrieveParams, params.PaymentIntentListParams),
    "refunds": ("refund", params.RefundRetrieveParams, params.RefundListParams),
    "subscriptions": ("subscription", params.SubscriptionRetrieveParams, params.SubscriptionListParams),
}
NOT_FILTERS = {"expand", "limit", "starting_after", "ending_before", "created"}


@dataclass
class FakeStripe:
    sessions: dict[str, dict] = field(default_factory=dict)
    payment_intents: dict[str, dict] = field(default_factory=dict)
    charges: dict[str, dict] = field(default_factory=dict)
    disputes: dict[str, dict] = field(default_factory=dict)
    invoices: dict[str, dict] = field(default_factory=dict)
    invoice_payments: dict[str, dict] = field(default_factory=dict)
    subscriptions: dict[str, dict] = field(default_factory=dict)
    refunds: dict[str, dict] = field(default_factory=dict)
    # What a session's creation asked to pass on to its payment or subscription (not part of the session).
    passed_on: dict[str, dict] = field(default_factory=dict)
    idempotent: dict[str, tuple[int, dict]] = field(default_factory=dict)
    requests: list[tuple[str, str, str]] = field(default_factory=list)  # method, path, idempotency key
    refused: list[tuple[str, dict]] = field(default_factory=list)  # path, error: what Stripe would refuse
    slow_paths: set[str] = field(default_factory=set)  # answer the first request of each key too late
    slow_seconds: float = 0.0
    # Every read (GET) answers this late: a provider slower than our timeout (the drill's fault).
    slow_reads_seconds: float = 0.0
    lock: threading.RLock = field(default_factory=threading.RLock)

    def stores(self) -> dict[str, dict[str, dict]]:
        return {
            "checkout.session": self.sessions,
            "payment_intent": self.payment_intents,
            "charge": self.charges,
            "dispute": self.disputes,
            "invoice": self.invoices,
            "invoice_payment": self.invoice_payments,
            "subscription": self.subscriptions,
            "refund": self.refunds,
        }

    def reset(self) -> None:
        with self.lock:
            for store in self.stores().values():
                store.clear()
            for kept in (self.passed_on, self.idempotent):
                kept.clear()
            self.requests.clear()
            self.refused.clear()
            self.slow_paths.clear()
            self.slow_reads_seconds = 0.0

    def find(self, object_type: str, object_id: str) -> dict | None:
        """The object as Stripe would put it in an event: as it stands, nothing expanded."""
        with self.lock:
            found = self.stores().get(object_type, {}).get(object_id)
            return self.view(object_type, found, []) if found is not None else None

    # State changes, as Stripe makes them -------------------------------------------------

    def open_session(self, *, amount: int, reference: str, mode: str = "payment", currency: str = "usd") -> dict:
        """A checkout session, as `checkout.sessions.create` makes one (for callers that skip our form)."""
        session_id = new_id("cs_test")
        now = int(time.time())
        session = example(
            "checkout.session",
            id=session_id,
            mode=mode,
            status="open",
            payment_status="unpaid",
            amount_subtotal=amount,
            amount_total=amount,
            currency=currency,
            customer=None,
            customer_details=None,
            customer_email=None,
            client_reference_id=reference,
            metadata={"reference": reference},
            payment_intent=None,
            subscription=None,
            invoice=None,
            url=f"https://checkout.stripe.com/c/pay/{session_id}",
            livemode=False,
            created=now,
            expires_at=now + 86400,
        )
        with self.lock:
            self.sessions[session_id] = session
        return session

    def complete(self, session_id: str, *, paid: bool = True) -> dict:
        with self.lock:
            session = self.sessions[session_id]
            passed_on = self.passed_on.get(session_id, {})
            session["status"] = "complete"
            session["customer"] = session["customer"] or new_id("cus")
            if session["mode"] == "subscription":
                metadata = passed_on.get("subscription_data", session["metadata"])
                subscription = example(
                    "subscription",
                    id=new_id("sub"),
                    status="active",
                    customer=session["customer"],
                    metadata=dict(metadata),
                    livemode=False,
                    created=int(time.time()),
                    canceled_at=None,
                    cancel_at=None,
                    cancel_at_period_end=False,
                    ended_at=None,
                    trial_start=None,
                    trial_end=None,
                )
                self.subscriptions[subscription["id"]] = subscription
                session["subscription"] = subscription["id"]
                invoice = self._invoice(subscription, session["amount_total"], "subscription_create")
                session["invoice"] = invoice["id"]
            else:
                metadata = passed_on.get("payment_intent_data", session["metadata"])
                intent, _ = self._payment(session["amount_total"], metadata, session["customer"], paid=paid)
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
                intent["amount_received"] = intent["amount"]
                session["payment_status"] = "paid"
                self._charge(intent)
            else:
                intent["status"] = "requires_payment_method"
                intent["last_payment_error"] = {"type": "card_error", "code": "payment_method_not_available"}

    def refused_payment(self, reference: str, amount: int = 5000) -> dict:
        """A card the bank refused at checkout: the payment waits for another card."""
        with self.lock:
            intent, _ = self._payment(amount, {"reference": reference}, None, paid=False)
            intent["status"] = "requires_payment_method"
            intent["last_payment_error"] = {"type": "card_error", "code": "card_declined"}
            return intent

    def _payment(self, amount: int, metadata: dict, customer: str | None, *, paid: bool) -> tuple[dict, dict | None]:
        intent_id = new_id("pi")
        intent = example(
            "payment_intent",
            id=intent_id,
            amount=amount,
            amount_received=amount if paid else 0,
            currency="usd",
            customer=customer,
            status="succeeded" if paid else "processing",
            metadata=dict(metadata),
            latest_charge=None,
            livemode=False,
            created=int(time.time()),
            canceled_at=None,
            client_secret=f"{intent_id}_secret_fake",
            last_payment_error=None,
            next_action=None,
            processing=None if paid else {"type": "us_bank_account"},
        )
        self.payment_intents[intent_id] = intent
        charge = self._charge(intent) if paid else None
        return intent, charge

    def _charge(self, intent: dict) -> dict:
        charge = example(
            "charge",
            id=new_id("ch"),
            amount=intent["amount"],
            amount_captured=intent["amount"],
            amount_refunded=0,
            captured=True,
            refunded=False,
            disputed=False,
            currency=intent["currency"],
            customer=intent["customer"],
            payment_intent=intent["id"],
            balance_transaction=new_id("txn"),
            metadata={},
            livemode=False,
            created=int(time.time()),
            source=None,
            transfer_data=None,
        )
        self.charges[charge["id"]] = charge
        intent["latest_charge"] = charge["id"]
        return charge

    def _invoice(self, subscription: dict, amount: int, reason: str) -> dict:
        now = int(time.time())
        invoice = example(
            "invoice",
            id=new_id("in"),
            status="paid",
            billing_reason=reason,
            amount_due=amount,
            amount_paid=amount,
            amount_remaining=0,
            subtotal=amount,
            subtotal_excluding_tax=amount,
            total=amount,
            total_excluding_tax=amount,
            currency="usd",
            customer=subscription["customer"],
            livemode=False,
            created=now,
            parent={
                "quote_details": None,
                "subscription_details": {
                    "metadata": dict(subscription["metadata"]),
                    "subscription": subscription["id"],
                },
                "type": "subscription_details",
            },
            status_transitions={
                "finalized_at": now,
                "marked_uncollectible_at": None,
                "paid_at": now,
                "voided_at": None,
            },
        )
        self.invoices[invoice["id"]] = invoice
        if amount > 0:  # an invoice the balance or a credit paid has no payment
            intent, _ = self._payment(amount, {}, subscription["customer"], paid=True)
            payment = example(
                "invoice_payment",
                id=new_id("inpay"),
                amount_paid=amount,
                amount_requested=amount,
                created=now,
                currency="usd",
                invoice=invoice["id"],
                livemode=False,
                payment={"type": "payment_intent", "payment_intent": intent["id"]},
                status="paid",
                status_transitions={"canceled_at": None, "paid_at": now},
            )
            self.invoice_payments[payment["id"]] = payment
        return invoice

    def renew(self, subscription_id: str, amount: int) -> dict:
        with self.lock:
            return self._invoice(self.subscriptions[subscription_id], amount, "subscription_cycle")

    def charge_of_invoice(self, invoice_id: str) -> dict:
        (payment,) = [p for p in self.invoice_payments.values() if p["invoice"] == invoice_id]
        return self.charges[self.payment_intents[payment["payment"]["payment_intent"]]["latest_charge"]]

    def charge_of_session(self, session_id: str) -> dict:
        session = self.sessions[session_id]
        if session["payment_intent"] is None:
            return self.charge_of_invoice(session["invoice"])
        return self.charges[self.payment_intents[session["payment_intent"]]["latest_charge"]]

    def refund(self, charge_id: str, amount: int) -> dict:
        with self.lock:
            charge = self.charges[charge_id]
            if charge["amount_refunded"] + amount > charge["amount"]:
                raise ValueError("refund larger than the charge")
            charge["amount_refunded"] += amount
            charge["refunded"] = charge["amount_refunded"] == charge["amount"]
            refund = example(
                "refund",
                id=new_id("re"),
                amount=amount,
                charge=charge_id,
                payment_intent=charge["payment_intent"],
                currency=charge["currency"],
                status="succeeded",
                reason="requested_by_customer",
                balance_transaction=new_id("txn"),
                created=int(time.time()),
            )
            self.refunds[refund["id"]] = refund
            return refund

    def dispute(self, charge_id: str, status: str = "needs_response") -> dict:
        with self.lock:
            charge = self.charges[charge_id]
            dispute = example(
                "dispute",
                id=new_id("dp"),
                charge=charge_id,
                payment_intent=charge["payment_intent"],
                status=status,
                amount=charge["amount"],
                currency=charge["currency"],
                reason="fraudulent",
                is_charge_refundable=False,
                livemode=False,
                created=int(time.time()),
            )
            self.disputes[dispute["id"]] = dispute
            charge["disputed"] = True
            return dispute

    def move_dispute(self, dispute_id: str, status: str) -> dict:
        """The dispute's next step: under_review, won, lost, appeal_needs_response ..."""
        with self.lock:
            dispute = self.disputes[dispute_id]
            dispute["status"] = status
            return dispute

    def cancel(self, subscription_id: str) -> None:
        with self.lock:
            subscription = self.subscriptions[subscription_id]
            subscription.update(status="canceled", canceled_at=int(time.time()), ended_at=int(time.time()))

    # Reads: ids unless expanded ---------------------------------------------------------------

    def view(self, object_type: str, obj: dict, expand: list[str]) -> dict:
        """The object as the API returns it: lists Stripe leaves out unless asked are left out,
        and each requested expansion (already checked) replaces an id by its object."""
        hidden = includable_lists(object_type)
        out = {key: value for key, value in obj.items() if key not in hidden}
        wanted: dict[str, list[str]] = {}
        for path in expand:
            head, _, rest = path.partition(".")
            wanted.setdefault(head, []).extend([rest] if rest else [])
        for head, deeper in wanted.items():
            target = expansion(object_type, head)
            assert target is not None
            item_type, is_list = target
            if is_list:
                items = self._included(object_type, obj, head)
                inner = [path.removeprefix("data.") for path in deeper]
                out[head] = _list([self.view(item_type, item, inner) for item in items], f"/v1/{head}")
            elif isinstance(obj.get(head), str) and obj[head] in self.stores().get(item_type, {}):
                out[head] = self.view(item_type, self.stores()[item_type][obj[head]], deeper)
        return out

    def _included(self, object_type: str, obj: dict, field: str) -> list[dict]:
        if (object_type, field) == ("invoice", "payments"):
            return [p for p in self.invoice_payments.values() if p["invoice"] == obj["id"]]
        if (object_type, field) == ("charge", "refunds"):
            return [r for r in self.refunds.values() if r["charge"] == obj["id"]]
        raise AssertionError(f"the fake does not keep {object_type}.{field}")


def _matches(obj: dict, key: str, value: str) -> bool:
    """A list filter such as `payment_intent=pi_…` or `payment[payment_intent]=pi_…`."""
    found: Any = obj
    for segment in key.replace("]", "").split("["):
        found = found.get(segment) if isinstance(found, dict) else None
    return str(found) == value


def _created_within(obj: dict, query: list[tuple[str, str]]) -> bool:
    bounds = {
        "created[gte]": int.__ge__,
        "created[gt]": int.__gt__,
        "created[lte]": int.__le__,
        "created[lt]": int.__lt__,
    }
    return all(bounds[key](obj["created"], int(value)) for key, value in query if key in bounds)


class _Handler(BaseHTTPRequestHandler):
    fake: FakeStripe
    protocol_version = "HTTP/1.1"  # keep-alive, as with the real API
    disable_nagle_algorithm = True  # headers and body go in two writes: no 40 ms wait for an ACK

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _answer(self, status: int, body: dict) -> None:
        if status >= 400:
            self.fake.refused.append((self.path, body))
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Request-Id", new_id("req"))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        query = parse_qsl(url.query, keep_blank_values=True)
        self.fake.requests.append(("GET", url.path, ""))
        with self.fake.lock:
            status, body = self._route_get(url.path, query)
        if self.fake.slow_reads_seconds:
            time.sleep(self.fake.slow_reads_seconds)
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._answer(status, body)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        form = parse_qsl(self.rfile.read(length).decode(), keep_blank_values=True)
        key = self.headers.get("Idempotency-Key", "")
        path = urlsplit(self.path).path
        fake = self.fake
        with fake.lock:
            fake.requests.append(("POST", path, key))
            stored = fake.idempotent.get(key) if key else None
            if stored is None:
                stored = self._route_post(path, form)
                if key:
                    fake.idempotent[key] = stored
                first = True
            else:
                first = False
        if first and path in fake.slow_paths:
            time.sleep(fake.slow_seconds)  # the work is done; the answer is lost to the client's timeout
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._answer(*stored)

    @staticmethod
    def _refusal(params_type: type, form: list[tuple[str, str]]) -> tuple[int, dict] | None:
        for key, _ in form:
            if unknown := parameter_error(params_type, key):
                return _error(400, f"Received unknown parameter: {unknown}", unknown)
        return None

    def _route_get(self, path: str, query: list[tuple[str, str]]) -> tuple[int, dict]:
        fake = self.fake
        resource, _, object_id = path.removeprefix("/v1/").partition("/")
        if resource == "checkout":
            resource, _, object_id = path.removeprefix("/v1/").removeprefix("checkout/").partition("/")
            resource = f"checkout/{resource}"
        if resource not in RESOURCES or "/" in object_id:
            return _error(404, f"Unrecognized request URL (GET: {path}).")
        object_type, retrieve_params, list_params = RESOURCES[resource]
        params_type = retrieve_params if object_id else list_params
        assert params_type is not None
        if refusal := self._refusal(params_type, query):
            return refusal
        expand = [value for key, value in query if key.startswith("expand")]
        if not object_id:
            for path_in_list in expand:
                if not path_in_list.startswith("data."):
                    return _error(400, f"This property cannot be expanded ({path_in_list}).", "expand")
            expand = [path_in_list.removeprefix("data.") for path_in_list in expand]
        for wanted in expand:
            if message := expansion_error(object_type, wanted):
                return _error(400, message, "expand")
        store = fake.stores()[object_type]
        if object_id:
            found = store.get(object_id)
            if found is None:
                return _error(404, f"No such {object_type.replace('_', ' ')}: '{object_id}'", "id")
            return 200, fake.view(object_type, found, expand)
        return 200, self._page(object_type, store, query, expand, path)

    def _page(
        self, object_type: str, store: dict[str, dict], query: list[tuple[str, str]], expand: list[str], url: str
    ) -> dict:
        """Newest first, `limit` at a time (10 unless asked), after `starting_after`."""
        found = [
            obj
            for obj in reversed(store.values())
            if _created_within(obj, query)
            and all(_matches(obj, key, value) for key, value in query if key.split("[")[0] not in NOT_FILTERS)
        ]
        options = dict(query)
        if after := options.get("starting_after"):
            ids = [obj["id"] for obj in found]
            found = found[ids.index(after) + 1 :] if after in ids else []
        limit = int(options.get("limit", 10))
        page = [self.fake.view(object_type, obj, expand) for obj in found[:limit]]
        return _list(page, url, has_more=len(found) > limit)

    def _route_post(self, path: str, form: list[tuple[str, str]]) -> tuple[int, dict]:
        fake = self.fake
        values = dict(form)
        if path == "/v1/checkout/sessions":
            if refusal := self._refusal(checkout.SessionCreateParams, form):
                return refusal
            session = fake.open_session(
                amount=int(values["line_items[0][price_data][unit_amount]"]) * int(values["line_items[0][quantity]"]),
                reference=values.get("client_reference_id", ""),
                mode=values["mode"],
                currency=values["line_items[0][price_data][currency]"],
            )
            session.update(
                customer=values.get("customer"),
                customer_email=values.get("customer_email"),
                metadata=_hash(form, "metadata"),
                success_url=values["success_url"],
                cancel_url=values["cancel_url"],
                locale=values.get("locale"),
                submit_type=values.get("submit_type"),
            )
            fake.passed_on[session["id"]] = {
                name: _hash(form, f"{name}[metadata]")
                for name in ("payment_intent_data", "subscription_data")
                if any(key.startswith(f"{name}[metadata]") for key, _ in form)
            }
            return 200, fake.view("checkout.session", session, [])
        if path == "/v1/refunds":
            if refusal := self._refusal(params.RefundCreateParams, form):
                return refusal
            intent = fake.payment_intents.get(values.get("payment_intent", ""))
            if intent is None or not intent["latest_charge"]:
                return _error(404, f"No such payment_intent: '{values.get('payment_intent')}'", "payment_intent")
            try:
                return 200, fake.refund(intent["latest_charge"], int(values["amount"]))
            except ValueError as error:
                return _error(400, str(error), "amount")
        if path == "/v1/billing_portal/sessions":
            if refusal := self._refusal(billing_portal.SessionCreateParams, form):
                return refusal
            return 200, example(
                "billing_portal.session",
                id=new_id("bps"),
                customer=values["customer"],
                return_url=values.get("return_url"),
                url=f"https://billing.stripe.com/p/session/{values['customer']}",
                livemode=False,
                created=int(time.time()),
            )
        return _error(404, f"Unrecognized request URL (POST: {path}).")


def _hash(form: list[tuple[str, str]], name: str) -> dict[str, str]:
    """`metadata[reference]=…` back into {"reference": …}."""
    prefix = f"{name}["
    return {
        key[len(prefix) : -1]: value for key, value in form if key.startswith(prefix) and "][" not in key[len(prefix) :]
    }


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
