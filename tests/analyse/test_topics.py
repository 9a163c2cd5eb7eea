"""Topic classification by corpus TF-IDF over the taxonomy's keywords."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from sitegen.analyse.keywords import corpus_idf
from sitegen.analyse.topics import MAX_TOPICS, classify, make_matcher, topic_scores
from sitegen.model import TopicDef
from sitegen.taxonomy import load_taxonomy

TOPICS = {
    "manufacturing": TopicDef("manufacturing", "智能制造", "Intelligent manufacturing", ("智能制造", "制造业", "智能工厂")),
    "robots": TopicDef("robots", "具身智能与机器人", "Robots", ("具身智能", "机器人")),
    "devices": TopicDef("devices", "智能终端", "Devices", ("AR", "AI眼镜")),
    "green": TopicDef("green", "绿色低碳", "Green", ("绿色", "低碳", "绿电")),
}
MATCHER = make_matcher(TOPICS)


def test_an_article_that_keeps_returning_to_a_topic_gets_it():
    shenzhen = {"智能制造": 7, "制造业": 2, "深圳": 4, "大会": 3, "机器人": 1, "政策": 2, "解读": 2}
    others = [{"天津": 5, "低碳": 4, "绿电": 2}, {"北京": 6, "具身智能": 3}]
    topics = classify(shenzhen, corpus_idf([shenzhen, *others]), MATCHER)
    assert [t.topic for t in topics] == ["manufacturing"]


def test_a_topic_named_once_in_passing_is_not_given():
    counts = {"香港": 9, "算力": 5, "数码港": 3, "绿色": 1, "超算": 2}
    assert "green" not in [t.topic for t in classify(counts, corpus_idf([counts]), MATCHER)]


def test_a_longer_token_counts_for_the_keyword_it_contains():
    assert MATCHER.topics_of("人形机器人") == {"robots"}
    assert MATCHER.topics_of("智能工厂") == {"manufacturing"}


def test_a_latin_keyword_must_be_the_whole_token():
    assert MATCHER.topics_of("ar") == {"devices"}
    assert MATCHER.topics_of("SOLAR") == frozenset()
    assert MATCHER.topics_of("AI眼镜") == {"devices"}


def test_a_hyphenated_latin_name_counts_for_the_keywords_it_joins():
    models = make_matcher({"models": TopicDef("models", "大模型", "Models", ("DeepSeek", "GPT"))})
    assert models.topics_of("DeepSeek-R1") == {"models"} and models.topics_of("GPT-4o") == {"models"}
    assert models.topics_of("T-Head") == frozenset()


def test_an_english_keyword_matches_its_plural_in_any_case():
    english = make_matcher({"robots": TopicDef("robots", "机器人", "Robots", ("robot", "robotics", "subsidy", "glass", "AR"))})
    assert english.topics_of("Robots") == {"robots"}
    assert english.topics_of("robotics") == {"robots"}
    assert english.topics_of("subsidies") == {"robots"}
    assert english.topics_of("glasses") == {"robots"}
    assert english.topics_of("ars") == frozenset()  # three letters or fewer stay as written
    assert english.topics_of("robotss") == frozenset()


def test_a_keyword_every_article_uses_weighs_less_than_one_only_this_article_uses():
    article = {"机器人": 3, "绿电": 3, "天津": 10}
    corpus = [article, {"机器人": 2, "北京": 4}, {"机器人": 1, "深圳": 4}]
    scores = topic_scores(article, corpus_idf(corpus), MATCHER)
    assert scores["green"][0] > scores["robots"][0]
    assert scores["green"][1] == scores["robots"][1] == 3


def test_no_article_gets_more_than_the_maximum_number_of_topics():
    many = {f"{keyword}": 4 for topic in TOPICS.values() for keyword in topic.keywords}
    topics = make_matcher({**TOPICS, **{f"t{i}": TopicDef(f"t{i}", "x", "x", (f"词{i}甲",)) for i in range(6)}})
    many.update({f"词{i}甲": 4 for i in range(6)})
    assert len(classify(many, corpus_idf([many]), topics)) == MAX_TOPICS


def test_topics_are_sorted_best_first_with_rounded_scores():
    counts = {"低碳": 6, "绿电": 3, "机器人": 3, "具身智能": 1, "天津": 20}
    topics = classify(counts, corpus_idf([counts]), MATCHER)
    assert [t.topic for t in topics] == ["green", "robots"]
    assert topics[0].score > topics[1].score


def test_shipped_topics_have_slug_ids_both_labels_and_enough_keywords():
    taxonomy = load_taxonomy()
    assert len(taxonomy.topics) >= 13
    for topic in taxonomy.topics.values():
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", topic.id)
        assert topic.name and topic.name_en
        chinese = [keyword for keyword in topic.keywords if re.search(r"[\u4e00-\u9fff]", keyword)]
        assert 10 <= len(chinese) <= 30 and len(topic.keywords) <= 45, topic.id
        assert len(set(topic.keywords)) == len(topic.keywords), topic.id


@given(st.dictionaries(st.sampled_from(["机器人", "人形机器人", "AR", "solar", "智能工厂", "AI眼镜", "天气", "芯片", "x"]),
                       st.integers(1, 5)))
def test_matches_are_the_terms_with_topics_in_the_order_of_the_counts(counts):
    expected = [(t, c, MATCHER.topics_of(t)) for t, c in counts.items() if MATCHER.topics_of(t)]
    assert make_matcher(dict(TOPICS)).matches(counts) == expected


def test_topics_the_sources_metadata_names_come_first_whatever_the_text_says():
    from sitegen.analyse.topics import declared_topics, with_declared
    from sitegen.model import TopicScore

    assert declared_topics(["智能制造", "Robots", "green", "不存在", "智能制造"], TOPICS) == ["manufacturing", "robots", "green"]
    classified = [TopicScore("green", 1.4), TopicScore("devices", 0.5)]
    assert with_declared(["robots", "green"], classified) == [
        TopicScore("robots", 1.4), TopicScore("green", 1.4), TopicScore("devices", 0.5),
    ]
