"""Markdown with front matter (003): four articles, lists, images, quotes."""

from __future__ import annotations

from sitegen.read import markdown


def test_front_matter_becomes_source_meta(seeds):
    result = markdown.read(seeds["003"])
    assert result.meta["title"] == "AI赋能智能制造产业大会在深圳开幕"
    assert result.meta["date"] == "2025-05-08 09:00"
    assert result.meta["tags"][:2] == ["AI", "智能制造"]
    assert result.diagnostics == []


def test_four_hash_sections_are_four_articles(seeds):
    titles = [b.text for b in markdown.read(seeds["003"]).blocks if b.kind == "heading" and b.level == 1]
    assert titles == ["AI赋能智能制造产业大会在深圳开幕", "光子专用大模型OptoChat AI发布", "联想AI落地竞速计划", "中国人工智能协同创新峰会"]


def test_lists_images_quotes_keep_their_kinds(seeds):
    blocks = markdown.read(seeds["003"]).blocks
    image = next(b for b in blocks if b.kind == "image")
    assert (image.text, image.line, image.meta) == (
        "AI赋能智能制造产业大会",
        11,
        {"src": "https://s.coze.cn/t/bLRnLQTkA84/", "title": "AI赋能智能制造产业大会"},
    )
    first_list = next(b for b in blocks if b.kind == "list")
    assert first_list.text == "- 税收优惠\n- 研发补贴\n- 人才培养计划\n- 产业园区建设支持"
    nested = next(b for b in blocks if b.kind == "list" and b.line == 84)
    assert nested.text.splitlines()[:3] == ["1. **政务公文智能体工作站**", "   - 实现公文全流程自动化处理", "   - 支持`智能分类`、`自动归档`等功能"]
    assert "4. **数字孪生智能体工作站**" in nested.text
    quote = next(b for b in blocks if b.kind == "quote")
    assert quote.text == '"开放创新，合作共赢，共同推动光子芯片设计与制造领域的竞争优势形成"'


def test_inline_markdown_stays_in_the_text(seeds):
    texts = [b.text for b in markdown.read(seeds["003"]).blocks]
    assert any("*AI已成为推动制造业高质量发展的核心驱动力*" in t for t in texts)
    assert any("[其他多家机构](https://example.com)" in t for t in texts)


def test_broken_front_matter_warns_with_its_line_and_keeps_the_body():
    result = markdown.read("---\ntitle: 标题\ntags: [a, b\n---\n\n# 正文标题\n\n正文。\n")
    assert result.meta == {}
    assert result.diagnostics[0].message.startswith("broken front matter:")
    assert result.diagnostics[0].line in (3, 4) and result.diagnostics[0].severity == "warning"
    assert [b.text for b in result.blocks] == ["正文标题", "正文。"]


def test_unclosed_front_matter_warns_and_reads_everything():
    result = markdown.read("---\ntitle: 标题\n\n正文。\n")
    assert str(result.diagnostics[0]).endswith("broken front matter: no closing '---' line")
    assert [b.text for b in result.blocks] == ["title: 标题", "正文。"]


def test_impossible_dates_stay_text_for_normalise_to_judge():
    assert markdown.read("---\ndate: 2025-13-45\n---\n正文。").meta == {"date": "2025-13-45"}


def test_fenced_code_setext_headings_and_rules():
    text = "标题\n===\n\n```python\nprint('x')\n```\n\n***\n\n小节\n---\n\n正文。"
    blocks = markdown.read(text).blocks
    assert [(b.kind, b.level, b.text, b.meta) for b in blocks] == [
        ("heading", 1, "标题", {}),
        ("code", 0, "print('x')", {"lang": "python"}),
        ("heading", 2, "小节", {}),
        ("paragraph", 0, "正文。", {}),
    ]


def test_a_line_that_only_names_source_and_date_is_a_byline():
    blocks = markdown.read("# 杭州发布具身智能行动计划\n\n**来源：杭州日报** 2025-06-01\n\n正文。\n").blocks
    assert (blocks[1].kind, blocks[1].meta) == ("byline", {"role": "source", "publisher": "杭州日报", "date": "2025-06-01"})


def test_an_emphasised_credit_line_is_a_byline():
    blocks = markdown.read("# France hosts AI Action Summit\n\n*By Claire Dubois, Tech Europe Daily — February 12, 2025*\n\n"
                           "PARIS — More than 1,000 participants gathered.\n").blocks
    assert [b.kind for b in blocks] == ["heading", "byline", "paragraph"]
    assert blocks[1].meta["publisher"] == "Tech Europe Daily" and blocks[1].meta["authors"] == "Claire Dubois"


def test_lines_of_fields_are_a_paragraph_each_and_a_wrapped_paragraph_stays_one():
    text = "# 发布会实录\n\n时间：2025年10月16日上午10时\n**地点**：广州市政府新闻发布厅\n\n广州人工智能\n企业超过1200家。\n"
    blocks = markdown.read(text).blocks
    assert [(b.kind, b.text, b.line) for b in blocks[1:]] == [
        ("paragraph", "时间：2025年10月16日上午10时", 3),  # the event's time, not the page's
        ("paragraph", "**地点**：广州市政府新闻发布厅", 4),
        ("paragraph", "广州人工智能\n企业超过1200家。", 6),
    ]


