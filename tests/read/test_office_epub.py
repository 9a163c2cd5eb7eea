"""Word, OpenDocument and EPUB files become Markdown the readers read, and
broken ones a clear reason."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.normalise import normalise_source
from sitegen.read.documents import (
    DocumentBlock,
    DocumentError,
    Extracted,
    as_markdown,
    extract_document,
    plausible_author,
    plausible_title,
)
from sitegen.read.registry import choose_reader
from sitegen.read.source import read_source

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _zip(members: dict[str, str | bytes], first: tuple[str, str] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if first:
            archive.writestr(first[0], first[1], compress_type=zipfile.ZIP_STORED)
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _extracted(data: bytes) -> Extracted:
    result = extract_document(data)
    assert isinstance(result, Extracted), result
    return result


# --------------------------------------------------------------------------- DOCX


@pytest.fixture
def word_report(tmp_path: Path) -> Path:
    """A report as Word saves it (python-docx writes Word's own default styles)."""
    document = docx.Document()
    document.core_properties.title = "周报.docx"
    document.core_properties.author = "王晓明"
    document.add_heading("成都发布人工智能产业行动计划", level=0)
    document.add_paragraph(
        "2025年5月8日，成都市经济和信息化局发布《成都市人工智能产业高质量发展行动计划》，"
        "提出到2027年核心产业规模突破1500亿元。"
    )
    document.add_heading("一、主要目标", level=1)
    document.add_paragraph("设立规模50亿元的产业基金。", style="List Bullet")
    document.add_paragraph("建设三个算力中心。", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    for (row, column), text in {(0, 0): "指标", (0, 1): "目标", (1, 0): "企业数量", (1, 1): "200家"}.items():
        table.cell(row, column).text = text
    document.add_paragraph("计划还提出，高新区将建设人工智能创新中心。")
    path = tmp_path / "report.bin"
    document.save(path)
    return path


def test_word_file_keeps_its_headings_lists_and_table(word_report: Path) -> None:
    extracted = _extracted(word_report.read_bytes())
    assert extracted.kind == "Word (DOCX)"
    lines = extracted.text.splitlines()
    assert lines[0] == "# 成都发布人工智能产业行动计划"
    assert "## 一、主要目标" in lines
    assert "- 设立规模50亿元的产业基金。\n- 建设三个算力中心。" in extracted.text
    assert "| 企业数量 | 200家 |" in lines
    assert lines.index("## 一、主要目标") < lines.index("| 企业数量 | 200家 |")


def test_word_properties_give_the_author_but_not_a_file_name_title(word_report: Path) -> None:
    assert _extracted(word_report.read_bytes()).meta == {"author": "王晓明"}


def test_word_file_is_read_whatever_its_name(word_report: Path, tmp_path: Path) -> None:
    source = read_source(word_report, tmp_path, 1 << 20)
    assert not hasattr(source, "reason"), source
    assert source.format == "Word (DOCX) → markdown"
    articles, _ = normalise_source(source)
    assert [a.title for a in articles] == ["成都发布人工智能产业行动计划"]
    assert articles[0].authors == ["王晓明"]
    texts = [p.text for p in articles[0].paragraphs]
    assert any(t.startswith("2025年5月8日，成都市") for t in texts)
    assert "企业数量 | 200家" in texts


def _word(body: str, styles: str = "", core: str = "") -> bytes:
    members: dict[str, str | bytes] = {"word/document.xml": f"<w:document {W}><w:body>{body}</w:body></w:document>"}
    if styles:
        members["word/styles.xml"] = f"<w:styles {W}>{styles}</w:styles>"
    if core:
        members["docProps/core.xml"] = (
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            f'xmlns:dc="http://purl.org/dc/elements/1.1/">{core}</cp:coreProperties>'
        )
    return _zip(members)


def _p(text: str, style: str = "", extra: str = "") -> str:
    properties = f'<w:pPr><w:pStyle w:val="{style}"/>{extra}</w:pPr>' if style or extra else ""
    return f"<w:p>{properties}<w:r><w:t>{text}</w:t></w:r></w:p>"


def test_chinese_heading_style_names_and_inherited_styles() -> None:
    styles = (
        '<w:style w:styleId="1"><w:name w:val="标题 1"/></w:style>'
        '<w:style w:styleId="a5"><w:name w:val="小标题"/><w:basedOn w:val="1"/></w:style>'
    )
    text = _extracted(_word(_p("杭州举办算力大会", "1") + _p("正文。") + _p("会议议程", "a5"), styles)).text
    assert text.splitlines()[0] == "# 杭州举办算力大会"
    assert "# 会议议程" in text


def test_outline_level_without_a_style_is_a_heading() -> None:
    body = _p("第一部分", extra='<w:outlineLvl w:val="1"/>') + _p("内容。")
    assert _extracted(_word(body)).text.startswith("## 第一部分")


def test_each_heading_1_without_a_title_starts_an_article(tmp_path: Path) -> None:
    styles = '<w:style w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>'
    body = (
        _p("北京：人形机器人半程马拉松举行", "Heading1") + _p("2025年4月19日，北京亦庄举行人形机器人半程马拉松。")
        + _p("上海：世界人工智能大会开幕", "Heading1") + _p("2025年7月26日，世界人工智能大会在上海开幕。")
    )
    path = tmp_path / "digest"
    path.write_bytes(_word(body, styles, core="<dc:creator>王晓明</dc:creator>"))
    articles, _ = normalise_source(read_source(path, tmp_path, 1 << 20))
    assert [a.title for a in articles] == ["北京：人形机器人半程马拉松举行", "上海：世界人工智能大会开幕"]
    assert [a.authors for a in articles] == [[], []]  # who compiled the roundup wrote neither


def test_deleted_revisions_field_codes_and_text_boxes_are_not_text() -> None:
    body = (
        "<w:p><w:r><w:t>苏州</w:t></w:r><w:del><w:r><w:delText>无锡</w:delText></w:r></w:del>"
        "<w:r><w:instrText> PAGE </w:instrText></w:r>"
        "<w:r><w:pict><w:txbxContent><w:p><w:r><w:t>图片说明</w:t></w:r></w:p></w:txbxContent></w:pict></w:r>"
        "<w:r><w:t>发布算力券政策。</w:t></w:r></w:p>"
    )
    assert _extracted(_word(body)).text.strip() == "苏州发布算力券政策。"


def test_content_controls_and_line_breaks_are_followed() -> None:
    body = "<w:sdt><w:sdtContent>" + "<w:p><w:r><w:t>第一行</w:t><w:br/><w:t>第二行。</w:t></w:r></w:p>" + "</w:sdtContent></w:sdt>"
    assert _extracted(_word(body)).text.strip() == "第一行\n第二行。"


def test_a_real_title_property_is_kept_when_the_text_has_no_heading() -> None:
    core = "<dc:title>深圳算力券政策解读</dc:title><dc:creator>Administrator</dc:creator>"
    assert _extracted(_word(_p("深圳发布算力券政策。"), core=core)).meta == {"title": "深圳算力券政策解读"}


# --------------------------------------------------------------------------- ODT


def _odt(body: str, meta: str = "") -> bytes:
    namespaces = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
    )
    members: dict[str, str | bytes] = {
        "content.xml": f"<office:document-content {namespaces}><office:body><office:text>{body}</office:text></office:body></office:document-content>",
    }
    if meta:
        members["meta.xml"] = (
            '<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<office:meta>{meta}</office:meta></office:document-meta>"
        )
    return _zip(members, first=("mimetype", "application/vnd.oasis.opendocument.text"))


def test_opendocument_text() -> None:
    body = (
        '<text:h text:outline-level="1">合肥发布量子计算专项政策</text:h>'
        "<text:p>2025年6月3日，合肥市<text:span>发布</text:span>政策。<text:note><text:note-body><text:p>注释</text:p></text:note-body></text:note></text:p>"
        "<text:list><text:list-item><text:p>支持企业研发</text:p></text:list-item></text:list>"
        "<table:table><table:table-row><table:table-cell><text:p>项目</text:p></table:table-cell>"
        "<table:table-cell><text:p>金额</text:p></table:table-cell></table:table-row></table:table>"
        "<text:p>A<text:s text:c=\"2\"/>B<text:line-break/>C</text:p>"
    )
    extracted = _extracted(_odt(body, "<meta:initial-creator>李华</meta:initial-creator>"))
    assert extracted.kind == "OpenDocument (ODT)"
    assert extracted.meta == {"author": "李华"}
    assert extracted.text.rstrip("\n").split("\n\n") == [
        "# 合肥发布量子计算专项政策", "2025年6月3日，合肥市发布政策。", "- 支持企业研发",
        "| 项目 | 金额 |\n| --- | --- |", "A  B\nC",
    ]


# --------------------------------------------------------------------------- EPUB


def _epub(chapters: dict[str, str], spine: list[str], nav: str = "nav.xhtml", metadata: str = "") -> bytes:
    items = "".join(
        f'<item id="{name}" href="{name}" media-type="application/xhtml+xml"'
        + (' properties="nav"' if name == nav else "") + "/>"
        for name in chapters
    )
    refs = "".join(f'<itemref idref="{name}"/>' for name in spine)
    package = (
        '<package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"{metadata}</metadata><manifest>{items}</manifest><spine>{refs}</spine></package>"
    )
    container = (
        '<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container" version="1.0"><rootfiles>'
        '<rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>'
    )
    members: dict[str, str | bytes] = {"META-INF/container.xml": container, "OEBPS/content.opf": package}
    members.update({f"OEBPS/{name}": html for name, html in chapters.items()})
    return _zip(members, first=("mimetype", "application/epub+zip"))


def _chapter(body: str) -> str:
    return f'<html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title></head><body>{body}</body></html>'


def test_epub_chapters_in_reading_order_without_the_table_of_contents(tmp_path: Path) -> None:
    data = _epub(
        {
            "nav.xhtml": _chapter("<nav><ol><li>目录项</li></ol></nav>"),
            "c2.xhtml": _chapter("<h2>广州发布低空经济政策</h2><p>2025年2月10日，广州市发布低空经济政策。</p>"),
            "c1.xhtml": _chapter("<section><h2>武汉举办光谷AI大会</h2><div><p>2025年1月15日，光谷AI大会在武汉举行。</p><p>会上发布<br/>十项成果。</p></div></section>"),
        },
        spine=["nav.xhtml", "c1.xhtml", "c2.xhtml"],
        metadata="<dc:title>城市AI动态</dc:title><dc:creator>简报编辑部</dc:creator><dc:date>2025-02-11</dc:date>",
    )
    extracted = _extracted(data)
    assert "目录项" not in extracted.text
    assert extracted.text.index("# 武汉举办光谷AI大会") < extracted.text.index("# 广州发布低空经济政策")
    assert "会上发布\n十项成果。" in extracted.text
    assert extracted.meta == {"date": "2025-02-11"}  # the compiler of two articles is the author of neither
    path = tmp_path / "issue.epub"
    path.write_bytes(data)
    articles, _ = normalise_source(read_source(path, tmp_path, 1 << 20))
    assert [a.title for a in articles] == ["武汉举办光谷AI大会", "广州发布低空经济政策"]


# --------------------------------------------------------------------------- damage


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (_word("<w:p><w:r><w:t>未闭合"), "not well-formed XML"),
        (_word(""), "no text"),
        (_zip({"META-INF/container.xml": "<container/>"}, first=("mimetype", "application/epub+zip")), "names no package file"),
    ],
)
def test_broken_documents_give_a_reason(data: bytes, reason: str) -> None:
    result = extract_document(data)
    assert isinstance(result, DocumentError)
    assert reason in str(result)


