"""PDF files: the text layer in reading order with its paragraphs, page
furniture the plain reader drops, and a reason for files without text.

The fixtures are real PDFs, printed from the HTML beside them by Chromium
(its subset font embedded, CID-keyed as Chinese PDFs are), remade with:

    cd tests/fixtures/documents && for name in report columns; do
      /usr/bin/chromium --headless --no-sandbox --disable-gpu \\
        --disable-background-networking --disable-component-update --no-first-run \\
        --no-pdf-header-footer --print-to-pdf=$name.pdf file://$PWD/$name.html; done

`report` is two A6 pages with a running header and `— n —` page numbers in
the page margins, a sentence running on over the page break, paragraphs
spaced apart; `columns` is two A5 pages in two columns, paragraphs marked
only by a first-line indent, `第 n 页 共 2 页` page numbers. Encrypted, blank
and hand-drawn PDFs are made by the tests.
"""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader, PdfWriter

from sitegen.read import pdf, plain
from sitegen.read.documents import DocumentError, Extracted, extract_document
from sitegen.read.encoding import Undecodable, decode

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "documents"
REPORT = (FIXTURES / "report.pdf").read_bytes()
COLUMNS = (FIXTURES / "columns.pdf").read_bytes()


def _squeezed(text: str) -> str:
    return "".join(text.split())


def _printed(name: str) -> list[str]:
    """The title, byline, headings and paragraphs of a fixture's HTML, in order."""
    html = (FIXTURES / f"{name}.html").read_text(encoding="utf-8")
    body = html[html.index("<body") :]
    return [_squeezed(text) for _, text in re.findall(r"<(h1|h2|p)\b[^>]*>(.*?)</\1>", body, re.S)]


def _in_order(text: str, parts: list[str]) -> bool:
    position = 0
    for part in parts:
        position = text.find(part, position)
        if position < 0:
            return False
        position += len(part)
    return True


def _without(text: str, *furniture: str) -> str:
    """`text` without the lines that match one of the `furniture` patterns."""
    pattern = re.compile("|".join(furniture))
    return "\n".join(line for line in text.split("\n") if not pattern.fullmatch(line.strip()))


def _written(writer: PdfWriter) -> bytes:
    buffer = BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _report_with(**metadata: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(BytesIO(REPORT)))
    writer.add_metadata({f"/{key.title()}": value for key, value in metadata.items()})
    return _written(writer)


def _drawn(lines: list[tuple[float, float, float, str]], to_unicode: dict[str, str] | None = None) -> bytes:
    """A one-page PDF drawing each (x, y, size, text) line in Helvetica, its
    character codes mapped to the given Unicode code points when `to_unicode`."""
    content = "\n".join(f"BT /F1 {size} Tf {x} {y} Td ({text}) Tj ET" for x, y, size, text in lines)
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 400] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica" + (" /ToUnicode 6 0 R" if to_unicode else "") + " >>",
        _stream(content),
    ]
    if to_unicode:
        pairs = "\n".join(f"<{ord(code):02X}> <{point}>" for code, point in to_unicode.items())
        objects.append(_stream(
            "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Drawn def\n"
            f"1 begincodespacerange <00> <FF> endcodespacerange\n{len(to_unicode)} beginbfchar\n{pairs}\nendbfchar\n"
            "endcmap CMapName currentdict /CMap defineresource pop end end"
        ))
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    table = "".join(f"{offset:010d} 00000 n \n" for offset in offsets)
    trailer = f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{len(out)}\n%%EOF\n"
    return out + f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n{table}{trailer}".encode("latin-1")


def _stream(content: str) -> str:
    return f"<< /Length {len(content.encode('latin-1'))} >>\nstream\n{content}\nendstream"


# --------------------------------------------------------------------------- recognising


def test_a_pdf_is_recognised_by_its_header_even_after_some_junk():
    assert pdf.matches(REPORT)
    assert pdf.matches(b"\xef\xbb\xbfHTTP/1.1 200 OK\r\n\r\n" + REPORT)
    assert pdf.extract(b"\x00" * 300 + REPORT).text == pdf.extract(REPORT).text


@pytest.mark.parametrize("data", [b"", "合肥人工智能大会开幕。".encode(), b"PK\x03\x04rest", b" " * 1024 + b"%PDF-1.4"])
def test_other_files_are_not_pdf(data):
    assert not pdf.matches(data)


# --------------------------------------------------------------------------- the fixtures


