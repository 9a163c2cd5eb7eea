"""End to end: a reStructuredText report and an AsciiDoc note in a site's
source folder become articles with their title, date and authors, and none of
their markup is left in the text a reader of the briefing sees."""

from __future__ import annotations

import re

import pytest

from sitegen.model import AnalysedArticle

REPORT = """\
.. 成都市经济和信息化局供稿

================================
成都发布人工智能产业三年行动计划
================================

:作者: 李华、张伟
:日期: 2025-05-06
:来源: 成都日报

.. contents:: 目录

5月6日，成都市正式发布《成都市人工智能产业高质量发展三年行动计划（2025—2027年）》，
提出到2027年全市人工智能核心产业规模突破1500亿元，智能算力规模达到10000 PFLOPS。

.. note::

   计划由成都市经济和信息化局牵头编制，详见 `成都市政府官网 <https://www.chengdu.gov.cn>`_ 。

一、总体目标
============

计划围绕\\ **大模型**\\ 、智能算力和具身智能三条主线，培育100家以上人工智能重点企业[1]_。

* 建设国家新一代人工智能创新发展试验区；
* 打造西部智能算力枢纽。

.. figure:: images/chengdu-ai.png

   成都智算中心效果图

.. [1] 数据来源：成都市统计局。
"""

NOTE = """\
= 西安发布具身智能产业发展行动方案
王强 <wang.qiang@example.com>
v1.0, 2025-06-12: 首次发布
:toc: left
:keywords: 具身智能, 人形机器人

6月12日，西安市发布《西安市具身智能产业发展行动方案》，提出到2027年培育*10家*以上整机企业，
具身智能产业规模突破500亿元。footnote:[数据来源：西安市工业和信息化局。]

NOTE: 方案由西安市工业和信息化局牵头制定，西安高新区负责具体实施。

== 主要任务

方案提出，依托 link:https://www.xa.gov.cn[西安市人民政府] 建设具身智能创新中心，
推动人形机器人在汽车制造、电力巡检等场景落地。

.主要指标
[cols="2,1,1"]
|===
|指标 |2025年 |2027年
|整机企业数量 |5 |10
|===
"""

# Markup of either format that must not reach the text of an article.
MARKUP = re.compile(
    r"^[=~^\"'-]{3,}$|^:[\w\u4e00-\u9fff]+:|^\.\. |[`\]]_|\[\d+\]_|``|\\(?:\s|$)|^(?:NOTE|TIP):|^==|\|===|footnote:|link:|<<|:toc:",
    re.M,
)


@pytest.fixture(scope="module")
def articles(build_sources) -> dict[str, AnalysedArticle]:
    result, _ = build_sources({"chengdu-plan.rst": REPORT, "xian-robots.adoc": NOTE})
    return {item.article.format: item for item in result.site.articles.values()}


def test_each_source_is_one_article_read_in_its_format(articles):
    assert sorted(articles) == ["asciidoc", "rst"]


def test_the_rst_report_has_its_title_date_authors_and_publisher(articles):
    article = articles["rst"].article
    assert article.title == "成都发布人工智能产业三年行动计划"
    assert article.published.iso() == "2025-05-06"
    assert article.authors == ["李华", "张伟"]
    assert article.publisher == "成都日报"
    assert article.paragraphs[0].text.startswith("5月6日，成都市正式发布")


def test_the_asciidoc_note_has_its_title_date_authors_and_tags(articles):
    article = articles["asciidoc"].article
    assert article.title == "西安发布具身智能产业发展行动方案"
    assert article.published.iso() == "2025-06-12"
    assert article.authors == ["王强"]
    assert article.tags == ["具身智能", "人形机器人"]
    assert article.paragraphs[0].text.startswith("6月12日，西安市发布")


@pytest.mark.parametrize("kind", ["rst", "asciidoc"])
def test_no_markup_is_left_in_the_text(articles, kind):
    article = articles[kind].article
    texts = [p.text for p in article.paragraphs]
    assert not [text for text in texts if MARKUP.search(text)]
    assert not [text for text in texts if "数据来源" in text or "目录" in text or "contents" in text]


def test_what_the_markup_held_is_kept_as_its_kind(articles):
    chengdu = articles["rst"].article.paragraphs
    assert [(p.kind, p.text) for p in chengdu if p.kind in ("image", "list")] == [
        ("list", "- 建设国家新一代人工智能创新发展试验区；\n- 打造西部智能算力枢纽。"),
        ("image", "![成都智算中心效果图](images/chengdu-ai.png)"),
    ]
    xian = articles["asciidoc"].article.paragraphs
    assert [p.text for p in xian if p.kind == "paragraph"][-2:] == ["指标 | 2025年 | 2027年", "整机企业数量 | 5 | 10"]
