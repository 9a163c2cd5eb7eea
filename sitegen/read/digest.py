"""A search-result digest: a page header, then entries of title, a
`publisher· YYYY-MM-DD HH:MM` line (or `来源：publisher | YYYY-MM-DD`) and a
body on one line; or a web search page's entries: `1. title - publisher`, then
`2025年4月2日 ... snippet ...`, then the result's address.

Bodies come without paragraph breaks. A prose body is the text of a page
whose line ends became spaces: a space after a sentence end was a paragraph
end, and a short stretch between a sentence end and the next space was a
line of its own, i.e. a subheading. A structured body (an AI summary) reads
`Section - item [2] - item [4] Next section - item [5]`: a section name,
then items that each end at their citation markers. Markers stay in the text;
normalise takes them out and keeps them as data. A body cut off with ` ...`
loses the dots and its byline says `truncated`.
"""

from __future__ import annotations

import re

from sitegen.model import Block
from sitegen.read.base import ReadResult
from sitegen.read.text import CLOSERS, HAN, SENTENCE_END, display_width, ends_sentence, has_prose_punct
from sitegen.read.webpage import is_furniture, is_hard_marker

NAME = "digest"

BYLINE = re.compile(
    r"^(?:(?:来源|出处|稿源|媒体)\s*[:：]\s*)?(?P<publisher>[^\s·•|｜][^·•|｜]{0,40}?)\s*[·•|｜]\s*"
    r"(?P<date>\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)\s*$"
)
# Patterns start with a fixed character or a lookbehind, never with `\s*`/`\s+`,
# so a long run of spaces is scanned once, not once per position.
_CITATIONS = re.compile(r"\[\d{1,3}\](?:\s*\[\d{1,3}\])*")
_SECTION_SPLIT = re.compile(r"(?<=\S)\s+[-–—]\s+")
_OPEN = "\"'“‘「『（(【《"
_CJKISH = rf"[{HAN}{re.escape(SENTENCE_END + CLOSERS + _OPEN)}，,、；;：:]"
# A space the page's line wrapping left: between CJK text and punctuation,
# never between two Latin words (`5000 PFLOPS` keeps its space).
_END = f"[{re.escape(SENTENCE_END)}]"
_WRAP = re.compile(
    rf"(?<={_CJKISH})[ \t\u3000]+(?={_CJKISH})|(?<={_END})[ \t\u3000]+|(?<={_END}[{re.escape(CLOSERS)}])[ \t\u3000]+"
)


def sniff(text: str) -> float:
    """Entries (a line, then a `publisher· date` line) are unmistakable."""
    entries = len(_entry_starts(text.split("\n")))
    if not entries:
        return 0.0
    return min(0.95, 0.6 + 0.1 * (entries - 1) + 0.05 * bool(_CITATIONS.search(text)))


def read(text: str) -> ReadResult:
    lines = text.split("\n")
    starts = _entry_starts(lines)
    first = starts[0] if starts else len(lines)
    header = [line.strip() for line in lines[:first] if line.strip()]
    blocks = [Block("paragraph", line.strip(), n + 1) for n, line in enumerate(lines[:first]) if _is_text(line)]
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(lines)
        blocks.extend(_entry(lines, start, end))
    _date_undated_entries(blocks)
    meta: dict[str, object] = {"header": [line for line in header if not _is_text(line)]} if header else {}
    return ReadResult(blocks, meta)


_YEAR = re.compile(r"\d{4}(?=[-/.年])")
# A news site's address names the day it published the page: `/20250610/`,
# `/2025/0603/`, `/2025-05/28/`, `t20250415`.
_URL_DAY = re.compile(r"(?<![0-9])(20\d{2})[-/_]?(0[1-9]|1[0-2])[-/_]?(0[1-9]|[12][0-9]|3[01])(?![0-9])")


def date_in_url(url: str) -> str | None:
    """`2025-06-10` for `www.sanqin.com/tech/20250610/ai.html`; None without one."""
    found = _URL_DAY.search(url)
    return "-".join(found.groups()) if found else None


