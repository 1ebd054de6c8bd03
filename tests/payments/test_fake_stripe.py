"""The fake Stripe answers as Stripe does: Stripe's example shapes, ids unless expanded, and a 400
for what the API version stripe-python sends does not have."""

import http.client
import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import stripe

from omshub.payments.provider import ProviderError
from tests.payments.stripe_shapes import EXAMPLES, SDK_CLASSES, example, parameter_error

UPSTREAM = Path(__file__).resolve().parents[2].parent / "shared" / "stripe" / "fixtures3.json"


def _get(server_url: str, path: str) -> tuple[int, dict]:
    """A request as any client would send it, without the SDK in between."""
    connection = http.client.HTTPConnection(urlsplit(server_url).netloc, timeout=5)
    try:
        connection.request("GET", path, headers={"Authorization": "Bearer sk_test_fake"})
        answer = connection.getresponse()
        return answer.status, json.loads(answer.read())
    finally:
        connection.close()


@pytest.fixture
def paid_charge(fake_stripe) -> dict:
    session = fake_stripe.open_session(amount=5000, reference="ref-fake")
    fake_stripe.complete(session["id"])
    return fake_stripe.charge_of_session(session["id"])


def test_an_expansion_the_charge_does_not_have_is_refused_with_stripes_error(fake_stripe, stripe_server, paid_charge):
    status, body = _get(stripe_server.url, f"/v1/charges/{paid_charge['id']}?expand[0]=dispute")
    assert status == 400
    assert body == {
        "error": {
            "type": "invalid_request_error",
            "message": "This property cannot be expanded (dispute).",
            "param": "expand",
        }
    }
    client = stripe.StripeClient("sk_test_fake", base_addresses={"api": stripe_server.url}, max_network_retries=0)
    with pytest.raises(stripe.InvalidRequestError, match=r"cannot be expanded \(dispute\)"):
        client.v1.charges.retrieve(paid_charge["id"], {"expand": ["dispute"]})
    fake_stripe.refused.clear()  # refused on purpose: the fixture checks that the code itself asks nothing of the kind


def test_an_unknown_parameter_is_refused_and_a_known_one_is_not(fake_stripe, stripe_server, paid_charge):
    status, body = _get(stripe_server.url, "/v1/disputes?disputed=true")
    assert (status, body["error"]["param"]) == (400, "disputed")
    assert body["error"]["message"] == "Received unknown parameter: disputed"
    status, body = _get(stripe_server.url, f"/v1/disputes?charge={paid_charge['id']}&limit=1")
    assert (status, body["data"]) == (200, [])
    assert parameter_error(stripe.params.RefundCreateParams, "payment_intent") == ""
    assert parameter_error(stripe.params.RefundCreateParams, "metadata[reason]") == ""
    assert parameter_error(stripe.params.ChargeListParams, "created[since]") == "created[since]"
    fake_stripe.refused.clear()


def test_related_objects_are_ids_unless_expanded(fake_stripe, stripe_server, paid_charge):
    _, charge = _get(stripe_server.url, f"/v1/charges/{paid_charge['id']}")
    assert isinstance(charge["payment_intent"], str)
    assert "refunds" not in charge  # a list Stripe leaves out unless asked
    assert "dispute" not in charge  # the field the old code asked to expand does not exist
    _, charge = _get(stripe_server.url, f"/v1/charges/{paid_charge['id']}?expand[0]=payment_intent&expand[1]=refunds")
    assert charge["payment_intent"]["object"] == "payment_intent"
    assert charge["refunds"]["object"] == "list"
    _, page = _get(stripe_server.url, "/v1/charges?limit=1&expand[0]=data.payment_intent")
    assert page["data"][0]["payment_intent"]["id"] == paid_charge["payment_intent"]
    status, _ = _get(stripe_server.url, "/v1/charges?expand[0]=payment_intent")  # a list's items are under data.
    assert status == 400
    fake_stripe.refused.clear()


def test_the_provider_reads_disputes_from_the_dispute_and_charges_without_it(fake_stripe, stripe_provider, paid_charge):
    dispute = fake_stripe.dispute(paid_charge["id"])
    fake_stripe.move_dispute(dispute["id"], "appeal_needs_response")
    state = stripe_provider.fetch_dispute(dispute["id"])
    assert (state.settlement_id, state.payment_id, state.status) == (
        paid_charge["id"], paid_charge["payment_intent"], "appeal_needs_response",
    )  # fmt: skip
    charge = stripe_provider.fetch_settlement(paid_charge["id"])
    assert (charge.reference, charge.dispute_status) == ("ref-fake", None)  # the charge does not say; the dispute did
    with pytest.raises(ProviderError, match="No such dispute"):
        stripe_provider.fetch_dispute("dp_missing")
    fake_stripe.refused.clear()


def test_the_fakes_objects_have_only_the_fields_stripe_has(fake_stripe, paid_charge):
    fake_stripe.refund(paid_charge["id"], 1000)
    fake_stripe.dispute(paid_charge["id"])
    for object_type, store in fake_stripe.stores().items():
        allowed = set(EXAMPLES[object_type]) | set(SDK_CLASSES[object_type].__annotations__)
        for obj in store.values():
            assert set(obj) <= allowed, (object_type, set(obj) - allowed)
            assert obj["object"] == object_type
    with pytest.raises(AssertionError, match="has no field"):
        example("charge", dispute="dp_1")


@pytest.mark.skipif(not UPSTREAM.exists(), reason="Stripe's fixtures3.json is not beside the repository")
def test_the_copied_examples_are_stripes_own_unchanged():
    upstream = json.loads(UPSTREAM.read_text())["resources"]
    for object_type, obj in EXAMPLES.items():
        assert obj == upstream[object_type], object_type
