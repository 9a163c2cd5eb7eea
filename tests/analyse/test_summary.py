"""Extractive summaries: TextRank over the article's own sentences."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.analyse.summary import (
    _LEAD_IN,
    LINE_WEIGHT,
    MIN_CHARS,
    QUESTION_MARKS,
    TERMINATORS,
    UNPUNCTUATED_MIN_CHARS,
    combine_summaries,
    ends_with,
    interviewer_speaks,
    is_quotable,
    near_duplicate,
    quotable_part,
    rank_sentences,
    summarise,
    summary_length,
    textrank,
    top_sentences,
    trim_lead_in,
)
from sitegen.analyse.tokens import make_tokenizer, tokenize_article
from sitegen.model import Article, Paragraph, SentenceRef, SourceRef
from sitegen.taxonomy import load_taxonomy

TAXONOMY = load_taxonomy()

HONG_KONG = [
    ("paragraph", "香港总算力目前已达5000 PFLOPS，其中数码港人工智能超算中心提供3000 PFLOPS算力，是支撑AI发展的关键枢纽。"),
    ("heading", "香港的AI基础设施与算力建设"),
    ("paragraph", "即将在香港北部都会区的沙岭建设的大数据基础设施群，将进一步提供先进算力基础设施，促进香港大数据与AI相关产业发展。"),
    ("byline", "特区政府创新科技及工业局局长 孙东"),
    ("paragraph", "特区政府今年已拨款10亿港元，用于成立香港人工智能研发院，促进AI的上游研发。商汤科技于2014年落户香港科学园，成为香港第一家独角兽企业。"),
    ("caption", "11月20日，2024年世界互联网大会乌镇峰会在浙江乌镇开幕。新华社发"),
    ("list", "- 税收优惠\n- 研发补贴\n- 人才培养计划"),
    ("paragraph", "香港特区政府以“强化基建+应用导向”为重心推进AI发展，算力与数据基础设施是重中之重。"),
]


def article(paragraphs, slug="hong-kong") -> Article:
    return Article(
        slug=slug,
        title="重磅盛会首落香港",
        paragraphs=[
            Paragraph(f"p{i}", kind, text, "seeds/004.txt", i) for i, (kind, text) in enumerate(paragraphs, 1)
        ],
        sources=[SourceRef("seeds/004.txt", 1, "重磅盛会首落香港")],
    )


def ranked(paragraphs, slug="hong-kong") -> list[SentenceRef]:
    art = article(paragraphs, slug)
    return rank_sentences(art, tokenize_article(art, make_tokenizer(TAXONOMY)), TAXONOMY.stopwords)


def test_summary_sentences_are_verbatim_and_point_at_their_paragraph():
    art = article(HONG_KONG)
    paragraphs = {p.anchor: p.text for p in art.paragraphs}
    summary = summarise(ranked(HONG_KONG), 160)
    assert summary
    for ref in summary:
        assert ref.article == "hong-kong"
        assert ref.text in paragraphs[ref.paragraph]


def test_headings_bylines_captions_and_list_fragments_are_never_quoted():
    quoted = {ref.paragraph for ref in ranked(HONG_KONG)}
    assert quoted == {"p1", "p3", "p5", "p8"}


AGENDA = [
    ("paragraph", "主办单位：苏州市人民政府\n时间：2025年12月10日—12日"),
    ("heading", "12月10日（周三）"),
    ("list", "- 09:00-09:30 开幕式，苏州市市长致辞\n- 09:30-11:00 主论坛：大模型与产业融合"),
    ("list", "- 14:00-16:00 人工智能产业项目签约仪式，预计签约项目30个，总投资超200亿元"),
    ("paragraph", "| 星海智算 | 北京 | B轮 | 5亿元 | 红杉中国、高瓴创投 |"),
]


def test_a_source_without_a_whole_sentence_is_summarised_by_its_lines_but_not_its_fields():
    """An agenda has no sentence with an end mark: its items are quoted, its
    `时间：…` fields are not."""
    refs = ranked(AGENDA, slug="agenda")
    texts = [ref.text for ref in refs]
    assert "14:00-16:00 人工智能产业项目签约仪式，预计签约项目30个，总投资超200亿元" in texts
    assert "09:00-09:30 开幕式，苏州市市长致辞" in texts
    assert "09:30-11:00 主论坛：大模型与产业融合" in texts  # a time of day is no field's label
    assert not any(text.startswith(("主办单位", "时间", "|")) for text in texts), texts
    assert summarise(refs, 160)


def test_a_sources_lines_come_after_other_articles_sentences_in_a_combined_summary():
    lines = ranked(AGENDA, slug="agenda")
    sentences = ranked(HONG_KONG)
    assert max(ref.score for ref in lines) == LINE_WEIGHT
    assert summarise(lines, 160)  # its own summary still quotes them
    combined = combine_summaries([*lines, *sentences], 160)
    assert combined[0].article == "hong-kong"


def test_a_tables_rows_are_quoted_only_by_a_cell_holding_a_whole_sentence():
    """An agenda set as a table: its rows are labels, not lines to quote, and a
    cell that holds a sentence is quoted without the row around it."""
    schedule = [
        ("paragraph", "09:00-09:30 | 开幕式，苏州市市长致辞"),
        ("paragraph", "09:30-11:00 | 主论坛：大模型与产业融合发展新路径"),
        ("paragraph", "2024年 | 苏州人工智能产业园在相城区开园，首批入驻企业40家。"),
    ]
    assert [ref.text for ref in ranked(schedule, slug="agenda")] == ["苏州人工智能产业园在相城区开园，首批入驻企业40家。"]
    assert ranked(schedule[:2], slug="agenda") == []


def test_lines_are_quoted_only_when_the_source_has_no_whole_sentence():
    refs = ranked(AGENDA + [("paragraph", "大会期间将发布苏州人工智能产业发展报告。")], slug="agenda")
    assert [ref.text for ref in refs] == ["大会期间将发布苏州人工智能产业发展报告。"]


def test_summary_fits_the_budget_and_keeps_the_article_order():
    refs = ranked(HONG_KONG)
    summary = summarise(refs, 120)
    assert sum(len(ref.text) for ref in summary) <= 120
    positions = [refs.index(ref) for ref in summary]
    assert positions == sorted(positions)


def test_the_sentence_that_shares_most_with_the_others_ranks_first_even_when_last():
    refs = ranked(
        [
            ("paragraph", "天津绿电产业势头迅猛，储能领域成果丰硕。"),
            ("paragraph", "欧盟企业持续加大在天津的研发投入。"),
            ("paragraph", "天津绿电产业为欧盟企业的研发投入和储能合作提供了广阔空间。"),
        ]
    )
    assert [ref.score == 1.0 for ref in refs] == [False, False, True]


def test_a_digest_body_cut_off_with_dots_is_not_a_sentence():
    assert not is_quotable("特区政府今年已拨款10亿港元,用于成 ...")
    assert is_quotable("特区政府今年已拨款10亿港元，用于成立香港人工智能研发院。")
    assert not is_quotable("大咖面对面 聚焦重磅嘉宾")  # a slogan, not a sentence


def test_list_markers_and_datelines_are_cut_off_leaving_a_verbatim_slice():
    paragraphs = [
        ("list", "- 香港总算力目前已达5000 PFLOPS 其中数码港人工智能超算中心提供3000 PFLOPS算力 是支撑AI发展的关键枢纽"),
        ("paragraph", "新华社杭州 11 月 21 日电（记者高亢）当前，人工智能、大数据、5G 等新技术快速迭代，推动数字经济蓬勃发展。"),
        ("list", "- [其他多家机构](https://example.com)"),
    ]
    texts = [ref.text for ref in ranked(paragraphs)]
    assert texts == [
        "香港总算力目前已达5000 PFLOPS 其中数码港人工智能超算中心提供3000 PFLOPS算力 是支撑AI发展的关键枢纽",
        "当前，人工智能、大数据、5G 等新技术快速迭代，推动数字经济蓬勃发展。",
    ]
    assert trim_lead_in("3D打印技术让制造更灵活。") == "3D打印技术让制造更灵活。"
    assert trim_lead_in("财联社3月5日电，商汤科技宣布与澳门大学签署合作协议。") == "商汤科技宣布与澳门大学签署合作协议。"


def test_a_bracketed_dateline_is_cut_off():
    assert trim_lead_in("（中央社記者陳雅婷台北5日電）國科會今天宣布新計畫。") == "國科會今天宣布新計畫。"
    assert trim_lead_in("(记者 张明 合肥 18日讯)合肥发布新政策。") == "合肥发布新政策。"
    assert trim_lead_in("（图为会场）合肥发布新政策。") == "（图为会场）合肥发布新政策。"
    assert trim_lead_in("（新山讯）马来西亚柔佛州吸引了数据中心投资。") == "马来西亚柔佛州吸引了数据中心投资。"
    assert trim_lead_in("北京，2025年6月3日 /美通社/ -- 联想集团今天发布新品。") == "联想集团今天发布新品。"
    assert trim_lead_in("（2025年5月20日，福州）第八届数字中国建设峰会举行。") == "第八届数字中国建设峰会举行。"


def test_a_papers_own_lead_in_is_cut_off():
    assert trim_lead_in("本报讯（记者 王小川）成都市人民政府办公厅昨日印发措施。") == "成都市人民政府办公厅昨日印发措施。"
    assert trim_lead_in("澎湃新闻讯（记者 张三 通讯员 李四）市政府发布新规。") == "市政府发布新规。"
    assert trim_lead_in("本报讯 市政府发布新规。") == "市政府发布新规。"
    assert trim_lead_in("快讯（更新中）市政府发布新规。") == "快讯（更新中）市政府发布新规。"  # no reporter: no lead-in
    assert trim_lead_in("本报记者发现，市政府发布新规。") == "本报记者发现，市政府发布新规。"


def test_a_news_sites_lead_in_is_cut_off():
    assert trim_lead_in("【环球网科技报道 记者 金敏】9月17日，峰会在首尔开幕。") == "9月17日，峰会在首尔开幕。"
    assert trim_lead_in("【环球时报驻阿联酋特约记者 王晨】阿联酋公司宣布建设园区。") == "阿联酋公司宣布建设园区。"
    assert trim_lead_in("【重磅】阿联酋公司宣布建设园区。") == "【重磅】阿联酋公司宣布建设园区。"
    assert trim_lead_in("新浪科技讯 11月19日消息，峰会在班加罗尔举行。") == "峰会在班加罗尔举行。"
    assert trim_lead_in("新浪科技讯 12月1日下午消息，郑州印发方案。") == "郑州印发方案。"
    assert trim_lead_in("IT之家 6 月 3 日消息，华为发布新品。") == "华为发布新品。"
    assert trim_lead_in("【深圳】深圳发布低空经济政策。") == "【深圳】深圳发布低空经济政策。"
    assert trim_lead_in("6月3日消息称，华为发布新品。") == "6月3日消息称，华为发布新品。"


def test_an_interviewers_question_ranks_below_the_answer():
    interview = [
        ("paragraph", "新京报：北京市建设人工智能新高地，北京的人工智能有哪些基础？"),
        ("paragraph", "许志锰：北京的人工智能基础雄厚，备案的大模型有212款，北京人工智能企业超2500家。"),
        ("paragraph", "北京的人工智能企业数量和大模型数量都领先全国，北京人工智能基础全国领先。"),
    ]
    scores = {ref.paragraph: ref.score for ref in ranked(interview)}
    assert scores["p1"] < scores["p2"]
    assert scores["p1"] < scores["p3"]


def test_what_an_interviewer_says_ranks_below_the_answer_even_without_a_question_mark():
    interview = [
        ("paragraph", "主持人：欢迎收看《科技面对面》，今天我们请到了商汤科技联合创始人，请您谈谈上海的人工智能产业。"),
        ("paragraph", "嘉宾：上海的优势在于场景丰富，人才集中，2025年7月26日世界人工智能大会在上海开幕，我们在大会上发布了新一代日日新大模型。"),
    ]
    scores = {ref.paragraph: ref.score for ref in ranked(interview)}
    assert scores["p1"] < scores["p2"]


def test_a_publication_asking_in_its_own_name_is_the_interviewer():
    assert interviewer_speaks("第一财经：这次发布的系统有什么不同。", ("第一财经",))
    assert interviewer_speaks("主持人：欢迎收看。", (None,))
    assert interviewer_speaks("**记者：** 请问算力有什么新举措？", (None,))  # a bold label
    assert interviewer_speaks("王晓燕：有人担心大模型会冲击就业，您怎么看？", (None, "王晓燕"))  # the piece's reporter
    assert not interviewer_speaks("李斌：最大的变化是端到端。", ("第一财经", "王晓燕"))
    assert not interviewer_speaks("第一财经报道，蔚来发布新系统。", ("第一财经",))
    assert not interviewer_speaks("第一财经：这次发布的系统有什么不同。", (None,))


def test_a_lone_best_sentence_longer_than_the_budget_is_still_the_summary():
    refs = ranked(HONG_KONG)
    summary = summarise(refs, 20)
    assert len(summary) == 1
    assert summary[0].score == max(ref.score for ref in refs if len(ref.text) <= 40)


def test_an_english_sentence_costs_a_third_of_its_characters():
    english = "The plan will fund a new supercomputing cluster at the National Supercomputing Centre."
    assert summary_length(english) == -(-len(english) // 3)
    assert summary_length("新加坡 announced AI 计划。") == len("新加坡 announced AI 计划。")
    others = ["Minister Josephine Teo said local enterprises would adopt artificial intelligence faster.",
              "Analysts at IDC expect regional spending on such systems to reach US$4.5 billion by 2027."]
    refs = [SentenceRef(text, "a", f"p{i}", 1.0 - i / 10) for i, text in enumerate([english, *others])]
    assert len(summarise(refs, 90)) == 3  # 260 characters: three sentences of a Chinese summary's 90


def test_a_question_never_fills_a_summary_and_an_answer_label_is_cut_off():
    refs = [SentenceRef("杭州有一批龙头企业，我们共建了5个联合实验室。", "a", "p1", 1.0),
            SentenceRef("问：杭州的产业环境对高校有什么帮助？", "a", "p2", 0.9)]
    assert [ref.paragraph for ref in summarise(refs, 160)] == ["p1"]
    assert [ref.paragraph for ref in summarise(refs[1:], 160)] == ["p2"]  # alone, it is all there is
    assert trim_lead_in("答：杭州有一批龙头企业。") == "杭州有一批龙头企业。"
    assert trim_lead_in("**答：**杭州有一批龙头企业。") == "杭州有一批龙头企业。"  # a Markdown interview's bold label
    assert trim_lead_in("__答：__ 杭州有一批龙头企业。") == "杭州有一批龙头企业。"


def test_an_english_wires_dateline_is_cut_off():
    assert trim_lead_in("SINGAPORE, 12 March 2025 — Singapore's ministry said.") == "Singapore's ministry said."


def test_textrank_spreads_rank_over_the_graph_and_favours_the_hub():
    hub = [{1: 1.0, 2: 1.0, 3: 1.0}, {0: 1.0}, {0: 1.0}, {0: 1.0}, {}]
    ranks = textrank(hub)
    assert abs(sum(ranks) - 1.0) < 1e-9
    assert ranks[0] == max(ranks)
    assert ranks[4] < ranks[1]


def test_top_sentences_are_the_best_in_article_order():
    refs = [SentenceRef(f"句子{i}。", "a", f"p{i}", score) for i, score in enumerate([0.2, 0.9, 0.5, 1.0])]
    assert [r.paragraph for r in top_sentences(refs, 2)] == ["p1", "p3"]


def test_near_duplicates_are_the_same_sentence_from_another_outlet():
    first = "香港总算力目前已达5000 PFLOPS，其中数码港人工智能超算中心提供3000 PFLOPS算力。"
    second = "香港总算力目前达5000 PFLOPS 其中数码港人工智能超算中心提供3000 PFLOPS算力"
    assert near_duplicate(first, second)
    assert not near_duplicate(first, "天津坐拥世界级港口，国际贸易开放优势显著。")


def test_combined_summary_drops_near_duplicates_and_keeps_articles_together():
    candidates = [
        SentenceRef("香港总算力目前已达5000 PFLOPS，数码港超算中心提供3000 PFLOPS算力。", "hk-1", "p1", 1.0),
        SentenceRef("香港特区政府已预留10亿港元成立香港人工智能研发院。", "hk-1", "p4", 0.6),
        SentenceRef("香港总算力目前达5000 PFLOPS 数码港超算中心提供3000 PFLOPS算力", "hk-2", "p2", 0.95),
        SentenceRef("河套深港科技创新合作区香港园区已正式启用。", "hk-2", "p3", 0.9),
    ]
    combined = combine_summaries(candidates, 200)
    assert [(r.article, r.paragraph) for r in combined] == [("hk-1", "p1"), ("hk-1", "p4"), ("hk-2", "p3")]


def test_an_articles_summary_remembers_nothing_of_its_sentences_after_it():
    """Analysing workers summarise thousands of articles whose sentences no later
    article repeats; summaries across articles (regions, topics) remember theirs."""
    from sitegen.analyse import summary

    refs = [SentenceRef(f"第{i}家企业在天津发布了新的工业大模型和算力平台。", "a", f"p{i}", 1 - i / 100) for i in range(8)]
    remembered = summary._remembered_bigrams.cache_info().currsize
    assert summarise(refs, 120)
    assert summary._remembered_bigrams.cache_info().currsize == remembered
    combine_summaries(refs, 120)
    assert summary._remembered_bigrams.cache_info().currsize > remembered


def test_combined_summary_respects_the_budget():
    candidates = [SentenceRef("天津绿电产业发展势头十分迅猛。" * 2, f"a{i}", "p1", 1 - i / 10) for i in range(5)]
    assert len(combine_summaries(candidates, 70)) == 1


sentence = st.text(alphabet="算力香港天津北京大模型芯片人才发展合作的了，", min_size=4, max_size=30).map(lambda s: s + "。")


@settings(max_examples=30, deadline=None)
@given(st.lists(st.lists(sentence, min_size=1, max_size=4), min_size=1, max_size=5), st.integers(10, 200))
def test_every_summary_sentence_is_a_verbatim_slice_of_its_paragraph(paragraphs, budget):
    art = article([("paragraph", "".join(p)) for p in paragraphs], slug="generated")
    texts = {p.anchor: p.text for p in art.paragraphs}
    refs = rank_sentences(art, tokenize_article(art, make_tokenizer(TAXONOMY)), TAXONOMY.stopwords)
    for ref in summarise(refs, budget):
        assert ref.text in texts[ref.paragraph]
        assert 0 < ref.score <= 1.0


_SENTENCE_CHARS = st.sampled_from(list("新华社杭州月日电讯记者当前人工智能发展是吗。！？；!?…”’」』）)（(- *+•12３\n\t "))


@given(st.text(alphabet=_SENTENCE_CHARS, max_size=40))
def test_a_sentence_ends_with_a_mark_exactly_when_the_pattern_says_so(text):
    assert ends_with(text, TERMINATORS) == bool(re.search(r"[。！？；!?…]+[”’」』）)]*\Z", text))
    assert ends_with(text, QUESTION_MARKS) == bool(re.search(r"[？?][”’」』）)]*\Z", text))


@given(st.text(alphabet=_SENTENCE_CHARS, max_size=40))
def test_the_lead_in_shortcut_cuts_what_the_pattern_cuts(text):
    lead_in = _LEAD_IN.match(text)
    assert trim_lead_in(text) == (text[lead_in.end() :] if lead_in else text)


@given(st.text(alphabet=_SENTENCE_CHARS, max_size=60) | st.text(max_size=60))
def test_a_sentence_is_quotable_by_its_count_of_text_characters_and_its_end(text):
    stripped = text.rstrip()
    chars = len(re.findall(r"[\w\u3400-\u9fff]", stripped))
    expected = (
        chars >= MIN_CHARS
        and not stripped.endswith("...")
        and (ends_with(stripped, TERMINATORS) or chars >= UNPUNCTUATED_MIN_CHARS)
    )
    assert is_quotable(text) == expected


def test_a_cut_off_digest_body_is_quoted_up_to_its_last_complete_clause():
    snippet = "长沙市人民政府办公厅日前印发《长沙市人工智能产业发展三年行动计划》，提出到2027年产业规模突破1000亿元..."
    assert quotable_part(snippet) == "长沙市人民政府办公厅日前印发《长沙市人工智能产业发展三年行动计划》"
    assert quotable_part("长沙发布计划，提出...") is None  # too little before the cut
    assert quotable_part("长沙市人民政府办公厅印发行动计划。") == "长沙市人民政府办公厅印发行动计划。"