def test_lines_of_a_sources_fields_under_the_title_are_bylines():
    text = "# 武汉市支持人工智能产业的若干措施\n\n发布单位：武汉市人民政府办公厅\n发布日期：2025-09-05\n\n正文。\n"
    blocks = markdown.read(text).blocks
    assert [(b.kind, b.meta) for b in blocks[1:3]] == [
        ("byline", {"role": "source", "publisher": "武汉市人民政府办公厅"}),
        ("byline", {"role": "source", "date": "2025-09-05"}),
    ]


def test_an_issuer_over_a_date_under_the_title_is_a_byline():
    blocks = markdown.read("# 深圳人工智能产业发展报告\n\n深圳市人工智能行业协会\n\n2025年11月\n\n## 产业规模\n\n正文。\n").blocks
    assert (blocks[1].kind, blocks[1].meta) == ("byline", {"role": "source", "publisher": "深圳市人工智能行业协会", "date": "2025年11月"})
    assert [b.kind for b in blocks] == ["heading", "byline", "heading", "paragraph"]
    prose = markdown.read("# 标题\n\n深圳市人工智能行业协会今天成立。\n\n2025年11月\n").blocks
    assert [b.kind for b in prose] == ["heading", "paragraph", "paragraph"]


def test_pipe_table_rows_are_paragraphs_of_their_cells():
    text = "# 新政\n\n| 项目 | 补贴上限 |\n| --- | :---: |\n| 算力券 | 500万元 |\n| 模型研发 | 3000万元 |\n\n正文。\n"
    blocks = markdown.read(text).blocks
    assert [(b.kind, b.text, b.line) for b in blocks[1:]] == [
        ("paragraph", "项目 | 补贴上限", 3),
        ("paragraph", "算力券 | 500万元", 5),
        ("paragraph", "模型研发 | 3000万元", 6),
        ("paragraph", "正文。", 8),
    ]
    assert [b.meta for b in blocks[1:4]] == [{"table": "row"}] * 3


def test_an_empty_cell_keeps_its_column():
    text = "| 项目 | 2024年 | 2025年 |\n| --- | --- | --- |\n| 订单 |  | 翻倍 |\n|  |  |  |\n"
    assert [b.text for b in markdown.read(text).blocks] == ["项目 | 2024年 | 2025年", "订单 |  | 翻倍"]


def test_a_line_with_a_bar_but_no_delimiter_row_is_prose():
    blocks = markdown.read("# 标题\n\n甲 | 乙\n丙。\n").blocks
    assert [b.kind for b in blocks] == ["heading", "paragraph"]


def test_static_site_template_tags_are_no_text():
    text = (
        "---\ntitle: 厦门发布政策\n---\n\n"
        '{{< figure src="/img/xiamen.jpg" caption="厦门软件园三期" >}}\n\n'
        "8月12日，厦门市发布行动方案。\n\n"
        "{{% notice info %}}\n本文根据官网信息整理。\n{{% /notice %}}\n\n"
        "方案提出建设产业集聚区。{% raw %}{% endraw %}\n\n"
        "```\n{{< keep >}}\n```\n"
    )
    blocks = markdown.read(text).blocks
    assert [(b.kind, b.text, b.line) for b in blocks] == [
        ("image", "厦门软件园三期", 5),
        ("paragraph", "8月12日，厦门市发布行动方案。", 7),
        ("paragraph", "本文根据官网信息整理。", 10),
        ("paragraph", "方案提出建设产业集聚区。", 13),
        ("code", "{{< keep >}}", 15),
    ]
    assert blocks[0].meta == {"src": "/img/xiamen.jpg"}


def test_a_lone_link_labelled_like_page_furniture_is_dropped():
    text = "# 标题\n\n正文。\n\n[阅读原文](https://example.com/a)\n\n[厦门发布政策](https://example.com/b)\n"
    assert [b.text for b in markdown.read(text).blocks] == ["标题", "正文。", "[厦门发布政策](https://example.com/b)"]


def test_a_footnotes_definition_is_a_note_of_its_own_with_its_label():
    text = "# 周报\n\n字节跳动发布豆包大模型，推理成本下降63%。[^1]\n\n[^1]: 来源：火山引擎官网\n    2025年10月15日\n"
    blocks = markdown.read(text).blocks
    assert [(b.kind, b.text, b.meta) for b in blocks[1:]] == [
        ("paragraph", "字节跳动发布豆包大模型，推理成本下降63%。[^1]", {}),
        ("caption", "来源：火山引擎官网 2025年10月15日", {"footnote": "1"}),
    ]


def test_a_posts_quoted_credit_is_a_byline_and_its_page_furniture_goes():
    text = ("# 济南发布行动计划\n\n> 本文来源：齐鲁壹点　编辑：于洋\n\n1月15日，济南市印发行动计划。\n\n"
            "*点击关注齐鲁壹点，获取更多新闻。* [分享到微信](#) | [分享到微博](#)\n\n"
            "相关推荐：\n- [山东印发人工智能产业发展规划](https://example.com/1.html)\n")
    blocks = markdown.read(text).blocks
    assert [b.kind for b in blocks] == ["heading", "byline", "paragraph"]
    assert blocks[1].meta == {"role": "source", "publisher": "齐鲁壹点", "editors": "于洋"}
    quoted = markdown.read("# 标题\n\n> 人工智能不会取代人，会用人工智能的人会。\n").blocks
    assert quoted[1].kind == "quote"
