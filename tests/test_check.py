"""The link checker on small hand-written sites: each test plants one kind of fault."""

from __future__ import annotations

from pathlib import Path

from sitegen.check import LinkProblem, check_links, srcset_urls


def page(body: str, head: str = "") -> str:
    return f"<!doctype html><html><head>{head}</head><body><main>{body}</main></body></html>"


def make_site(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_page_relative_and_base_absolute_links_resolve(tmp_path):
    site = make_site(tmp_path, {
        "index.html": page('<a href="a/">A</a> <a href="/repo/a/b.html#x">B</a>'
                           '<img src="img/logo.svg" alt="">', '<link rel="stylesheet" href="css/s.css">'),
        "a/index.html": page('<a href="../">home</a> <a href="b.html">b</a> <a href="./b.html#x">x</a>'),
        "a/b.html": page('<h2 id="x">标题</h2><a href="..">up</a>'),
        "img/logo.svg": "<svg/>",
        "css/s.css": "body{}",
    })
    assert check_links(site, "/repo/") == []


def test_missing_file_is_reported_with_page_and_link(tmp_path):
    site = make_site(tmp_path, {"index.html": page('<a href="articles/missing.html">x</a>')})
    problems = check_links(site, "/")
    assert problems == [LinkProblem("index.html", "articles/missing.html", "no such file in the site")]
    assert str(problems[0]) == "index.html: articles/missing.html: no such file in the site"


def test_missing_anchor_on_same_and_other_page(tmp_path):
    site = make_site(tmp_path, {
        "index.html": page('<p id="here">正文</p><a href="#here">ok</a><a href="#gone">bad</a>'
                           '<a href="b.html#p3">bad too</a><a href="b.html#p1">ok</a>'),
        "b.html": page('<p id="p1">第一段</p><a name="old">旧</a><a href="#old">ok</a>'),
    })
    assert [(p.link, p.reason) for p in check_links(site, "/")] == [
        ("#gone", "no element with id 'gone'"),
        ("b.html#p3", "no element with id 'p3'"),
    ]


def test_percent_encoded_chinese_anchor_matches_its_id(tmp_path):
    site = make_site(tmp_path, {"index.html": page('<h2 id="深圳">深圳</h2><a href="#%E6%B7%B1%E5%9C%B3">go</a>')})
    assert check_links(site, "/") == []


def test_root_absolute_link_that_forgets_the_base_path_is_reported(tmp_path):
    site = make_site(tmp_path, {"index.html": page('<a href="/a.html">a</a>'), "a.html": page("a")})
    assert check_links(site, "/") == []
    [problem] = check_links(site, "/repo-name/")
    assert problem.reason == "leaves the base path /repo-name/"


def test_dotdot_above_the_site_root_is_reported_even_under_root_base(tmp_path):
    site = make_site(tmp_path, {"a/index.html": page('<a href="../../x.html">x</a>'), "x.html": page("x")})
    [problem] = check_links(site, "/")
    assert problem.link == "../../x.html" and "leaves the base path" in problem.reason


def test_external_schemes_are_not_followed(tmp_path):
    site = make_site(tmp_path, {"index.html": page(
        '<a href="https://example.com/x">e</a><a href="mailto:a@b.c">m</a>'
        '<img src="data:image/png;base64,AAAA" alt=""><a href="//cdn.example/x.js">c</a>'
        '<a href="tel:+861234">t</a><a href="javascript:void(0)">j</a>')})
    assert check_links(site, "/") == []


def test_empty_main_and_missing_main_are_reported(tmp_path):
    site = make_site(tmp_path, {
        "index.html": page("<script>var x = 1;</script>  "),
        "bare.html": "<html><body><p>text outside main</p></body></html>",
        "redirect.html": '<html><head><meta http-equiv="refresh" content="0; url=./"></head></html>',
    })
    problems = {p.page: p.reason for p in check_links(site, "/")}
    assert problems == {
        "index.html": "empty page: no text in <main>",
        "bare.html": "page has no <main>",
    }


def test_srcset_candidates_are_each_checked(tmp_path):
    site = make_site(tmp_path, {
        "index.html": page('<p>图</p><img alt="" src="a.png" srcset="a.png 1x, b.png 2x">'),
        "a.png": "",
    })
    assert [p.link for p in check_links(site, "/")] == ["b.png"]


def test_srcset_parser_keeps_commas_inside_urls():
    assert srcset_urls("a.png 1x, b,c.png 2x") == ["a.png", "b,c.png"]
    assert srcset_urls("one.png") == ["one.png"]
    assert srcset_urls("a.png,b.png") == ["a.png,b.png"]


def test_directory_link_without_slash_and_query_string_resolve(tmp_path):
    site = make_site(tmp_path, {
        "index.html": page('<a href="regions">r</a><a href="search/?q=%E7%AE%97%E5%8A%9B">s</a><a href="/repo">home</a>'),
        "regions/index.html": page("r"),
        "search/index.html": page("s"),
    })
    assert check_links(site, "/repo/") == []


def test_symlink_pointing_outside_the_site_is_broken(tmp_path):
    outside = tmp_path / "secret.html"
    outside.write_text(page("secret"), encoding="utf-8")
    site = make_site(tmp_path / "site", {"index.html": page('<a href="leak.html">x</a>')})
    (site / "leak.html").symlink_to(outside)
    assert [p.link for p in check_links(site, "/")] == ["leak.html"]


def test_base_element_changes_how_relative_links_resolve(tmp_path):
    site = make_site(tmp_path, {
        "a/index.html": page('<a href="b.html">b</a>', '<base href="/repo/">'),
        "b.html": page("b"),
    })
    assert check_links(site, "/repo/") == []


def test_each_broken_link_is_reported_once_per_page(tmp_path):
    site = make_site(tmp_path, {"index.html": page('<a href="x.html">1</a><a href="x.html">2</a>')})
    assert len(check_links(site, "/")) == 1
