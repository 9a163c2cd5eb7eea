"""AsciiDoc: the header, sections, blocks and inline markup become the
Markdown that says the same, line for line, and the Markdown reader reads it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sitegen.read import asciidoc
from sitegen.read.registry import choose_reader, confidences

NOTE = """\
// 西安高新区管委会供稿
= 西安发布具身智能产业发展行动方案
王强 <wang.qiang@example.com>; 赵敏
v1.0, 2025-06-12: 首次发布
:toc: left
:imagesdir: images
:description: 西安提出到2027年具身智能产业规模突破500亿元。
:keywords: 具身智能, 人形机器人

6月12日，西安市发布《具身智能产业发展行动方案》，提出培育*10家*以上整机企业。footnote:[数据来源：西安市工信局。]

NOTE: 方案由西安市工业和信息化局牵头制定。

== 主要目标

到2027年，产业规模突破500亿元。

=== 重点任务

建设具身智能中试验证平台。
"""


def _blocks(text: str) -> list[tuple[str, int, str]]:
    return [(block.kind, block.level, block.text) for block in asciidoc.read(text).blocks]


def test_the_header_gives_the_title_authors_date_and_description():
    result = asciidoc.read(NOTE)
    assert result.meta == {
        "author": ["王强", "赵敏"], "date": "2025-06-12",
        "description": "西安提出到2027年具身智能产业规模突破500亿元。", "tags": "具身智能, 人形机器人",
    }
    assert _blocks(NOTE) == [
        ("heading", 1, "西安发布具身智能产业发展行动方案"),
        ("paragraph", 0, "6月12日，西安市发布《具身智能产业发展行动方案》，提出培育**10家**以上整机企业。"),
        ("paragraph", 0, "方案由西安市工业和信息化局牵头制定。"),
        ("heading", 2, "主要目标"),
        ("paragraph", 0, "到2027年，产业规模突破500亿元。"),
        ("heading", 3, "重点任务"),
        ("paragraph", 0, "建设具身智能中试验证平台。"),
    ]


def test_a_revision_line_may_be_a_date_alone_and_attributes_override():
    text = "= 成都算力调度平台上线\n李华\n2025年5月6日\n:revdate: 2025-05-07\n:author: 李华、张伟\n\n正文。\n"
    assert asciidoc.read(text).meta == {"author": "李华、张伟", "date": "2025-05-07"}
    assert asciidoc.read("= 成都算力调度平台上线\n李华\nv2.1\n\n正文。\n").meta == {"author": ["李华"]}


def test_text_right_under_the_title_is_no_author_line():
    text = "= 成都算力调度平台上线\n5月6日，成都市算力调度平台正式上线运行。\n"
    assert asciidoc.read(text).meta == {}
    assert _blocks(text)[1] == ("paragraph", 0, "5月6日，成都市算力调度平台正式上线运行。")


def test_markdown_headings_stay_and_symmetric_titles_lose_their_closing_marks():
    assert _blocks("## 成都 ##\n\n== 西安 ==\n") == [("heading", 2, "成都"), ("heading", 2, "西安")]


def test_admonitions_attributes_titles_comments_and_breaks_are_no_text():
    text = """\
[NOTE]
====
以上数据为初步统计。
====

TIP: 企业可通过“西安政务”平台申报。

.项目进度
[[progress]]
IMPORTANT: 申报截止日期为7月31日。

