"""CSV/TSV exports of news: one article a row, columns named as JSON keys are."""

from __future__ import annotations

import csv
import io
import json

import pytest
from hypothesis import assume, given, settings, strategies as st

from sitegen.read import jsondoc, table
from sitegen.read.registry import choose_reader
from sitegen.read.text import site_name_at_end

CSV = """标题,发布时间,来源,作者,正文,链接
上海发布具身智能产业行动方案,2025-06-05 10:00,解放日报,王磊,"6月5日，上海市发布具身智能产业行动方案。

方案提出，到2027年培育10家以上具身智能龙头企业。",https://example.com/news/1
"深圳设立100亿元AI基金,重点支持初创企业",2025-06-06,深圳特区报,,"深圳市宣布设立规模100亿元的人工智能产业基金。
基金将以""投早投小""为原则。",https://example.com/news/2
"""

TSV = (
    "title\tdate\tsource\tcontent\turl\n"
    "OpenAI发布新一代推理模型\t2025-06-01\t36氪\t<p>OpenAI发布了新一代推理模型。</p><p>新模型在数学测试中得分提高。</p>\thttps://example.com/a\n"
    "百度文心大模型降价\t2025-06-02\t新浪科技\t百度宣布文心大模型API降价。\thttps://example.com/b\n"
)


def _headings(text: str) -> list[str]:
    return [b.text for b in table.read(text).blocks if b.kind == "heading"]


def test_csv_with_chinese_headers_and_quoted_multi_line_cells():
    assert choose_reader(CSV).NAME == "table"
    blocks = table.read(CSV).blocks
    assert [(b.kind, b.text, b.line) for b in blocks] == [
        ("heading", "上海发布具身智能产业行动方案", 2),
        ("byline", "解放日报 2025-06-05 10:00 王磊", 2),
        ("paragraph", "6月5日，上海市发布具身智能产业行动方案。", 2),
        ("paragraph", "方案提出，到2027年培育10家以上具身智能龙头企业。", 2),
        ("heading", "深圳设立100亿元AI基金,重点支持初创企业", 5),
        ("byline", "深圳特区报 2025-06-06", 5),
        ("paragraph", "深圳市宣布设立规模100亿元的人工智能产业基金。", 5),
        ("paragraph", "基金将以\"投早投小\"为原则。", 5),
    ]
    assert blocks[1].meta == {"role": "source", "publisher": "解放日报", "date": "2025-06-05 10:00", "authors": "王磊"}


def test_tsv_with_english_headers_and_html_cells():
    assert choose_reader(TSV).NAME == "table"
    blocks = table.read(TSV).blocks
    assert [(b.kind, b.text) for b in blocks if b.kind != "byline"] == [
        ("heading", "OpenAI发布新一代推理模型"),
        ("paragraph", "OpenAI发布了新一代推理模型。"),
        ("paragraph", "新模型在数学测试中得分提高。"),
        ("heading", "百度文心大模型降价"),
        ("paragraph", "百度宣布文心大模型API降价。"),
    ]


def test_a_row_becomes_the_article_its_json_record_becomes():
    rows = list(csv.DictReader(io.StringIO(CSV)))
    from_json = jsondoc.read(json.dumps(rows, ensure_ascii=False)).blocks
    from_csv = table.read(CSV).blocks
    assert [(b.kind, b.text, b.meta) for b in from_csv] == [(b.kind, b.text, b.meta) for b in from_json]


def test_semicolons_and_excel_separator_line():
    text = "sep=;\n新闻标题;发布日期;文章内容;更新时间\n合肥发布算力券政策;2025-06-09;合肥市发布算力券政策。;2025-06-10\n"
    assert choose_reader(text).NAME == "table"
    blocks = table.read(text).blocks
    assert [b.text for b in blocks] == ["合肥发布算力券政策", "2025-06-09", "合肥市发布算力券政策。"]
    assert blocks[1].meta["date"] == "2025-06-09"  # `更新时间` is no publication date
    assert blocks[0].line == 3


def test_a_row_without_a_body_is_skipped_with_a_warning():
    text = "title,content\n有标题无正文,\n第二条,正文内容。\n,只有正文。\n"
    result = table.read(text)
    assert _headings(text) == ["第二条"]
    assert result.diagnostics[0].message.startswith("2 row(s) without a title or a body skipped (lines 2, 4)")
    assert result.diagnostics[0].line == 2


def test_an_unclosed_quote_keeps_the_rows_before_it():
    text = CSV + '杭州发布政策,2025-06-09,杭州日报,,"杭州市发布政策。\n'
    assert _headings(text)[:2] == ["上海发布具身智能产业行动方案", "深圳设立100亿元AI基金,重点支持初创企业"]


# --------------------------------------------------------------------------- sniffing

