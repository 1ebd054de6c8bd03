"""docs/triage.md is the test: every row of its scenario table must be what the engine answers."""

import re
from pathlib import Path

import pytest

from omshub.firststeps.red_flags import LEVELS, RULES, Urgency
from omshub.firststeps.triage import triage

DOC = Path(__file__).resolve().parents[2] / "docs" / "triage.md"
EXPECTED = {**{name: urgency for name, urgency in LEVELS.items()}, "none": Urgency.NONE}


def _rows() -> list[tuple[str, list[str], str]]:
    """(scenario, sign keys, expected level) of each row of the scenario table."""
    section = DOC.read_text(encoding="utf-8").split("## Scenarios", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if not line.startswith("|") or cells[0] in ("Scenario", "") or set(cells[0]) <= {"-"}:
            continue
        rows.append((cells[0], re.findall(r"`([^`]+)`", cells[1]), cells[2]))
    return rows


ROWS = _rows()


def test_the_table_is_there_and_covers_every_sign_on_its_own():
    assert len(ROWS) >= 25
    alone = {keys[0] for _, keys, _ in ROWS if len(keys) == 1}
    missing = {sign.key for sign in RULES.signs} - alone
    assert not missing, f"docs/triage.md needs a row for {sorted(missing)}"


@pytest.mark.parametrize(("scenario", "keys", "expected"), ROWS, ids=[row[0][:50] for row in ROWS])
def test_scenario(scenario, keys, expected):
    assert expected in EXPECTED, f"{scenario}: unknown level {expected!r}"
    assert triage(keys).urgency == EXPECTED[expected], scenario
