"""The list of pages: every page listed cheaply, each page's variables made when it is rendered."""

from __future__ import annotations

from sitegen.render import pages as pages_module
from sitegen.render.pages import Paths, site_pages


def test_a_pages_variables_are_made_only_when_asked_for(site, monkeypatch):
    made: list[str] = []
    entities = pages_module.article_entities
    monkeypatch.setattr(pages_module, "article_entities",
                        lambda site, item, slug_of: made.append(item.article.slug) or entities(site, item, slug_of))
    pages = site_pages(site, Paths(site))
    assert made == []
    context = next(p for p in pages if p.path == "articles/hk-ai/").context
    assert [e.slug for e in context["entities"]] == ["li-jia-chao"]
    assert context["article"].slug == "hk-ai"
    assert made == ["hk-ai"]


def test_every_page_type_is_listed_once_in_a_fixed_order(site):
    paths = [page.path for page in site_pages(site, Paths(site))]
    assert paths[:3] == ["", "articles/", "regions/"]
    assert len(paths) == len(set(paths))
    assert {"regions/hongkong/", "topics/compute/", "articles/hk-ai/", "people/li-jia-chao/", "sources/a.txt/"} <= set(paths)
