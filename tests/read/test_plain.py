"""Plain text (000): title, guest list, speaker sections, credits."""

from __future__ import annotations

from sitegen.read import plain


def _shape(blocks):
    return [(b.kind, b.level, b.text) for b in blocks]


def test_plain_reader_reads_title_speakers_sections_and_credits(seeds):
    blocks = plain.read(seeds["000"]).blocks
    assert (blocks[0].kind, blocks[0].level, blocks[0].line) == ("heading", 1, 5)
    assert [b.text for b in blocks if b.kind == "heading" and b.level == 1] == [blocks[0].text]
    assert [b.text for b in blocks if b.kind == "heading" and b.level == 2] == [
        "AI技术设备产品令人震惊",
        "天津的优势在于创新",
        "深化中欧产业创新与绿色合作",
        "Token(词元)",
        "统一了算力和算法的度量衡",
        "立足天津深耕软硬件",
    ]
    speakers = [b.meta for b in blocks if b.meta.get("role") == "speaker"]
    assert speakers[0] == {"role": "speaker", "name": "杰思衡", "title": "联合国驻华协调员"}
    assert [s["name"] for s in speakers] == ["杰思衡", "陈成川", "彦辞", "杜夏威", "王桂荣"]
    credits = [b.meta for b in blocks if b.meta.get("role") == "credit"]
    assert [c.get("authors") or c.get("photos") for c in credits] == ["张艳 王轶斐 姚华", "苗娜", "组委会"]


def test_slogans_and_guest_list_are_kept(seeds):
    blocks = plain.read(seeds["000"]).blocks
    assert ("paragraph", 0, "智行天下 能动未来") in _shape(blocks)
    assert ("paragraph", 0, "2026世界智能产业博览会\nWORLD INTELLIGENCE EXPO 2026") in _shape(blocks)
    assert ("list", 0, "- 杰思衡\n- 陈成川\n- 彦辞\n- 杜夏威\n- 王桂荣") in _shape(blocks)


def test_sentence_broken_by_a_blank_line_is_not_a_heading():
    text = "标题\n\n海光信息总裁助理兼智能计算产品部总经理 杜夏威\n\n如果用户对于Token、算力以及\n\n大模型没有感知，那么自然不会产生Token焦虑。\n"
    kinds = [(b.kind, b.text) for b in plain.read(text).blocks]
    assert ("paragraph", "如果用户对于Token、算力以及") in kinds


def test_short_line_between_paragraphs_is_a_section_heading():
    text = "标题\n\n第一段说完了。\n\n未来怎么干?新技术形成新动能\n\n第二段也说完了，很长很长。\n"
    assert _shape(plain.read(text).blocks)[2] == ("heading", 2, "未来怎么干?新技术形成新动能")


def test_fragment_with_an_open_quote_is_not_a_heading():
    text = "标题\n\n第一段说完了。\n\n走进腾讯展台的“裸眼 3D 通话\n\n舱”，屏幕上的视频对象非常立体。\n"
    assert _shape(plain.read(text).blocks)[2][0] == "paragraph"


def test_line_wraps_inside_a_block_are_kept():
    text = "标题\n\n天津接下\n来可以向国内和国外的一些企业分享经验。\n"
    assert plain.read(text).blocks[1].text == "天津接下\n来可以向国内和国外的一些企业分享经验。"
