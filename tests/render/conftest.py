"""A small hand-made site for render tests: every page type, every date precision,
hostile Markdown, a merged article, a place outside China, a mention-only place.

Built directly as model objects (not through the pipeline) so render is tested on
its own and a change in analysis cannot make these tests pass or fail.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.config import Settings
from sitegen.model import (
    AnalysedArticle,
    Article,
    ArticleFacts,
    DateSpan,
    Diagnostic,
    Entity,
    EntityPage,
    Event,
    Figure,
    Paragraph,
    PartialDate,
    PlaceMention,
    RegionDef,
    RegionPage,
    SentenceRef,
    Site,
    Source,
    SourceRef,
    TopicDef,
    TopicPage,
    TopicScore,
)

REGIONS = {
    "china": RegionDef("china", "中国", "country", None, lat=35.0, lon=105.0),
    "zhejiang": RegionDef("zhejiang", "浙江", "province", "china", lat=30.27, lon=120.15),
    "wuzhen": RegionDef("wuzhen", "乌镇", "district", "zhejiang", lat=30.74, lon=120.49),
    "hongkong": RegionDef("hongkong", "香港", "province", "china", name_en="Hong Kong", lat=22.32, lon=114.17),
    "beijing": RegionDef("beijing", "北京", "province", "china", lat=39.9, lon=116.4),
    "kenya": RegionDef("kenya", "肯尼亚", "country", None, lat=-0.02, lon=37.9),
}
TOPICS = {
    "compute": TopicDef("compute", "算力与芯片", "Compute and chips", ("算力",)),
    "manufacturing": TopicDef("manufacturing", "智能制造", "Intelligent manufacturing", ("智能制造",)),
}


def span(start: tuple, end: tuple | None = None, approximate: bool = False) -> DateSpan:
    return DateSpan(PartialDate(*start), PartialDate(*end) if end else None, approximate)


def paragraph(anchor: str, text: str, kind: str = "paragraph", level: int = 0) -> Paragraph:
    return Paragraph(anchor, kind, text, "seeds/a.txt", int(anchor[1:]) + 2, level)


def _hong_kong() -> AnalysedArticle:
    sentence = SentenceRef("香港总算力将达到5000 PFLOPS。", "hk-ai", "p2", 1.0)
    article = Article(
        slug="hk-ai",
        title="香港：人工智能发展“风好正是扬帆时”",
        paragraphs=[
            paragraph("p1", "背景", "heading", 2),
            paragraph("p2", "香港总算力将达到5000 PFLOPS。数码港的人工智能超算中心已投入使用。"),
            paragraph("p3", "细节", "heading", 3),
            paragraph("p4", "<script>alert('x')</script>正文<img src=x onerror=alert(1)>"
                             "[点我](javascript:alert(1)) [外链](https://example.org/a_very_long_url_path_without_spaces_"
                             "that_must_wrap_on_small_screens) ![示意图](https://img.example.org/x.png)"),
        ],
        sources=[
            SourceRef("seeds/b.txt", 3, "香港：人工智能", "人民日报海外版", span((2026, 1, 23))),
            SourceRef("seeds/b.txt", 9, "香港：人工智能", "中国基金报", span((2026, 1, 23))),
        ],
        publisher="人民日报海外版",
        published=span((2026, 1, 23)),
    )
    facts = ArticleFacts(
        primary_region="hongkong",
        places=[PlaceMention("hongkong", "香港", 5, ["p2"]), PlaceMention("beijing", "北京", 1, ["p2"])],
        keywords=["算力", "香港", "超算"],
        topics=[TopicScore("compute", 0.9)],
        summary=[sentence],
        ranked_sentences=[sentence],
        figures=[Figure("5000 PFLOPS", 5000, "PFLOPS", "香港总算力", sentence=sentence)],
        entities=[Entity("李家超", "person", ["香港特区行政长官"], mentions=[sentence])],
        events=[
            Event("世界人工智能大会全球年终盛会在香港举行", span((2026, 1), approximate=True), "hongkong",
                  ["hk-ai"], sentence=sentence),
            Event("商汤科技落户香港科学园", span((2014,)), "hongkong", ["hk-ai"], "secondary"),
        ],
    )
    return AnalysedArticle(article, facts)


def _wuzhen() -> AnalysedArticle:
    sentence = SentenceRef("已培育421家国家级智能制造示范工厂。", "wuzhen-report", "p1", 1.0)
    article = Article(
        slug="wuzhen-report",
        title="世界互联网大会蓝皮书：我国人工智能与制造业深度融合",
        paragraphs=[paragraph("p1", "已培育421家国家级智能制造示范工厂。人工智能是乌镇峰会的热词。")],
        sources=[SourceRef("seeds/a.txt", 1, "蓝皮书", "新华社", span((2024, 11, 21)))],
        publisher="新华社",
        published=span((2024, 11, 21)),
    )
    facts = ArticleFacts(
        primary_region="wuzhen",
        places=[PlaceMention("wuzhen", "乌镇", 2), PlaceMention("kenya", "肯尼亚", 1)],
        keywords=["智能制造", "示范工厂"],
        topics=[TopicScore("manufacturing", 0.8), TopicScore("compute", 0.3)],
        summary=[sentence],
        ranked_sentences=[sentence],
        figures=[Figure("421 家", 421, "家", "国家级智能制造示范工厂", sentence=sentence)],
        entities=[Entity("中国网络空间研究院", "org")],
        events=[Event("2024年世界互联网大会乌镇峰会", span((2024, 11, 19), (2024, 11, 22)), "wuzhen",
                      ["wuzhen-report"], sentence=sentence)],
    )
    return AnalysedArticle(article, facts)


def _tianjin_year_only() -> AnalysedArticle:
    article = Article(
        slug="expo-2026",
        title="大咖齐聚津门 共话智能创新发展",
        paragraphs=[paragraph("p1", "2026世界智能产业博览会在天津举行。")],
        sources=[SourceRef("seeds/a.txt", 20, "大咖齐聚津门")],
    )
    facts = ArticleFacts(
        primary_region="china",
        events=[Event("2026世界智能产业博览会", span((2026,)), "china", ["expo-2026"])],
    )
    return AnalysedArticle(article, facts)


def make_site() -> Site:
    """The sample site, as assemble would hand it to render."""
    hk, wz, tj = _hong_kong(), _wuzhen(), _tianjin_year_only()
    articles = {item.article.slug: item for item in (hk, tj, wz)}
    timeline = sorted(
        (e for item in articles.values() for e in item.facts.events),
        key=lambda e: (e.when.sort_key(), e.title),
    )
    sources = {
        "seeds/a.txt": Source("seeds/a.txt", "plain", "utf-8", "第一行 <b>不是标签</b>\n" * 30, "0" * 64, []),
        "seeds/b.txt": Source("seeds/b.txt", "digest", "gb18030", "香港\n" * 12, "1" * 64, []),
    }

    def region(region_id, slugs, events, children=(), mentioned=()):
        return RegionPage(REGIONS[region_id], list(slugs), list(mentioned), list(children),
                          events=[e for e in timeline if e in events])

    hk_events, wz_events = hk.facts.events, wz.facts.events
    regions = {
        "china": region("china", ["hk-ai", "expo-2026", "wuzhen-report"], timeline,
                        ["zhejiang", "hongkong", "beijing"]),
        "zhejiang": region("zhejiang", ["wuzhen-report"], wz_events, ["wuzhen"]),
        "wuzhen": region("wuzhen", ["wuzhen-report"], wz_events),
        "hongkong": region("hongkong", ["hk-ai"], hk_events),
        "beijing": region("beijing", [], [], mentioned=["hk-ai"]),
        "kenya": region("kenya", [], [], mentioned=["wuzhen-report"]),
    }
    regions["hongkong"].summary = list(hk.facts.summary)
    regions["hongkong"].figures = list(hk.facts.figures)
    regions["hongkong"].topics = [("compute", 1)]
    regions["hongkong"].entities = ["li-jia-chao"]
    topics = {
        "compute": TopicPage(TOPICS["compute"], ["hk-ai", "wuzhen-report"], list(hk.facts.summary),
                             sorted(hk_events + wz_events, key=lambda e: e.when.sort_key()),
                             [("hongkong", 1), ("wuzhen", 1)], list(hk.facts.figures), ["算力"]),
        "manufacturing": TopicPage(TOPICS["manufacturing"], ["wuzhen-report"], [], list(wz_events),
                                   [("wuzhen", 1)], [], ["智能制造"]),
    }
    entities = {
        "li-jia-chao": EntityPage(hk.facts.entities[0], "li-jia-chao", ["hk-ai"]),
        "zhong-guo-wang-luo-kong-jian-yan-jiu-yuan": EntityPage(
            wz.facts.entities[0], "zhong-guo-wang-luo-kong-jian-yan-jiu-yuan", ["wuzhen-report"]),
    }
    return Site(
        title="测试简报",
        articles=articles,
        regions=regions,
        topics=topics,
        entities=entities,
        timeline=timeline,
        sources=sources,
        diagnostics=[Diagnostic("seeds/broken.txt", "cannot decode bytes")],
        related={"hk-ai": ["wuzhen-report"], "wuzhen-report": ["hk-ai"], "expo-2026": []},
    )


@pytest.fixture
def site() -> Site:
    return make_site()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings of a site folder with no templates or static files of its own."""
    return Settings(
        root=tmp_path,
        title="测试简报",
        source_dir=tmp_path / "seeds",
        output_dir=tmp_path / "site",
        templates_dir=tmp_path / "templates",
        static_dir=tmp_path / "static",
        taxonomy_dir=tmp_path / "taxonomies",
        cache_dir=tmp_path / ".cache",
    )
