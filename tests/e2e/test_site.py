"""The seeds site in Chromium, served from /repo-name/ as GitHub Pages serves a project site.

Pages are reached by following links from the home page, the way a reader gets
there, so a link that is wrong under the sub-path fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitegen.check import check_links

REPO = Path(__file__).resolve().parents[2]
SEVEN_PLACES = ("天津", "北京", ("乌镇", "浙江"), "深圳", "南京", "潍坊", "香港")


def open_page(page, url: str):
    page.goto(url)
    page.wait_for_load_state("load")
    return page


def follow(page, site_url: str, section: str, link_text: str):
    """Open an index page, then the first link with exactly `link_text` in <main>."""
    open_page(page, site_url + section)
    page.locator("main").get_by_role("link", name=link_text, exact=True).first.click()
    page.wait_for_load_state("load")
    return page


def first_article(page, site_url: str):
    open_page(page, site_url + "articles/")
    page.locator("main .article-title").first.click()
    page.wait_for_load_state("load")
    return page


def timeline_events(page) -> list[dict]:
    return page.eval_on_selector_all(
        ".timeline .event",
        """els => els.map(e => ({regions: e.dataset.regions.split(' '), text: e.innerText,
                                 date: e.querySelector('.date').className, visible: !!e.offsetParent}))""",
    )


def first_index(events: list[dict], region: str, text: str = "") -> int:
    """Position of the first event in `region` (or a place below it) whose text has `text`."""
    found = [i for i, e in enumerate(events) if region in e["regions"] and text in e["text"]]
    assert found, f"no event in {region} with {text!r}"
    return found[0]


def test_home_lists_the_seven_places_of_the_seeds(page, site_url):
    places = open_page(page, site_url).locator(".home-places").inner_text()
    for place in SEVEN_PLACES:
        names = place if isinstance(place, tuple) else (place,)
        assert any(name in places for name in names), place
    assert page.console_errors == []


def test_hong_kong_page_shows_its_computing_power(page, site_url):
    follow(page, site_url, "regions/", "香港")
    assert page.url.startswith(site_url + "regions/")
    assert "5000 PFLOPS" in page.locator("main").inner_text()
    assert page.console_errors == []


def test_timeline_orders_the_seed_events_by_date_with_honest_precision(page, site_url):
    open_page(page, site_url + "timeline/")
    events = timeline_events(page)
    wuzhen = first_index(events, "wuzhen", "2024年11月")
    shenzhen = first_index(events, "shenzhen", "2025年5月8日")
    weifang = first_index(events, "weifang", "2025年5月8日")
    later = [first_index(events, "hongkong", "2026年1月"), first_index(events, "beijing"), first_index(events, "tianjin")]
    assert first_index(events, "hk-science-park", "2014年") < wuzhen  # a dated fact of a Hong Kong article
    assert wuzhen < shenzhen and wuzhen < weifang
    assert max(shenzhen, weifang) < min(later)
    assert "2026年1月" in events[first_index(events, "beijing")]["text"]
    tianjin = events[first_index(events, "tianjin")]
    assert "precision-year" in tianjin["date"] and re.search(r"2026年(?!\d)", tianjin["text"])
    assert page.console_errors == []


def test_timeline_region_filter_shows_only_that_region_and_back(page, site_url):
    open_page(page, site_url + "timeline/")
    total = len(timeline_events(page))
    page.select_option("#filter-region", "hongkong")
    shown = [e for e in timeline_events(page) if e["visible"]]
    assert 0 < len(shown) < total
    assert all("hongkong" in e["regions"] for e in shown)
    assert f"{len(shown)} / {total}" in page.locator("#timeline-status").inner_text()
    assert "region=hongkong" in page.url
    page.get_by_role("button", name="显示全部").click()
    page.wait_for_function(f"document.querySelectorAll('.timeline .event:not([hidden])').length === {total}")
    assert page.console_errors == []


def test_timeline_without_javascript_lists_every_event(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "timeline/")
    assert page.locator("#timeline-filter").is_hidden()
    assert page.locator(".timeline .event:visible").count() == page.locator(".timeline .event").count() > 5
    context.close()


def source_page(page, site_url: str):
    first_article(page, site_url).locator(".article-meta a[href*='sources/']").first.click()
    page.wait_for_load_state("load")
    return page


PAGE_TYPES = {
    "home": lambda page, url: open_page(page, url),
    "regions": lambda page, url: open_page(page, url + "regions/"),
    "region": lambda page, url: follow(page, url, "regions/", "香港"),
    "topics": lambda page, url: open_page(page, url + "topics/"),
    "topic": lambda page, url: follow(page, url, "topics/", "智能制造"),
    "timeline": lambda page, url: open_page(page, url + "timeline/"),
    "articles": lambda page, url: open_page(page, url + "articles/"),
    "article": first_article,
    "source": source_page,
    "people": lambda page, url: open_page(page, url + "people/"),
    "person": lambda page, url: follow(page, url, "people/", "李家超"),
    "orgs": lambda page, url: open_page(page, url + "orgs/"),
    "search": lambda page, url: open_page(page, url + "search/?q=算力"),
    "not-found": lambda page, url: open_page(page, url + "404.html"),
}


@pytest.mark.parametrize("kind", sorted(PAGE_TYPES))
def test_no_serious_accessibility_violation(page, site_url, kind):
    from axe_playwright_python.sync_playwright import Axe

    PAGE_TYPES[kind](page, site_url)
    results = Axe().run(page)
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    assert page.console_errors == []


@pytest.mark.parametrize("kind", ["home", "region", "timeline", "article", "source", "topics"])
def test_a_360px_phone_needs_no_horizontal_scroll(browser, site_url, kind):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    PAGE_TYPES[kind](page, site_url)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    assert overflow <= 0


def test_no_request_leaves_the_site(page, site_url):
    for kind in ("home", "article", "timeline"):
        PAGE_TYPES[kind](page, site_url)
    origin = re.match(r"https?://[^/]+", site_url).group(0)
    assert [r for r in page.requests if not r.startswith(origin) and not r.startswith("data:")] == []


def test_keyboard_user_can_skip_to_the_content(page, site_url):
    open_page(page, site_url)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"
    assert page.locator(".skip-link").is_visible()


def test_links_work_when_the_site_is_opened_from_files(page, built_site):
    home = built_site / "repo-name" / "index.html"
    page.goto(home.as_uri())
    page.locator(".site-nav").get_by_role("link", name="时间线").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/timeline/index.html")
    assert page.locator(".timeline .event").count() > 5


@pytest.mark.parametrize(
    ("kind", "name"),
    [("home", "home"), ("region", "region"), ("topic", "topic"), ("timeline", "timeline"), ("article", "article")],
)
def test_screenshots_for_people_to_look_at(browser, site_url, artifacts, kind, name):
    for width in (1280, 360):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        PAGE_TYPES[kind](page, site_url)
        path = artifacts / f"site-{name}-{width}.png"
        page.screenshot(path=str(path), full_page=True)
        context.close()
        assert path.stat().st_size > 10_000


def test_every_internal_link_resolves_under_the_sub_path(built_site):
    assert [str(p) for p in check_links(built_site / "repo-name", "/repo-name/")] == []


def test_every_internal_link_resolves_at_the_root(tmp_path):
    from sitegen.build import build
    from sitegen.config import load_settings

    settings = load_settings(REPO, base_url="/", cache_dir=str(tmp_path / "cache"))
    build(settings, out_dir=tmp_path / "site")
    assert [str(p) for p in check_links(tmp_path / "site", "/")] == []


def test_not_found_page_works_at_any_depth_as_github_pages_serves_it(page, site_url, built_site):
    not_found = built_site / "repo-name" / "404.html"
    page.route("**/no/such/page/", lambda route: route.fulfill(status=404, path=str(not_found)))
    page.goto(site_url + "no/such/page/")
    assert page.evaluate("getComputedStyle(document.body).lineHeight") != "normal"  # style.css loaded
    page.locator("main").get_by_role("link", name="时间线").click()
    page.wait_for_load_state("load")
    assert page.url == site_url + "timeline/"
    assert [e for e in page.console_errors if "404" not in e] == []


def test_two_builds_in_different_processes_are_byte_identical(tmp_path):
    """Different hash seeds change set and dict-of-set orders: none may reach the output."""
    import hashlib
    import os
    import subprocess
    import sys

    def build_with_seed(seed: str) -> dict[str, str]:
        out = tmp_path / f"site-{seed}"
        code = (
            "from sitegen.build import build; from sitegen.config import load_settings; "
            f"build(load_settings({str(REPO)!r}, base_url='/repo-name/', cache_dir={str(tmp_path / seed)!r}), "
            f"out_dir={str(out)!r})"
        )
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO)}
        subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=tmp_path)
        return {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(out.rglob("*")) if p.is_file()}

    assert build_with_seed("1") == build_with_seed("2")
