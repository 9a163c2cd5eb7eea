"""Which pages become search documents, with what text and facets."""

from sitegen.model import (
    AnalysedArticle,
    Article,
    ArticleFacts,
    DateSpan,
    Entity,
    EntityPage,
    Paragraph,
    PartialDate,
    RegionDef,
    RegionPage,
    SentenceRef,
    Site,
    TopicDef,
    TopicPage,
    TopicScore,
)
from sitegen.search import search_documents
from sitegen.search.documents import plain_text


class FakePaths:
    def article(self, slug):
        return f"articles/{slug}/"

    def region(self, region_id):
        return f"regions/{region_id}/"

    def topic(self, topic_id):
        return f"topics/{topic_id}/"

    def entity(self, slug):
        return f"people/{slug}/"


def small_site() -> Site:
    sentence = SentenceRef("香港总算力达到5000 PFLOPS。", "hk", "p1")
    article = Article(
        slug="hk",
        title="香港算力",
        paragraphs=[Paragraph("p1", "paragraph", "香港**总算力**达到[5000 PFLOPS](https://x.y)。", "s.md", 3)],
        sources=[],
        published=DateSpan(PartialDate(2026, 1, 23)),
        description="香港人工智能发展",
    )
    facts = ArticleFacts(primary_region="hongkong", topics=[TopicScore("compute", 0.9)], term_counts={"算力": 2})
    china = RegionDef("china", "中国", "country")
    hongkong = RegionDef("hongkong", "香港", "province", parent="china", aliases=("香江",), name_en="Hong Kong")
    topic = TopicDef("compute", "算力与芯片", "Compute", ("算力", "芯片"))
    person = Entity("李家超", "person", titles=["行政长官"], mentions=[sentence, sentence])
    return Site(
        title="简报",
        articles={"hk": AnalysedArticle(article, facts)},
        regions={
            "hongkong": RegionPage(hongkong, ["hk"], [], [], summary=[sentence]),
            "china": RegionPage(china, ["hk"], [], ["hongkong"]),
        },
        topics={"compute": TopicPage(topic, ["hk"], summary=[sentence])},
        entities={"li-jia-chao": EntityPage(person, "li-jia-chao", ["hk"])},
    )


def test_one_document_per_article_region_topic_and_entity_in_stable_order():
    documents = search_documents(small_site(), FakePaths())
    assert [(d.kind, d.url) for d in documents] == [
        ("article", "articles/hk/"),
        ("region", "regions/china/"),
        ("region", "regions/hongkong/"),
        ("topic", "topics/compute/"),
        ("entity", "people/li-jia-chao/"),
    ]


def test_article_document_has_plain_text_date_region_chain_and_topics():
    article = search_documents(small_site(), FakePaths())[0]
    assert article.text == "香港人工智能发展\n香港总算力达到5000 PFLOPS。"
    assert (article.date, article.year) == ("2026-01-23", 2026)
    assert article.region == "香港" and article.regions == ("香港", "中国")
    assert article.topics == ("算力与芯片",)
    assert article.words == {"算力": 2}


def test_region_topic_and_entity_documents_carry_names_and_quotes():
    _, _, hongkong, topic, person = search_documents(small_site(), FakePaths())
    assert hongkong.title == "香港" and "Hong Kong" in hongkong.text and "香江" in hongkong.text
    assert "5000 PFLOPS" in hongkong.text
    assert topic.topics == ("算力与芯片",) and "芯片" in topic.text
    assert person.title == "李家超" and "行政长官" in person.text
    assert person.text.count("香港总算力") == 1


def test_markdown_syntax_is_removed_from_searched_text():
    assert plain_text("**加粗** 与 *斜体* 与 `代码` 和 [链接](http://a.b) ![图](x.png)") == "加粗 与 斜体 与 代码 和 链接 图"
    assert plain_text("## 小标题") == "小标题"
    assert plain_text("snake_case_name 与 5000") == "snake_case_name 与 5000"


def test_a_memo_reuses_the_documents_of_unchanged_pages_and_remakes_the_others():
    from dataclasses import replace

    from sitegen.search.documents import DocumentMemo

    site = small_site()
    item = site.articles["hk"]
    site.articles["hk2"] = replace(item, article=replace(item.article, slug="hk2"))
    memo = DocumentMemo()
    first = search_documents(site, FakePaths(), memo)
    assert first == search_documents(site, FakePaths())
    site.articles["hk"] = replace(item, article=replace(item.article, title="改过的标题"))
    again = search_documents(site, FakePaths(), memo)
    assert again == search_documents(site, FakePaths())
    assert again[0].title == "改过的标题"
    assert again[1] is first[1]  # hk2: the same article object
    site.regions = {key: replace(page, region=replace(page.region, name=page.region.name + "区"))
                    for key, page in site.regions.items()}
    renamed = search_documents(site, FakePaths(), memo)
    assert renamed == search_documents(site, FakePaths())
    assert renamed[1] is not again[1] and renamed[1].region == "香港区"