def _date_undated_entries(blocks: list[Block]) -> None:
    """An entry the page shows without a date (`3月20日，…` under its address)
    is from the year all its dated neighbours are from: its byline gives that
    year as the page's issue date, so `3月20日` has a year. Among neighbours
    from several years it stays undated, and so does a result showing its age,
    unless its address gives the day (`…/tech/20250610/ai.html`)."""
    bylines = [block for block in blocks if block.kind == "byline"]
    for byline in bylines:
        if "date" not in byline.meta and (day := date_in_url(byline.meta.get("url", ""))):
            byline.meta["date"] = day
    years = {found[0] for block in bylines if (found := _YEAR.match(block.meta.get("date", "")))}
    if len(years) != 1:
        return
    year = years.pop()
    for byline in bylines:
        if "date" not in byline.meta and not byline.text:  # not `3天前`: a recent result may be last year's
            byline.meta.update(role="issue", date=f"{year}年")


# In a list of entries the byline may be a name and a date with only a space
# between: `新浪科技 2025年05月26日 10:15`, or the entry's age, counted from a day
# the page does not give (`长沙晚报 3天前`): that entry has no date.
_AGE = r"\d{1,2}\s*(?:分钟|小时|天|周|个月)前|(?:昨天|前天)(?:\s*\d{1,2}:\d{2})?|刚刚"
_SPACED_BYLINE = re.compile(
    r"^(?P<publisher>[^\s\d·•|｜][^\d·•|｜]{0,20}?)\s+"
    rf"(?:(?P<date>\d{{4}}[-/.年]\d{{1,2}}[-/.月]\d{{1,2}}日?(?:\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?)|{_AGE})$"
)


# A web search page's entry: a (numbered) title naming its site after a dash,
# over a line that starts with the date, and the result's address. A recent
# result shows its age instead (`3天前 —`): counted from a day the page does not
# give, so the entry has no date.
_DATED_SNIPPET = re.compile(
    rf"^(?:(?P<date>\d{{4}}[-/.年]\d{{1,2}}[-/.月]\d{{1,2}}日?)|{_AGE})"
    r"(?:\s*(?:\.{3}|…+|[—–]+|-|·)\s*|\s+)(?P<body>\S.*)$"  # Baidu shows the date and a space
)
_NUMBER = re.compile(r"^\d{1,3}[.、．]\s*")
_TITLE_PUBLISHER = re.compile(r"^(?P<title>.+?)\s+[-_|｜–—]\s+(?P<publisher>[^-_|｜–—\s][^-_|｜–—]{0,20})$")
# A page title as news sites write it: `标题_新华网`, `标题_科技频道_新浪网` (the site last).
_TITLE_SITE = re.compile(r"^(?P<title>[^_]+?)(?:_[^_\s]{1,12}){0,3}_(?P<publisher>[^_\s]{2,20})$")
# The result's address as a search page shows it: a URL, or a host name with a
# path or breadcrumbs (`hnrb.voc.com.cn/article/…`, `www.example.com › news`).
_ADDRESS = re.compile(
    r"^(?:https?://\S+|(?:https?://)?(?:[a-z0-9-]{1,63}\.){1,8}[a-z]{2,12}(?:[:/›>\s]\S*)*)$", re.IGNORECASE
)


_SNAPSHOT = re.compile(r"\s+(?:百度快照|网页快照|快照|翻译此页|翻譯此頁)$")


def _byline(line: str, spaced: bool = True) -> dict[str, str] | None:
    """Publisher and date of an entry's byline line: `publisher· date`, or, in
    a list of several entries, `publisher date`."""
    match = BYLINE.match(line) or (_SPACED_BYLINE.match(line) if spaced else None)
    if not match:
        return None
    found = {"publisher": match.group("publisher").strip()}
    return found | {"date": match.group("date")} if match.group("date") else found


def _entry_starts(lines: list[str]) -> list[int]:
    """Indexes of title lines: non-blank lines followed by a byline line.

    A `publisher date` line makes an entry only when there are two such
    entries or more: one title over one such line is a single article's head.
    """
    def starts(spaced: bool) -> list[int]:
        return [
            index
            for index in range(len(lines) - 1)
            if lines[index].strip()
            and not _byline(lines[index].strip(), spaced)
            and _byline(lines[index + 1].strip(), spaced)
        ]

    strict = starts(False)
    if strict:
        return strict
    loose = starts(True)
    if len(loose) >= 2:
        return loose
    results = _search_result_starts(lines)
    return results if len(results) >= 2 else []


