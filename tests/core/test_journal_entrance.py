"""The care journal can be found from the public site: the footer of every page, and the
"While you wait" topic, in English and Spanish."""

import re

import pytest
from django.urls import reverse
from django.utils import translation


def _journal_url(language: str) -> str:
    with translation.override(language):
        return reverse("journal:home")


@pytest.mark.parametrize(
    ("url", "language", "link_text"),
    [("/", "en", "Open the care journal"), ("/es/", "es", "Abrir el diario de cuidados")],
)
def test_every_page_footer_leads_to_the_care_journal(client, demo, url, language, link_text):
    html = client.get(url).content.decode()
    footer = html.split('<footer class="site-footer">', 1)[1]
    assert f'<a href="{_journal_url(language)}">{link_text}</a>' in footer
    entrance = client.get(_journal_url(language))
    assert entrance.status_code == 302 and "/accounts/login/" in entrance["Location"]  # sign in, then the journal


@pytest.mark.parametrize(
    ("url", "language"), [("/learn/while-you-wait/", "en"), ("/es/aprender/mientras-espera/", "es")]
)
def test_while_you_wait_suggests_keeping_the_diary_in_the_care_journal(client, demo, url, language):
    response = client.get(url, follow=True)
    assert response.status_code == 200
    main = response.content.decode().split('<main id="main"', 1)[1].split("</main>", 1)[0]
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', main)
    assert (_journal_url(language), "care journal" if language == "en" else "diario de cuidados") in links
