import re

from wagtail.models import Page


def test_sitemap_lists_every_live_page_in_both_languages_with_alternates(client, demo):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", xml)
    live = Page.objects.live().filter(depth__gt=1)
    assert len(locations) == live.count()
    assert any("/es/aprender/que-es-el-oms/" in loc for loc in locations)
    assert 'hreflang="es" href="http://127.0.0.1:8000/es/aprender/que-es-el-oms/"' in xml
    assert 'hreflang="x-default"' in xml


def test_robots_points_at_the_sitemap(client, db):
    assert "Sitemap: http://testserver/sitemap.xml" in client.get("/robots.txt").content.decode()
