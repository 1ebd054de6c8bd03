import json
import re


def test_news_index_lists_articles_newest_first_and_filters_by_tag(client, demo):
    html = client.get("/learn/research-news/").content.decode()
    titles = re.findall(r'card__heading"><a href="([^"]+)"', html)
    assert titles == [
        "/learn/research-news/international-guidance-2022/",
        "/learn/research-news/scans-find-hidden-tumors/",
    ]
    assert 'type="application/rss+xml"' in html
    filtered = client.get("/learn/research-news/?tag=imaging").content.decode()
    assert re.findall(r'card__heading"><a href="([^"]+)"', filtered) == [
        "/learn/research-news/scans-find-hidden-tumors/"
    ]


def test_rss_and_atom_feeds_in_each_language(client, demo):
    rss = client.get("/learn/research-news/feed/")
    assert rss["Content-Type"].startswith("application/rss+xml")
    assert "<title>Experts from many countries publish guidance on OMS in children</title>" in rss.content.decode()
    assert "<category>imaging</category>" in rss.content.decode()
    atom = client.get("/es/aprender/noticias-de-investigacion/feed/atom/")
    assert atom["Content-Type"].startswith("application/atom+xml")
    body = atom.content.decode()
    assert "Expertos de muchos países" in body
    assert 'xml:lang="es"' in body


def test_article_shows_sources_tags_and_structured_data(client, demo):
    html = client.get("/learn/research-news/scans-find-hidden-tumors/").content.decode()
    assert 'id="ref-1"' in html and 'href="#ref-1"' in html
    assert '?tag=imaging">imaging</a>' in html
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match
    data = json.loads(match.group(1))
    assert data["@type"] == "Article" and data["datePublished"] == "2012-05-01"
    assert "imaging" in data["keywords"]
