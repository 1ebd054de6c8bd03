"""The Learn section: every medical page cites its sources and shows its review record."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Locale

from omshub.core.templatetags.cite import cite
from omshub.pages.models import FaqPage, GlossaryPage, StoryPage, TopicPage


def _medical_pages():
    return [*TopicPage.objects.live(), *FaqPage.objects.live()]


def test_seed_has_every_topic_in_both_languages(demo):
    english = TopicPage.objects.filter(locale__language_code="en").count()
    spanish = TopicPage.objects.filter(locale__language_code="es").count()
    assert english == spanish >= 9


def test_every_medical_page_shows_references_and_review_dates(client, demo):
    pages = _medical_pages()
    assert len(pages) >= 20
    for page in pages:
        html = client.get(page.url).content.decode()
        assert 'id="ref-1"' in html, page.url
        assert 'href="#ref-1"' in html, page.url  # the text cites it
        spanish = page.locale.language_code == "es"
        assert ("En espera de revisión clínica" if spanish else "Awaiting clinical review") in html, page.url
        assert ("Última revisión de la página" if spanish else "Page last reviewed") in html, page.url
        assert ("sustituye el consejo médico" if spanish else "does not replace medical advice") in html, page.url
        assert page.last_reviewed.strftime("%Y") in html


def test_every_citation_points_at_a_listed_reference(demo):
    import re

    for page in _medical_pages():
        text = str(page.body.raw_data if isinstance(page, TopicPage) else page.questions.raw_data)
        cited = {int(n) for n in re.findall(r"\[(\d{1,2})\]", text)}
        assert cited and max(cited) <= len(page.reference_list()), page.url


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
