"""reStructuredText: titles, docinfo, directives and inline markup become the
Markdown that says the same, line for line, and the Markdown reader reads it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sitegen.read import rst
from sitegen.read.registry import choose_reader, confidences

REPORT = """\
.. 成都市经济和信息化局供稿，编辑：王五

================================
成都发布人工智能产业三年行动计划
================================

:作者: 李华
:日期: 2025-05-06
:来源: 成都日报

.. contents:: 目录
   :depth: 2

5月6日，成都市发布《人工智能产业高质量发展三年行动计划》，提出到2027年\\
核心产业规模突破1500亿元。

一、总体目标
============

计划围绕大模型、智能算力和具身智能三条主线，建设全链条生态。

（一）算力布局
--------------

到2026年，全市智能算力规模达到10000 PFLOPS。

二、重点任务
============

培育100家以上人工智能重点企业。
"""


def _blocks(text: str) -> list[tuple[str, int, str]]:
    return [(block.kind, block.level, block.text) for block in rst.read(text).blocks]


def test_the_overlined_title_is_the_article_title_and_the_docinfo_its_meta():
    result = rst.read(REPORT)
    assert result.meta == {"作者": "李华", "日期": "2025-05-06", "来源": "成都日报"}
    assert [(b.kind, b.level, b.text) for b in result.blocks if b.kind == "heading"] == [
        ("heading", 1, "成都发布人工智能产业三年行动计划"),
        ("heading", 2, "一、总体目标"),
        ("heading", 3, "（一）算力布局"),
        ("heading", 2, "二、重点任务"),
    ]
    assert result.blocks[1].text == "5月6日，成都市发布《人工智能产业高质量发展三年行动计划》，提出到2027年\n核心产业规模突破1500亿元。"


def test_latin_docinfo_names_are_lower_case_and_wrapped_values_joined():
    text = "西安算力大会开幕\n================\n\n:Author: 张伟\n:Date: 2025-06-12\n:Abstract: 西安举办算力大会，\n   发布西部算力调度平台。\n\n正文。\n"
    meta = rst.read(text).meta
    assert meta == {"author": "张伟", "date": "2025-06-12", "abstract": "西安举办算力大会，发布西部算力调度平台。"}


def test_a_field_list_after_body_text_stays_text():
    text = "西安具身智能产业园开园，首批企业名单如下。\n\n:地点: 西安高新区\n:时间: 2025年6月\n"
    assert rst.read(text).meta == {}
    assert _blocks(text)[1:] == [("paragraph", 0, "地点：西安高新区"), ("paragraph", 0, "时间：2025年6月")]


def test_a_repeated_first_style_makes_every_title_a_section():
    text = "一、成都\n========\n\n成都发布计划。\n\n二、西安\n========\n\n西安发布方案。\n\n细则\n----\n\n细则正文。\n"
    assert [(kind, level) for kind, level, _ in _blocks(text) if kind == "heading"] == [("heading", 2)] * 2 + [("heading", 3)]


def test_body_text_above_the_first_title_means_no_document_title():
    text = "导语：成都和西安同日发布政策。\n\n成都发布计划\n============\n\n正文。\n"
    assert ("heading", 2, "成都发布计划") in _blocks(text)


def test_a_cjk_title_underline_may_count_characters_or_columns():
    assert _blocks("成都发布\n========\n")[0] == ("heading", 1, "成都发布")
    assert _blocks("成都发布\n====\n")[0] == ("heading", 1, "成都发布")
    assert _blocks("成都发布会\n===\n") == [("paragraph", 0, "成都发布会")]


def test_directives_give_their_text_or_nothing():
    text = """\
成都智算中心投运
================

.. note::

   本文数据截至2025年4月底。

.. warning:: 以上规划以正式文件为准。

.. raw:: html

   <div class="ad">广告</div>

.. toctree::
   :maxdepth: 2

   chengdu/index

..
   编辑备注：待核实
   请勿发布

