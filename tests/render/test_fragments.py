"""memo(): a repeated list entry is rendered once per link base, and reads the same."""

from __future__ import annotations

from jinja2 import DictLoader, Environment, pass_context

from sitegen.render import build_environment, render_page
from sitegen.render.env import url
from sitegen.render.fragments import Memo
from sitegen.render.pages import Paths, site_pages

MACROS = """{% macro item(name, extra='') %}<a href="{{ url('items/' ~ name ~ '/') }}">{{ counted(name) }}{{ extra }}</a>{% endmacro %}"""
PAGE = """{% import 'macros.html' as m with context %}{% for name in names %}{{ memo(m.item, name) }}{% endfor %}"""


def _environment(calls: list[str]) -> Environment:
    env = Environment(loader=DictLoader({"macros.html": MACROS, "page.html": PAGE}), autoescape=True)
    env.globals.update(url=url, memo=Memo(), counted=lambda name: calls.append(name) or name)
    return env


def _render(env: Environment, page_path: str, names: list[str], **context) -> str:
    return env.get_template("page.html").render(page_path=page_path, base_url="/repo/", names=names, **context)


def test_a_memoised_macro_renders_once_per_argument_and_page_depth():
    calls: list[str] = []
    env = _environment(calls)
    assert _render(env, "regions/x/", ["a", "b"]) == '<a href="../../items/a/">a</a><a href="../../items/b/">b</a>'
    assert _render(env, "topics/y/", ["b", "a"]) == '<a href="../../items/b/">b</a><a href="../../items/a/">a</a>'
    assert calls == ["a", "b"]
    assert _render(env, "articles/", ["a"]) == '<a href="../items/a/">a</a>'
    assert calls == ["a", "b", "a"]


def test_absolute_links_are_memoised_apart_from_relative_ones():
    calls: list[str] = []
    env = _environment(calls)
    assert _render(env, "404.html", ["a"]) == '<a href="items/a/">a</a>'
    assert _render(env, "404.html", ["a"], absolute_links=True) == '<a href="/repo/items/a/">a</a>'
    assert calls == ["a", "a"]


def test_memo_keeps_calls_with_different_arguments_apart():
    env = Environment(loader=DictLoader({
        "macros.html": MACROS,
        "page.html": "{% import 'macros.html' as m with context %}"
                     "{{ memo(m.item, 'a', 1) }}|{{ memo(m.item, 'a', 2) }}|{{ memo(m.item, 'a', 1) }}",
    }), autoescape=True)
    env.globals.update(url=url, memo=Memo(), counted=str)
    assert _render(env, "", []) == '<a href="items/a/">a1</a>|<a href="items/a/">a2</a>|<a href="items/a/">a1</a>'


def test_every_page_reads_the_same_as_when_rendered_without_the_memo(site, settings):
    """The memo only saves work: each macro rendered afresh on every page gives the same pages."""
    memoised, _ = build_environment(site, settings)
    fresh, _ = build_environment(site, settings)
    fresh.globals["memo"] = pass_context(lambda context, macro, *args: macro(*args))
    pages = site_pages(site, Paths(site))
    for page in pages + pages:  # the second round is served from the memo
        assert render_page(memoised, page, site, settings) == render_page(fresh, page, site, settings), page.path
