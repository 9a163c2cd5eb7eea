"""Page furniture of text extracted from a paged document.

PDF and print extraction leaves every page's furniture in the text: a page
number (`第 3 页`, `— 3 —`, `3/12`) and a running header or footer (the
paper's name and date, a report's short title) repeated at every page break,
often in the middle of a sentence that runs on to the next page. A page
number line is recognised by its shape (`furniture.toml`, `page_numbers`); a
running header is a short line that repeats, each time next to a page break, or
shares one line with the page number, apart by a wide gap. Both are blanked
out, line numbers kept, so the sentence around them closes up again. The first
running header stays when it is a byline (a publication and a date): it is the
only place that says when the page appeared. Any other running header is
usually the document's short title (`湖北省人工智能产业发展报告（2023）`): it is
kept as the `running_title` meta, for a document that names itself nowhere
else. A report's table of contents (entries with dot leaders and page
numbers, under `目录`) goes too: the headings it lists follow in the text.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from sitegen.read.base import compile_any, load_toml
from sitegen.read.bylines import parse_byline
from sitegen.read.text import ends_sentence

HEADER_MAX_CHARS = 60
# A running header stands within this many non-blank lines of a page break.
BREAK_REACH = 2
_DIGITS = re.compile(r"\d+")
_WIDE_GAP = re.compile(r"[ \u3000]{3,}|\t+")
_TITLE_CHAR = re.compile(r"[^\W\d_]")  # a title has letters (a repeated `#` or `***` is none)


@dataclass
class PageFurniture:
    text: str  # the input with furniture lines blanked
    dropped: int  # how many lines were blanked
    running_title: str = ""  # the first running header that is no byline

    def meta(self) -> dict[str, object]:
        """What a reader reports about the furniture in its source's meta."""
        meta: dict[str, object] = {"furniture_lines": self.dropped} if self.dropped else {}
        if self.running_title:
            meta["running_title"] = self.running_title
        return meta


@lru_cache(maxsize=None)
def _page_number() -> re.Pattern[str]:
    return compile_any(load_toml("furniture.toml")["page_numbers"], re.IGNORECASE)


def is_page_number(line: str) -> bool:
    return bool(_page_number().fullmatch(line.strip()))


def strip_page_furniture(text: str) -> PageFurniture:
    """Blank out page numbers, running headers and a table of contents (see the
    module docstring)."""
    lines = text.split("\n")
    contents = _contents(lines)
    numbered = _numbered_headers(lines)
    numbered_headers = {index for indexes in numbered.values() for index in indexes}
    breaks = [i for i, line in enumerate(lines) if "\f" in line or is_page_number(line) or i in numbered_headers]
    if not breaks and not contents:
        return PageFurniture(text, 0)
    dropped = {i for i in breaks if is_page_number(lines[i])} | numbered_headers | contents
    titles = [(indexes[0], header) for header, indexes in numbered.items() if _TITLE_CHAR.search(header)]
    for indexes in _running_headers(lines, breaks):
        first = indexes[0]
        header = lines[first].strip().strip("\f").strip()
        keep = parse_byline(header)
        dropped.update(indexes[1:] if keep else indexes)
        if not keep and _TITLE_CHAR.search(header) and not is_page_number(header):
            titles.append((first, header))
    for index in dropped:
        lines[index] = "\f" if "\f" in lines[index] else ""
    return PageFurniture("\n".join(lines), len(dropped), min(titles)[1] if titles else "")


def _numbered_headers(lines: list[str]) -> dict[str, list[int]]:
    """Lines that are a running header and its page number at once, apart by a
    wide gap (`2025 年广东省人工智能产业发展报告          - 3 -`, or the number
    first), the same header at least twice: each marks a page break. By header."""
    by_header: defaultdict[str, list[int]] = defaultdict(list)
    for index, line in enumerate(lines):
        parts = _WIDE_GAP.split(line.strip().strip("\f").strip())
        if len(parts) != 2:
            continue
        first, last = parts
        if is_page_number(last) and len(first) <= HEADER_MAX_CHARS:
            by_header[first].append(index)
        elif is_page_number(first) and len(last) <= HEADER_MAX_CHARS:
            by_header[last].append(index)
    return {header: indexes for header, indexes in by_header.items() if len(indexes) >= 2}


@lru_cache(maxsize=None)
def _contents_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = load_toml("furniture.toml")
    return compile_any(data["contents_entries"]), compile_any(data["contents_titles"], re.IGNORECASE)


def _contents(lines: list[str]) -> set[int]:
    """Line indexes of table-of-contents entries (two or more), and of the
    `目录` line right above the first of them."""
    entry, title = _contents_patterns()
    entries = {i for i, line in enumerate(lines) if entry.fullmatch(line.strip().strip("\f").strip())}
    if len(entries) < 2:
        return set()
    first = min(entries)
    above = [i for i in range(first - 1, max(-1, first - 4), -1) if lines[i].strip().strip("\f")]
    if above and title.fullmatch(lines[above[0]].strip().strip("\f").strip()):
        entries.add(above[0])
    return entries


def _running_headers(lines: list[str], breaks: list[int]) -> list[list[int]]:
    """Line indexes of each repeated line that stands next to page breaks,
    compared with its digits folded (`第 3 页` and `第 4 页` repeat too)."""
    near = _near_breaks(lines, breaks)
    seen: dict[str, list[int]] = defaultdict(list)
    for index in sorted(near):
        line = lines[index].strip().strip("\f").strip()
        if line and len(line) <= HEADER_MAX_CHARS and not ends_sentence(line):
            seen[_DIGITS.sub("#", " ".join(line.split()))].append(index)
    return [indexes for indexes in seen.values() if len(indexes) >= 2]


def _near_breaks(lines: list[str], breaks: list[int]) -> set[int]:
    """Non-blank lines within BREAK_REACH of a page break, either side, and
    the document's first and last lines (a page starts and ends there too)."""
    near: set[int] = set()
    filled = [i for i, line in enumerate(lines) if line.strip().strip("\f")]
    if not filled:
        return near
    position = {index: number for number, index in enumerate(filled)}
    anchors = [*breaks, filled[0], filled[-1]]
    for anchor in anchors:
        number = _nearest(filled, position, anchor)
        for offset in range(-BREAK_REACH, BREAK_REACH + 1):
            if 0 <= number + offset < len(filled):
                near.add(filled[number + offset])
    return near


def _nearest(filled: list[int], position: dict[int, int], anchor: int) -> int:
    """The number of the non-blank line at or just after `anchor`."""
    if anchor in position:
        return position[anchor]
    return min(bisect.bisect_left(filled, anchor), len(filled) - 1)