.. _成都发布: https://www.chengdu.gov.cn

.. |logo| image:: logo.png

.. [1] 数据来源：成都市统计局。

.. admonition:: 专家观点

   算力是人工智能发展的基础。
"""
    assert _blocks(text) == [
        ("heading", 1, "成都智算中心投运"),
        ("paragraph", 0, "本文数据截至2025年4月底。"),
        ("paragraph", 0, "以上规划以正式文件为准。"),
        ("paragraph", 0, "专家观点"),
        ("paragraph", 0, "算力是人工智能发展的基础。"),
    ]


def test_images_and_figures_become_images_with_the_caption_as_alt():
    text = """\
.. image:: images/chengdu.png
   :alt: 成都智算中心
   :width: 600px

.. figure:: images/xian.png
   :width: 80%

   西安具身智能产业园效果图

   图片由西安高新区提供。
"""
    blocks = rst.read(text).blocks
    assert [(b.kind, b.text, b.meta.get("src")) for b in blocks] == [
        ("image", "成都智算中心", "images/chengdu.png"),
        ("image", "西安具身智能产业园效果图", "images/xian.png"),
        ("paragraph", "图片由西安高新区提供。", None),
    ]


def test_code_blocks_are_fenced():
    text = """\
调用示例：

.. code-block:: python
   :linenos:

   from chengdu_ai import Client
   client = Client("成都")

部署命令如下::

    pip install chengdu-ai

模型以 ``chengdu-7b`` 命名。
"""
    blocks = rst.read(text).blocks
    assert [(b.kind, b.text, b.meta) for b in blocks] == [
        ("paragraph", "调用示例：", {}),
        ("code", 'from chengdu_ai import Client\nclient = Client("成都")', {"lang": "python"}),
        ("paragraph", "部署命令如下:", {}),
        ("code", "pip install chengdu-ai", {}),
        ("paragraph", "模型以 `chengdu-7b` 命名。", {}),
    ]


def test_a_literal_block_marker_keeps_one_colon_after_text():
    assert rst.translate("示例::\n\n  x\n").out[0] == "示例:"
    assert rst.translate("示例如下：::\n\n  x\n").out[0] == "示例如下："
    assert rst.translate("示例 ::\n\n  x\n").out[0] == "示例"
    assert rst.translate("::\n\n  x\n").out == ["", "```", "x", "```"]


def test_a_literal_block_without_a_line_for_its_closing_fence_stays_text():
    assert rst.translate("示例::\n\n  x = 1\n下一段\n").out == ["示例:", "", "x = 1", "下一段", ""]


def test_inline_markup():
    text = (
        "详见 `成都市政府官网 <https://www.chengdu.gov.cn>`_ 和 `西安发布`_ ，"
        "参见 :ref:`算力规划 <compute>` 与 成都发布_ 的报道[1]_，"
        "调用 ``Client()``\\ 即可，*重点*和**亮点**保留，|logo| 不变。"
    )
    assert _blocks(text) == [(
        "paragraph", 0,
        "详见 [成都市政府官网](https://www.chengdu.gov.cn) 和 西安发布 ，参见 算力规划 与 成都发布 的报道，"
        "调用 `Client()`即可，*重点*和**亮点**保留，|logo| 不变。",
    )]


def test_lists_and_line_blocks():
    text = "* 建设智算中心\n* 培育企业\n\n  - 其中专精特新企业50家\n\n#. 第一阶段\n#. 第二阶段\n\n(3) 第三阶段\n\n| 成都市人民政府\n| 2025年5月6日\n"
    assert rst.translate(text).out == [
        "- 建设智算中心", "- 培育企业", "", "  - 其中专精特新企业50家", "", "1. 第一阶段", "1. 第二阶段", "",
        "3. 第三阶段", "", "成都市人民政府", "2025年5月6日", "",
    ]


def test_indented_prose_is_a_paragraph_not_a_quote():
    assert _blocks("    成都市将加快建设人工智能产业集群。\n") == [("paragraph", 0, "成都市将加快建设人工智能产业集群。")]


def test_simple_tables_are_rows_in_display_columns():
    text = """\
