"""XML exports of article records: read like JSON records, by the same key names."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.normalise import normalise_source
from sitegen.read import xmldoc
from sitegen.read.registry import choose_reader
from sitegen.read.source import read_source

EXPORT = """<?xml version="1.0" encoding="UTF-8"?>
<export site="某资讯网">
  <article id="1">
    <title>宁波发布人工智能产业政策</title>
    <pubDate>2025-06-03 10:00</pubDate>
    <source>宁波日报</source>
    <content><![CDATA[<p>6月3日，宁波市发布人工智能产业政策。</p><p>政策设立10亿元基金。</p>]]></content>
  </article>
  <article id="2">
    <title>温州举办数字经济大会</title>
    <pubDate>2025-06-05</pubDate>
    <content>6月5日，温州数字经济大会开幕。
参会企业超过200家。</content>
  </article>
</export>
"""

CHINESE_KEYS = """<?xml version="1.0" encoding="GBK"?>
<数据><记录 标题="嘉兴发布算力券政策" 发布时间="2025-07-01"><正文>7月1日，嘉兴市发布算力券政策。</正文></记录></数据>
"""


def test_each_record_is_an_article_at_its_line():
    assert choose_reader(EXPORT).NAME == "xml"
    blocks = xmldoc.read(EXPORT).blocks
    assert [(b.kind, b.line, b.text) for b in blocks] == [
        ("heading", 3, "宁波发布人工智能产业政策"),
        ("byline", 3, "宁波日报 2025-06-03 10:00"),
        ("paragraph", 3, "6月3日，宁波市发布人工智能产业政策。"),
        ("paragraph", 3, "政策设立10亿元基金。"),
        ("heading", 9, "温州举办数字经济大会"),
        ("byline", 9, "2025-06-05"),
        ("paragraph", 9, "6月5日，温州数字经济大会开幕。"),
        ("paragraph", 9, "参会企业超过200家。"),
    ]


def test_chinese_names_and_attributes_name_the_parts():
    assert choose_reader(CHINESE_KEYS).NAME == "xml"
    assert [b.text for b in xmldoc.read(CHINESE_KEYS).blocks] == ["嘉兴发布算力券政策", "2025-07-01", "7月1日，嘉兴市发布算力券政策。"]


def test_an_xml_export_becomes_articles(tmp_path: Path):
    path = tmp_path / "export.dat"
    path.write_text(EXPORT, encoding="utf-8")
    articles, _ = normalise_source(read_source(path, tmp_path, 1 << 20))
    assert [(a.title, a.publisher) for a in articles] == [("宁波发布人工智能产业政策", "宁波日报"), ("温州举办数字经济大会", None)]


@pytest.mark.parametrize(
    "text",
    [
        "<!DOCTYPE html><html><head><title>标题</title></head><body><p>正文</p></body></html>",
        '<?xml version="1.0"?><rss version="2.0"><channel><item><title>t</title><description>d</description></item></channel></rss>',
        '<?xml version="1.0"?><urlset><url><loc>https://a.example/</loc></url></urlset>',
        '<svg xmlns="http://www.w3.org/2000/svg"><title>图</title><desc>说明</desc></svg>',
        '<?xml version="1.0"?><config><name>x</name><value>1</value></config>',
        "人工智能 <title> 与 <content> 标签的用法。",
    ],
)
def test_other_markup_and_prose_are_not_xml_records(text):
    assert xmldoc.sniff(text) == 0.0


def test_broken_xml_is_a_warning_not_an_exception():
    result = xmldoc.read("<export><article><title>t</title><content>c</article></export>")
    assert result.blocks == [] and "not well-formed" in result.diagnostics[0].message


@given(st.text(alphabet="<>/abcdeilnorttx=\"' 人工智能\n", max_size=200))
def test_read_never_raises(text):
    xmldoc.read("<export>" + text)
