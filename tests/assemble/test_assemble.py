"""assemble_site on hand-made analysed articles and a small hand-made gazetteer."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sitegen.assemble import ascii_slug, assemble_site, merge_events, unique_slug
from sitegen.model import (
    AnalysedArticle,
    Block,
    Article,
    ArticleFacts,
    DateSpan,
    Entity,
    Event,
    Figure,
    Paragraph,
    PartialDate,
    PlaceMention,
    RegionDef,
    SentenceRef,
    Source,
    SourceRef,
    TopicDef,
    TopicScore,
)
from sitegen.taxonomy import Taxonomy

REGIONS = [
    RegionDef("world", "世界", "world"),
    RegionDef("china", "中国", "country", "world"),
    RegionDef("zhejiang", "浙江", "province", "china"),
    RegionDef("hangzhou", "杭州", "city", "zhejiang"),
    RegionDef("wuzhen", "乌镇", "district", "zhejiang"),
    RegionDef("guangdong", "广东", "province", "china"),
    RegionDef("shenzhen", "深圳", "city", "guangdong"),
    RegionDef("beijing", "北京", "province", "china"),
    RegionDef("tianjin", "天津", "province", "china"),
    RegionDef("kenya", "肯尼亚", "country", "world"),
]
TOPICS = [
    TopicDef("manufacturing", "智能制造", "Intelligent manufacturing", ("智能制造",)),
    TopicDef("compute", "算力与芯片", "Compute", ("算力",)),
    TopicDef("robots", "具身智能", "Robots", ("机器人",)),
]


@pytest.fixture
def taxonomy() -> Taxonomy:
    return Taxonomy(
        regions={r.id: r for r in REGIONS},
        topics={t.id: t for t in TOPICS},
        stopwords=frozenset(),
        organisations=(),
        digest="test",
    )


def day(*parts: int) -> DateSpan:
    return DateSpan(PartialDate(*parts))


def analysed(
    slug: str,
    published: DateSpan | None,
    region: str | None,
    topics: tuple[str, ...] = (),
    keywords: tuple[str, ...] = (),
    mentions: tuple[str, ...] = (),
    events: tuple[Event, ...] = (),
    entities: tuple[Entity, ...] = (),
    figures: tuple[Figure, ...] = (),
) -> AnalysedArticle:
    sentence = SentenceRef(f"{slug}的第一句话。", slug, "p1", 1.0)
    article = Article(
        slug=slug,
        title=f"标题{slug}",
        paragraphs=[Paragraph("p1", "paragraph", sentence.text, f"seeds/{slug}.txt", 1)],
        sources=[SourceRef(f"seeds/{slug}.txt", 1, f"标题{slug}")],
        published=published,
    )
    facts = ArticleFacts(
        primary_region=region,
        places=[PlaceMention(m, m, 1) for m in mentions],
        keywords=list(keywords),
        topics=[TopicScore(t, 1.0) for t in topics],
        summary=[sentence],
        ranked_sentences=[sentence],
        figures=list(figures),
        entities=list(entities),
        events=list(events),
    )
    return AnalysedArticle(article, facts)


def corpus() -> list[AnalysedArticle]:
    wuzhen_event = Event("乌镇峰会", DateSpan(PartialDate(2024, 11, 19), PartialDate(2024, 11, 22)), "wuzhen", ["wz"])
    return [
        analysed("tj", None, "tianjin", ("robots",), ("博览会",), ("beijing", "kenya"),
                 (Event("博览会", day(2026), "tianjin", ["tj"]),),
                 (Entity("杰思衡", "person", ["联合国驻华协调员"]),)),
        analysed("wz", day(2024, 11, 21), "wuzhen", ("manufacturing", "compute"), ("智能制造", "蓝皮书"),
                 ("wuzhen",), (wuzhen_event, Event("商汤落户", day(2014), "hangzhou", ["wz"], "secondary")),
                 figures=(Figure("421 家", 421, "家", "示范工厂"),)),
        analysed("sz", day(2025, 5, 8), "shenzhen", ("manufacturing",), ("智能制造",), (),
                 (Event("深圳大会", day(2025, 5, 8), "shenzhen", ["sz"]),),
                 (Entity("联想", "org"),)),
        analysed("bj", day(2026, 1, 25), "beijing", ("robots", "compute"), ("机器人",), (),
                 (Event("北京两会", day(2026, 1, 25), "beijing", ["bj"]),),
                 (Entity("杰思衡", "person", ["发言人"]), Entity("联想", "org"))),
        analysed("hz", day(2024, 11, 22), "hangzhou", ("compute",), ("蓝皮书",)),
    ]


@pytest.fixture
def site(taxonomy):
    sources = [Source(f"seeds/{s}.txt", "plain", "utf-8", "x", "0", []) for s in ("wz", "bj")]
    return assemble_site(corpus(), sources, taxonomy, "简报")


def test_articles_are_ordered_newest_first_by_publication_date_else_first_event(site):
    assert list(site.articles) == ["bj", "tj", "sz", "hz", "wz"]


def test_articles_without_any_date_come_last(taxonomy):
    items = [analysed("undated", None, None), analysed("dated", day(2020), None)]
    assert list(assemble_site(items, [], taxonomy, "t").articles) == ["dated", "undated"]


def test_an_undated_chronology_is_dated_and_ordered_by_its_first_dated_line(taxonomy):
    from sitegen.assemble import first_event_date

    lines = tuple(Event(f"第{n}条", day(2024, month), "beijing", ["chronology"], "secondary") for n, month in ((1, 5), (2, 3)))
    chronology = analysed("chronology", None, None, events=lines)
    site = assemble_site([analysed("undated", None, None), chronology, analysed("old", day(2023), None)], [], taxonomy, "t")
    assert first_event_date(site.articles["chronology"]) == day(2024, 3)
    assert list(site.articles) == ["chronology", "old", "undated"]


def test_region_pages_exist_for_places_with_articles_and_all_their_ancestors(site):
    for region_id in ("wuzhen", "zhejiang", "china", "world", "shenzhen", "guangdong", "tianjin"):
        assert region_id in site.regions
    assert "wz" in site.regions["zhejiang"].articles and "hz" in site.regions["zhejiang"].articles
    assert site.regions["zhejiang"].children == ["hangzhou", "wuzhen"]


def test_a_place_only_mentioned_lists_the_article_apart_from_its_own(site):
    beijing = site.regions["beijing"]
    assert beijing.articles == ["bj"]
    assert beijing.mentioned_in == ["tj"]
    assert "tj" not in beijing.articles
    assert site.regions["kenya"].articles == [] and site.regions["kenya"].mentioned_in == ["tj"]


def test_region_events_include_places_below_in_date_order(site):
    titles = [e.title for e in site.regions["zhejiang"].events]
    assert titles == ["商汤落户", "乌镇峰会"]
    assert [e.title for e in site.regions["wuzhen"].events] == ["乌镇峰会"]


def test_region_summary_figures_topics_and_entities_come_from_its_articles(site):
    zhejiang = site.regions["zhejiang"]
    assert {s.article for s in zhejiang.summary} <= {"wz", "hz"}
    assert [f.text for f in zhejiang.figures] == ["421 家"]
    assert zhejiang.topics[0] == ("compute", 2)
    beijing = site.regions["beijing"]
    assert sorted(beijing.entities) == sorted(["jie-si-heng", "lian-xiang"])


def test_topic_pages_count_articles_and_active_regions(site):
    assert list(site.topics) == ["manufacturing", "compute", "robots"]
    compute = site.topics["compute"]
    assert compute.articles == ["bj", "hz", "wz"]
    assert dict(compute.regions) == {"beijing": 1, "hangzhou": 1, "wuzhen": 1}
    assert compute.keywords[0] == "蓝皮书"
    assert site.topics["manufacturing"].keywords[0] == "智能制造"


def test_same_name_across_articles_is_one_entity_with_merged_titles(site):
    person = site.entities["jie-si-heng"]
    assert person.entity.titles == ["发言人", "联合国驻华协调员"]  # newest article first
    assert person.articles == ["bj", "tj"]
    assert site.entities["lian-xiang"].entity.kind == "org"


def test_timeline_has_every_event_once_in_date_order(site):
    assert [e.title for e in site.timeline] == ["商汤落户", "乌镇峰会", "深圳大会", "博览会", "北京两会"]
    assert site.timeline[0].kind == "secondary"


def test_year_only_dates_sort_before_dated_events_of_that_year_and_ties_go_by_title():
    events = [
        Event("a month", day(2026, 1), None, ["a"]),
        Event("b year", day(2026), None, ["a"]),
        Event("a year", day(2026), None, ["b"]),
    ]
    assert [e.title for e in merge_events(events, {})] == ["a year", "b year", "a month"]


def test_the_same_event_from_two_articles_is_merged_and_cites_both():
    events = merge_events([Event("峰会", day(2025, 5, 8), "x", ["a"]), Event("峰会", day(2025, 5, 8), "x", ["b"])], {})
    assert len(events) == 1 and events[0].articles == ["a", "b"]


def test_related_articles_share_topics_first_and_never_include_themselves(site):
    assert site.related["wz"][0] == "hz"
    assert "wz" not in site.related["wz"]
    assert all(len(slugs) <= 5 for slugs in site.related.values())
    assert site.related["sz"][0] == "wz"


def test_assemble_is_deterministic_whatever_the_input_order(taxonomy):
    one = assemble_site(corpus(), [], taxonomy, "t")
    two = assemble_site(list(reversed(corpus())), [], taxonomy, "t")
    assert one == two


def test_sources_are_kept_by_path_for_provenance_pages(site):
    assert list(site.sources) == ["seeds/bj.txt", "seeds/wz.txt"]


def test_sources_keep_their_text_but_not_the_blocks_normalising_consumed(taxonomy):
    source = Source("seeds/a.txt", "plain", "utf-8", "第一段\n\n第二段", "0", [Block("paragraph", "第一段", 1)],
                    meta={"title": "甲"})
    kept = assemble_site(corpus(), [source], taxonomy, "简报").sources["seeds/a.txt"]
    assert (kept.text, kept.meta, kept.digest, kept.blocks) == (source.text, {"title": "甲"}, "0", [])
    assert source.blocks, "the source given is left as it was"


@pytest.mark.parametrize(
    ("name", "slug"),
    [("李家超", "li-jia-chao"), ("OpenAI", "openai"), ("商汤科技SenseTime", "shang-tang-ke-ji-sensetime"),
     ("../../etc", "etc"), ("！！", "entity")],
)
def test_entity_slugs_are_readable_ascii(name, slug):
    assert ascii_slug(name, "entity") == slug


def test_unique_slug_numbers_collisions():
    taken: set[str] = set()
    assert [unique_slug("x", taken) for _ in range(3)] == ["x", "x-2", "x-3"]


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_a_memo_kept_across_edits_assembles_what_a_fresh_assembly_does(taxonomy, monkeypatch, seed):
    """Random corpora over the test gazetteer; each round edits one article's facts
    (keeping the other objects, as a preview does), adds or drops one."""
    import random

    from sitegen.assemble import AssembleMemo, related, shared

    monkeypatch.setattr(related, "RELATED_WINDOW", 4)  # long postings lists at a test's size
    monkeypatch.setattr(shared, "SUMMARY_CANDIDATES", 3)  # regions with more sentences than candidates
    rng = random.Random(seed)
    regions = [r.id for r in REGIONS] + [None]
    topics = [t.id for t in TOPICS]
    words = ["智能制造", "蓝皮书", "机器人", "算力", "峰会", "芯片"]
    people = [Entity("杰思衡", "person"), Entity("联想", "org"), Entity("商汤", "org"), Entity("李家超", "person"),
              Entity("华为", "org"), Entity("王坚", "person")]

    def random_events(slug: str) -> tuple[Event, ...]:
        """0-2 events, from few enough titles, dates and places that articles share some."""
        return tuple(
            Event(rng.choice(["发布会", "签约仪式"]), day(2024, rng.randint(1, 2)), rng.choice(regions), [slug],
                  rng.choice(["primary", "secondary"]))
            for _ in range(rng.randint(0, 2)))

    def random_figures(slug: str) -> tuple[Figure, ...]:
        """0-2 figures, from few enough values that articles share some (quoted from each its own)."""
        return tuple(Figure(f"{v}亿元", v * 1e8, "元", "投资", sentence=SentenceRef(f"投资{v}亿元。", slug, "p1"))
                     for v in rng.sample([1, 2, 3, 5], rng.randint(0, 2)))

    def random_article(number: int) -> AnalysedArticle:
        slug = f"a{number}"
        item = analysed(
            slug, day(2020 + rng.randint(0, 5), rng.randint(1, 12)) if rng.random() < 0.9 else None,
            rng.choice(regions), tuple(rng.sample(topics, rng.randint(0, 2))), tuple(rng.sample(words, 2)),
            mentions=tuple(rng.sample(regions[:-1], rng.randint(0, 2))), events=random_events(slug),
            entities=tuple(rng.sample(people, rng.randint(0, 2))), figures=random_figures(slug),
        )
        return rescored(item)

    def rescored(item: AnalysedArticle) -> AnalysedArticle:
        """The article with 1-3 ranked sentences of random scores (and a new object)."""
        slug = item.article.slug
        scores = [0.2, 0.5, 1.0, rng.random()]  # ties, as each article's best sentence scores 1.0
        sentences = [SentenceRef(f"{slug}第{n}句{rng.random():.3f}。", slug, "p1", rng.choice(scores))
                     for n in range(rng.randint(1, 3))]
        return replace(item, facts=replace(item.facts, ranked_sentences=sentences))

    items = [random_article(n) for n in range(20)]
    memo = AssembleMemo(taxonomy)
    for round_ in range(150):
        assert assemble_site(items, [], taxonomy, "t", memo) == assemble_site(items, [], taxonomy, "t"), round_
        action, index = rng.random(), rng.randrange(len(items))
        old = items[index]
        if action < 0.1:  # a body edit: other sentences, the same features
            items[index] = rescored(old)
        elif action < 0.15:  # an edit that re-weighs other articles' keywords: several replaced at once
            for other in rng.sample(range(len(items)), min(3, len(items))):
                items[other] = rescored(replace(items[other], facts=replace(
                    items[other].facts, keywords=rng.sample(words, 2))))
        elif action < 0.25:
            items[index] = replace(old, facts=replace(old.facts, keywords=rng.sample(words, 2),
                                                      topics=[TopicScore(t, 1.0) for t in rng.sample(topics, 1)]))
        elif action < 0.4:  # other places, events or figures
            facts = old.facts
            change = rng.choice(["moved", "mentions", "events", "figures"])
            if change == "moved":
                facts = replace(facts, primary_region=rng.choice(regions))
            elif change == "mentions":
                facts = replace(facts, places=[PlaceMention(m, m, 1) for m in rng.sample(regions[:-1], 2)])
            elif change == "events":
                facts = replace(facts, events=list(random_events(old.article.slug)))
            else:
                facts = replace(facts, figures=list(random_figures(old.article.slug)))
            items[index] = replace(old, facts=facts)
        elif action < 0.45:  # other people named, some named nowhere else
            named = [*rng.sample(people, rng.randint(0, 2)), *[Entity(f"新人{round_}", "person")][:rng.randint(0, 1)]]
            items[index] = replace(old, facts=replace(old.facts, entities=named))
        elif action < 0.5:  # features only lost
            items[index] = replace(old, facts=replace(old.facts, keywords=old.facts.keywords[:1], topics=[]))
        elif action < 0.8:
            items.append(random_article(100 + round_))
        elif len(items) > 3:
            items.pop(index)


def test_a_memo_keeps_the_entity_pages_an_edit_leaves_as_they_were(taxonomy, monkeypatch):
    """An edited article naming the people it named before leaves their pages the
    same objects, so the pages of every other article naming them are seen to
    be unchanged at a glance (`render.pages.ModelChanges`); a page that does
    change is a new object."""
    from sitegen.assemble import AssembleMemo, entities

    items = corpus()
    memo = AssembleMemo(taxonomy)
    before = assemble_site(items, [], taxonomy, "t", memo).entities
    edited = items[3]  # bj names 杰思衡 and 联想
    items[3] = replace(edited, facts=replace(edited.facts, keywords=["算力"]))
    after = assemble_site(items, [], taxonomy, "t", memo).entities
    assert all(after[slug] is page for slug, page in before.items())
    analysed_again = [replace(entity, titles=list(entity.titles)) for entity in edited.facts.entities]
    items[3] = replace(edited, facts=replace(edited.facts, entities=analysed_again))  # equal, not the same
    with monkeypatch.context() as patched:  # seen to be the same without making a page (a company has thousands)
        patched.setattr(entities, "_entity_page", None)
        after = assemble_site(items, [], taxonomy, "t", memo).entities
    assert all(after[slug] is page for slug, page in before.items())
    items[3] = replace(edited, facts=replace(edited.facts, entities=[Entity("杰思衡", "person", ["大使"]),
                                                                     Entity("联想", "org")]))
    again = assemble_site(items, [], taxonomy, "t", memo).entities
    changed = [slug for slug, page in again.items() if page is not after[slug]]
    assert [again[slug].entity.name for slug in changed] == ["杰思衡"]
    assert "大使" in again[changed[0]].entity.titles


def test_a_memo_keeps_the_topic_pages_an_edit_leaves_as_they_were(taxonomy):
    """An edit to an article about robots and compute leaves the manufacturing
    page the same object; the pages it touches are made again, equal to a
    fresh assembly's."""
    from sitegen.assemble import AssembleMemo

    items = corpus()
    memo = AssembleMemo(taxonomy)
    before = assemble_site(items, [], taxonomy, "t", memo).topics
    items[3] = replace(items[3], facts=replace(items[3].facts, keywords=["算力"]))  # bj: robots, compute
    after = assemble_site(items, [], taxonomy, "t", memo)
    assert after.topics["manufacturing"] is before["manufacturing"]
    assert after.topics["robots"] is not before["robots"] and after.topics["compute"] is not before["compute"]
    assert after.topics == assemble_site(items, [], taxonomy, "t").topics


