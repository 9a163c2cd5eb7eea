"""The whole render stage on the hand-made site: pages, links, escaping, feeds, determinism."""

from __future__ import annotations

import gc
import hashlib
from dataclasses import replace
from pathlib import Path

import pytest

from sitegen.cache import output_files
from sitegen.check import check_links
from sitegen import render
from sitegen.render import iter_site_files, render_site
from sitegen.render.format import span_html
from sitegen.render.pages import segment


def build(site, settings, out: Path, **kwargs) -> Path:
    render_site(site, settings, out, **kwargs)
    return out


def digest_tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def read(out: Path, path: str) -> str:
    return (out / path).read_text(encoding="utf-8")


@pytest.mark.parametrize("base_url", ["/", "/repo-name/"])
def test_every_internal_link_and_anchor_resolves(site, settings, tmp_path, base_url):
    out = build(site, replace(settings, base_url=base_url), tmp_path / "www" / base_url.strip("/") / "x")
    assert [str(p) for p in check_links(out, base_url) if "search.js" not in p.link] == []


def test_two_builds_of_the_same_site_are_byte_identical(site, settings, tmp_path):
    first = digest_tree(build(site, settings, tmp_path / "one"))
    second = digest_tree(build(site, settings, tmp_path / "two"))
    assert first == second


def test_every_page_type_is_written(site, settings, tmp_path):
    out = build(site, settings, tmp_path / "site")
    for path in [
        "index.html", "404.html", "articles/index.html", "articles/hk-ai/index.html",
        "regions/index.html", "regions/hongkong/index.html", "regions/kenya/index.html",
        "topics/index.html", "topics/compute/index.html", "timeline/index.html",
        "people/index.html", "people/li-jia-chao/index.html", "orgs/index.html",
        "sources/a.txt/index.html", "search/index.html", "feed.xml", "sitemap.xml",
        "robots.txt", ".nojekyll", "static/style.css", "static/timeline.js", "static/favicon.svg",
        "search/manifest.json",
    ]:
        assert (out / path).is_file(), path


def test_pages_declare_chinese_and_have_landmarks_and_a_skip_link(site, settings, tmp_path):
    html = read(build(site, settings, tmp_path / "site"), "regions/hongkong/index.html")
    assert '<html lang="zh-CN">' in html
    for landmark in ("<header", "<nav", '<main id="main"', "<footer", 'href="#main"'):
        assert landmark in html
    assert 'role="search"' in html and 'name="q"' in html


def test_region_page_shows_summary_linked_to_its_paragraph_and_figures(site, settings, tmp_path):
    html = read(build(site, settings, tmp_path / "site"), "regions/hongkong/index.html")
    assert 'href="../../articles/hk-ai/#p2"' in html
    assert "5000 PFLOPS" in html
    assert "香港特区行政长官" not in html or "李家超" in html


def test_region_page_lists_mentioning_articles_apart_from_events_there(site, settings, tmp_path):
    html = read(build(site, settings, tmp_path / "site"), "regions/beijing/index.html")
    assert "提到此地的其他文章" in html
    assert "没有文章以此地为主要发生地" in html


def test_source_text_is_escaped_on_its_provenance_page(site, settings, tmp_path):
    html = read(build(site, settings, tmp_path / "site"), "sources/a.txt/index.html")
    assert "&lt;b&gt;不是标签&lt;/b&gt;" in html
    assert 'id="L30"' in html


def test_article_body_is_sanitised_and_anchored(site, settings, tmp_path):
    html = read(build(site, settings, tmp_path / "site"), "articles/hk-ai/index.html")
    assert "alert" not in html and "onerror" not in html and "javascript:" not in html
    assert 'id="p4"' in html
    assert 'href="../../sources/b.txt/#L3"' in html