PROSE = ("标题,正文,以及配图都要经过审核。\n\n"
         "人工智能产业发展迅速,各地纷纷出台政策,支持企业创新。\n"
         "业内人士认为,这一趋势将持续。\n")
PRICES = "model,price,context\nGPT-4o,5,128k\nClaude,3,200k\n"
PIPE_TABLE = "# 本周新闻\n\n| 标题 | 正文 |\n| --- | --- |\n| 上海发布方案 | 上海市发布方案。 |\n"
JSON_LINES = '{"title": "标题1", "content": "正文1。"}\n{"title": "标题2", "content": "正文2。"}\n'
HEADER_ONLY = "标题,正文\n"


@pytest.mark.parametrize(
    "text, reader",
    [(PROSE, "plain"), (PRICES, "plain"), (PIPE_TABLE, "markdown"), (JSON_LINES, "json"), (HEADER_ONLY, "plain")],
    ids=["prose with commas", "table of no news", "Markdown pipe table", "JSON Lines", "header alone"],
)
def test_other_texts_are_not_tables(text, reader):
    assert table.sniff(text) == 0.0
    assert choose_reader(text).NAME == reader


def test_no_seed_is_taken_for_a_table(seeds):
    assert all(table.sniff(text) == 0.0 for text in seeds.values())


# --------------------------------------------------------------------------- properties

_CELL = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40).filter(lambda s: s.strip() == s and s)


@settings(max_examples=200, deadline=None)
@given(rows=st.lists(st.tuples(_CELL, _CELL, _CELL), min_size=1, max_size=8), delimiter=st.sampled_from([",", "\t", ";"]))
def test_rows_written_by_the_csv_module_come_back_as_articles(rows, delimiter):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(["标题", "来源", "正文"])
    writer.writerows(rows)
    text = out.getvalue()
    assert table.sniff(text) > 0.9
    headings = _headings(text)
    # a title ending with the row's own publisher (`标题 - 来源`) loses it, as a search result's does
    assume(not any(site_name_at_end(" ".join(title.split())) == publisher for title, publisher, _ in rows))
    assert headings == [" ".join(title.split()) for title, _, _ in rows]


_SYNTAX = st.sampled_from(["标题", "正文", "title", "content", ",", "\t", ";", '"', '""', "\n", "sep=;\n", "人工智能", "，", " "])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=600), st.lists(_SYNTAX, max_size=80).map("".join)))
def test_read_never_raises_on_any_text(text):
    assert 0.0 <= table.sniff(text) <= 1.0
    lines = text.count("\n") + 1
    for block in table.read(text).blocks:
        assert 1 <= block.line <= lines


CHRONOLOGY = """日期,城市,事件,来源
2025-11-20,天津,世界智能产业博览会开幕，展示具身智能机器人新品,天津日报
2025-11-22,苏州,苏州发布人工智能+制造业行动方案,苏州日报
2025-11-25,西安,西安人工智能计算中心二期投运,西安日报
"""


def test_a_table_of_dated_events_is_one_chronology_of_rows():
    assert choose_reader(CHRONOLOGY) is table
    blocks = table.read(CHRONOLOGY).blocks
    assert (blocks[0].kind, blocks[0].text) == ("heading", "大事记（2025-11-20—2025-11-25）")
    assert [b.text for b in blocks[1:]] == [
        "日期 | 城市 | 事件 | 来源",
        "2025-11-20 | 天津 | 世界智能产业博览会开幕，展示具身智能机器人新品 | 天津日报",
        "2025-11-22 | 苏州 | 苏州发布人工智能+制造业行动方案 | 苏州日报",
        "2025-11-25 | 西安 | 西安人工智能计算中心二期投运 | 西安日报",
    ]
    assert all(b.meta == {"table": "row"} for b in blocks[1:])


EVENT_CALENDAR = """时间,地点,活动名称,主办方,简介
2025年3月20日-21日,南京国际博览中心,2025全球人工智能产品应用博览会,南京市人民政府,展示具身智能、大模型等领域最新成果。
2025年4月8日,西安曲江国际会议中心,丝路人工智能创新发展大会,陕西省科技厅,聚焦人工智能赋能文旅与制造业。
"""


def test_an_event_calendar_is_an_article_per_event_named_by_its_column():
    blocks = table.read(EVENT_CALENDAR).blocks
    assert [b.text for b in blocks if b.kind == "heading"] == ["2025全球人工智能产品应用博览会", "丝路人工智能创新发展大会"]
    bylines = [b.meta for b in blocks if b.kind == "byline"]
    assert [(m["publisher"], m["regions"]) for m in bylines] == [
        ("南京市人民政府", "南京国际博览中心"), ("陕西省科技厅", "西安曲江国际会议中心"),
    ]


def test_a_table_without_a_date_column_or_articles_is_no_table():
    assert table.sniff("城市,企业,人数\n天津,某公司,200\n苏州,某集团,300\n") == 0.0
