"""What search engines and share previews read: hreflang, Open Graph, schema.org JSON-LD."""

import json
import re

from omshub.pages.models import StandardPage


def _json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD"
    return json.loads(match.group(1))


def test_head_has_canonical_hreflang_and_open_graph(client, demo):
    html = client.get("/learn/what-is-oms/").content.decode()
    assert '<link rel="canonical" href="http://127.0.0.1:8000/learn/what-is-oms/">' in html
    assert '<link rel="alternate" hreflang="es" href="http://127.0.0.1:8000/es/aprender/que-es-el-oms/">' in html
    assert '<meta property="og:title" content="What is OMS?">' in html
    assert 'property="og:image" content="http://127.0.0.1:8000/static/core/img/share.png"' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html


def test_pages_without_translation_have_no_false_alternates(client, demo):
    page = StandardPage(title="English only", slug="english-only")
    demo["about"].add_child(instance=page)
    page.save_revision().publish()
    html = client.get("/about/english-only/").content.decode()
    assert 'hreflang="es"' not in html.split("</head>")[0]


def test_main_topic_describes_the_condition(client, demo):
    data = _json_ld(client.get("/learn/what-is-oms/").content.decode())
    assert data["@type"] == "MedicalWebPage"
    assert data["about"]["@type"] == "MedicalCondition"
    assert "lastReviewed" not in data and "reviewedBy" not in data  # awaiting clinical review
    assert data["citation"]


def test_faq_and_story_structured_data(client, demo):
    faq = _json_ld(client.get("/es/aprender/preguntas-frecuentes/").content.decode())
    assert faq["@type"] == "FAQPage" and faq["inLanguage"] == "es"
    assert len(faq["mainEntity"]) >= 12
    assert "<" not in faq["mainEntity"][0]["acceptedAnswer"]["text"]
    story = _json_ld(client.get("/learn/family-stories/example-story-no-tumor-found/").content.decode())
    assert story["@type"] == "Article"


def test_video_loads_nothing_from_youtube_until_asked(client, demo):
    page = StandardPage(
        title="Awareness video",
        slug="awareness-video",
        body=[{"type": "video", "value": {"youtube_id": "abcdefghijk", "title": "OMS in two minutes", "poster": None}}],
    )
    demo["about"].add_child(instance=page)
    page.save_revision().publish()
    html = client.get("/about/awareness-video/").content.decode()
    assert "<iframe" not in html
    assert 'href="https://www.youtube.com/watch?v=abcdefghijk"' in html
    assert "/static/core/img/video-poster.svg" in html
    assert "youtube-nocookie.com" in client.get("/").headers["Content-Security-Policy"]
