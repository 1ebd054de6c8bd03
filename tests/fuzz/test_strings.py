"""Any text at all (Hypothesis) in the fields and parameters where typed text meets parsing:
dates, amounts, email addresses, search. The table of hostile values covers what is known to
break; this looks for what nobody thought of. HYPOTHESIS_PROFILE=fuzz-thorough searches longer.
"""

from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.profiles import FUZZ
from tests.fuzz.world import World

# Any character a form can carry (lone surrogates cannot be sent as UTF-8), NUL included.
TEXT = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=300)
DATE_LIKE = st.from_regex(r"-?\d{1,6}-\d{1,3}-\d{1,3}", fullmatch=True)


def _targets(world: World, text: str) -> list[tuple[object, str, str, dict]]:
    child = world.child.pk
    report = {"date_from": "2026-01-01", "date_to": "2026-01-31", "sections": "observations", "format": "csv"}
    share = {"data_from": "2026-01-01", "data_to": "2026-01-31", "lifetime": "7"}
    give = {"frequency": "once", "amount": "other", "donor_name": "Ana", "email": "ana@example.org"}
    return [
        (world.anonymous, "get", "/search/", {"q": text}),
        (world.family, "get", f"/journal/children/{child}/entries/", {"before": text}),
        (world.family, "get", f"/journal/children/{child}/report/", report | {"date_to": text}),
        (world.family, "post", f"/journal/children/{child}/share/", share | {"data_to": text}),
        (world.family, "post", f"/journal/children/{child}/circle/", {"email": text, "role": "viewer"}),
        (world.anonymous, "post", world.pages["give"], give | {"other_amount": text}),
        (world.anonymous, "post", world.pages["give-es"], give | {"other_amount": text}),
        (world.anonymous, "post", "/my-giving/", {"email": text}),
        (world.anonymous, "get", "/find-care/", {"place": text, "miles": "any"}),  # a ZIP code or a city, parsed
    ]


@FUZZ
@given(text=TEXT)
def test_any_text(world, probe, text):
    for client, method, path, data in _targets(world, text):
        probe(client, method, path, data)
        probe.rate_limits_reset()
    assert not probe.failures, "\n".join(probe.failures)


@FUZZ
@given(day=DATE_LIKE)
def test_any_date_shaped_text(world, probe, day):
    for client, method, path, data in _targets(world, day)[1:4]:
        probe(client, method, path, data)
        probe.rate_limits_reset()
    assert not probe.failures, "\n".join(probe.failures)
