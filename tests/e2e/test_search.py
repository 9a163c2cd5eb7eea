"""Search in Chromium: the seeds site under /repo-name/, and a hand-made site that
checks the browser client against its Python twin.

A result is told apart by its meta line (`date · region · 文章`), not by title, so
the checks hold while the analysis of the seeds improves.
"""

from __future__ import annotations

import functools
import http.server
import random
import shutil
import threading
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from sitegen.search import SearchDocument, build_search_files, index
from sitegen.search.reference import StaticIndex

REPO = Path(__file__).resolve().parents[2]
STATUS = ".search-status"


def search_page(page, site_url: str, query: str) -> list[dict]:
    """Open `search/?q=query`, show every result, return them in order."""
    page.goto(site_url + "search/?q=" + quote(query))
    page.wait_for_function(f"/找到|没有找到/.test(document.querySelector('{STATUS}').textContent)")
    return all_results(page)


def all_results(page) -> list[dict]:
    more = page.locator(".search-more")
    while more.is_visible():
        count = page.locator(".search-results li").count()
        more.click()
        page.wait_for_function(f"document.querySelectorAll('.search-results li').length > {count}")
    return page.eval_on_selector_all(
        ".search-results li",
        """items => items.map(li => ({href: li.querySelector('a').href, title: li.querySelector('a').innerText,
              meta: li.querySelector('.meta').innerText, html: li.innerHTML}))""",
    )


def article_in(results: list[dict], region: str) -> int:
    """Position of the first article result whose primary region is `region`."""
    found = [i for i, r in enumerate(results) if "文章" in r["meta"] and region in r["meta"].split(" · ")]
    assert found, f"no article in {region}: {[r['meta'] for r in results]}"
    return found[0]


def stays_inside(page, site_url: str) -> None:
    """No console error, and every request went to the site, under its base path."""
    assert page.console_errors == []
    outside = [url for url in page.requests if not url.startswith(site_url)]
    assert outside == []


def test_compute_power_finds_the_hong_kong_and_tianjin_articles(page, site_url):
    results = search_page(page, site_url, "算力")
    article_in(results, "香港")
    article_in(results, "天津")
    assert "<mark>算力</mark>" in "".join(r["html"] for r in results)
    stays_inside(page, site_url)


def test_optochat_finds_the_nanjing_article(page, site_url):
    results = search_page(page, site_url, "OptoChat")
    assert article_in(results, "南京") == 0
    stays_inside(page, site_url)


def test_embodied_intelligence_finds_the_beijing_article(page, site_url):
    article_in(search_page(page, site_url, "具身智能"), "北京")
    stays_inside(page, site_url)


def test_intelligent_manufacturing_ranks_shenzhen_above_tianjin_and_wuzhen(page, site_url):
    results = search_page(page, site_url, "智能制造")
    shenzhen = article_in(results, "深圳")
    assert shenzhen < article_in(results, "天津")
    assert shenzhen < article_in(results, "乌镇")
    stays_inside(page, site_url)


def test_traditional_and_full_width_queries_find_simplified_text(page, site_url):
    article_in(search_page(page, site_url, "香港特區"), "香港")
    assert article_in(search_page(page, site_url, "ＯｐｔｏＣｈａｔ"), "南京") == 0
    stays_inside(page, site_url)


def test_a_query_without_match_says_so(page, site_url):
    assert search_page(page, site_url, "量子引力波望远镜") == []
    assert "没有找到" in page.locator(STATUS).inner_text()
    stays_inside(page, site_url)


def test_typing_updates_results_and_the_shareable_url(page, site_url):
    page.goto(site_url + "search/")
    page.locator("#search-page-input").press_sequentially("李家超", delay=30)
    page.wait_for_function(
        f"location.search === '?q=%E6%9D%8E%E5%AE%B6%E8%B6%85'"
        f" && /找到/.test(document.querySelector('{STATUS}').textContent)"
    )
    article_in(all_results(page), "香港")
    stays_inside(page, site_url)


