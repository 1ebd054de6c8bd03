"""Families for the journal tests: signed-in clients, each with its own user."""

import pytest
from django.test import Client

from omshub.journal.models import Child


@pytest.fixture
def family(django_user_model):
    def make(email: str) -> Client:
        user = django_user_model.objects.create_user(email.split("@")[0], email, "a long family passphrase 42")
        client = Client()
        client.force_login(user)
        client.user = user  # type: ignore[attr-defined]
        return client

    return make


def add_child(client: Client, name: str = "Sofia") -> Child:
    response = client.post(
        "/journal/children/new/", {"name": name, "birth_month": "3", "birth_year": "2023", "tumour_found": "unknown"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    child = Child.objects.filter(memberships__user=client.user).latest("pk")  # type: ignore[attr-defined]
    assert child.name == name  # names are encrypted: the database cannot look one up
    return child
