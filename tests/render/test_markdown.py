"""Article bodies: Markdown rendered, then sanitised so a source cannot run code."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.model import Article, Paragraph
from sitegen.render.markdown import (
    _MARKDOWN_SYNTAX,
    MarkdownRenderer,
    has_markdown,
    render_body,
    sanitise,
)


@pytest.fixture(scope="module")
def md() -> MarkdownRenderer:
    return MarkdownRenderer()


@pytest.mark.parametrize(
    ("source", "forbidden"),
    [
        ("<script>alert(1)</script>文字", "<script"),
        ("<script>alert(1)</script>文字", "alert"),
        ('<img src="x" onerror="alert(1)">', "onerror"),
        ('<a href="#" onclick="steal()">x</a>', "onclick"),
        ("[点我](javascript:alert(1))", "javascript:"),
        ('<a href="JaVaScRiPt:alert(1)">x</a>', "alert"),
        ('<iframe src="https://evil.example/"></iframe>', "<iframe"),
        ('<svg onload="alert(1)"></svg>', "onload"),
        ('<p style="position:fixed">x</p>', "style="),
        ('<form action="https://evil.example/"><input></form>', "<form"),
    ],
)
def test_hostile_markup_is_stripped(md, source, forbidden):
    assert forbidden.lower() not in md.html(source).lower()


def test_text_around_stripped_markup_survives(md):
    assert "文字" in md.html("<script>alert(1)</script>文字")


def test_markdown_emphasis_lists_and_external_links_render(md):
    html = md.html("*AI已成为核心驱动力*，见[报告](https://example.org/r)。")
    assert "<em>AI已成为核心驱动力</em>" in html
    assert 'href="https://example.org/r"' in html and "noopener" in html
    assert "<li>税收优惠</li>" in md.html("- 税收优惠\n- 研发补贴")


def test_images_from_other_hosts_become_links_with_their_alt_text(md):
    html = md.html('![大会现场](https://img.example.org/a.png "标题")')
    assert "<img" not in html
    assert 'href="https://img.example.org/a.png"' in html and "图片：大会现场" in html


def test_relative_links_of_a_source_are_dropped_but_their_text_kept(md):
    html = md.html("[附件](files/a.pdf) 与 [上级](../x.html)")
    assert "href" not in html
    assert "附件" in html and "上级" in html


def test_sanitise_keeps_harmless_formatting():
    assert sanitise("<strong>粗</strong><code>x</code>") == "<strong>粗</strong><code>x</code>"


def test_body_gives_every_paragraph_its_anchor_and_orders_headings_from_h2():
    article = Article(
        slug="a",
        title="标题",
        sources=[],
        paragraphs=[
            Paragraph("p1", "heading", "一级小节", "s.md", 1, level=3),
            Paragraph("p2", "paragraph", "正文。", "s.md", 2),
            Paragraph("p3", "heading", "二级小节", "s.md", 3, level=4),
            Paragraph("p4", "code", "<b>代码</b>", "s.md", 4),
            Paragraph("p5", "quote", "引文", "s.md", 5),
        ],
    )
    html = render_body(article, MarkdownRenderer())
    for anchor in ("p1", "p2", "p3", "p4", "p5"):
        assert f'id="{anchor}"' in html
    assert "<h2>一级小节</h2>" in html and "<h3>二级小节</h3>" in html
    assert "&lt;b&gt;代码&lt;/b&gt;" in html
    assert "<blockquote>" in html


def test_a_tables_rows_render_as_one_table_each_row_keeping_its_anchor():
    paragraphs = [
        Paragraph("p1", "paragraph", "主要指标如下。", "s.md", 1),
        Paragraph("p2", "paragraph", "指标 | 2024年 | 2025年", "s.md", 3),
        Paragraph("p3", "paragraph", "营收 | 40亿元 | 46.6亿元", "s.md", 5),
        Paragraph("p4", "paragraph", "订单 | | 翻倍", "s.md", 6),
        Paragraph("p5", "paragraph", "数据来自公司公告。", "s.md", 8),
    ]
    html = render_body(Article("a", "t", paragraphs, []), MarkdownRenderer())
    assert html.count("<table>") == 1
    assert '<tr class="block" id="p2"><th>指标</th><th>2024年</th><th>2025年</th></tr>' in html
    assert '<tr class="block" id="p4"><td>订单</td><td></td><td>翻倍</td></tr>' in html
    assert 'id="p1"><p>主要指标如下。</p>' in html and 'id="p5"><p>数据来自公司公告。</p>' in html


def test_a_lone_paragraph_with_a_bar_is_no_table():
    html = render_body(Article("a", "t", [Paragraph("p1", "paragraph", "标题 | 新京报", "s", 1)], []), MarkdownRenderer())
    assert "<table>" not in html


def test_paragraph_anchor_from_a_source_is_escaped():
    article = Article("a", "t", [Paragraph('p1" onclick="x', "paragraph", "文", "s", 1)], [])
    html = render_body(article, MarkdownRenderer())
    assert 'onclick="x' not in html


@given(st.text(alphabet=st.sampled_from(list("人工智能发展，。、“”：；（）0123456789 abcXYZ.%+-\n=#*_[]()<>&!")), max_size=40))
def test_plain_text_shortcut_renders_what_python_markdown_renders(text):
    from html import unescape

    import markdown as python_markdown

    from sitegen.render.markdown import _MARKDOWN_SYNTAX

    if _MARKDOWN_SYNTAX.search(text):
        return
    fast = MarkdownRenderer().html(text)
    full = sanitise(python_markdown.markdown(text))
    def normal(html: str) -> str:
        return re.sub(r"\s*(<[^>]+>)\s*", r"\1", " ".join(unescape(html).split()))

    assert normal(fast) == normal(full)


def test_quoted_sentences_lose_their_markdown_but_keep_their_words(md):
    assert md.text("国家*AI已成为核心驱动力*，见[报告](https://x.org)。") == "国家AI已成为核心驱动力，见报告。"
    assert md.text("<b>粗</b>与<script>x</script>") == "粗与"
    assert md.text("纯文本 & 符号") == "纯文本 &amp; 符号"


@given(st.text(alphabet=st.sampled_from(list("ab中文 \t\n\r\x0b1.)-+>=*_#[]`<&") + ["\u3000", "\u2028"]), max_size=30))
def test_the_one_line_markdown_test_answers_like_the_full_pattern(text):
    assert has_markdown(text) == (_MARKDOWN_SYNTAX.search(text) is not None)


@pytest.mark.parametrize("text", ["- 列表", "1. 第一", "> 引用", "    代码", "===", "--- ", "**粗**", "普通文字\n\n第二段"])
def test_text_that_markdown_would_change_is_recognised(text):
    assert has_markdown(text)


@pytest.mark.parametrize("text", ["普通的中文句子。", "2026年1月，5000 PFLOPS。", " 前后有空格 ", "10-20家"])
def test_plain_prose_is_not_taken_for_markdown(text):
    assert not has_markdown(text)
