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


def test_the_timeline_filters_offer_the_regions_and_topics_of_its_entries(site):
    """Each region above an event's place, and each topic of an article reporting
    an event, once, in the taxonomy's order; nothing no entry has."""
    from sitegen.render.pages import event_topics, filter_regions, filter_topics, region_chain

    regions = {r for event in site.timeline for r in region_chain(site, event.region)}
    topics = {t for event in site.timeline for t in event_topics(site, event)}
    assert [page.region.id for page, _ in filter_regions(site)] == [r for r in site.regions if r in regions]
    assert [page.topic.id for page in filter_topics(site)] == [t for t in site.topics if t in topics]
    assert topics and regions and len(regions) < len(site.regions)
