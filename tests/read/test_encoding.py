"""decode: every encoding a Chinese source arrives in, and what is not text."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings, strategies as st

from sitegen.read.encoding import BINARY, Decoded, Undecodable, decode

PREFIXES = ("000", "001", "002", "003", "004")


def _encode(text: str, codec: str) -> bytes:
    """Seed text in `codec` with CRLF line ends; GBK lacks `•` and U+00A0,
    so a seed that uses them is saved as GBK's superset GB18030 instead."""
    crlf = text.replace("\n", "\r\n")
    try:
        return crlf.encode(codec)
    except UnicodeEncodeError:
        if codec != "gbk":
            raise
        return crlf.encode("gb18030")


@pytest.mark.parametrize("prefix", PREFIXES)
@pytest.mark.parametrize(
    "codec, expected",
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("gbk", "gb18030"),
        ("gb18030", "gb18030"),
        ("utf-16", "utf-16"),
        ("utf-16-le", "utf-16-le"),
        ("utf-16-be", "utf-16-be"),
    ],
)
def test_seed_round_trips_in_every_encoding_with_crlf(seeds, prefix, codec, expected):
    text = seeds[prefix]
    result = decode(_encode(text, codec))
    assert result == Decoded(text, expected)


def test_gbk_encoded_chinese_decodes():
    text = "联合国驻华协调员 杰思衡\n我第一次参加世界智能产业博览会。\n"
    assert decode(text.encode("gbk")) == Decoded(text, "gb18030")


def test_bare_cr_line_ends_become_lf():
    assert decode("第一行\r第二行\r\n第三行".encode()).text == "第一行\n第二行\n第三行"


def test_utf32_with_byte_order_mark_decodes():
    text = "香港总算力目前已达5000 PFLOPS。"
    assert decode(codecs.BOM_UTF32_LE + text.encode("utf-32-le")).text == text


@pytest.mark.parametrize("data", [b"", b"   \r\n\t\n", "\u3000\u3000\n".encode(), codecs.BOM_UTF8 + b"\n\n", "  \n".encode("utf-16")])
def test_empty_or_blank_file_is_reported_as_empty(data):
    assert decode(data) == Undecodable("empty file")


@pytest.mark.parametrize(
    "data, kind",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"PK\x03\x04\x14\x00\x00\x00", "ZIP"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
    ],
)
def test_known_magic_numbers_are_binary(data, kind):
    result = decode(data)
    assert isinstance(result, Undecodable)
    assert result.reason.startswith(BINARY) and kind in result.reason


def test_nul_bytes_that_are_not_utf16_mean_binary():
    assert decode(b"\x00\x01\x02\x03abc\x00\x00\x00\xff\xfe\x00" * 50) == Undecodable(BINARY)


def test_many_control_characters_mean_binary():
    assert decode(bytes(range(1, 32)) * 40) == Undecodable(BINARY)


def test_damaged_utf8_is_reported_with_its_line_not_guessed():
    data = "第一行文字。\n第二行文字。\n".encode() * 20
    broken = data[:60] + b"\xff" + data[60:]
    result = decode(broken)
    assert isinstance(result, Undecodable)
    assert result.reason.startswith("undecodable bytes")
    assert result.line == broken[:60].count(b"\n") + 1


def test_big5_is_not_mistaken_for_gb18030_that_it_also_decodes_as():
    text = "第二屆澳門人工智能產業論壇9月11日舉行，來自內地、香港和葡語國家的300多名專家出席。\n" * 3
    data = text.encode("big5")
    data.decode("gb18030")  # valid GB18030 too, as mojibake
    assert decode(data) == Decoded(text, "big5")


@pytest.mark.parametrize(
    "data",
    [
        b"\x00\xff\x00\xfe" * 200,
        codecs.BOM_UTF16_LE + b"\xff\x00\xfe\x00" * 200,
    ],
    ids=["utf16-be-without-mark", "utf16-le-with-mark"],
)
def test_printable_text_that_is_not_language_is_binary(data):
    result = decode(data)
    assert isinstance(result, Undecodable)
    assert result.reason.startswith(BINARY)


def test_european_names_and_cyrillic_in_chinese_text_are_language():
    text = "马克龙（Emmanuel Macron）在巴黎峰会上致辞。Société Générale 与 Сбербанк 也派代表出席。\n"
    assert decode(text.encode("utf-8")) == Decoded(text, "utf-8")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_decode_never_raises(data):
    result = decode(data)
    assert isinstance(result, (Decoded, Undecodable))
    if isinstance(result, Decoded):
        assert "\r" not in result.text and result.text.strip()


def test_a_document_cut_short_is_reported_as_damaged_not_as_a_binary_file():
    import io
    import zipfile

    from sitegen.read.encoding import decode

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>" * 200)
        archive.writestr("word/document.xml", "<w:document/>" * 200)
    whole = buffer.getvalue()
    reason = decode(whole[: len(whole) * 2 // 3]).reason
    assert reason.startswith("Office document is cut short or damaged") and "binary" not in reason
    assert "ZIP archive" in decode(whole).reason  # whole, but no reader's: a binary file
