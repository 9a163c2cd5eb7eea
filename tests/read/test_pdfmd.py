"""PDF-extracted Markdown (002): dispatch titles, captions, breaks kept."""

from __future__ import annotations

from sitegen.read import pdfmd


def test_pdf_reader_finds_four_dispatch_titles(seeds):
    blocks = pdfmd.read(seeds["002"]).blocks
    titles = [(b.line, b.text) for b in blocks if b.kind == "heading"]
    assert titles == [
        (3, "世界互联网大会蓝皮书："),
        (5, "我国人工智能与制造业深度融合"),
        (19, "从“互联网+”到“AI+”"),
        (21, "——乌镇峰会共话人工智能新发展"),
        (63, "多项新技术亮相"),
        (89, "人工智能助力\n数字经济发展\n再上新台阶"),
    ]
    assert all(b.level == 1 for b in blocks if b.kind == "heading")


def test_caption_in_the_middle_of_a_sentence_stays_in_place(seeds):
    blocks = pdfmd.read(seeds["002"]).blocks
    index = next(i for i, b in enumerate(blocks) if b.kind == "caption")
    assert blocks[index].text == "11 月 20 日，2024 年世界互联网大会乌镇峰会在浙江乌镇开幕。新华社 发"
    assert blocks[index - 1].text.endswith("是科技服务社会进步的核心要")
    assert blocks[index + 1].text.startswith("义。”小米集团创始人")


def test_sentence_broken_across_a_page_keeps_both_halves_as_blocks(seeds):
    texts = [b.text for b in pdfmd.read(seeds["002"]).blocks]
    first = next(i for i, t in enumerate(texts) if t.endswith("已培育 421 家国家"))
    assert texts[first + 1].startswith("级智能制造示范工厂")


def test_datelines_are_marked(seeds):
    blocks = pdfmd.read(seeds["002"]).blocks
    opening = [b.meta for b in blocks if b.kind == "paragraph" and "dateline" in b.meta]
    assert [m.get("authors") for m in opening] == ["魏一骏 郑可意", "高亢"]
    closing = [b for b in blocks if b.meta.get("role") == "dateline"]
    assert [b.line for b in closing] == [61, 87]
    assert all(b.text == "新华社杭州 11 月 21 日电" for b in closing)


def test_deeper_headings_are_sections():
    text = "## 标题\n\n正文。\n\n### 小节\n\n更多正文。\n"
    assert [(b.text, b.level) for b in pdfmd.read(text).blocks if b.kind == "heading"] == [("标题", 1), ("小节", 2)]


def test_sniff_prefers_pdf_markdown_over_authored_markdown(seeds):
    assert pdfmd.sniff(seeds["002"]) > 0.6
    assert pdfmd.sniff(seeds["003"]) == 0.0
    assert pdfmd.sniff("## 标题\n\n- 列表\n- 列表\n\n[链接](http://a.b)\n\n![图](a.png)\n") < 0.3
