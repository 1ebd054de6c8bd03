"""References lead to the source: no search links, record links only, no news dated before its source."""

import datetime
import json
import re
from pathlib import Path

import pytest

from omshub.firststeps.letter import REFERENCES as LETTER_REFERENCES
from omshub.pages.demo_content import SOURCES
from omshub.pages.seed_loader import SEED_DIR

SEARCH_LINK = re.compile(r"[?&](term|q|query|search)=|/search\b|google\.", re.I)
PUBMED = re.compile(r"^https://pubmed\.ncbi\.nlm\.nih\.gov/\d+/$")
PMC = re.compile(r"^https://pmc\.ncbi\.nlm\.nih\.gov/articles/PMC\d+/?$")
DOI = re.compile(r"^https://doi\.org/10\.\d{4,9}/\S+$")
YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
FULL_DATE = re.compile(rf"\b(\d{{1,2}}) ({MONTHS}) ((?:19|20)\d{{2}})\b")


def _seed_references() -> list[tuple[str, dict]]:
    found = []
    for path in sorted(SEED_DIR.glob("**/*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for holder in (data, *data.get("articles", [])):
            found += [(path.name, reference) for reference in holder.get("references", [])]
    return found


def _all_references() -> list[tuple[str, str, str]]:
    seeds = [(where, ref["label"], ref.get("url", "")) for where, ref in _seed_references()]
    letter = [("letter.py", ref.text, ref.url) for ref in LETTER_REFERENCES]
    demo = [("demo_content.py", ref["label"], ref["url"]) for ref in SOURCES.values()]
    return seeds + letter + demo


def test_there_are_references_to_check():
    assert len(_seed_references()) > 100


@pytest.mark.parametrize(("where", "label", "url"), _all_references())
def test_no_reference_links_to_a_search(where, label, url):
    assert not SEARCH_LINK.search(url), f"{where}: {label} -> {url}"


@pytest.mark.parametrize(("where", "label", "url"), _all_references())
def test_pubmed_and_doi_links_point_at_one_record(where, label, url):
    if "pubmed" in url or "ncbi" in url:
        assert PUBMED.match(url) or PMC.match(url), f"{where}: {url}"
    if "doi.org" in url:
        assert DOI.match(url), f"{where}: {url}"


def test_primary_papers_are_cited_rather_than_a_newsletter_summary():
    for where, label, url in _all_references():
        if label.startswith("Brunklaus"):
            assert "pediatricneurologybriefs" not in url and "summary" not in label.lower(), where
    labels = {label for _, label, _ in _all_references()}
    assert any("Outcome and prognostic features in opsoclonus-myoclonus syndrome" in label for label in labels)


def _latest_date_in(label: str) -> datetime.date | None:
    full = [datetime.datetime.strptime(" ".join(match), "%d %B %Y").date() for match in FULL_DATE.findall(label)]
    years = [datetime.date(int(year), 1, 1) for year in YEAR.findall(label)]
    return max(full + years, default=None)


def test_no_news_item_is_dated_before_a_source_it_cites():
    news = json.loads((SEED_DIR / "news.json").read_text(encoding="utf-8"))
    for article in news["articles"]:
        date = datetime.date.fromisoformat(article["date"])
        for reference in article["references"]:
            cited = _latest_date_in(reference["label"])
            assert cited is None or cited <= date, (article["en"]["slug"], reference["label"])


def test_the_date_check_catches_a_news_item_older_than_its_paper():
    assert _latest_date_in("Storz C, et al. BMC Med Imaging 2019;19.") == datetime.date(2019, 1, 1)
    assert _latest_date_in("Evelina London. News, 13 May 2022.") == datetime.date(2022, 5, 13)


def test_seed_dir_is_the_one_the_loader_reads():
    assert Path(SEED_DIR, "news.json").exists()