def test_report_text_is_every_paragraph_in_order_with_a_form_feed_between_pages():
    extracted = pdf.extract(REPORT)
    assert extracted.kind == "PDF"
    assert extracted.text.count("\n\f\n") == 1
    body = _without(extracted.text, "江淮科技报 · 产业观察", r"— \d —", "\f")
    assert _in_order(_squeezed(body), _printed("report"))
    assert "合肥人工智能产业发展大会开幕" in extracted.text and "2025年3月12日" in extracted.text


def test_pypdf_gives_clean_chinese_one_visual_line_per_line():
    """No spaces between characters, no stray code points: the lines are the
    printed lines, the break in a sentence where the line broke."""
    lines = pdf.extract(REPORT).text.split("\n")
    assert "2025年3月12日，第三届合肥人工智能产业发展" in lines
    assert "大会在合肥滨湖国际会展中心开幕，来自国内外的八" in lines
    assert not any(line.endswith((" ", "\t", "\u3000")) for line in lines)


def test_paragraphs_are_separated_by_a_blank_line():
    blocks = [block for block in pdf.extract(REPORT).text.split("\n\n") if block.strip("\f\n")]
    assert blocks[2] == "合肥人工智能产业发展大会开幕"
    assert blocks[3] == "2025年3月12日 来源：江淮科技报 作者：李明远"
    assert blocks[4].startswith("2025年3月12日，") and blocks[4].endswith("参会人数较上届增加约\n四成。")


def test_plain_reader_drops_page_numbers_and_running_header():
    result = plain.read(pdf.extract(REPORT).text)
    texts = [block.text for block in result.blocks]
    assert result.meta == {"furniture_lines": 4, "running_title": "江淮科技报 · 产业观察"}
    assert not any("产业观察" in text or re.search(r"— \d —", text) for text in texts)
    assert [block.kind for block in result.blocks[:3]] == ["heading", "byline", "paragraph"]
    assert result.blocks[1].meta["date"] == "2025年3月12日"
    broken = next(i for i, text in enumerate(texts) if text.endswith("现场签约项目二十三"))
    assert texts[broken + 1] == "个。"  # normalise joins the halves; nothing stands between them


def test_columns_are_read_one_after_the_other_and_indents_start_paragraphs():
    text = pdf.extract(COLUMNS).text
    body = _without(text, "深圳人工智能产业简报", r"第 \d 页 共 2 页", "\f")
    assert _in_order(_squeezed(body), _printed("columns"))
    assert "\n\n计划提出，未来三年市级财政每年安排不少于十亿元\n专项资金" in text


def test_columns_through_the_plain_reader():
    blocks = plain.read(pdf.extract(COLUMNS).text).blocks
    assert not any(re.search(r"第 \d 页", block.text) or block.text == "深圳人工智能产业简报" for block in blocks)
    assert [block.text for block in blocks if block.kind == "heading"] == [
        "深圳发布具身智能机器人产业扶持计划",
        "测试场景向企业开放",
        "人才与数据同步布局",
        "企业期待更多应用场景",
    ]


# --------------------------------------------------------------------------- lines and paragraphs


def test_a_paragraph_starts_at_an_indent_a_gap_a_new_size_or_a_new_column():
    text = pdf.extract(_drawn([
        (50, 350, 16, "Heading"),
        (70, 320, 10, "First line of a paragraph"),
        (50, 308, 10, "and its second line."),
        (70, 296, 10, "An indented first line"),
        (50, 284, 10, "goes on."),
        (50, 272, 10, "Same paragraph still."),
        (50, 240, 10, "After a gap."),
        (220, 350, 10, "Top of the next column."),
    ])).text
    assert text.split("\n\n") == [
        "Heading",
        "First line of a paragraph\nand its second line.",
        "An indented first line\ngoes on.\nSame paragraph still.",
        "After a gap.",
        "Top of the next column.",
    ]


def test_kangxi_radicals_and_control_characters_are_undone():
    data = _drawn([(50, 350, 12, "ABCD")], to_unicode={"A": "2F08", "B": "2F2F", "C": "0001", "D": "667A"})
    assert pdf.extract(data).text == "人工智"


# --------------------------------------------------------------------------- reasons


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-128", "AES-256"])
def test_a_password_to_open_is_a_reason(algorithm):
    writer = PdfWriter(clone_from=PdfReader(BytesIO(REPORT)))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm=algorithm)
    result = extract_document(_written(writer))
    assert isinstance(result, DocumentError) and str(result) == "encrypted PDF: needs a password"


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-128", "AES-256"])
def test_a_file_restricted_by_an_owner_password_only_is_read(algorithm):
    writer = PdfWriter(clone_from=PdfReader(BytesIO(REPORT)))
    writer.encrypt(user_password="", owner_password="owner", algorithm=algorithm)
    assert pdf.extract(_written(writer)).text == pdf.extract(REPORT).text


