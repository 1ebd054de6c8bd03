"""The A to Z grouping behind the glossary's jump list."""

from omshub.core.templatetags.alphabet import by_initial


def test_terms_group_under_their_first_letter_with_accents_folded_and_sorted():
    terms = [{"term": t} for t in ["Órgano", "ataxia", "Oído", "ACTH", "11-beta", "Síndrome", "Ébola"]]
    groups = [(letter, [v["term"] for v in values]) for letter, values in by_initial(terms, "term")]
    assert groups == [
        ("A", ["ACTH", "ataxia"]),
        ("E", ["Ébola"]),
        ("O", ["Oído", "Órgano"]),
        ("S", ["Síndrome"]),
        ("#", ["11-beta"]),
    ]


def test_an_empty_list_has_no_letters():
    assert by_initial([], "term") == []
