"""Each newsletter test starts with no subscribers, issues, suppressions or stored emails.

Browser tests commit what they make (their server reads it), and a test process may run them
before these; the rows deleted here come back when the test's transaction is rolled back."""

import pytest


@pytest.fixture(autouse=True)
def _empty_newsletter(request: pytest.FixtureRequest) -> None:
    if "db" not in request.fixturenames and "demo" not in request.fixturenames:
        return
    from omshub.core.models import EmailSuppression, OutboxEmail
    from omshub.newsletter.models import Issue, Subscriber

    request.getfixturevalue("db")
    for model in (Issue, Subscriber, EmailSuppression, OutboxEmail):
        model.objects.all().delete()
