"""split_sentences: verbatim sentences, quotes kept whole."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, strategies as st

from sitegen.chinese.sentences import sentence_spans, split_sentences


def test_split_sentences_splits_after_chinese_full_stops():
    text = "北京被称为“人工智能第一城”，正迎来关键期。1月25日，北京市第十六届人民代表大会第四次会议开幕。计划报告明确提出，全力建设人工智能创新高地！"
    assert split_sentences(text) == [
        "北京被称为“人工智能第一城”，正迎来关键期。",
        "1月25日，北京市第十六届人民代表大会第四次会议开幕。",
        "计划报告明确提出，全力建设人工智能创新高地！",
    ]


def test_split_sentences_keeps_a_quote_with_its_speaker():
    text = (
        "“人工智能坚持智能向善、智能向善，是科技服务社会进步的核心要义。”小米集团创始人、董事长兼首席执行官雷军说，"
        "“小米在研发汽车大压铸材料时，就是采用人工智能相关技术，极大提高了研发效率。”"
        "在 2024 年世界互联网大会领先科技奖的评选中，“超算互联网平台”项目成功获评。"
    )
    sentences = split_sentences(text)
    assert len(sentences) == 2
    assert sentences[0].endswith("极大提高了研发效率。”")
    assert sentences[1].startswith("在 2024 年")


def test_split_sentences_ends_after_a_closing_quote_without_speaker():
    text = "“十五五”开局之年，北京要怎样建设？他说：“好。”然后走了。"
    assert split_sentences(text) == ["“十五五”开局之年，北京要怎样建设？", "他说：“好。”", "然后走了。"]


def test_split_sentences_speaker_after_quote_stays_in_sentence():
    text = "“人工智能正在改变着人们的生活。”联合国副秘书长李军华说。新华社杭州 11 月 21 日电"
    assert split_sentences(text) == ["“人工智能正在改变着人们的生活。”联合国副秘书长李军华说。", "新华社杭州 11 月 21 日电"]


def test_split_sentences_does_not_split_inside_brackets_or_titles():
    text = "新华社杭州 11 月 21 日电（记者魏一骏；郑可意）11 月 21 日，《报告！2024》发布。"
    assert split_sentences(text) == [text]


def test_split_sentences_a_bracketed_note_that_ends_a_sentence_ends_it():
    text = "会议开幕（详见附件。）下午举行论坛。"
    assert split_sentences(text) == ["会议开幕（详见附件。）", "下午举行论坛。"]


def test_split_sentences_ellipsis_only_ends_a_sentence_at_the_end():
    text = "主题演讲、圆桌讨论、前沿科技成果展示……在近日举行的大会上，嘉宾齐聚一堂。特区政府今年已拨款10亿港元，用于成 ..."
    assert split_sentences(text) == [
        "主题演讲、圆桌讨论、前沿科技成果展示……在近日举行的大会上，嘉宾齐聚一堂。",
        "特区政府今年已拨款10亿港元，用于成 ...",
    ]


def test_split_sentences_line_break_ends_a_sentence_and_stray_quote_is_harmless():
    text = "“人工智能坚持智能向善，是核心要\n11 月 20 日，乌镇峰会开幕。新华社 发"
    assert split_sentences(text) == ["“人工智能坚持智能向善，是核心要", "11 月 20 日，乌镇峰会开幕。", "新华社 发"]


def test_split_sentences_semicolons_and_ascii_marks_split():
    assert split_sentences("模型效能提升；技术快速发展! 真的? 是") == ["模型效能提升；", "技术快速发展!", "真的?", "是"]


_ALPHABET = st.sampled_from(list("中文字。！？；!?…“”‘’「」（）()《》\"' \n\t，a1"))


@given(st.text(alphabet=_ALPHABET) | st.text())
def test_split_sentences_are_verbatim_in_order_and_lose_only_whitespace(text):
    sentences = split_sentences(text)
    position = 0
    for sentence in sentences:
        assert sentence and sentence == sentence.strip()
        found = text.find(sentence, position)
        assert found >= 0
        assert not text[position:found].strip()
        position = found + len(sentence)
    assert not text[position:].strip()
    assert re.sub(r"\s", "", "".join(sentences)) == re.sub(r"\s", "", text)


@given(st.text(alphabet=_ALPHABET))
def test_sentence_spans_point_at_the_sentences(text):
    spans = sentence_spans(text)
    assert [text[a:b] for a, b in spans] == split_sentences(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hong Kong has a fund. In Shenzhen, the city set one up.", ["Hong Kong has a fund.", "In Shenzhen, the city set one up."]),
        ("The rate rose 5%. Then it fell.", ["The rate rose 5%.", "Then it fell."]),
        ("Mr. Smith met U.S. President Lee. He said so.", ["Mr. Smith met U.S. President Lee.", "He said so."]),
        ("It costs 3.5 billion. nothing else", ["It costs 3.5 billion. nothing else"]),  # no capital after it
        ("黄仁勋说：“We are here. This is it.”随后离场。", ["黄仁勋说：“We are here. This is it.”随后离场。"]),
    ],
)
def test_an_english_full_stop_ends_a_sentence_before_a_capital(text, expected):
    assert split_sentences(text) == expected