def _search_result_starts(lines: list[str]) -> list[int]:
    """Title lines of a web search page: each over a line that starts with a
    date, or over the result's address and then that line (as Bing shows them).
    On a page of two such results or more, a title over its address and an
    undated snippet (`3月20日，…` gives no year to show) is a result too."""
    def is_title(line: str) -> bool:
        return bool(line) and not _ADDRESS.match(line) and not _DATED_SNIPPET.match(line)

    titles = [index for index in range(len(lines) - 1) if is_title(lines[index].strip())]
    dated = [index for index in titles if _snippet_line(lines, index) is not None]
    if len(dated) < 2:
        return dated
    return [index for index in titles if _snippet_line(lines, index, dated=False) is not None]


def _snippet_line(lines: list[str], title: int, dated: bool = True) -> int | None:
    """Where a search result's dated snippet is: under its title, or under the
    address under its title; with `dated` False, any text under that address."""
    for index in (title + 1, title + 2):
        line = lines[index].strip() if index < len(lines) else ""
        if _DATED_SNIPPET.match(line):
            return index
        if not dated and index == title + 2 and line and not _ADDRESS.match(line):
            return index
        if not _ADDRESS.match(line):
            return None
    return None


def _is_text(line: str) -> bool:
    """A header line long enough to be text rather than page chrome."""
    return len(line.strip()) > 40 and has_prose_punct(line)


def _entry(lines: list[str], start: int, end: int) -> list[Block]:
    byline_text = lines[start + 1].strip()
    meta = _byline(byline_text)
    if meta is None:
        return _search_entry(lines, start, end)
    heading = Block("heading", lines[start].strip(), start + 1, 1)
    byline = Block("byline", byline_text, start + 2, meta=meta)
    return [heading, byline, *_body_blocks(_entry_lines(lines, start + 2, end), byline)]


def _search_entry(lines: list[str], start: int, end: int) -> list[Block]:
    """A web search page's result: title, dated snippet, the address above or below it."""
    at = _snippet_line(lines, start, dated=False)
    assert at is not None  # `_entry_starts` found the entry by it
    heading, byline, snippet = _search_result(lines[start].strip(), lines[at].strip(), start, at)
    around = [(n, line) for n, line in _entry_lines(lines, start + 1, end) if n != at + 1]
    links = [_link(line) for _, line in around if _ADDRESS.match(line)]
    if any(links):
        byline.meta["url"] = next(link for link in links if link)
    body = [(at + 1, snippet)] + [(n, line) for n, line in around if not _ADDRESS.match(line)]
    return [heading, byline, *_body_blocks(body, byline)]


def _link(address: str) -> str | None:
    """The URL a shown address stands for: `https://…` as it is, a bare host and
    path with the scheme in front; breadcrumbs (`example.com › news`) name none;
    the search engine's own links after it (`百度快照`) are no part of it."""
    address = _SNAPSHOT.sub("", address)
    if re.search(r"[\s›>]", address):
        return None
    return address if re.match(r"https?://", address, re.IGNORECASE) else f"https://{address}"


def _entry_lines(lines: list[str], start: int, end: int) -> list[tuple[int, str]]:
    """An entry's body lines with their numbers, without the page's furniture:
    a hard marker (`相关搜索：…` under the last result) ends the entry."""
    body: list[tuple[int, str]] = []
    for number in range(start, end):
        line = lines[number].strip()
        if line and is_hard_marker(line):
            break
        if line and not is_furniture(line):
            body.append((number + 1, line))
    return body


def _search_result(title: str, snippet_line: str, start: int, at: int) -> tuple[Block, Block, str]:
    """A web search page's title and date lines as heading, byline and the start of the body."""
    title = _NUMBER.sub("", title)
    snippet = _DATED_SNIPPET.match(snippet_line)
    meta = {"date": snippet["date"]} if snippet and snippet["date"] else {}
    named = _TITLE_PUBLISHER.match(title) or _TITLE_SITE.match(title)
    if named:
        title, meta["publisher"] = named["title"].strip(), named["publisher"].strip()
    if snippet is None:  # an undated snippet: all of it is the body
        return Block("heading", title, start + 1, 1), Block("byline", "", at + 1, meta=meta), snippet_line
    byline_text = snippet_line[: snippet.start("body")].strip(" .…—–-·")
    return Block("heading", title, start + 1, 1), Block("byline", byline_text, at + 1, meta=meta), snippet["body"]


def _body_blocks(body: list[tuple[int, str]], byline: Block) -> list[Block]:
    """The body lines' blocks; dots where the search page cut the last one off
    are dropped and the byline says `truncated`."""
    blocks: list[Block] = []
    for position, (line_number, line) in enumerate(body):
        cut = _cut_off(line) if position == len(body) - 1 else None
        if cut is not None:
            line = cut
            byline.meta["truncated"] = "true"
        blocks.extend(_body(line, line_number))
    return blocks