'''

// 编辑备注：待核实
////
内部意见：
暂不公开
////
<<<
"""
    assert _blocks(text) == [
        ("paragraph", 0, "以上数据为初步统计。"),
        ("paragraph", 0, "企业可通过“西安政务”平台申报。"),
        ("paragraph", 0, "申报截止日期为7月31日。"),
    ]


def test_listing_literal_and_source_blocks_are_code():
    text = """\
[source,python]
----
from xian_robot import Arm
arm = Arm("西安")
----

....
$ xian-robot --help
....

[source,bash]
pip install xian-robot

```json
{"城市": "西安"}
```
"""
    blocks = asciidoc.read(text).blocks
    assert [(b.line, b.kind, b.text, b.meta) for b in blocks] == [
        (2, "code", 'from xian_robot import Arm\narm = Arm("西安")', {"lang": "python"}),
        (7, "code", "$ xian-robot --help", {}),
        (11, "code", "pip install xian-robot", {"lang": "bash"}),
        (14, "code", '{"城市": "西安"}', {"lang": "json"}),
    ]


def test_quotes_sidebars_and_examples():
    text = """\
[quote, 西安市工信局负责人, 《发布会实录》]
____
西安在高校和科研院所方面具有明显优势，

具身智能是我们重点突破的方向。
____

[quote]
成都将打造西部人工智能高地。

****
补充说明：方案实施期为2025年至2027年。
****
"""
    assert _blocks(text) == [
        ("quote", 0, "西安在高校和科研院所方面具有明显优势，\n具身智能是我们重点突破的方向。"),
        ("quote", 0, "成都将打造西部人工智能高地。"),
        ("paragraph", 0, "补充说明：方案实施期为2025年至2027年。"),
    ]


def test_tables_are_rows_with_as_many_cells_as_the_columns():
    text = """\
.主要指标
[cols="2,1,1",options="header"]
|===
|指标 |2025年 |2027年

|整机企业数量
|5
|10

|产业规模（亿元） |200 |500
|===

,===
城市,算力
西安,80
,===
"""
    assert [(b.line, b.text, b.meta) for b in asciidoc.read(text).blocks] == [
        (4, "指标 | 2025年 | 2027年", {"table": "row"}),
        (6, "整机企业数量 | 5 | 10", {"table": "row"}),
        (10, "产业规模（亿元） | 200 | 500", {"table": "row"}),
        (14, "城市 | 算力", {"table": "row"}),
        (15, "西安 | 80", {"table": "row"}),
    ]


def test_a_table_without_cols_takes_its_width_from_the_first_line():
    text = "|===\n|城市 |企业\n\n|西安\n|120\n|===\n"
    assert [b.text for b in asciidoc.read(text).blocks] == ["城市 | 企业", "西安 | 120"]


def test_lists_and_description_lists():
    text = "* 建设中试平台\n** 首期投资5亿元\n- 设立产业基金\n\n. 第一阶段\n.. 细分任务\n\n牵头单位:: 西安市工信局\n配合单位::\n西安高新区\n"
    assert asciidoc.translate(text).out == [
        "- 建设中试平台", "  - 首期投资5亿元", "- 设立产业基金", "", "1. 第一阶段", "   1. 细分任务", "",
        "牵头单位：西安市工信局", "配合单位：", "西安高新区", "",
    ]


def test_continuations_and_hard_breaks():
    text = "* 建设中试平台\n+\n平台面向全国开放。\n\n西安市人民政府 +\n2025年6月12日\n"
    assert asciidoc.translate(text).out == ["- 建设中试平台", "", "平台面向全国开放。", "", "西安市人民政府", "2025年6月12日", ""]


def test_images():
    text = ".西安具身智能产业园效果图\nimage::xian-park.png[]\n\nimage::chengdu.png[成都智算中心, 600]\n\n园区标志 image:logo.png[西安高新区] 已发布。\n"
    blocks = asciidoc.read(text).blocks
    assert [(b.kind, b.text, b.meta.get("src")) for b in blocks] == [
        ("image", "西安具身智能产业园效果图", "xian-park.png"),
        ("image", "成都智算中心", "chengdu.png"),
        ("paragraph", "园区标志 ![西安高新区](logo.png) 已发布。", None),
    ]


def test_inline_markup():
    text = (
        "依托 link:https://www.xa.gov.cn[西安市人民政府] 和 https://www.xdz.gov.cn[西安高新区, window=_blank]，"
        "详见<<targets,重点任务>>和 xref:plan.adoc[规划]，*加粗* **粗体** _斜体_ `xian_robot` 保持，"
        "snake_case_name 与 2*3*4 不变，https://www.xa.gov.cn/a_b_c 不变，{nbsp}{author}[[anchor]]完。"
    )
    assert asciidoc.translate(":author: 王强\n" + text).out[1] == (
        "依托 [西安市人民政府](https://www.xa.gov.cn) 和 [西安高新区](https://www.xdz.gov.cn)，"
        "详见重点任务和 规划，**加粗** **粗体** *斜体* `xian_robot` 保持，"
        "snake_case_name 与 2*3*4 不变，https://www.xa.gov.cn/a_b_c 不变， 王强完。"
    )


def test_blocks_point_at_their_source_lines():
    lines = NOTE.split("\n")
    for block in asciidoc.read(NOTE).blocks:
        assert block.text.split("\n")[0][:4] in lines[block.line - 1]


def test_a_note_is_read_as_asciidoc():
    assert choose_reader(NOTE).NAME == "asciidoc"
    assert confidences(NOTE)["asciidoc"] == 0.9


def test_sections_need_a_header_or_an_asciidoc_only_sign():
    assert asciidoc.sniff("== 成都\n\n正文。\n\n|===\n|a |b\n|===\n") == 0.8
    assert asciidoc.sniff("== 成都 ==\n\n正文。\n\n== 西安 ==\n\n正文。\n") == 0.0
    assert asciidoc.sniff("= 成都\n\n正文。\n") == 0.0


def test_plain_chinese_text_is_neither_rst_nor_asciidoc():
    text = "西安发布具身智能产业方案\n\n6月12日，西安市发布具身智能产业发展行动方案。\n\n记者 王强\n"
    assert confidences(text)["rst"] == confidences(text)["asciidoc"] == 0.0


def test_asciidoc_is_not_rst():
    text = "= 西安发布具身智能方案\n王强\n:toc:\n\n== 主要目标\n\n----\n代码\n----\n"
    assert confidences(text)["rst"] == 0.9  # the listing block looks like an overlined title
    assert choose_reader(text).NAME == "asciidoc"


def test_markdown_and_plain_text_are_not_asciidoc():
    markdown = "成都发布人工智能行动计划\n========================\n\n正文，**重点**内容。\n\n## 一、总体目标\n\n- 建设智算中心\n"
    plain = "西安发布具身智能产业方案\n\n6月12日，西安市发布行动方案。\n\n----------\n\n记者 王强\n"
    assert asciidoc.sniff(markdown) == asciidoc.sniff(plain) == 0.0
    assert choose_reader(markdown).NAME == "markdown"


_SYNTAX = st.sampled_from([
    "\n", "\n\n", " ", "西安", "= ", "== ", ":toc:", ":author: ", "王强 <a@b.cn>", "v1.0, 2025-06-12", "[source,python]",
    '[cols="2,1"]', "|===", "|", ",===", "----", "....", "____", "****", "====", "////", "//", "```", "NOTE: ", ".", "*",
    "**", "_", "- ", ". ", ":: ", " +", "+", "image::a.png[]", "link:https://a.cn[西安]", "<<a,b>>", "footnote:[注]",
    "{nbsp}", "[[a]]", "`",
])


@given(st.one_of(st.text(max_size=400), st.lists(_SYNTAX, max_size=120).map("".join)))
def test_any_text_is_translated_line_for_line_without_raising(text):
    doc = asciidoc.translate(text)
    assert len(doc.out) == text.count("\n") + 1
    assert not any("\n" in line for line in doc.out)
    asciidoc.sniff(text)