def test_an_undated_articles_page_gives_its_first_events_date_and_says_so(site, settings, tmp_path):
    out = build(site, settings, tmp_path / "out")
    undated = next(item for item in site.articles.values()
                   if item.article.published is None and any(e.kind == "primary" for e in item.facts.events))
    page = read(out, f"articles/{undated.article.slug}/index.html")
    first = min((e.when for e in undated.facts.events if e.kind == "primary"), key=lambda when: when.sort_key())
    header = page.split('<header class="article-header">')[1].split("</header>")[0]
    assert "（发布日期不详）" in header and f"事件 {span_html(first)}" in header
    dated = next(item for item in site.articles.values() if item.article.published is not None)
    assert "发布日期不详" not in read(out, f"articles/{dated.article.slug}/index.html")


def test_timeline_shows_precision_ranges_and_secondary_lane(site, settings, tmp_path):
    html = read(build(site, settings, tmp_path / "site"), "timeline/index.html")
    assert "2024年11月19日</time>至<time" in html
    assert ">2026年</time>" in html
    assert 'class="event event-secondary"' in html
    assert 'data-regions="wuzhen zhejiang china"' in html
    listing = html[html.index('<div class="timeline">'):]
    positions = [listing.index(text) for text in ("商汤科技落户", "乌镇峰会", "2026世界智能产业博览会")]
    assert positions == sorted(positions)


def test_charts_are_inline_svg_with_text_alternatives_and_links(site, settings, tmp_path):
    out = build(site, settings, tmp_path / "site")
    home = read(out, "index.html")
    assert "<svg" in home and "<title" in home and "<desc" in home
    assert 'href="regions/hongkong/"' in home
    topics = read(out, "topics/index.html")
    assert 'href="../topics/compute/#r-hongkong"' in topics and "<table>" in topics
    assert "肯尼亚" in read(out, "regions/index.html")


def test_not_found_page_links_from_the_base_url(site, settings, tmp_path):
    out = build(site, replace(settings, base_url="/repo-name/"), tmp_path / "site")
    html = read(out, "404.html")
    assert 'href="/repo-name/static/style.css"' in html
    assert 'href="/repo-name/regions/"' in html


def test_build_errors_show_in_a_banner_only_in_preview(site, settings, tmp_path):
    assert "seeds/broken.txt" not in read(build(site, settings, tmp_path / "a"), "index.html")
    banner = read(build(site, settings, tmp_path / "b", preview=True), "index.html")
    assert 'role="alert"' in banner and "seeds/broken.txt: cannot decode bytes" in banner


