"""Excel workbooks (XLSX) of news items -> the CSV the table reader reads.

Monitoring services and hand-kept lists are as often an `.xlsx` as a CSV: a
sheet whose first row names the columns (`标题`, `发布时间`, `来源`, `正文`) and
whose rows are articles. The workbook is a ZIP of XML: the first sheet's
cells are read (shared strings, inline strings, numbers), written out as CSV,
and read by the table reader, which knows the column names. A date column
holds Excel's day numbers (45811 is 2025-06-01), so a number in a column the
header names as a date becomes the date it stands for.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import posixpath
import re
import zipfile
from io import BytesIO
from typing import Any

from sitegen.read.documents import DocumentError, Extracted, member_xml, zip_members
from sitegen.read.jsondoc import names_part

NAME = "workbook"
LABEL = "Excel"

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELATIONSHIP = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_COLUMN = re.compile(r"[A-Z]+")
EXCEL_EPOCH = dt.date(1899, 12, 30)  # day 0 of Excel's 1900 date system, as it counts
DAY_NUMBERS = range(20000, 80000)  # 1954 to 2119: a number here in a date column is a day


def matches(data: bytes) -> bool:
    members = zip_members(data)
    return members is not None and "xl/workbook.xml" in members


def extract(data: bytes) -> Extracted:
    with zipfile.ZipFile(BytesIO(data)) as archive:
        rows = _sheet_rows(archive, _first_sheet(archive), _shared_strings(archive))
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if len(rows) < 2:
        raise DocumentError("Excel workbook whose first sheet has no rows under its header")
    return Extracted(_as_csv(_with_dates(rows)), "Excel (XLSX)", reader="table")


def _first_sheet(archive: zipfile.ZipFile) -> str:
    """The member holding the workbook's first sheet, by the workbook's relationships."""
    sheet = member_xml(archive, "xl/workbook.xml", LABEL).find(f"{_MAIN}sheets/{_MAIN}sheet")
    if sheet is None:
        raise DocumentError("Excel workbook without sheets")
    target = "worksheets/sheet1.xml"
    if "xl/_rels/workbook.xml.rels" in archive.namelist():
        wanted = sheet.get(_RELATIONSHIP)
        for relation in member_xml(archive, "xl/_rels/workbook.xml.rels", LABEL):
            if relation.get("Id") == wanted:
                target = relation.get("Target", target)
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in archive.namelist():
        return []
    strings = member_xml(archive, "xl/sharedStrings.xml", LABEL)
    return ["".join(t.text or "" for t in item.iter(f"{_MAIN}t")) for item in strings]


def _sheet_rows(archive: zipfile.ZipFile, sheet: str, shared: list[str]) -> list[list[str]]:
    rows = []
    for row in member_xml(archive, sheet, LABEL).iter(f"{_MAIN}row"):
        cells: dict[int, str] = {}
        for position, cell in enumerate(row.iter(f"{_MAIN}c")):
            column = _column(cell.get("r", ""), position)
            cells[column] = _value(cell, shared)
        rows.append([cells.get(index, "") for index in range(max(cells, default=-1) + 1)])
    return rows


def _column(reference: str, position: int) -> int:
    """`C7` -> 2; a cell without a reference stands where it is in the row."""
    letters = _COLUMN.match(reference)
    if not letters:
        return position
    number = 0
    for letter in letters.group():
        number = number * 26 + ord(letter) - ord("A") + 1
    return number - 1


def _value(cell: Any, shared: list[str]) -> str:
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in cell.iter(f"{_MAIN}t"))
    value = cell.findtext(f"{_MAIN}v") or ""
    if kind == "s":
        return shared[int(value)] if value.isdigit() and int(value) < len(shared) else ""
    return value


def _with_dates(rows: list[list[str]]) -> list[list[str]]:
    """Day numbers in the columns the header names as dates, as ISO dates (and
    times, when the number has a fraction of a day)."""
    dated = {index for index, name in enumerate(rows[0]) if names_part(name, "date")}
    return [rows[0]] + [[_date(cell) if index in dated else cell for index, cell in enumerate(row)] for row in rows[1:]]


def _date(cell: str) -> str:
    try:
        number = float(cell)
    except ValueError:
        return cell
    if int(number) not in DAY_NUMBERS:
        return cell
    moment = dt.datetime.combine(EXCEL_EPOCH, dt.time()) + dt.timedelta(days=number)
    return moment.strftime("%Y-%m-%d %H:%M") if number % 1 else moment.strftime("%Y-%m-%d")


def _as_csv(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()
