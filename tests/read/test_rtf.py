"""Rich Text Format: control words, code-page bytes and Unicode escapes become
the document's text, read by the plain reader."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from sitegen.normalise import normalise_source
from sitegen.read import rtf
from sitegen.read.registry import choose_reader
from sitegen.read.source import read_source


def _hex(text: str, codec: str = "gbk") -> str:
    """Text as WordPad writes it in a Chinese code page: `\\'cb\\'ce`."""
    return "".join(f"\\'{byte:02x}" for byte in text.encode(codec))


def _unicode(text: str) -> str:
    """Text as Word writes it: `\\u27861?` per character (a `?` to skip)."""
    return "".join(f"\\u{ord(ch) if ord(ch) < 32768 else ord(ch) - 65536}?" for ch in text)


WORDPAD = (
    "{\\rtf1\\ansi\\ansicpg936\\deff0\\nouicompat\\deflang1033\\deflangfe2052"
    "{\\fonttbl{\\f0\\fnil\\fcharset134 " + _hex("宋体") + ";}}\n"
    "{\\*\\generator Riched20 10.0.19041}\\viewkind4\\uc1 \n"
    "\\pard\\sa200\\sl276\\slmult1\\b\\f0\\fs28\\lang2052 " + _hex("无锡发布人工智能产业政策") + "\\b0\\par\n"
    + _hex("记者") + " " + _hex("王强") + "\\par\n"
    + _hex("2025年6月3日，无锡市发布人工智能产业高质量发展政策，设立规模20亿元的产业基金。") + "\\par\n"
    + _hex("政策还提出建设") + "\n" + _hex("算力中心。") + "\\par\n}"
)

WORD = (
    "{\\rtf1\\adeflang1025\\ansi\\ansicpg1252\\uc1\\deff0"
    "{\\fonttbl{\\f0\\froman\\fcharset0 Times New Roman;}{\\f13\\fbidi \\fnil\\fcharset134 SimSun{\\*\\falt \\'cb\\'ce};}}"
    "{\\colortbl;\\red0\\green0\\blue0;}"
    "{\\stylesheet{\\ql Normal;}{\\s1 heading 1;}}"
    "{\\info{\\title " + _unicode("常州智能制造大会开幕") + "}{\\author " + _unicode("李华") + "}{\\creatim\\yr2025\\mo6\\dy3}}"
    "\\pard\\plain " + _unicode("常州智能制造大会开幕") + "\\par "
    "\\pard " + _unicode("6月3日，常州智能制造大会开幕，200余家企业参会。") + "{\\field{\\*\\fldinst HYPERLINK \"https://example.com\"}"
    "{\\fldrslt " + _unicode("详情") + "}}\\par "
    "{\\pict\\pngblip\\picw10\\pich10 89504e470d0a1a0a}"
    "{\\header \\pard " + _unicode("常州日报") + "\\par}"
    "}"
)


def test_a_wordpad_file_in_a_chinese_code_page():
    assert choose_reader(WORDPAD).NAME == "rtf"
    text, _ = rtf.rtf_text(WORDPAD)
    assert text.split("\n\n") == [
        "无锡发布人工智能产业政策", "记者 王强",
        "2025年6月3日，无锡市发布人工智能产业高质量发展政策，设立规模20亿元的产业基金。",
        "政策还提出建设算力中心。\n",
    ]


def test_a_word_file_with_unicode_escapes_tables_pictures_fields_and_info():
    text, info = rtf.rtf_text(WORD)
    assert text == "常州智能制造大会开幕\n\n6月3日，常州智能制造大会开幕，200余家企业参会。详情\n"
    assert info == {"title": "常州智能制造大会开幕", "author": "李华"}


def test_an_rtf_source_becomes_an_article(tmp_path: Path):
    path = tmp_path / "notice"
    path.write_text(WORDPAD, encoding="ascii")
    source = read_source(path, tmp_path, 1 << 20)
    assert source.format == "rtf"
    (article,), _ = normalise_source(source)
    assert (article.title, article.authors) == ("无锡发布人工智能产业政策", ["王强"])
    assert article.paragraphs[0].text.startswith("2025年6月3日，无锡市")


def test_plain_text_mentioning_rtf_is_not_rtf():
    assert rtf.sniff("文件格式说明：{\\rtf1 开头的是富文本。") == 0.0


@given(st.text(alphabet="{}\\'abcdeuf0123456789 -?\n人工智能", max_size=200))
def test_any_rtf_ish_text_is_read_without_raising(tail):
    result = rtf.read("{\\rtf1\\ansi\\ansicpg936 " + tail)
    assert all(block.line >= 1 for block in result.blocks)
