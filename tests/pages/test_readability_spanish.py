"""Spanish reading level: the syllable counter on words whose division is known, and both formulas."""

import io

import pytest

from omshub.pages.readability import measure_spanish, spanish_syllables


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("casa", 2),  # ca-sa
        ("ciudad", 2),  # ciu-dad: two weak vowels make a diphthong
        ("país", 2),  # pa-ís: a stressed weak vowel makes a hiatus
        ("poeta", 3),  # po-e-ta: two strong vowels make a hiatus
        ("queso", 2),  # que-so: the u of que is silent
        ("guitarra", 3),  # gui-ta-rra
        ("pingüino", 3),  # pin-güi-no: ü is heard
        ("agua", 2),  # a-gua: gua keeps its u in a diphthong
        ("murciélago", 4),  # mur-cié-la-go
        ("Uruguay", 3),  # U-ru-guay: a triphthong is one syllable
        ("hoy", 1),  # a final y only closes the diphthong
        ("y", 1),
        ("oír", 2),
        ("leer", 2),
        ("inmunoglobulina", 7),
        ("Fernández", 3),
    ],
)
def test_spanish_syllables(word, expected):
    assert spanish_syllables(word) == expected


def test_fernandez_huerta_and_inflesz_by_hand():
    # 8 words, 12 syllables, 2 sentences: 206.84 - 60 * 1.5 - 1.02 * 4 and 206.835 - 62.3 * 1.5 - 4.
    result = measure_spanish("El niño come pan. La casa es grande.", set())
    assert (result.words, result.sentences) == (8, 2)
    assert result.fernandez_huerta == 112.8
    assert result.inflesz == 109.4


def test_long_words_and_sentences_read_harder():
    easy = measure_spanish("Su hijo está bien. Puede jugar. Llame si tiene dudas.", set())
    hard = measure_spanish(
        "La inmunoterapia combinada administrada precozmente disminuye significativamente "
        "las secuelas neurocognitivas persistentes en la población pediátrica afectada.",
        set(),
    )
    assert easy.fernandez_huerta > 80 > 30 > hard.fernandez_huerta
    assert easy.inflesz > hard.inflesz


def test_medical_terms_count_as_two_syllables_when_plain():
    text = "La inmunoglobulina ayuda."
    plain = measure_spanish(text, {"inmunoglobulina"})
    assert plain.plain_fernandez_huerta > plain.fernandez_huerta
    # Terms are matched without accents, so "síndrome" matches "sindrome".
    accented = measure_spanish("El síndrome raro.", {"sindrome"})  # sín-dro-me: 3 syllables, 2 when plain
    assert accented.plain_fernandez_huerta == round(accented.fernandez_huerta + 60 / 3, 1)  # 3 words


def test_empty_text():
    assert measure_spanish("", set()).words == 0


def test_seeded_spanish_topics_read_at_grade_eight_or_below():
    from omshub.pages.management.commands.content_report import SPANISH_AIM, topic_readability_spanish

    rows = topic_readability_spanish()
    assert len(rows) >= 11
    assert all(result.plain_fernandez_huerta >= SPANISH_AIM for _, _, result in rows), rows


def test_report_has_both_languages(tmp_path, settings):
    from django.core.management import call_command

    (tmp_path / "docs").mkdir()
    settings.BASE_DIR = tmp_path
    call_command("content_report", stdout=io.StringIO())
    report = (tmp_path / "docs" / "content.md").read_text(encoding="utf-8")
    assert "## English" in report and "## Spanish" in report
    assert "| 1 | What is OMS? |" in report
    assert "Fernández-Huerta" in report


def test_report_lists_the_urgency_boxes_reviewers_should_add(monkeypatch):
    from omshub.pages.management.commands import content_report

    # Every seeded request has been answered with generated boxes, so none is listed.
    assert content_report.urgency_requests() == []
    real = content_report._topics()
    asking = {**real[0], "urgency_needed": ["today", "emergency"]}
    monkeypatch.setattr(content_report, "_topics", lambda: [asking, *real[1:]])
    assert content_report.urgency_requests() == [(asking["order"], asking["en"]["title"], ["today", "emergency"])]
    assert f"| {asking['order']} | {asking['en']['title']} | today, emergency |" in content_report.report_lines()
