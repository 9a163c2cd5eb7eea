"""Org-mode notes: keywords become meta, headlines headings, the markup
Markdown's, and every block keeps the line it stands on in the Org file."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, strategies as st

from sitegen.read import org
from sitegen.read.registry import choose_reader, confidences

REPO = Path(__file__).resolve().parents[2]

NOTE = """\
#+TITLE: 乌鲁木齐举办丝绸之路人工智能论坛
#+AUTHOR: 阿依古丽
#+DATE: <2025-08-21 Thu>
#+OPTIONS: toc:nil num:nil
#+FILETAGS: :人工智能:算力:

* 论坛概况
  :PROPERTIES:
  :CUSTOM_ID: overview
  :END:
8月21日，2025丝绸之路人工智能论坛在乌鲁木齐开幕，来自中亚五国的 *300余名* 代表参会[fn:1]。
论坛以 /智联丝路/ 为主题，发布了 =新疆算力调度平台= 二期工程。

# 编辑备注：待核实参会人数
** DONE [#A] 签约项目 [2/2]                                     :签约:
   CLOSED: [2025-08-21 Thu 18:00]
- [X] 乌鲁木齐智算中心 :: 新增算力5000P
- [ ] 哈密风电制氢大模型项目

[fn:1] 数据来自主办方。
"""


def blocks_of(text: str) -> list[tuple[str, str, int]]:
    return [(b.kind, b.text, b.line) for b in org.read(text).blocks]


def test_keywords_become_meta_and_the_title_its_heading_line():
    result = org.read(NOTE)
    assert result.meta == {
        "title": "乌鲁木齐举办丝绸之路人工智能论坛", "author": "阿依古丽", "date": "2025-08-21", "tags": ["人工智能", "算力"],
    }
    assert (result.blocks[0].kind, result.blocks[0].text, result.blocks[0].level, result.blocks[0].line) == (
        "heading", "乌鲁木齐举办丝绸之路人工智能论坛", 1, 1,
    )
    assert not any("#+" in b.text or "toc:nil" in b.text for b in result.blocks)


def test_headlines_under_a_title_are_sections_without_todo_priority_cookie_or_tags():
    headings = [(b.text, b.level, b.line) for b in org.read(NOTE).blocks if b.kind == "heading"]
    assert headings == [("乌鲁木齐举办丝绸之路人工智能论坛", 1, 1), ("论坛概况", 2, 7), ("签约项目", 3, 15)]


def test_without_a_title_each_top_headline_is_an_article():
    text = "* 乌鲁木齐：丝路AI论坛开幕\n论坛8月21日开幕。\n* 呼和浩特：智算集群投运\n** 背景\n集群10月投运。\n"
    assert blocks_of(text) == [
        ("heading", "乌鲁木齐：丝路AI论坛开幕", 1), ("paragraph", "论坛8月21日开幕。", 2),
        ("heading", "呼和浩特：智算集群投运", 3), ("heading", "背景", 4), ("paragraph", "集群10月投运。", 5),
    ]
    assert [b.level for b in org.read(text).blocks if b.kind == "heading"] == [1, 1, 2]


def test_drawers_planning_comments_and_footnotes_go():
    texts = " ".join(b.text for b in org.read(NOTE).blocks)
    for gone in (":PROPERTIES:", "CUSTOM_ID", ":END:", "CLOSED", "编辑备注", "[fn:1]", "数据来自主办方"):
        assert gone not in texts
    assert "代表参会。" in texts


def test_a_hash_without_space_is_text_not_a_comment():
    assert blocks_of("#人工智能 话题持续升温。\n") == [("paragraph", "#人工智能 话题持续升温。", 1)]


def test_lists_lose_checkboxes_and_description_items_read_term_colon_text():
    (listed,) = [b for b in org.read(NOTE).blocks if b.kind == "list"]
    assert (listed.text, listed.line) == ("- 乌鲁木齐智算中心：新增算力5000P\n- 哈密风电制氢大模型项目", 17)
    assert blocks_of("1) 建设算力枢纽\n2) 培育大模型企业\n") == [("list", "1) 建设算力枢纽\n2) 培育大模型企业", 1)]


def test_source_blocks_are_fenced_code_with_their_language_whatever_the_case():
    text = "正文。\n\n#+begin_src python :results output\nprint('呼和浩特')\n,* 不是标题\n#+end_src\n"
    (_, code) = org.read(text).blocks
    assert (code.kind, code.text, code.line, code.meta) == ("code", "print('呼和浩特')\n* 不是标题", 3, {"lang": "python"})
    example = org.read("#+BEGIN_EXAMPLE\n```\n#+END_EXAMPLE\n").blocks[0]
    assert (example.kind, example.text) == ("code", "```")


def test_quote_comment_center_and_verse_blocks():
    text = (
        "#+BEGIN_QUOTE\n人工智能正在成为丝绸之路经济带的新引擎。\n#+END_QUOTE\n"
        "#+BEGIN_COMMENT\n内部讨论，不发表。\n#+END_COMMENT\n"
        "#+BEGIN_CENTER\n乌鲁木齐，2025年8月\n#+END_CENTER\n"
    )
    assert blocks_of(text) == [("quote", "人工智能正在成为丝绸之路经济带的新引擎。", 2), ("paragraph", "乌鲁木齐，2025年8月", 8)]


def test_a_block_without_its_end_is_text():
    assert blocks_of("#+BEGIN_SRC\n代码块没有结束。\n") == [("paragraph", "代码块没有结束。", 2)]


def test_a_table_right_after_its_paragraph_gives_rows_at_their_lines():
    text = (
        "各项目投资额如下：\n|--------------+------|\n| 项目 | 投资额（亿元） |\n|--------------+------|\n"
        "| 智算中心 | 32 |\n| *数据标注基地* | 5 |\n|--------------+------|\n后续还将追加投资。\n"
    )
    rows = [(b.text, b.line) for b in org.read(text).blocks if b.meta.get("table") == "row"]
    assert rows == [("项目 | 投资额（亿元）", 3), ("智算中心 | 32", 5), ("**数据标注基地** | 5", 6)]
    assert blocks_of(text)[0] == ("paragraph", "各项目投资额如下：", 1)
    assert blocks_of(text)[-1] == ("paragraph", "后续还将追加投资。", 8)
    assert [b.text for b in org.read("| 城市 | 算力 |\n| 乌鲁木齐 | 5000P |\n").blocks] == ["城市 | 算力", "乌鲁木齐 | 5000P"]


def test_inline_markup_becomes_markdown():
    line = org.read(
        "论坛以 /智联丝路/ 为主题，*300余名* 代表、=新疆算力调度平台=、~kubectl~、+旧方案+、_新方案_，"
        "详见[[https://www.xinjiang.gov.cn/ai][自治区 *政府* 网站]]与[[https://www.urumqi.gov.cn]]。\n"
    ).blocks[0].text
    assert line == (
        "论坛以 *智联丝路* 为主题，**300余名** 代表、`新疆算力调度平台`、`kubectl`、旧方案、新方案，"
        "详见[自治区 **政府** 网站](https://www.xinjiang.gov.cn/ai)与https://www.urumqi.gov.cn。"
    )


def test_slashes_and_plus_signs_in_chinese_text_and_urls_are_no_markup():
    line = "推进“人工智能+”行动和“人工智能+制造”，算力/存力/运力协同，见 https://example.com/ai/news/ 与 a/b/c。"
    assert org.read(line).blocks[0].text == line


def test_bold_between_chinese_characters_and_code_keeps_its_stars():
    assert org.read("来自中亚的*300余名*代表，公式 =a*b*c= 不变。").blocks[0].text == "来自中亚的**300余名**代表，公式 `a*b*c` 不变。"


def test_timestamps_footnote_references_and_internal_links():
    text = "会议于 <2025-08-21 Thu 10:00> 开幕[fn:2]，[2025-08-22 周五] 闭幕[fn::据主办方]，见[[*论坛概况][概况]]一节。"
    assert org.read(text).blocks[0].text == "会议于 2025-08-21 10:00 开幕，2025-08-22 闭幕，见概况一节。"


def test_orgs_footnote_section_goes_with_its_definitions():
    text = "* 呼和浩特智算集群投运\n集群投运[fn:1]。\n* Footnotes\n[fn:1] 据新区管委会通报。\n"
    assert blocks_of(text) == [("heading", "呼和浩特智算集群投运", 1), ("paragraph", "集群投运。", 2)]


def test_a_link_to_a_headline_of_the_file_is_its_words():
    assert org.read("详见[[*论坛概况]]一节。").blocks[0].text == "详见论坛概况一节。"


def test_a_horizontal_rule_is_no_setext_underline():
    assert blocks_of("论坛8月21日开幕。\n-----\n") == [("paragraph", "论坛8月21日开幕。", 1)]


def test_an_image_link_alone_is_an_image():
    (image,) = org.read("#+CAPTION: 乌鲁木齐智算中心\n[[file:images/urumqi.png]]\n").blocks
    assert (image.kind, image.meta["src"], image.line) == ("image", "images/urumqi.png", 2)


def test_the_translation_keeps_every_line_where_it_was():
    lines, _, _ = org.translate(NOTE)
    assert len(lines) == NOTE.count("\n") + 1
    source = NOTE.split("\n")
    assert lines[10].startswith("8月21日") and source[10].startswith("8月21日")
    assert lines[16] == "- 乌鲁木齐智算中心：新增算力5000P"


def test_org_is_recognised_by_its_keywords_or_drawers_and_headlines():
    assert choose_reader(NOTE) is org
    assert org.sniff("#+title: 呼和浩特智算集群投运\n集群正式投运。\n") > 0.9
    drawer = "* 呼和浩特智算集群投运\n:PROPERTIES:\n:ID: 42\n:END:\n集群正式投运。\n"
    assert confidences(drawer)["org"] > max(v for k, v in confidences(drawer).items() if k != "org")
    assert org.sniff("* TODO 核实乌鲁木齐论坛参会人数\n") > 0.8


def test_markdown_bullets_and_plain_chinese_text_are_not_org():
    markdown = "# 乌鲁木齐举办人工智能论坛\n\n* 300余名代表参会\n* 发布算力调度平台\n\n** 注意 ** 数据待核实。\n"
    assert org.sniff(markdown) == 0.0
    assert choose_reader(markdown).NAME == "markdown"
    assert org.sniff("乌鲁木齐举办丝绸之路人工智能论坛\n\n8月21日，论坛开幕。\n") == 0.0
    assert org.sniff("# Org 入门\n\n```org\n#+TITLE: 示例\n```\n") == 0.0


def test_no_seed_or_unseen_fixture_is_taken_for_org():
    paths = [*(REPO / "seeds").iterdir(), *(REPO / "tests" / "fixtures" / "unseen").iterdir()]
    texts = [p.read_bytes().decode("utf-8", "replace") for p in paths]
    assert [org.sniff(text) for text in texts] == [0.0] * len(texts)


_ORG_SYNTAX = st.sampled_from(
    ["\n", " ", "*", "** ", "/", "=", "~", "+", "_", "#+TITLE: ", "#+begin_src", "#+END_SRC", "#+BEGIN_QUOTE",
     "#+END_QUOTE", ":PROPERTIES:", ":END:", "| ", "|-", "- ", "[ ] ", " :: ", "[[", "][", "]]", "[fn:1]",
     "<2025-08-21 Thu>",
     "# ", "TODO ", "[#A]", ":标签:", "乌鲁木齐", "人工智能", "，", "。"]
)


@given(st.one_of(st.text(max_size=400), st.lists(_ORG_SYNTAX, max_size=80).map("".join)))
def test_any_text_translates_line_for_line_and_reads_without_raising(text):
    lines, _, rows = org.translate(text)
    assert len(lines) == text.count("\n") + 1
    result = org.read(text)
    assert all(1 <= block.line <= len(lines) for block in result.blocks + rows)