def test_feed_and_sitemap_use_site_url_and_content_dates(site, settings, tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    out = build(site, replace(settings, site_url="https://u.github.io", base_url="/r/"), tmp_path / "s")
    feed = read(out, "feed.xml")
    assert "<updated>2026-01-23T00:00:00Z</updated>" in feed
    assert 'href="https://u.github.io/r/articles/hk-ai/"' in feed
    assert "<loc>https://u.github.io/r/timeline/</loc>" in read(out, "sitemap.xml")
    assert "404.html" not in read(out, "sitemap.xml")
    assert "Sitemap: https://u.github.io/r/sitemap.xml" in read(out, "robots.txt")


def test_feed_without_site_url_uses_base_paths_and_valid_ids(site, settings, tmp_path):
    feed = read(build(site, replace(settings, base_url="/r/"), tmp_path / "s"), "feed.xml")
    assert 'href="/r/articles/hk-ai/"' in feed
    assert "<id>urn:uuid:" in feed


def test_site_templates_and_static_files_override_the_theme(site, settings, tmp_path):
    settings.templates_dir.mkdir(exist_ok=True)
    (settings.templates_dir / "404.html").write_text(
        '{% extends "base.html" %}{% block content %}<p>自定义</p>{% endblock %}', encoding="utf-8")
    settings.static_dir.mkdir()
    (settings.static_dir / "style.css").write_text("body{}", encoding="utf-8")
    out = build(site, settings, tmp_path / "site")
    assert "自定义" in read(out, "404.html")
    assert read(out, "static/style.css") == "body{}"
    assert (out / "static" / "timeline.js").is_file()


def test_a_failing_template_leaves_the_previous_site(site, settings, tmp_path):
    out = build(site, settings, tmp_path / "site")
    before = digest_tree(out)
    settings.templates_dir.mkdir(exist_ok=True)
    (settings.templates_dir / "topic.html").write_text("{{ no_such_variable }}", encoding="utf-8")
    with pytest.raises(Exception):
        build(site, settings, out)
    assert digest_tree(out) == before


@pytest.mark.parametrize("slug", ["../../etc/passwd", "a/b", "..", "<script>", "中文标题", "C:\\x"])
def test_hostile_slugs_become_single_safe_segments(site, settings, tmp_path, slug):
    assert "/" not in segment(slug) and "\\" not in segment(slug) and segment(slug) not in (".", "..")
    item = site.articles.pop("expo-2026")
    item.article.slug = slug
    site.articles[slug] = item
    site.related = {}
    out = build(site, settings, tmp_path / "www" / "site")
    written = {p.resolve() for p in (tmp_path / "www").rglob("*")}
    assert all(out.resolve() in p.parents or p == out.resolve() for p in written)
    assert (out / "articles" / segment(slug) / "index.html").is_file()


def test_markup_in_titles_from_sources_is_escaped_everywhere(site, settings, tmp_path):
    hostile = '<script>alert("x")</script>"><img src=x onerror=alert(1)>'
    site.articles["hk-ai"].article.title = hostile
    site.articles["hk-ai"].facts.events[0].title = hostile
    site.regions["hongkong"].region = replace(site.regions["hongkong"].region, name=hostile)
    out = build(site, settings, tmp_path / "site")
    for file in out.rglob("*"):
        if file.suffix in (".html", ".xml"):
            text = file.read_text(encoding="utf-8")
            assert "<script>alert" not in text and "<img src=x" not in text, file


def test_feed_and_sitemap_are_well_formed_xml(site, settings, tmp_path):
    import xml.etree.ElementTree as ET

    out = build(site, settings, tmp_path / "site")
    feed = ET.fromstring(read(out, "feed.xml"))
    atom = "{http://www.w3.org/2005/Atom}"
    assert len(feed.findall(f"{atom}entry")) == len(site.articles)
    assert feed.find(f"{atom}updated").text == "2026-01-23T00:00:00Z"
    urls = ET.fromstring(read(out, "sitemap.xml"))
    assert len(urls) > 10


def test_the_model_is_frozen_for_the_collector_only_while_pages_render(site, settings):
    frozen_at_first_page = None
    for _ in iter_site_files(site, settings):
        if frozen_at_first_page is None:
            frozen_at_first_page = gc.get_freeze_count()
    assert frozen_at_first_page > 0
    assert gc.get_freeze_count() == 0


def test_a_new_folder_reports_every_file_as_the_no_op_check_finds_it(site, settings, tmp_path):
    out = tmp_path / "site"
    written = render_site(site, settings, out)
    assert written == output_files(out)
    assert render_site(site, settings, out) is None  # an updated folder may hold files kept from before


@pytest.mark.parametrize(("budget_mb", "processes"), [(1, 1), (0, 2)])
def test_pages_render_in_as_many_processes_as_the_memory_budget_allows(site, settings, tmp_path, monkeypatch,
                                                                      budget_mb, processes):
    """One process when a second copy of what it holds would not fit (its files
    then written by a thread meanwhile); as many as asked for with no limit."""
    asked: list[int] = []

    def recording(site, settings, preview, jobs, *rest):
        asked.append(jobs)
        return iter_site_files(site, settings, preview, 1, *rest)

    monkeypatch.setattr(render, "iter_site_files", recording)
    out = build(site, replace(settings, memory_budget_mb=budget_mb), tmp_path / "site", jobs=2)
    assert asked == [processes]
    assert digest_tree(out) == digest_tree(build(site, settings, tmp_path / "clean"))
