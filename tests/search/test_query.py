"""What a query returns, and in which order, from an index over hand-made documents."""


def test_two_character_query_finds_every_page_containing_it(searcher, corpus):
    assert sorted(searcher(corpus).urls("算力")) == ["a/hk/", "a/tj/"]


def test_one_character_query_finds_pages_with_that_character(searcher, corpus):
    assert sorted(searcher(corpus).urls("算")) == ["a/hk/", "a/noise/", "a/tj/"]


def test_four_character_phrase_needs_its_characters_adjacent(searcher, corpus):
    # a/noise/ has 智能 and 制造 (and 能制 nowhere), a/tj/ has 智能制造
    assert searcher(corpus).urls("智能制造") == ["a/tj/"]


def test_pairs_present_but_apart_are_no_hit(searcher, page):
    documents = [page("x/", "甲", "人工智能与智能产业"), page("y/", "乙", "人工智能产业")]
    # x has 人工, 工智, 智能, 能产, 产业 -- every pair of 人工智能产业 but not in one run
    assert searcher(documents).urls("人工智能产业") == ["y/"]


def test_mixed_latin_and_chinese_query(searcher, page):
    documents = [
        page("joined/", "甲", "国产AI芯片"),
        page("spaced/", "乙", "国产 AI 芯片"),
        page("comma/", "丙", "AI、芯片"),
        page("longer/", "丁", "OpenAI芯片"),
    ]
    found = searcher(documents)
    assert sorted(found.urls("AI芯片")) == ["joined/", "spaced/"]
    assert sorted(found.urls("ai 芯片")) == ["comma/", "joined/", "spaced/"]


def test_full_width_query_finds_ascii_text_and_back(searcher, corpus, page):
    assert searcher(corpus).urls("ＯｐｔｏＣｈａｔ") == ["a/nj/"]
    assert searcher(corpus).urls("optochat") == ["a/nj/"]
    assert searcher([page("w/", "宽", "ＯＰＴＯＣＨＡＴ")]).urls("OptoChat") == ["w/"]


def test_numbers_match_as_whole_numbers(searcher, corpus):
    found = searcher(corpus)
    assert found.urls("5000") == ["a/hk/"]
    assert found.urls("50000") == ["a/noise/"]
    assert found.urls("500") == []
    assert found.urls("5000 PFLOPS") == ["a/hk/"]


def test_latin_words_match_whole(searcher, corpus):
    assert searcher(corpus).urls("ai") == ["a/tj/"]


def test_punctuation_only_query_returns_nothing(searcher, corpus):
    found = searcher(corpus)
    for query in ("，", "。！？", "——", "   ", "", "…"):
        assert found.urls(query) == []


def test_every_word_of_a_spaced_query_must_occur(searcher, corpus):
    found = searcher(corpus)
    assert found.urls("算力 李家超") == ["a/hk/"]
    assert found.urls("算力 南京") == []


def test_unknown_query_returns_nothing(searcher, corpus):
    assert searcher(corpus).urls("量子纠缠") == []


def test_more_mentions_rank_higher(searcher, page):
    filler = "会议讨论了产业发展。" * 5
    documents = [
        page("once/", "会议一", filler + "智能制造" + filler),
        page("often/", "会议二", filler + "智能制造。" * 11 + filler),
        page("twice/", "会议三", filler + "智能制造，智能制造" + filler),
    ]
    assert searcher(documents).urls("智能制造") == ["often/", "twice/", "once/"]


def test_title_match_ranks_above_body_match(searcher, page):
    documents = [
        page("body/", "产业新闻", "具身智能机器人亮相展会。"),
        page("title/", "具身智能大会", "机器人亮相展会。"),
    ]
    assert searcher(documents).urls("具身智能") == ["title/", "body/"]


def test_jieba_word_match_ranks_above_characters_that_only_touch(searcher, page):
    documents = [
        page("split/", "甲", "这是智能制造业的故事。", words={"智能": 1, "制造业": 1}),
        page("word/", "乙", "这是智能制造业的故事。", words={"智能制造": 1, "业": 1}),
    ]
    assert searcher(documents).urls("智能制造") == ["word/", "split/"]


def test_articles_rank_above_digest_pages_with_the_same_text(searcher, page):
    text = "香港推动算力建设。"
    documents = [page("e/", "某机构", text, kind="entity"), page("a/", "某新闻", text)]
    assert searcher(documents).urls("算力") == ["a/", "e/"]


def test_filters_by_region_topic_year_and_kind(searcher, corpus):
    found = searcher(corpus)
    assert sorted(found.urls("算力", region="中国")) == ["a/hk/", "a/tj/"]
    assert found.urls("算力", region="香港") == ["a/hk/"]
    assert found.urls("大模型", region="江苏") == ["a/nj/"]
    assert found.urls("算力", topic="智能制造") == ["a/tj/"]
    assert found.urls("算力", year=2025) == []
    assert sorted(found.urls("算力", year=2026)) == ["a/hk/", "a/tj/"]
    assert sorted(found.urls("算力", kind="article")) == ["a/hk/", "a/tj/"]


def test_traditional_query_finds_simplified_text(searcher, page):
    documents = [page("s/", "特区", "香港特区政府发展人工智能。")]
    found = searcher(documents)
    assert found.urls("香港特區") == ["s/"]
    result = found.index.search("人工智慧")
    assert result.replaced and result.phrases == ["人工智能"]
    assert found.urls("人工智慧") == ["s/"]


def test_taiwan_wording_in_the_text_is_found_literally_first(searcher, page):
    documents = [page("tw/", "台", "推動人工智慧應用。"), page("cn/", "陆", "推动人工智能应用。")]
    result = searcher(documents).index.search("人工智慧")
    assert not result.replaced
    assert [searcher(documents).index.document(n)[0] for n in result.documents] == ["tw/"]


def test_traditional_text_is_found_by_simplified_query(searcher, page):
    assert searcher([page("t/", "臺", "數碼港推動算力發展。")]).urls("数码港") == ["t/"]
