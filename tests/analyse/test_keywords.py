"""Terms, corpus IDF and TF-IDF keywords."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from sitegen.analyse.keywords import (
    TITLE_WEIGHT,
    content_tokens,
    corpus_idf,
    is_quantity,
    is_term,
    keywords,
    term_counts,
)
from sitegen.analyse.tokens import ParagraphTokens, TokenizedArticle
from sitegen.model import Article, Paragraph, SourceRef
from sitegen.taxonomy import load_taxonomy

STOP = frozenset({"发展", "表示", "我们"})


def tokens(title: list[str], *paragraphs: list[str]) -> TokenizedArticle:
    return TokenizedArticle(
        title=tuple(title),
        paragraphs=tuple(ParagraphTokens(f"p{i}", tuple(words)) for i, words in enumerate(paragraphs, 1)),
    )


def test_numbers_are_quantities_but_a_plans_name_is_not():
    assert all(is_quantity(t) for t in ["2024年", "10亿", "80核", "第一", "数十", "千亿", "4500"])
    assert not any(is_quantity(t) for t in ["十五五", "5G", "算力", "一带一路"])


def test_term_counts_drop_stop_words_numbers_and_single_characters():
    counts = term_counts(
        tokens([], ["香港", "总", "算力", "已", "达", "5000", "PFLOPS", "2024年", "10亿", "发展", "我们"]),
        STOP,
    )
    assert counts == {"PFLOPS": 1, "算力": 1, "香港": 1}


def test_title_words_weigh_more_than_body_words():
    counts = term_counts(tokens(["智能制造", "大会"], ["智能制造", "深圳"]), STOP)
    assert counts["智能制造"] == TITLE_WEIGHT + 1
    assert counts["深圳"] == 1


def test_two_character_words_no_dictionary_knows_are_dropped():
    known = {"北京", "计划报告"}.__contains__
    counts = term_counts(tokens([], ["许志", "锰", "北京", "计划报告", "杰思衡"]), STOP, known)
    # `许志` is jieba's HMM cutting the name 许志锰 in two; three-character names stay.
    assert counts == {"北京": 1, "杰思衡": 1, "计划报告": 1}


def test_words_of_the_publishers_name_are_not_terms():
    article = tokens([], ["新", "京报", "北京", "人工智能", "新华社", "杭州"])
    assert term_counts(article, STOP, publishers=["新京报", "新华社"]) == {"人工智能": 1, "北京": 1, "杭州": 1}


@given(
    st.lists(st.text(alphabet="新京报华社人工智能AIai", min_size=1, max_size=4), max_size=20),
    st.lists(st.text(alphabet="新京报华社AI", max_size=6), max_size=3),
)
def test_a_term_is_left_out_exactly_when_it_is_part_of_a_publishers_name(words, names):
    counts = term_counts(tokens([], words), STOP, publishers=names)
    kept = {w for w in words if is_term(w, STOP) and not any(w in name for name in names if name)}
    assert set(counts) == kept
    assert all(counts[w] == words.count(w) for w in kept)


def test_image_blocks_and_link_targets_are_not_content():
    article = Article(
        slug="a",
        title="大会",
        paragraphs=[
            Paragraph("p1", "image", '![大会](https://s.coze.cn/t/bLRnLQTkA84/ "大会")', "a.md", 1),
            Paragraph("p2", "list", "- [其他多家机构](https://example.com)", "a.md", 2),
        ],
        sources=[SourceRef("a.md", 1, "大会")],
    )
    words = tokens(
        ["大会"],
        ["大会", "https", "s", "coze", "cn", "t", "bLRnLQTkA84"],
        ["其他", "多家", "机构", "https", "example", "com"],
    )
    content = content_tokens(article, words)
    assert [(p.anchor, p.words) for p in content.paragraphs] == [("p2", ("其他", "多家", "机构"))]


def test_corpus_idf_is_smoothed_so_shared_terms_keep_weight():
    idf = corpus_idf([{"算力": 2, "香港": 1}, {"香港": 3}, {"香港": 1, "天津": 1}])
    assert idf("香港") == 1.0  # in every article: the floor, never zero
    assert idf("算力") == idf("天津") == idf.ceiling > idf("香港")
    assert idf("未见") > idf.ceiling  # unseen terms never come from the corpus


def test_single_article_corpus_falls_back_to_term_frequency():
    counts = {"光子": 5, "大模型": 3, "倡议": 1}
    assert keywords(counts, corpus_idf([counts])) == ["光子", "大模型", "倡议"]


def test_keywords_prefer_terms_that_set_the_article_apart():
    hong_kong = {"香港": 6, "人工智能": 8, "算力": 3, "数码港": 2}
    corpus = [hong_kong, {"人工智能": 9, "天津": 5}, {"人工智能": 7, "北京": 6}]
    best = keywords(hong_kong, corpus_idf(corpus), limit=3)
    # 人工智能 is the most frequent word, but every article uses it.
    assert best == ["香港", "人工智能", "算力"]
    assert keywords(hong_kong, corpus_idf([hong_kong]), limit=1) == ["人工智能"]


def test_keywords_skip_a_term_inside_a_better_keyword():
    counts = {"大模型": 4, "模型": 3, "光子": 2}
    assert keywords(counts, corpus_idf([counts])) == ["大模型", "光子"]


def test_keywords_break_ties_the_same_way_every_time():
    counts = {"乙方": 1, "甲方": 1, "丙方": 1}
    assert keywords(counts, corpus_idf([counts])) == sorted(counts)


def test_every_shipped_topic_keyword_survives_as_a_term():
    """A topic keyword that the stop list or the number filter removes can never match."""
    taxonomy = load_taxonomy()
    blocked = [
        keyword
        for topic in taxonomy.topics.values()
        for keyword in topic.keywords
        if " " not in keyword and not is_term(keyword, taxonomy.stopwords)
    ]
    assert blocked == []


terms = st.text(alphabet="算力香港天津大模型芯片人才绿色低碳0123456789AIPFLOS", min_size=1, max_size=5)


@given(st.dictionaries(terms, st.integers(min_value=1, max_value=50), min_size=1, max_size=30))
def test_keywords_are_distinct_terms_of_the_article_within_the_limit(counts):
    found = keywords(counts, corpus_idf([counts, {"算力": 1}]), limit=5)
    assert len(found) <= 5
    assert len(set(found)) == len(found)
    assert all(term in counts for term in found)
    assert all(not re.fullmatch(r"\d+", term) or term in counts for term in found)


def test_the_tail_jieba_cuts_off_a_number_is_no_term():
    from sitegen.analyse.keywords import is_quantity

    for token in ("万平方米", "余款", "万辆", "余件"):
        assert is_quantity(token), token
    for token in ("百度", "余额", "机器人"):
        assert not is_quantity(token), token


def test_english_news_words_are_no_terms_in_any_case():
    stopwords = load_taxonomy().stopwords
    for token in ("billion", "Million", "announced", "Wednesday", "The", "commits", "back", "City", "local", "authorities"):
        assert not is_term(token, stopwords), token
    for token in ("semiconductor", "Singapore", "robotics"):
        assert is_term(token, stopwords), token


def test_a_dispatchs_dateline_gives_no_term():
    stopwords = load_taxonomy().stopwords
    counts = term_counts(tokens([], ["财联社", "3月", "5", "日电", "商汤科技", "宣布"]), stopwords)
    assert "日电" not in counts and "商汤科技" in counts
