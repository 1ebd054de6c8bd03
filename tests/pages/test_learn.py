"""The Learn section: every medical page cites its sources and shows its review record."""

import re

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Locale

from omshub.core.templatetags.cite import cite
from omshub.firststeps.models import ChecklistPage
from omshub.pages.models import FaqPage, GlossaryPage, HomePage, StandardPage, StoryPage, TopicPage


def _medical_pages():
    return [*TopicPage.objects.live(), *FaqPage.objects.live(), *GlossaryPage.objects.live()]


def _cited_text(page) -> str:
    """Everything on a seeded page that may carry citation markers."""
    parts = {
        TopicPage: lambda: page.body.raw_data,
        FaqPage: lambda: page.questions.raw_data,
        GlossaryPage: lambda: page.terms.raw_data,
        ChecklistPage: lambda: page.body.raw_data,
        HomePage: lambda: page.hero_text,
        StandardPage: lambda: page.body.raw_data,
    }
    return str(parts[type(page)]())


def test_seed_has_every_topic_in_both_languages(demo):
    english = TopicPage.objects.filter(locale__language_code="en").count()
    spanish = TopicPage.objects.filter(locale__language_code="es").count()
    assert english == spanish >= 9


def test_seeded_medical_pages_await_review_and_show_no_review_date(client, demo):
    pages = [*_medical_pages(), *ChecklistPage.objects.live()]
    assert len(pages) >= 24
    for page in pages:
        assert page.awaiting_review and page.last_reviewed is None and page.next_review is None, page.url
        html = client.get(page.url).content.decode()
        assert 'id="ref-1"' in html, page.url
        spanish = page.locale.language_code == "es"
        assert ("En espera de revisión clínica" if spanish else "Awaiting clinical review") in html, page.url
        for line in ("Page last reviewed", "Última revisión de la página", "Next review due", "Próxima revisión"):
            assert line not in html, page.url
        assert ("sustituye el consejo médico" if spanish else "does not replace medical advice") in html, page.url


def test_every_citation_points_at_a_listed_reference(client, demo):
    home_and_about = [
        *HomePage.objects.live(),
        *StandardPage.objects.live().filter(slug__in=["about", "quienes-somos"]),
    ]
    pages = [*_medical_pages(), *ChecklistPage.objects.live(), *home_and_about]
    assert len(home_and_about) == 4
    for page in pages:
        cited = {int(n) for n in re.findall(r"\[(\d{1,2})\]", _cited_text(page))}
        assert cited and max(cited) <= len(page.reference_list()), page.url
        html = client.get(page.url).content.decode()
        assert f'href="#ref-{min(cited)}"' in html and f'id="ref-{max(cited)}"' in html, page.url


def test_home_and_about_say_no_cure_works_for_every_child_and_cite_the_wait(client, demo):
    about = client.get("/about/").content.decode()
    assert "six months" not in about and "no cure" not in about.lower()
    assert "no treatment yet that works for every child" in about
    assert "about one in three ended up with no symptoms" in about
    assert "53 days on average" in about and "Specialty care by child neurologists" in about
    home = client.get("/").content.decode()
    assert 'href="#ref-3"' in home and "A nationwide survey of opsoclonus-myoclonus syndrome" in home


def test_glossary_cites_what_it_says_about_oms(demo):
    for language in ("en", "es"):
        glossary = GlossaryPage.objects.get(locale__language_code=language)
        for term in glossary.terms:
            definition = term.value["definition"]
            if re.search(r"\b(OMS|SOMA)\b", definition):
                assert re.search(r"\[\d+\]", definition), (language, term.value["term"])


def test_glossary_and_faq_are_full(demo):
    for language in ("en", "es"):
        glossary = GlossaryPage.objects.get(locale__language_code=language)
        assert len(glossary.terms) >= 20
        assert all(term.value["other_term"] for term in glossary.terms)
        faq = FaqPage.objects.get(locale__language_code=language)
        assert len(faq.questions) >= 12
    questions = " ".join(q.value["question"] for q in FaqPage.objects.get(locale__language_code="en").questions)
    for topic in ("contagious", "genetic", "walk again"):
        assert topic in questions


def test_example_stories_are_labelled(client, demo):
    stories = StoryPage.objects.filter(locale__language_code="en")
    assert stories.count() == 2
    for story in stories:
        assert "Example story" in client.get(story.url).content.decode()
        spanish = story.get_translation(Locale.objects.get(language_code="es"))
        assert "Historia de ejemplo" in client.get(spanish.url).content.decode()


def test_a_story_cannot_go_live_without_consent(demo):
    story = StoryPage.objects.filter(locale__language_code="en").first()
    story.consent_given = False
    with pytest.raises(ValidationError, match="consent"):
        story.full_clean()


def test_cite_links_markers_and_escapes_plain_text():
    assert cite("Rare [2].") == 'Rare <sup class="cite"><a href="#ref-2">[2]</a></sup>.'
    assert "&lt;b&gt;" in cite("<b> [1]")
