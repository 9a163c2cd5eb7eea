"""End to end on the real seeds: read -> normalise -> analyse_corpus, checked
against what issue 3 says a reader must get from them."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.analyse import analyse_corpus
from sitegen.model import AnalysedArticle, Source
from sitegen.normalise import normalise_sources
from sitegen.read import find_source_files, read_source
from sitegen.taxonomy import load_taxonomy

REPO = Path(__file__).resolve().parents[2]
TAXONOMY = load_taxonomy()

TIANJIN = "大咖齐聚津门"
BEIJING = "人工智能第一城"
WUZHEN = ("蓝皮书", "从“互联网+”到“AI+”", "多项新技术亮相", "数字经济发展再上新台阶")
SHENZHEN = "智能制造产业大会在深圳开幕"
NANJING = "OptoChat"
LENOVO = "联想AI落地竞速计划"
WEIFANG = "中国人工智能协同创新峰会"
HONG_KONG = ("风好正是扬帆时", "李家超发声")


@pytest.fixture(scope="module")
def analysed() -> list[AnalysedArticle]:
    sources = [read_source(path, root=REPO, max_bytes=20 * 1024 * 1024) for path in find_source_files(REPO / "seeds")]
    articles, _ = normalise_sources([s for s in sources if isinstance(s, Source)])
    return analyse_corpus(articles, TAXONOMY, summary_chars=160)


def article(analysed: list[AnalysedArticle], fragment: str) -> AnalysedArticle:
    found = [a for a in analysed if fragment in a.article.title]
    assert len(found) == 1, f"{fragment}: {[a.article.title for a in analysed]}"
    return found[0]


def region_chain(item: AnalysedArticle) -> list[str]:
    region = item.facts.primary_region
    return [region, *TAXONOMY.ancestors(region)] if region else []


def primary_event(item: AnalysedArticle):
    primary = [e for e in item.facts.events if e.kind == "primary"]
    assert primary, f"{item.article.title}: no primary event"
    return primary[0]


@pytest.mark.parametrize(
    "fragment, region",
    [
        (TIANJIN, "tianjin"),
        (BEIJING, "beijing"),
        *[(title, "zhejiang") for title in WUZHEN],
        (SHENZHEN, "shenzhen"),
        (NANJING, "nanjing"),
        (WEIFANG, "weifang"),
        *[(title, "hongkong") for title in HONG_KONG],
    ],
)
def test_each_seed_article_happens_in_its_region(analysed, fragment, region):
    assert region in region_chain(article(analysed, fragment))


def test_wuzhen_articles_are_placed_at_wuzhen_or_tongxiang(analysed):
    for title in WUZHEN:
        assert {"wuzhen", "tongxiang"} & set(region_chain(article(analysed, title))), title


def test_lenovos_programme_has_no_region_or_a_national_one(analysed):
    assert article(analysed, LENOVO).facts.primary_region in (None, "china")


def test_tianjin_next_to_the_capital_is_not_a_beijing_event(analysed):
    tianjin = article(analysed, TIANJIN)
    assert tianjin.facts.primary_region == "tianjin"
    assert "beijing" not in region_chain(tianjin)


def test_event_dates_of_the_seeds_with_their_precision(analysed):
    wuzhen = {primary_event(article(analysed, title)).when.iso() for title in WUZHEN}
    assert "2024-11-19/2024-11-22" in wuzhen
    assert primary_event(article(analysed, BEIJING)).when.iso() == "2026-01-25"
    assert primary_event(article(analysed, WEIFANG)).when.iso() == "2025-05-08"
    tianjin = primary_event(article(analysed, TIANJIN)).when
    assert (tianjin.iso(), tianjin.precision) == ("2026", "year")


def test_dated_facts_of_the_seeds_happen_where_their_sentence_says(analysed):
    secondary = {event.sentence.text: event.region
                 for item in analysed for event in item.facts.events if event.kind == "secondary"}

    def region_of(fragment: str) -> str | None:
        (region,) = [region for text, region in secondary.items() if fragment in text]
        return region

    assert region_of("香港于2025年9月推出") == "hongkong"
    assert region_of("商汤科技于2014年落户香港科学园") == "hk-science-park"
    assert region_of("11月19日，涵盖类脑计算") is None  # the sentence names no place


def test_hong_kong_happens_in_january_2026_with_both_digest_dates(analysed):
    items = [article(analysed, title) for title in HONG_KONG]
    assert all(primary_event(item).when.iso().startswith("2026-01") for item in items)
    published = {item.article.published.iso() for item in items if item.article.published}
    assert published == {"2026-01-23", "2026-01-18"}


@pytest.mark.parametrize(
    "fragment, value, unit, qualifier",
    [
        (HONG_KONG[1], 5000, "PFLOPS", ""),
        (HONG_KONG[0], 1e9, "港元", ""),
        (BEIJING, 212, "款", ""),
        (BEIJING, 4.5e11, "元", ""),
        (BEIJING, 2500, "家", "超"),
        (BEIJING, 1.72e8, "", ""),
        (WUZHEN[0], 421, "家", ""),
        (WUZHEN[0], 0.9, "%", "以上"),
        (TIANJIN, 80, "核", ""),
        (WUZHEN[3], 6.8e11, "美元", "约"),
    ],
)
def test_key_figures_are_found_with_their_values(analysed, fragment, value, unit, qualifier):
    figures = article(analysed, fragment).facts.figures
    matching = [f for f in figures if abs(f.value - value) <= value * 1e-9 and f.unit == unit]
    assert matching, [(f.text, f.value, f.unit) for f in figures]
    assert matching[0].qualifier == qualifier
    assert matching[0].sentence is not None and matching[0].text in matching[0].sentence.text


def test_every_summary_sentence_is_verbatim_in_its_article(analysed):
    for item in analysed:
        paragraphs = {p.anchor: p.text for p in item.article.paragraphs}
        if not item.facts.ranked_sentences:
            continue
        assert item.facts.summary, item.article.title
        for ref in [*item.facts.summary, *item.facts.ranked_sentences]:
            assert ref.article == item.article.slug
            assert ref.text in paragraphs[ref.paragraph], ref


@pytest.mark.parametrize(
    "fragment, expected",
    [
        (SHENZHEN, {"intelligent-manufacturing"}),
        (WUZHEN[0], {"intelligent-manufacturing"}),
        (HONG_KONG[1], {"compute-chips", "talent-education", "international-cooperation"}),
        (BEIJING, {"large-models-agents", "embodied-robots"}),
        (LENOVO, {"large-models-agents", "ai-healthcare", "ai-finance", "ai-government"}),
        (TIANJIN, {"international-cooperation", "green-low-carbon"}),
    ],
)
def test_seed_articles_get_the_topics_they_are_about(analysed, fragment, expected):
    topics = {t.topic for t in article(analysed, fragment).facts.topics}
    assert expected <= topics


def test_shenzhen_is_not_given_every_topic_it_names_once(analysed):
    topics = {t.topic for t in article(analysed, SHENZHEN).facts.topics}
    assert "embodied-robots" not in topics  # `智能机器人` once, in a list of exhibits


def test_speakers_and_quoted_people_carry_titles_and_organisations(analysed):
    people = {
        e.name: e
        for item in analysed
        for e in item.facts.entities
        if e.kind == "person"
    }
    assert people["杰思衡"].titles == ["联合国驻华协调员"]
    assert people["杰思衡"].organisations == ["联合国"]
    assert people["雷军"].titles == ["小米集团创始人、董事长兼首席执行官"]
    assert people["李家超"].titles[0].endswith("行政长官")
    assert {"海光信息", "中国电子", "联想", "商汤科技", "南智光电"} <= {
        e.name for item in analysed for e in item.facts.entities if e.kind == "org"
    }


def test_keywords_are_words_not_numbers(analysed):
    for item in analysed:
        assert item.facts.keywords, item.article.title
        assert not any(k.isdigit() for k in item.facts.keywords)