=========  ============  ==========
项目         投资（亿元）    建成时间
=========  ============  ==========
智算中心      120            2026年
模型基地      45             2025年
             （一期）
=========  ============  ==========
"""
    blocks = rst.read(text).blocks
    assert [(b.line, b.text, b.meta) for b in blocks] == [
        (2, "项目 | 投资（亿元） | 建成时间", {"table": "row"}),
        (4, "智算中心 | 120 | 2026年", {"table": "row"}),
        (5, "模型基地 | 45（一期） | 2025年", {"table": "row"}),
    ]


def test_grid_tables_join_a_row_cell_by_cell():
    text = """\
+------------+-----------+
| 园区       | 企业数量  |
+============+===========+
| 天府新区   | 320       |
+------------+-----------+
| 成都高新   | 580       |
| 区         | （含孵化）|
+------------+-----------+
"""
    assert [(b.line, b.text) for b in rst.read(text).blocks] == [
        (2, "园区 | 企业数量"), (4, "天府新区 | 320"), (6, "成都高新区 | 580（含孵化）"),
    ]


def test_csv_tables():
    text = '.. csv-table:: 重点项目\n   :header: "项目", "投资"\n\n   "西安算力中心", 80\n   "成都模型基地", 45\n'
    assert [(b.line, b.text) for b in rst.read(text).blocks] == [(1, "项目 | 投资"), (4, "西安算力中心 | 80"), (5, "成都模型基地 | 45")]


def test_blocks_point_at_their_source_lines():
    lines = REPORT.split("\n")
    for block in rst.read(REPORT).blocks:
        assert block.text.split("\n")[0][:4] in lines[block.line - 1]


def test_a_report_is_read_as_rst():
    assert choose_reader(REPORT).NAME == "rst"
    assert confidences(REPORT)["rst"] == 0.9


def test_one_directive_or_two_weaker_signs_are_rst():
    assert rst.sniff("成都算力大会开幕。\n\n.. image:: chengdu.png\n") == 0.9
    assert rst.sniff("详见 `成都发布 <https://www.chengdu.gov.cn>`_ 。\n") == 0.9
    assert rst.sniff("调用 ``Client()`` 即可，参见 :ref:`接口说明`。\n") == 0.7
    assert rst.sniff("调用 ``Client()`` 即可。\n") == 0.0


def test_markdown_with_setext_headings_is_not_rst():
    text = "成都发布人工智能行动计划\n========================\n\n正文第一段，**重点**内容。\n\n一、总体目标\n------------\n\n- 建设智算中心\n- 培育企业\n"
    assert rst.sniff(text) == 0.0
    assert choose_reader(text).NAME != "rst"


def test_plain_chinese_text_is_not_rst():
    text = "西安发布具身智能产业方案\n\n6月12日，西安市发布具身智能产业发展行动方案。\n\n记者 王强\n"
    assert rst.sniff(text) == 0.0
    assert choose_reader(text).NAME == "plain"


_SYNTAX = st.sampled_from([
    "\n", "\n\n", "  ", "成都", "=====", "-----", "~~~~", "=====  =====", "+----+----+", "| 园区 | 数量 |", ".. ", "..",
    ".. note::", ".. code-block:: python", ".. figure:: a.png", ".. csv-table::", "   :header: a, b", ":作者: ", "::",
    "`", "``", "`成都 <https://a.cn>`_", "_", "*", "- ", "#. ", "(1) ", "| ", "\\", "。",
])


@given(st.one_of(st.text(max_size=400), st.lists(_SYNTAX, max_size=120).map("".join)))
def test_any_text_is_translated_line_for_line_without_raising(text):
    doc = rst.translate(text)
    assert len(doc.out) == text.count("\n") + 1
    assert not any("\n" in line for line in doc.out)
    rst.sniff(text)
