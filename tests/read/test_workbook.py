"""Excel workbooks of news items: the first sheet becomes CSV for the table reader."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from sitegen.normalise import normalise_source
from sitegen.read.documents import DocumentError, Extracted, extract_document
from sitegen.read.source import read_source


def _workbook(rows: list[list[object]], first_sheet: str = "舆情") -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = first_sheet
    for row in rows:
        sheet.append(row)
    book.create_sheet("说明").append(["这张表不是新闻"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


NEWS = [
    ["序号", "标题", "发布时间", "来源", "正文", "链接"],
    [1, "绍兴发布人工智能产业政策", dt.datetime(2025, 6, 3, 9, 30), "绍兴日报",
     "6月3日，绍兴市发布人工智能产业政策，设立5亿元基金。\n政策支持企业建设算力中心。", "https://example.com/1"],
    [2, "台州举办智能制造大会", dt.date(2025, 6, 5), "台州日报", "6月5日，台州智能制造大会开幕，150家企业参会。", None],
]


def test_the_first_sheet_becomes_csv_with_excel_day_numbers_as_dates():
    extracted = extract_document(_workbook(NEWS))
    assert isinstance(extracted, Extracted) and extracted.reader == "table"
    lines = extracted.text.splitlines()
    assert lines[0] == "序号,标题,发布时间,来源,正文,链接"
    assert lines[1].startswith("1,绍兴发布人工智能产业政策,2025-06-03 09:30,绍兴日报,")
    assert "2,台州举办智能制造大会,2025-06-05,台州日报," in extracted.text
    assert "这张表不是新闻" not in extracted.text


def test_each_row_is_an_article(tmp_path: Path):
    path = tmp_path / "舆情导出"
    path.write_bytes(_workbook(NEWS))
    source = read_source(path, tmp_path, 1 << 20)
    assert source.format == "Excel (XLSX) → table"
    articles, _ = normalise_source(source)
    assert [(a.title, a.publisher, a.published.iso()) for a in articles] == [
        ("绍兴发布人工智能产业政策", "绍兴日报", "2025-06-03"),
        ("台州举办智能制造大会", "台州日报", "2025-06-05"),
    ]
    assert [p.text for p in articles[0].paragraphs] == ["6月3日，绍兴市发布人工智能产业政策，设立5亿元基金。", "政策支持企业建设算力中心。"]


def test_a_number_in_a_column_that_is_no_date_stays_a_number():
    rows = [["标题", "正文", "阅读量"], ["嘉兴发布政策", "嘉兴市发布政策。", 45811]]
    assert "嘉兴发布政策,嘉兴市发布政策。,45811" in extract_document(_workbook(rows)).text


def test_a_sheet_without_news_columns_is_reported(tmp_path: Path):
    path = tmp_path / "budget.xlsx"
    path.write_bytes(_workbook([["项目", "金额"], ["服务器", 300000]]))
    problem = read_source(path, tmp_path, 1 << 20)
    assert problem.path == "budget.xlsx" and "title and a body column" in problem.message


@pytest.mark.parametrize(
    ("members", "reason"),
    [
        ({"xl/workbook.xml": "<workbook"}, "not well-formed"),
        ({"xl/workbook.xml": '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'}, "without sheets"),
    ],
)
def test_damaged_workbooks_give_a_reason(members: dict[str, str], reason: str):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    result = extract_document(buffer.getvalue())
    assert isinstance(result, DocumentError) and reason in str(result)