def test_an_epub_whose_chapters_are_encrypted_says_so() -> None:
    buffer = io.BytesIO(_epub({"c.xhtml": bytes(range(256)) * 4}, spine=["c.xhtml"]))
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr("META-INF/encryption.xml", "<encryption/>")
    result = extract_document(buffer.getvalue())
    assert isinstance(result, DocumentError) and "DRM" in str(result)


def test_broken_document_is_reported_by_name(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(_word("<w:p>"))
    problem = read_source(path, tmp_path, 1 << 20)
    assert problem.path == "broken.docx"
    assert "not well-formed XML" in problem.message


def test_a_plain_zip_archive_is_no_document(tmp_path: Path) -> None:
    path = tmp_path / "photos.zip"
    path.write_bytes(_zip({"a.txt": "你好"}))
    assert extract_document(path.read_bytes()) is None
    assert "ZIP archive" in read_source(path, tmp_path, 1 << 20).message


def test_a_member_that_unpacks_beyond_reason_is_refused() -> None:
    huge = _zip({"word/document.xml": f"<w:document {W}><w:body>" + " " * (65 << 20) + "</w:body></w:document>"})
    result = extract_document(huge)
    assert isinstance(result, DocumentError)
    assert "unpacks to" in str(result)


@given(st.binary(max_size=300))
def test_any_bytes_in_a_word_container_give_text_or_a_reason(junk: bytes) -> None:
    data = _zip({"word/document.xml": junk, "word/styles.xml": junk[::-1]})
    assert isinstance(extract_document(data), (Extracted, DocumentError))


# --------------------------------------------------------------------------- shared


@pytest.mark.parametrize("title", ["Microsoft Word - 报告.doc", "周报.docx", "Untitled", "无标题文档", "文档1", "PowerPoint Presentation"])
def test_machine_titles_are_not_titles(title: str) -> None:
    assert not plausible_title(title)


@pytest.mark.parametrize("author", ["Administrator", "admin", "User", "微软用户", "Windows 用户", "Microsoft Office User"])
def test_machine_accounts_are_not_authors(author: str) -> None:
    assert not plausible_author(author)


def test_people_and_real_titles_are_kept() -> None:
    assert plausible_title("2025年长三角人工智能发展报告")
    assert plausible_author("张伟")


@given(st.lists(st.text(alphabet="人工智能深圳发布。，ab1 \n", min_size=1, max_size=20), min_size=1, max_size=8))
def test_every_paragraph_reaches_the_markdown(texts: list[str]) -> None:
    blocks = [DocumentBlock(text, heading=int(index % 3 == 0), item=index % 3 == 1) for index, text in enumerate(texts)]
    markdown = as_markdown(blocks)
    for text in texts:
        for line in text.split("\n"):
            assert " ".join(line.split()) in " ".join(markdown.split())


def test_epub_chapter_in_a_declared_legacy_encoding() -> None:
    chapter = '<?xml version="1.0" encoding="gb2312"?>' + _chapter("<h1>南京发布算力政策</h1><p>南京市发布算力政策。</p>")
    data = _epub({"c.xhtml": chapter.encode("gb2312")}, spine=["c.xhtml"])
    assert _extracted(data).text.startswith("# 南京发布算力政策\n\n南京市发布算力政策。")


def test_a_documents_markdown_is_read_as_markdown_however_it_sniffs(tmp_path: Path) -> None:
    styles = '<w:style w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>'
    body = "".join(
        _p(title, "Heading1") + _p("来源：澎湃新闻 2024-05-27") + _p(f"会上有 {count} 家企业签约，涉及金额 {count} 亿元的项目将在")
        + _p("年内开工。")
        for title, count in (("杭州举办算力大会", 30), ("宁波发布机器人政策", 12))
    )
    data = _word(body, styles)
    assert choose_reader(_extracted(data).text).NAME == "pdf-markdown"  # what sniffing alone would pick
    path = tmp_path / "roundup.docx"
    path.write_bytes(data)
    source = read_source(path, tmp_path, 1 << 20)
    assert source.format == "Word (DOCX) → markdown"
    articles, _ = normalise_source(source)
    assert [(a.title, a.publisher) for a in articles] == [("杭州举办算力大会", "澎湃新闻"), ("宁波发布机器人政策", "澎湃新闻")]


def _bold(text: str) -> str:
    return f"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>{text}</w:t></w:r></w:p>"


def test_bold_lines_are_the_headings_of_a_document_without_heading_styles() -> None:
    body = (
        _bold("南京发布具身智能产业政策") + _p("2025年3月20日，南京市发布具身智能产业行动计划。")
        + _bold("一、主要目标") + _p("到2027年，培育10家以上龙头企业。")
        + "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>重点强调：</w:t></w:r><w:r><w:t>支持企业研发。</w:t></w:r></w:p>"
    )
    text = _extracted(_word(body)).text
    assert text.splitlines()[0] == "# 南京发布具身智能产业政策"
    assert "## 一、主要目标" in text.splitlines()
    assert "重点强调：支持企业研发。" in text  # partly bold is emphasis, not a heading


def test_a_document_that_marks_nothing_is_left_to_the_plain_readers_rules(tmp_path: Path) -> None:
    body = _p("苏州发布算力券新政") + _p("记者 王强") + _p("2025年4月1日，苏州市发布算力券实施细则，全年安排2亿元。")
    data = _word(body)
    assert _extracted(data).reader == ""
    path = tmp_path / "note.docx"
    path.write_bytes(data)
    source = read_source(path, tmp_path, 1 << 20)
    assert source.format == "Word (DOCX) → plain"
    (article,), _ = normalise_source(source)
    assert (article.title, article.authors) == ("苏州发布算力券新政", ["王强"])


# --------------------------------------------------------------------------- PPTX

PML = ('xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
       'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
       'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')


def _shape(texts: list[str], placeholder: str | None = None) -> str:
    ph = "" if placeholder is None else f'<p:nvSpPr><p:cNvPr id="1" name="s"/><p:cNvSpPr/><p:nvPr><p:ph type="{placeholder}"/></p:nvPr></p:nvSpPr>'
    paragraphs = "".join(f"<a:p><a:r><a:t>{text}</a:t></a:r></a:p>" for text in texts)
    return f"<p:sp>{ph}<p:txBody>{paragraphs}</p:txBody></p:sp>"


def _table(rows: list[list[str]]) -> str:
    cells = "".join("<a:tr>" + "".join(f"<a:tc><a:txBody><a:p><a:r><a:t>{c}</a:t></a:r></a:p></a:txBody></a:tc>" for c in row)
                    + "</a:tr>" for row in rows)
    return f"<p:graphicFrame><a:graphic><a:graphicData><a:tbl>{cells}</a:tbl></a:graphicData></a:graphic></p:graphicFrame>"


def _deck(slides: list[tuple[str, bool]], core: str = "") -> bytes:
    """A PPTX whose presentation lists `slides` (shapes XML, hidden) in reverse file order."""
    names = [f"slide{len(slides) - i}.xml" for i in range(len(slides))]
    members = {
        "[Content_Types].xml": "<Types/>",
        "ppt/presentation.xml": f"<p:presentation {PML}><p:sldIdLst>"
        + "".join(f'<p:sldId id="{256 + i}" r:id="rId{i + 1}"/>' for i in range(len(slides))) + "</p:sldIdLst></p:presentation>",
        "ppt/_rels/presentation.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(f'<Relationship Id="rId{i + 1}" Type="slide" Target="slides/{name}"/>' for i, name in enumerate(names))
        + "</Relationships>",
        "ppt/notesSlides/notesSlide1.xml": f"<p:notes {PML}><p:cSld><p:spTree>{_shape(['讲者备注：这里不是正文。'])}</p:spTree></p:cSld></p:notes>",
    }
    for name, (shapes, hidden) in zip(names, slides):
        show = ' show="0"' if hidden else ""
        members[f"ppt/slides/{name}"] = f"<p:sld {PML}{show}><p:cSld><p:spTree>{shapes}</p:spTree></p:cSld></p:sld>"
    if core:
        members["docProps/core.xml"] = core
    return _zip(members)


def test_a_powerpoint_deck_is_one_article_its_slide_titles_sections() -> None:
    deck = _deck([
        (_shape(["深圳人工智能产业发展报告"], "ctrTitle") + _shape(["深圳市人工智能行业协会", "2025年11月"], "subTitle"), False),
        (_shape(["产业规模"], "title") + _shape(["2025年，深圳人工智能企业超过2600家。", "核心产业规模增长30%。"])
         + _shape(["12"], "sldNum") + _shape(["内部资料"], "ftr"), False),
        (_shape(["草稿"], "title") + _shape(["这一页被隐藏了。"]), True),
        (_shape(["重点项目"], "title") + _table([["项目", "投资"], ["智算中心", "45亿元"]]), False),
    ])
    result = _extracted(deck)
    assert (result.kind, result.reader) == ("PowerPoint (PPTX)", "markdown")
    assert result.text == (
        "# 深圳人工智能产业发展报告\n\n深圳市人工智能行业协会\n\n2025年11月\n\n## 产业规模\n\n"
        "2025年，深圳人工智能企业超过2600家。\n\n核心产业规模增长30%。\n\n## 重点项目\n\n"
        "| 项目 | 投资 |\n| --- | --- |\n| 智算中心 | 45亿元 |\n"
    )


def test_a_deck_without_text_says_so() -> None:
    result = extract_document(_deck([(_shape([], "title"), False)]))
    assert isinstance(result, DocumentError) and "no text" in str(result)


def test_a_decks_properties_give_title_and_author_when_no_slide_has_a_title() -> None:
    core = ('<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>深圳人工智能产业发展报告</dc:title>'
            "<dc:creator>张三</dc:creator></cp:coreProperties>")
    result = _extracted(_deck([(_shape(["2025年，深圳人工智能企业超过2600家。"]), False)], core=core))
    assert result.meta == {"title": "深圳人工智能产业发展报告", "author": "张三"}