def test_region_filter_narrows_results_and_is_kept_in_the_url(page, site_url):
    everything = search_page(page, site_url, "人工智能")
    page.select_option("select[name=region]", "香港")
    page.wait_for_function(f"/找到/.test(document.querySelector('{STATUS}').textContent)")
    page.wait_for_function(f"document.querySelectorAll('.search-results li').length < {len(everything)}")
    narrowed = all_results(page)
    assert 0 < len(narrowed) < len(everything)
    assert "region=%E9%A6%99%E6%B8%AF" in page.url
    stays_inside(page, site_url)


def test_keyboard_opens_a_result_from_the_search_page(page, site_url):
    first = search_page(page, site_url, "OptoChat")[0]["href"]
    page.locator("#search-page-input").focus()
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.href") == first
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == "search-page-input"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(first)
    assert "OptoChat" in page.locator("h1").inner_text()
    stays_inside(page, site_url)


def test_escape_clears_the_search_page(page, site_url):
    search_page(page, site_url, "算力")
    page.locator("#search-page-input").press("Escape")
    assert page.locator("#search-page-input").input_value() == ""
    assert page.locator(".search-results li").count() == 0
    stays_inside(page, site_url)


def test_header_box_shows_results_and_opens_one_by_keyboard(page, site_url):
    page.goto(site_url + "regions/")
    box = page.locator("#site-search-input")
    box.press_sequentially("具身智能", delay=30)
    links = page.locator("#site-search-results a")
    links.last.wait_for()
    assert "查看全部" in links.last.inner_text()
    box.press("ArrowDown")
    target = links.first.get_attribute("href")
    assert page.evaluate("document.activeElement.getAttribute('href')") == target
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Enter")
    page.wait_for_url(target)
    stays_inside(page, site_url)


def test_header_box_escape_closes_then_clears(page, site_url):
    page.goto(site_url)
    box = page.locator("#site-search-input")
    box.press_sequentially("香港", delay=30)
    page.locator("#site-search-results a").last.wait_for()
    box.press("ArrowDown")
    page.keyboard.press("Escape")
    assert page.locator("#site-search-results").is_hidden()
    assert page.evaluate("document.activeElement.id") == "site-search-input"
    box.press("Escape")
    assert box.input_value() == ""
    stays_inside(page, site_url)


def test_header_box_submits_to_the_search_page(page, site_url):
    page.goto(site_url + "topics/")
    page.locator("#site-search-input").fill("算力")
    page.locator("#site-search-input").press("Enter")
    page.wait_for_url("**/search/?q=*")
    assert page.url.startswith(site_url + "search/")
    article_in(all_results(page) or search_page(page, site_url, "算力"), "香港")
    stays_inside(page, site_url)


def test_without_javascript_the_search_page_points_to_regions_and_topics(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "search/?q=算力")
    note = page.locator("main noscript, main .search-note").first
    assert "地区" in page.locator("main").inner_text()
    hrefs = page.eval_on_selector_all("main a", "links => links.map(a => a.href)")
    assert site_url + "regions/" in hrefs and site_url + "topics/" in hrefs
    assert note.count() == 1
    context.close()