def test_pages_without_text_are_a_reason():
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_blank_page(595, 842)
    result = extract_document(_written(writer))
    assert isinstance(result, DocumentError)
    assert str(result) == "PDF has no text layer (a scanned image?); run OCR first"


def test_a_file_cut_short_is_a_reason():
    result = extract_document(REPORT[: len(REPORT) // 2])
    assert isinstance(result, DocumentError) and "cut short" in str(result)


def test_a_damaged_file_is_a_reason():
    result = extract_document(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n")
    assert isinstance(result, DocumentError) and str(result).startswith("damaged PDF file")


# --------------------------------------------------------------------------- metadata


@pytest.mark.parametrize("title", ["报告.docx", "Microsoft Word - 合肥大会.doc", "untitled", "无标题"])
def test_a_file_name_or_placeholder_is_no_title(title):
    assert "title" not in pdf.extract(_report_with(title=title)).meta


@pytest.mark.parametrize("author", ["Administrator", "admin", "user", "微软用户", "Windows 用户"])
def test_a_computer_account_is_no_author(author):
    assert "author" not in pdf.extract(_report_with(author=author)).meta


def test_a_real_title_and_author_are_kept_and_the_creation_date_is_not_used():
    meta = pdf.extract(_report_with(title="合肥人工智能产业发展大会开幕", author="李明远")).meta
    assert meta == {"title": "合肥人工智能产业发展大会开幕", "author": "李明远"}
    assert PdfReader(BytesIO(REPORT)).metadata.creation_date is not None


def test_the_title_chromium_wrote_is_kept():
    assert pdf.extract(REPORT).meta == {"title": "合肥人工智能产业发展大会开幕"}


def test_a_title_the_first_page_does_not_print_names_a_series_and_is_dropped():
    assert "title" not in pdf.extract(_report_with(title="深圳人工智能产业简报")).meta


def test_a_text_quoting_a_pdf_header_is_no_pdf():
    assert not pdf.matches("如何识别文件：PDF 文件以 %PDF-1.7 开头。\n".encode())


# --------------------------------------------------------------------------- never raises


# Bytes made of PDF syntax, so the examples get past the first check of the file.
_SYNTAX = st.sampled_from(
    [b"1 0 obj", b"2 0 obj", b"0 R", b"1 0 R", b"<<", b">>", b"[", b"]", b"/Type", b"/Catalog", b"/Pages", b"/Page",
     b"/Kids", b"/Count 1", b"/Root", b"/Size 3", b"/Contents", b"/Length 9", b"/Filter /FlateDecode", b"/Encrypt",
     b"/Info", b"/Title (x)", b"stream\n", b"\nendstream", b"endobj", b"xref\n0 3\n", b"0000000000 65535 f \n",
     b"trailer", b"startxref\n", b"9", b"%%EOF", b"BT /F1 12 Tf (text) Tj ET", b"\n", b" "]
)


@settings(max_examples=300, deadline=None)
@given(tail=st.one_of(st.binary(max_size=2000), st.lists(_SYNTAX, max_size=80).map(b"".join)))
def test_any_bytes_after_a_pdf_header_give_text_or_a_reason(tail):
    data = b"%PDF-1.4\n" + tail
    result = extract_document(data)
    if result is None:  # no PDF objects at all: reported as a binary file, not read as text
        assert isinstance(decode(data), Undecodable)
    else:
        assert isinstance(result, (Extracted, DocumentError))


DRAWN = _drawn([(50, 350, 12, "A line of text."), (70, 330, 12, "Another paragraph.")])


@settings(max_examples=150, deadline=None)
@given(start=st.integers(0, len(DRAWN) - 1), junk=st.binary(min_size=1, max_size=40))
def test_a_pdf_with_some_bytes_overwritten_gives_text_or_a_reason(start, junk):
    damaged = DRAWN[:start] + junk + DRAWN[start + len(junk) :]
    assert isinstance(extract_document(damaged), (Extracted, DocumentError, type(None)))


def test_reading_sources_that_are_no_pdf_never_imports_pypdf(tmp_path):
    """pypdf takes ~0.1 s to import, a fifteenth of a cold build of the seeds:
    a build without PDFs must not pay it. In a fresh interpreter."""
    import subprocess
    import sys

    source = tmp_path / "news.txt"
    source.write_text("人工智能大会开幕\n\n2025年5月8日，人工智能产业大会在北京举行。\n", encoding="utf-8")
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "import sitegen.build\n"
        "from sitegen.read import read_source\n"
        f"read_source(Path({str(source)!r}), root=Path({str(tmp_path)!r}), max_bytes=1 << 20)\n"
        "print('pypdf' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
