"""docs/deployment.md tells operators which events to ask Stripe for: exactly the ones handled.

An event type the code handles but the endpoint does not send is never applied in production
(as happened to `payment_intent.payment_failed`), and one sent but not handled is stored for
nothing."""

import re
from pathlib import Path

from omshub.payments.events import HANDLERS

DEPLOYMENT = Path(__file__).resolve().parents[2] / "docs" / "deployment.md"


def test_the_deployment_guide_lists_every_handled_event_type_and_no_other():
    text = DEPLOYMENT.read_text()
    listed = text.split("with these events", 1)[1].split("Put its signing secret", 1)[0]
    assert set(re.findall(r"`([a-z_]+(?:\.[a-z_]+)+)`", listed)) == set(HANDLERS)