def _cut_off(line: str) -> str | None:
    """`…用于成 ...` -> `…用于成`: the dots a search page puts where it cut the
    text (after a space, so a sentence's own `……` is not taken for them)."""
    core = line.rstrip(" .…")
    tail = line[len(core) :]
    if (tail.count(".") >= 3 or "…" in tail) and tail[:1] == " ":
        return core
    return None


def _body(text: str, line: int) -> list[Block]:
    if not text:
        return []
    if _structured(text):
        return _sections(text, line)
    return _prose(text, line)


# --------------------------------------------------------------------------- structured


def _segments(text: str) -> list[str]:
    """The body cut after each run of citation markers, markers kept."""
    pieces: list[str] = []
    position = 0
    for match in _CITATIONS.finditer(text):
        pieces.append(text[position : match.end()].strip())
        position = match.end()
    pieces = [piece for piece in pieces if piece]
    rest = text[position:].strip()
    return pieces + [rest] if rest else pieces


def _structured(text: str) -> bool:
    segments = _segments(text)
    cited = sum(1 for s in segments if _CITATIONS.search(s))
    items = sum(1 for s in segments if s.startswith("-") or _SECTION_SPLIT.search(s))
    return cited >= 2 and items >= 0.6 * len(segments)


def _sections(text: str, line: int) -> list[Block]:
    """`Section - item [2] - item [4]` -> heading `Section`, list of items."""
    blocks: list[Block] = []
    items: list[str] = []
    for segment in _segments(text):
        if segment.startswith("-"):
            items.append(segment.lstrip("-–— ").strip())
            continue
        parts = _SECTION_SPLIT.split(segment, maxsplit=1)
        if len(parts) == 2 and _section_name(parts[0]):
            _flush_list(blocks, items, line)
            blocks.append(Block("heading", parts[0].strip(), line, 2))
            items.append(parts[1].strip())
        else:
            items.append(segment)
    _flush_list(blocks, items, line)
    return blocks


def _section_name(text: str) -> bool:
    stripped = text.strip()
    return 2 <= len(stripped) <= 40 and not has_prose_punct(stripped) and not _CITATIONS.search(stripped)


def _flush_list(blocks: list[Block], items: list[str], line: int) -> None:
    if items:
        blocks.append(Block("list", "\n".join(f"- {item}" for item in items), line))
        items.clear()


# --------------------------------------------------------------------------- prose


# A quoted slogan of parallel phrases (`"数智未来 共享共赢"`): its spaces are meant,
# not wraps; they become no-break spaces, which the wrap pattern leaves alone.
_SLOGAN = re.compile(rf"(?<=[\"“「『])[{HAN}]{{4,8}}(?: [{HAN}]{{4,8}}){{1,3}}(?=[\"”」』])")


def _keep_slogan_spaces(text: str) -> str:
    def keep(match: re.Match[str]) -> str:
        parts = match.group(0).split(" ")
        return "\u00a0".join(parts) if len({len(part) for part in parts}) == 1 else match.group(0)

    return _SLOGAN.sub(keep, text) if '"' in text or "“" in text else text


def _prose(text: str, line: int) -> list[Block]:
    """Rebuild the page's lines from the wrap spaces, then its paragraphs:
    a paragraph ends with a line that ends a sentence; a short line right
    after a paragraph that does not end a sentence is a subheading."""
    rows = [row for row in _WRAP.split(_keep_slogan_spaces(text)) if row]
    width = max(display_width(row) for row in rows)
    blocks: list[Block] = []
    paragraph: list[str] = []
    for index, row in enumerate(rows):
        if not paragraph and _subheading(row, width, index == len(rows) - 1):
            blocks.append(Block("heading", row, line, 2))
            continue
        paragraph.append(row)
        if ends_sentence(row):
            blocks.append(Block("paragraph", "\n".join(paragraph), line))
            paragraph = []
    if paragraph:
        blocks.append(Block("paragraph", "\n".join(paragraph), line))
    return blocks


def _subheading(row: str, width: int, last: bool) -> bool:
    if last or ends_sentence(row) or has_prose_punct(row) or any(ch in _OPEN for ch in row):
        return False
    return len(re.findall(f"[{HAN}]", row)) >= 2 and display_width(row) <= min(40, width // 2)
