"""Interview transcripts as subtitles: cues joined into paragraphs, one per
turn or stretch of speech, with numbers, timings and tags gone."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings, strategies as st

from sitegen.read import subtitles
from sitegen.read.registry import choose_reader

SRT = """1
00:00:01,000 --> 00:00:03,200
主持人：欢迎收看《科技访谈》

2
00:00:03,400 --> 00:00:06,000
今天我们请到了商汤科技的徐立

3
00:00:06,300 --> 00:00:08,000
徐立：谢谢主持人 大家好

4
00:00:08,200 --> 00:00:11,000
我们今年最重要的工作
是把大模型用到产业里去

5
00:00:18,500 --> 00:00:21,000
<i>第二个方面</i>是算力，
我们在上海建了新的智算中心

6
00:00:21,400 --> 00:00:24,000
主持人：成本降下来了吗？

7
00:00:24,200 --> 00:00:26,000
徐立：降了一半
"""

VTT = """WEBVTT - 专访智谱CEO张鹏：大模型的下一站
Kind: captions
Language: zh-CN

NOTE
来源：示例科技频道
日期：2025-06-10

STYLE
::cue { color: white; }

intro
00:00.000 --> 00:02.500 align:start position:10%
<v 记者>您怎么看今年的大模型价格战

00:02.800 --> 00:05.000
<v 记者>会不会影响行业的健康发展

00:05.500 --> 00:08.000
<v.host 张鹏>我觉得价格下降是好事
I think lower prices are a good thing

00:08.000 --> 00:10.000
<v 张鹏>它让更多企业用得起AI</v>

NOTE 这里剪掉了一段广告

