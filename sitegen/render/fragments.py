"""Pieces of pages rendered once per build and link base, then reused.

An article's list entry appears on every page that lists it: its regions (a
city, its province, the country), its topics, the people and organisations it
names, its source files, the articles related to it. An event or a key figure
is repeated the same way. Rendering such a piece through its Jinja macro each
time costs more than the rest of most pages, yet its HTML depends only on its
arguments and on where the page's links start from (`url()` climbs one folder
per `/` of the page path, or starts from the base URL on 404.html). So
`memo(macro, *arguments)` in a template renders the macro the first time for a
link base and returns the same HTML for every later page with that base.

Only macros whose output depends on nothing but their arguments and the link
base may be memoised: not the current section, not the page's own path.
"""

from __future__ import annotations

from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context, Macro
from markupsafe import Markup

from sitegen.render.env import PageUrl

_VALUES = (str, int, float, bool, type(None))


def link_base(context: Context) -> tuple[str, Any]:
    """What the links of the page being rendered depend on: its depth, or the base URL."""
    page_url = context.resolve_or_missing("url")
    if isinstance(page_url, PageUrl):
        return page_url.base
    if context.get("absolute_links"):
        return ("absolute", context["base_url"])
    return ("depth", context["page_path"].count("/"))


def _identity(value: Any) -> Any:
    """A hashable stand-in for an argument: plain values by value, dicts by their
    items, model objects (events, articles) by identity: each exists once per build."""
    if isinstance(value, _VALUES):
        return value
    if isinstance(value, dict):
        return tuple((key, _identity(item)) for key, item in value.items())
    return ("id", id(value))


class Memo:
    """The memoised fragments of one build (a Jinja global, one per environment).

    Entries keep their arguments alive, so no identity in a key is reused by
    another object while the build runs.
    """

    def __init__(self) -> None:
        self._html: dict[tuple, tuple[Markup, tuple]] = {}

    @pass_context
    def __call__(self, context: Context, macro: Macro, *args: Any) -> Markup:
        key = (macro.name, link_base(context), *map(_identity, args))
        hit = self._html.get(key)
        if hit is None:
            hit = self._html[key] = (macro(*args), args)
        return hit[0]
