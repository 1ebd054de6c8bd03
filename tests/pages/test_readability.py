from omshub.pages.readability import measure, syllables


def test_syllables():
    assert [syllables(w) for w in ["cat", "make", "table", "opsoclonus", "OMS"]] == [1, 1, 2, 4, 1]


def test_flesch_kincaid_grade():
    easy = measure("The cat sat on the mat. It was happy.", set())
    assert easy.sentences == 2 and easy.words == 9
    assert easy.grade < 2
    hard = measure("Opsoclonus myoclonus syndrome necessitates immunotherapy.", {"opsoclonus", "myoclonus"})
    assert hard.grade > 12
    assert hard.plain_grade < hard.grade


def test_seeded_topics_read_at_grade_eight_or_below():
    from omshub.pages.management.commands.content_report import topic_readability

    rows = topic_readability()
    assert len(rows) >= 9
    assert all(result.plain_grade <= 8.0 for _, _, result in rows), rows