def test_the_first_article_with_a_publication_date_has_the_newest_one(taxonomy):
    """Articles come newest first by publication date (undated ones by their first
    event): the feed's timestamp takes the first dated one (`render.feeds`)."""
    import random

    from sitegen.render.feeds import site_timestamp

    rng = random.Random(7)
    for _ in range(50):
        items = [analysed(f"a{n}", day(2020 + rng.randint(0, 5), rng.randint(1, 12)) if rng.random() < 0.6 else None,
                          None, events=(Event("会", day(2020 + rng.randint(0, 6)), None, [f"a{n}"]),))
                 for n in range(rng.randint(1, 12))]
        site = assemble_site(items, [], taxonomy, "t")
        dated = [item.article.published.start for item in items if item.article.published]
        if dated:
            newest = max(dated, key=lambda date: date.sort_key())
            assert site_timestamp(site).date().isoformat() == f"{newest.year:04d}-{newest.month:02d}-{newest.day or 1:02d}"


def test_a_memo_takes_several_replaced_articles_naming_the_same_person(taxonomy):
    """Two articles naming 杰思衡 replaced in one build (an edit re-weighs other
    articles' keywords too): each mention counted once, as a fresh assembly does."""
    from sitegen.assemble import AssembleMemo

    items = corpus()
    memo = AssembleMemo(taxonomy)
    assemble_site(items, [], taxonomy, "t", memo)
    for index in (0, 3):  # tj and bj both name 杰思衡
        items[index] = replace(items[index], facts=replace(items[index].facts, keywords=["算力"]))
    assert assemble_site(items, [], taxonomy, "t", memo) == assemble_site(items, [], taxonomy, "t")
    items[3] = replace(items[3], facts=replace(items[3].facts, entities=[Entity("杰思衡", "person", ["大使"])]))
    items[0] = replace(items[0], facts=replace(items[0].facts, keywords=["机器人"]))
    assert assemble_site(items, [], taxonomy, "t", memo) == assemble_site(items, [], taxonomy, "t")


def test_a_timeline_event_holds_the_topics_of_the_articles_reporting_it(site):
    """The timeline's filter reads them from the event (`render`), not from the articles."""
    by_title = {event.title: event for event in site.timeline}
    assert by_title["乌镇峰会"].topics == ["manufacturing", "compute"]
    assert by_title["北京两会"].topics == ["robots", "compute"]
    assert all(not event.topics for item in corpus() for event in item.facts.events)  # an article's own: none
