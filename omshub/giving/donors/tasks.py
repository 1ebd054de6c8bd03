"""Looked up and sent in the background, so the answer takes as long for any address."""

from django.tasks import task

from omshub.giving.donors.services import donor_link_send


@task()
def send_donor_link(email: str, language: str) -> bool:
    return donor_link_send(email=email, language=language)
