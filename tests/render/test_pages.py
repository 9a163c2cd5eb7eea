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
    from dataclasses import replace

    from sitegen.render.pages import event_topics, filter_regions, filter_topics, region_chain

    topic_ids = list(site.topics)
    site = replace(site, timeline=[replace(event, topics=[topic_ids[n % 2], "no-such-topic"])
                                   for n, event in enumerate(site.timeline)])
    regions = {r for event in site.timeline for r in region_chain(site, event.region)}
    topics = {t for event in site.timeline for t in event_topics(site, event)}
    by_level = dict(sorted(site.regions.items(), key=lambda item: len(region_chain(site, item[0]))))
    offered = filter_regions(replace(site, regions=by_level))  # a gazetteer listing countries, then provinces, …
    assert sorted(region.id for region, _ in offered) == sorted(regions)
    assert len({depth for _, depth in offered}) >= 3
    for index, (region, depth) in enumerate(offered):  # each right under the region it lies in
        parent = region_chain(site, region.id)[1:2]
        above = [r.id for r, d in offered[:index] if d == depth - 1]
        assert depth == len(region_chain(site, region.id)) - 1 and (not parent or above[-1:] == parent)
    assert [topic.id for topic in filter_topics(site)] == [t for t in site.topics if t in topics]
    assert topics == set(topic_ids[:2]) and regions and len(regions) < len(site.regions)


def test_the_timeline_filters_do_not_change_with_the_region_and_topic_pages(site):
    """An edit remakes the pages of the edited article's regions and topics; the
    timeline's filter names only the regions and topics, so it stays as it was."""
    from dataclasses import replace

    from sitegen.render.pages import filter_regions, filter_topics

    site = replace(site, timeline=[replace(event, topics=list(site.topics)[:1]) for event in site.timeline])
    edited = replace(site, regions={r: replace(page, articles=[]) for r, page in site.regions.items()},
                     topics={t: replace(page, articles=[]) for t, page in site.topics.items()})
    assert filter_regions(edited) == filter_regions(site) and filter_topics(edited) == filter_topics(site)
    assert filter_regions(site) and filter_topics(site)


def test_key_figures_take_each_articles_figures_in_turn_and_each_fact_once(site):
    """Round by round: every article's first figure, newest article first, then
    every second one, …; a value and unit already shown is skipped."""
    import random
    from dataclasses import replace

    from sitegen.model import Figure
    from sitegen.render.pages import key_figures

    def in_turn(lists: list[list[Figure]], limit: int) -> list[Figure]:
        chosen, seen = [], set()
        for depth in range(max(map(len, lists), default=0)):
            for figures in lists:
                if depth < len(figures) and (figures[depth].value, figures[depth].unit) not in seen:
                    seen.add((figures[depth].value, figures[depth].unit))
                    chosen.append(figures[depth])
        return chosen[:limit]

    rng = random.Random(3)
    for _ in range(200):
        lists = [[Figure(f"{v}家", v, rng.choice(["家", "亿元"]), "数量") for v in rng.choices(range(6), k=rng.randint(0, 4))]
                 for _ in site.articles]
        articles = {slug: replace(item, facts=replace(item.facts, figures=figures))
                    for (slug, item), figures in zip(site.articles.items(), lists)}
        limit = rng.randint(1, 8)
        assert key_figures(replace(site, articles=articles), limit) == in_turn(lists, limit)


def test_the_latest_events_are_the_newest_happening_ones_newest_first(site):
    from dataclasses import replace

    from sitegen.render.pages import latest_events

    primary = [event for event in site.timeline if event.kind == "primary"]
    assert latest_events(site, 2) == primary[::-1][:2]
    assert latest_events(replace(site, timeline=[]), 2) == []
    assert any(event.kind == "secondary" for event in site.timeline)