def test_search_page_screenshot_for_people_to_look_at(browser, site_url, artifacts):
    for width in (1280, 360):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.goto(site_url + "search/?q=" + quote("智能制造"))
        page.wait_for_function(f"/找到/.test(document.querySelector('{STATUS}').textContent)")
        page.wait_for_selector(".search-results li mark")
        page.screenshot(path=str(artifacts / f"search-{width}.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        page.goto(site_url)
        page.locator("#site-search-input").press_sequentially("香港", delay=20)
        page.locator("#site-search-results a").last.wait_for()
        page.screenshot(path=str(artifacts / f"search-dropdown-{width}.png"))
        context.close()


# ---------------------------------------------------------------- a hand-made site

MINI_PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>搜索</title><link rel="icon" href="data:,"></head>
<body>
<form role="search" action="{root}search/"><input id="site-search-input" name="q" type="search"></form>
<main>
<div data-search-page data-index="./">
  <form role="search" action="./"><input id="search-page-input" name="q" type="search">
    <select name="region" data-facet="region"><option value="">全部</option></select>
    <select name="topic" data-facet="topic"><option value="">全部</option></select>
    <select name="year" data-facet="year"><option value="">全部</option></select>
  </form>
  <p class="search-status"></p><ol class="search-results"></ol><button class="search-more" hidden>更多</button>
</div>
</main>
<script src="{root}static/search.js" data-base-url="{root}"></script>
</body></html>
"""


def mini_documents() -> list[SearchDocument]:
    """Random pages over a small alphabet (pairs collide), plus hostile titles."""
    rng = random.Random(5)
    alphabet = "智能制造算力香港區数據ＡＩai 12，。"
    documents = [
        SearchDocument(
            url=f"pages/p{i}/",
            title="".join(rng.choice(alphabet) for _ in range(rng.randint(2, 8))),
            kind=rng.choice(["article", "region", "entity"]),
            text="".join(rng.choice(alphabet) for _ in range(rng.randint(5, 300))),
            region=rng.choice(["香港", "天津", ""]),
            regions=(rng.choice(["香港", "天津"]),),
            year=rng.choice([2024, 2025]),
        )
        for i in range(80)
    ]
    documents.append(
        SearchDocument(url="pages/tricky/", title="特殊字符", kind="article",
                       text="ＡＩ\u3000芯片\u00a0与𠀀𠀁字\u2028香港特區，café 与 Ｃａｆé  AI\t芯片 第５０００號")
    )
    documents.append(
        SearchDocument(url="pages/evil/", title='<img src=x onerror="window.hacked=1">算力', kind="article",
                       text='<script>window.hacked=2</script>算力 & "引号"')
    )
    return documents


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        pass


@pytest.fixture(scope="module")
def mini_site(tmp_path_factory):
    """The hand-made pages' index and a minimal search page, served from /repo-name/."""
    www = tmp_path_factory.mktemp("mini")
    root = www / "repo-name"
    documents = mini_documents()
    # a low threshold makes some pairs "hot": both the n-gram and the positions path run;
    # short own-file lists put both short lists in shards and long ones in files of their own
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(index, "OWN_FILE_CHARS", 40)
        files = build_search_files(documents, jobs=1, hot_bytes=60)
    assert any("/t/" in path for path in files) and any("/p/" in path for path in files)
    for path, data in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes(data)
    (root / "static").mkdir()
    shutil.copy(REPO / "static" / "search.js", root / "static" / "search.js")
    (root / "search" / "index.html").write_text(MINI_PAGE.format(root="/repo-name/"), encoding="utf-8")
    handler = functools.partial(QuietHandler, directory=str(www))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/repo-name/", StaticIndex(files.__getitem__)
    server.shutdown()


@pytest.mark.parametrize(
    "query",
    ["算力", "智能制造", "ai", "AI 香港", "數據", "12", "港區", "能", "ＡＩ智能", "造算力香", "制造算", "香港區数",
     "ai芯片", "𠀀𠀁", "与𠀀", "特区", "café", "5000号", "第5000"],
)
def test_browser_and_python_twin_return_the_same_pages_in_the_same_order(page, mini_site, query):
    site_url, index = mini_site
    expected = [site_url + index.document(n)[0] for n in index.search(query).documents]
    results = search_page(page, site_url, query)
    assert [r["href"] for r in results] == expected
    stays_inside(page, site_url)


def test_titles_and_snippets_are_escaped(page, mini_site):
    site_url, _ = mini_site
    results = search_page(page, site_url, "算力")
    evil = next(r for r in results if r["href"].endswith("pages/evil/"))
    assert evil["title"].startswith("<img src=x")
    assert "<img" not in evil["html"] and "<script" not in evil["html"]
    assert page.evaluate("window.hacked") is None
    assert urlsplit(evil["href"]).path == "/repo-name/pages/evil/"
    stays_inside(page, site_url)


def test_highlight_maps_the_normal_form_back_to_the_original_text(page, mini_site):
    site_url, _ = mini_site
    results = search_page(page, site_url, "ai芯片")
    tricky = next(r for r in results if r["href"].endswith("pages/tricky/"))
    assert "<mark>ＡＩ\u3000芯片</mark>" in tricky["html"]
    assert "<mark>AI\t芯片</mark>" in tricky["html"]
    stays_inside(page, site_url)