00:16.000 --> 00:19.000
<v 张鹏><c.yellow>当然</c> 我们也要保证质量&amp;安全
"""


def _paragraphs(text: str) -> list[str]:
    return [b.text for b in subtitles.read(text).blocks if b.kind == "paragraph"]


def test_srt_cues_become_one_paragraph_per_turn_and_pause():
    assert choose_reader(SRT).NAME == "subtitles"
    assert _paragraphs(SRT) == [
        "主持人：欢迎收看《科技访谈》，今天我们请到了商汤科技的徐立。",
        "徐立：谢谢主持人，大家好，我们今年最重要的工作，是把大模型用到产业里去。",
        "第二个方面是算力，我们在上海建了新的智算中心。",  # after a pause of 7.5 s: the same speaker goes on
        "主持人：成本降下来了吗？",
        "徐立：降了一半。",
    ]


def test_each_paragraph_starts_at_the_line_of_its_first_words():
    lines = SRT.split("\n")
    for block in subtitles.read(SRT).blocks:
        first = lines[block.line - 1]
        assert re.sub(r"<[^>]+>", "", first).split("：")[-1].split(" ")[0][:4] in block.text


def test_vtt_voices_notes_and_header_title():
    result = subtitles.read(VTT)
    assert choose_reader(VTT).NAME == "subtitles"
    assert [(b.kind, b.text) for b in result.blocks] == [
        ("heading", "专访智谱CEO张鹏：大模型的下一站"),
        ("paragraph", "记者：您怎么看今年的大模型价格战，会不会影响行业的健康发展。"),
        ("paragraph", "张鹏：我觉得价格下降是好事，它让更多企业用得起AI。"),  # the English translation line dropped
        ("paragraph", "当然，我们也要保证质量&安全。"),
    ]
    assert result.meta == {"publisher": "示例科技频道", "date": "2025-06-10"}
    assert result.blocks[0].line == 1


def test_a_title_from_a_note_or_a_title_line():
    note = "WEBVTT\n\nNOTE 标题\n人形机器人产业观察\n\n00:01.000 --> 00:03.000\n机器人产业发展很快\n"
    assert subtitles.read(note).blocks[0].text == "人形机器人产业观察"
    labelled = "Title: 人形机器人产业观察\n\n1\n00:00:01,000 --> 00:00:03,000\n机器人产业发展很快\n"
    blocks = subtitles.read(labelled).blocks
    assert [(b.kind, b.text, b.line) for b in blocks] == [("heading", "人形机器人产业观察", 1), ("paragraph", "机器人产业发展很快。", 5)]


@pytest.mark.parametrize("text", [SRT, "WEBVTT FILE\n\n00:01.000 --> 00:02.000\n你好\n", "WEBVTT Kind: captions\n\n00:01.000 --> 00:02.000\n你好\n"],
                         ids=["SRT", "WEBVTT FILE", "VTT header setting"])
def test_without_a_title_no_heading_is_made_up(text):
    assert all(b.kind == "paragraph" for b in subtitles.read(text).blocks)


def test_turn_marks_start_new_paragraphs():
    text = ("1\n00:00:01,000 --> 00:00:03,000\n- 你们的模型开源吗\n- 会开源\n\n"
            "2\n00:00:03,200 --> 00:00:05,000\n而且是完全开源\n\n"
            "3\n00:00:05,100 --> 00:00:07,000\n>> 李华：那商业模式是什么\n")
    assert _paragraphs(text) == ["你们的模型开源吗。", "会开源，而且是完全开源。", "李华：那商业模式是什么。"]


def test_srt_without_blank_lines_rolling_captions_and_sound_cues():
    text = ("1\n00:00:01,000 --> 00:00:02,000\n[音乐]\n"
            "2\n00:00:02,000 --> 00:00:04,000\n大家好\n欢迎来到节目\n"
            "3\n00:00:04,000 --> 00:00:06,000\n欢迎来到节目\n今天聊聊具身智能\n"
            "4\n00:00:06,000 --> 00:00:07,000\n♪ 片尾曲 ♪\n")
    assert _paragraphs(text) == ["大家好，欢迎来到节目，今天聊聊具身智能。"]


def test_a_colon_in_speech_is_no_speaker():
    text = "1\n00:00:01,000 --> 00:00:03,000\n他说：明年一定会更好\n\n2\n00:00:03,000 --> 00:00:05,000\n时间是10:30\n"
    assert _paragraphs(text) == ["他说：明年一定会更好，时间是10:30。"]


def test_a_name_with_a_colon_under_a_voice_tag_is_quoted_not_a_new_speaker():
    text = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v 陈涛>我想起许志锰说过\n\n"
        "00:00:03.100 --> 00:00:05.000\n<v 陈涛>许志锰:北京要做人工智能第一城\n\n"
        "00:00:05.100 --> 00:00:07.000\n<v 陈涛>这句话让我印象很深\n"
    )
    assert _paragraphs(text) == ["陈涛：我想起许志锰说过，许志锰:北京要做人工智能第一城，这句话让我印象很深。"]


def test_english_lines_are_joined_with_spaces():
    text = "WEBVTT\n\n00:01.000 --> 00:03.000\nWe are building\n\n00:03.000 --> 00:05.000\nthe next generation of models\n"
    assert _paragraphs(text) == ["We are building the next generation of models."]


# --------------------------------------------------------------------------- sniffing

SCHEDULE = "大会日程\n\n09:00 --> 10:00 开幕式\n10:00 --> 12:00 主论坛\n\n欢迎参会。\n"
PROSE_WITH_A_TIMING = ("字幕文件的格式并不复杂。\n\n每条字幕都有一个时间轴，例如：\n\n00:00:01,000 --> 00:00:03,000\n\n"
                       "前面是开始时间，后面是结束时间。\n\n编辑在校对时要逐条检查。\n\n最后导出即可。\n")


@pytest.mark.parametrize("text", [SCHEDULE, PROSE_WITH_A_TIMING, "WEBVTTX\n\n正文。", "记者 张三\n\n2025-06-01 --> 2025-06-03\n"])
def test_texts_with_arrows_and_times_are_not_subtitles(text):
    assert subtitles.sniff(text) == 0.0
    assert choose_reader(text).NAME != "subtitles"


def test_no_seed_is_taken_for_subtitles(seeds):
    assert all(subtitles.sniff(text) == 0.0 for text in seeds.values())


# --------------------------------------------------------------------------- properties

_HAN_TEXT = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1, max_size=16)
_TIMING = re.compile(r"\d{1,3}:\d{2}(?::\d{2})?[,.]\d{3}|-->")


def _stamp(seconds: float, separator: str) -> str:
    whole = int(seconds)
    return f"{whole // 3600:02d}:{whole // 60 % 60:02d}:{whole % 60:02d}{separator}{int(seconds * 1000) % 1000:03d}"


@st.composite
def _srt(draw: st.DrawFn) -> tuple[str, list[str]]:
    """An SRT file of unique cue lines, with random gaps, and its lines."""
    lines = draw(st.lists(_HAN_TEXT, min_size=1, max_size=25, unique=True))
    separator = draw(st.sampled_from([",", "."]))
    start, cues = 0.0, []
    for number, line in enumerate(lines, 1):
        start += draw(st.floats(0, 12))
        end = start + draw(st.floats(0.5, 6))
        cues.append(f"{number}\n{_stamp(start, separator)} --> {_stamp(end, separator)}\n{line}\n")
        start = end
    return "\n".join(cues), lines


@settings(max_examples=200, deadline=None)
@given(_srt())
def test_timings_never_reach_the_text_and_no_words_are_lost(srt):
    text, lines = srt
    assert subtitles.sniff(text) > 0.9
    paragraphs = _paragraphs(text)
    assert not any(_TIMING.search(p) for p in paragraphs)
    assert re.sub("[，。]", "", "".join(paragraphs)) == "".join(lines)


_SYNTAX = st.sampled_from(["WEBVTT", "NOTE ", "\n", "\n\n", "1\n", "00:00:01,000 --> 00:00:02,000", "00:01.000 --> 00:02.000",
                           "<v 张三>", "</v>", "<i>", "张三：", "- ", ">>", "[音乐]", "标题：", "Title: ", "人工智能", "，", "。", " "])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=600), st.lists(_SYNTAX, max_size=80).map("".join)))
def test_read_never_raises_on_any_text(text):
    assert 0.0 <= subtitles.sniff(text) <= 1.0
    lines = text.count("\n") + 1
    for block in subtitles.read(text).blocks:
        assert 1 <= block.line <= lines and block.text == block.text.strip() and block.text
