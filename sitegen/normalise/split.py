"""Split a source's blocks into the articles it bundles.

One file may hold several articles: a Markdown digest with one `#` per event,
a PDF of several wire dispatches, a search-result page. Readers mark article
titles as level-1 headings; this module cuts at them, treats a run of level-1
headings as one multi-line title, and also cuts where a wire dateline
(`新华社杭州 11 月 21 日电…`) opens a new dispatch under its own title line, which
PDF extraction often leaves unmarked, and where a weekly digest's `##` items
each carry their own source line (`来源：南京日报 2025-03-21`), or whose items
open with the day they happened (`9月2日，…`) under a numbered title line
(`**1. 上海发布…**`), a bracketed one (`【上海发布…】9月2日，…`), a numbered
one running on into the text (`1. 上海发布…。9月2日，…`), or, in a document
whose title names a digest (`长三角AI动态`), a section heading (`## 上海：…`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sitegen.chinese.dates import find_dates
from sitegen.model import Block, PartialDate
from sitegen.normalise.clean import PHOTO_CREDIT, is_prose, normalise_unicode
from sitegen.normalise.metadata import (
    is_dateline_only,
    looks_like_title,
    parse_credit_line,
    parse_dateline,
    titles_a_digest,
)
from sitegen.read.bylines import ACCOUNT_NAME_CHARS

FURNITURE_MAX_CHARS = 40
DIGEST_LEAD_MIN_CHARS = 40  # text before a digest's first item that is worth an article of its own
CAPTION_MAX_CHARS = 200
ITEM_TITLE_MAX_CHARS = 50
ITEM_DATE_REACH = 16  # an item's text opens with its date within this many characters

RUN_ON_TITLE_MIN_CHARS = 6  # `1. 上海：9月2日，…` names a place, not an item

_ANY_YEAR = PartialDate(2000, 1, 1)
_ITEM_CLAUSE_END = re.compile(r"[，。；！？,;!?]")
_TITLE_BREAKS = "。：: \t"
# `【标题】正文`, `**标题** 正文`, perhaps numbered (`1. 【标题】正文`): an item's title run into its text;
# a news feed's items come under the time they were posted (`10:32` on the line above).
_BRACKETED_TITLE = re.compile(
    r"^\s*(?:\d{1,2}:\d{2}(?::\d{2})?[ \t]*\n\s*)?(?:\d{1,2}\s*[.、．]\s*)?(?:【(?P<title>[^【】\n]{2,60})】|\*\*(?P<bold>[^*\n]{2,60})\*\*)\s*(?P<colon>[：:])?\s*(?P<text>\S.*)$",
    re.S,
)
_HASHTAG = re.compile(r"#([^#\n]{1,30})#")
# `1. 标题`, `2、标题`, `（3）标题`, `04 标题`, optionally all bold: one numbered item's title.
_EMPHASIS = re.compile(r"^(\*\*|__|\*|_)(?P<inner>.+)\1$")
_ITEM_NUMBER = re.compile(
    r"^(?:[（(](?P<bracketed>\d{1,2})[)）]|(?P<number>\d{1,2})(?:\s*[.、．:：)）]|\s+)(?!\d))\s*(?P<title>\S.*)$"
)


@dataclass
class Group:
    """The blocks of one article: its title headings and everything under them."""

    title: list[Block] = field(default_factory=list)
    body: list[Block] = field(default_factory=list)

    @property
    def line(self) -> int:
        first = (self.title or self.body)[0] if (self.title or self.body) else None
        return first.line if first else 1


# What a post puts in front of the line under a picture (`▲灵犀机器人工厂`, `△图片来源：视觉中国`).
PICTURE_MARKS = "▲△↑"


def is_photo_caption(text: str) -> bool:
    """True for a short paragraph that ends with a photo credit (`新华社 发`) or
    opens with the mark of the picture above it (`▲`)."""
    if len(text) > 2 * CAPTION_MAX_CHARS:
        return False
    text = normalise_unicode(text).strip()
    return len(text) <= CAPTION_MAX_CHARS and (text.startswith(tuple(PICTURE_MARKS)) or bool(PHOTO_CREDIT.search(text)))


def mark_captions(blocks: list[Block]) -> list[Block]:
    """Paragraphs that are photo captions, and a heading opening with the mark of
    a picture (`▲灵犀机器人工厂`, a reader took for a short heading), become caption blocks.

    Readers of PDF text cannot always tell a caption from prose; the credit at
    its end can, and knowing it lets a sentence broken around the photo be
    joined again.
    """
    return [
        Block("caption", b.text, b.line, b.level, b.meta)
        if (b.kind == "paragraph" and is_photo_caption(b.text))
        or (b.kind == "heading" and b.level > 1 and b.text.lstrip().startswith(tuple(PICTURE_MARKS)))
        else b
        for b in blocks
    ]


def is_furniture(block: Block) -> bool:
    """Page furniture: a short label with no prose (`搜索文档`, a site name)."""
    if block.kind not in ("paragraph", "list", "heading", "image"):
        return False
    if len(block.text) > 4 * FURNITURE_MAX_CHARS:
        return False
    text = normalise_unicode(block.text).strip()
    return len(text) <= FURNITURE_MAX_CHARS and not is_prose(text)


def split_articles(blocks: list[Block], front_title: str = "") -> list[Group]:
    """Group the blocks into articles (see the module docstring).

    Blocks before the first title belong to the first article, unless they are
    only furniture, which is dropped; bylines among them are kept, they carry
    the first article's metadata. `front_title`, the title the source's front
    matter or properties give, names a text without a title line (a digest's
    `title: 中西部AI产业周报` over its `## 芜湖：…` items).
    """
    groups: list[Group] = []
    lead: list[Block] = []
    for block in blocks:
        if _is_title(block):
            if groups and groups[-1].title and not groups[-1].body:
                groups[-1].title.append(block)
            else:
                groups.append(Group(title=[block]))
        elif groups:
            groups[-1].body.append(block)
        else:
            lead.append(block)
    if not groups:
        groups = [Group(body=lead)]
    else:
        if all(is_furniture(b) or b.kind == "byline" for b in lead):
            lead = [b for b in lead if b.kind == "byline"]
        groups[0].body[:0] = lead
        _masthead_for_all(lead, groups[1:])
    return _footnotes_with_citers([
        part
        for group in groups
        for post in _split_at_posts(group)
        for dispatch in _split_at_datelines(post)
        for section in _split_at_sourced_sections(dispatch)
        for part in _split_at_digest_items(section, front_title)
        if part.body or part.title
    ])


def _footnotes_with_citers(parts: list[Group]) -> list[Group]:
    """A Markdown footnote defined at the end of a digest (`[^2]: 来源：36氪`) goes
    with the item that cites it (`…由宁德时代领投。[^2]`), not the last item."""
    if len(parts) < 2:
        return parts
    for part in parts:
        for note in [b for b in part.body if "footnote" in b.meta]:
            marker = f"[^{note.meta['footnote']}]"
            citer = next((p for p in parts if any(marker in b.text for b in p.body if b is not note)), part)
            if citer is not part:
                part.body.remove(note)
                citer.body.append(note)
    return parts


def _masthead_for_all(lead: list[Block], others: list[Group]) -> None:
    """A digest's masthead above its first item (`AI产业早报｜2025年6月10日`) dates
    and names every item: each gets it last, below its own source lines, so
    what an item says of itself comes first."""
    masthead = [b for b in lead if b.kind == "byline" and b.meta.get("role") == "source"]
    for group in others:
        group.body.extend(masthead)


def _is_title(block: Block) -> bool:
    return block.kind == "heading" and block.level == 1


def _split_at_posts(group: Group) -> list[Group]:
    """A page of social-media posts (a Weibo timeline saved as text): each post
    stamped with when it went up and the client it was sent from (`3月5日 10:32
    来自 微博 weibo.com`), under its account's name, is an article, titled by its
    bracketed headline (`【#两会# 代表委员热议#具身智能#】`) or its first clause.
    The page's first line, taken for its title, is the first post's account;
    so it is on a page of one post that opens with a bracketed headline."""
    body = group.body
    stamps = [n for n, block in enumerate(body[:-1]) if _post_stamp(block) and _is_prose(body[n + 1])]
    one_headed_post = (
        len(stamps) == 1 and all(b.kind == "byline" for b in body[: stamps[0]])
        and bool(_BRACKETED_TITLE.match(body[stamps[0] + 1].text))
    )
    if len(stamps) < 2 and not one_headed_post:
        return [group]
    first = body[stamps[0]]
    if len(group.title) == 1 and "publisher" not in first.meta and len(group.title[0].text) <= ACCOUNT_NAME_CHARS:
        account = {**first.meta, "publisher": group.title[0].text}
        body = [*body[: stamps[0]], Block("byline", first.text, first.line, 0, account), *body[stamps[0] + 1 :]]
    starts, ends = [0, *stamps[1:]], [*stamps[1:], len(body)]  # what stands before the first post stays with it
    return [
        Group(title=[Block("heading", _post_title(body[stamp + 1].text), body[stamp + 1].line, 1)], body=body[start:end])
        for stamp, start, end in zip(stamps, starts, ends)
    ]


def _post_stamp(block: Block) -> bool:
    return block.kind == "byline" and "client" in block.meta


def _post_title(text: str) -> str:
    """A post's bracketed headline without its hashtags' marks, else its first clause."""
    bracketed = _BRACKETED_TITLE.match(text)
    if bracketed and bracketed["title"]:
        return " ".join(_HASHTAG.sub(r"\1", bracketed["title"]).split())
    return _lead_clause(text) or text[:ITEM_TITLE_MAX_CHARS]


def _split_at_datelines(group: Group) -> list[Group]:
    """Cut before `title line` + `dateline paragraph` when prose came before them.

    Under an article's own title, a section heading (`##`) stays a section:
    a report quoting a dispatch under it is still one article."""
    parts = [group]
    body = group.body
    start = 0
    for index in range(2, len(body)):
        title, opener = body[index - 1], body[index]
        if (
            opener.kind == "paragraph"
            and parse_dateline(opener.text)
            and not is_dateline_only(opener.text)
            and _is_title_line(title)
            and not (title.kind == "heading" and title.level >= 2 and group.title)
            and any(_is_prose(b) for b in body[start : index - 1])
        ):
            parts[-1].body = body[start : index - 1]
            title_block = Block("heading", title.text, title.line, 1, title.meta)
            parts.append(Group(title=[title_block], body=[]))
            start = index
    parts[-1].body = body[start:]
    return parts


def _split_at_sourced_sections(group: Group) -> list[Group]:
    """Cut before each lower heading that has a source line of its own right
    under it (a publisher or a date), when two or more do: each is one item of
    a digest. The digest's own title goes with whatever stands before the
    first item, and is dropped when that is only furniture or a line of
    greeting (`本周要闻速览。`): an article needs something to report."""
    body = group.body
    cuts = [index for index in range(len(body) - 1) if _sourced_heading(body[index], body[index + 1])]
    if len(cuts) < 2:
        return [group]
    parts = []
    lead = [b for b in body[: cuts[0]] if b.kind != "byline" and not is_furniture(b)]
    if sum(len(b.text) for b in lead if b.kind != "heading") >= DIGEST_LEAD_MIN_CHARS:
        parts.append(Group(title=group.title, body=body[: cuts[0]]))
    for number, cut in enumerate(cuts):
        end = cuts[number + 1] if number + 1 < len(cuts) else len(body)
        heading = body[cut]
        parts.append(Group(title=[Block("heading", heading.text, heading.line, 1, heading.meta)], body=body[cut + 1 : end]))
    return parts


def _sourced_heading(heading: Block, under: Block) -> bool:
    return (
        heading.kind == "heading"
        and heading.level >= 2
        and under.kind == "byline"
        and bool(under.meta.get("publisher") or under.meta.get("date"))
    )


def _is_title_line(block: Block) -> bool:
    if block.kind == "heading":
        return True
    return (
        block.kind == "paragraph"
        and looks_like_title(block.text)
        and not parse_credit_line(block.text)
        and not parse_dateline(block.text)
    )


def _is_prose(block: Block) -> bool:
    return block.kind == "paragraph" and is_prose(block.text)


@dataclass(frozen=True)
class _Item:
    """One digest item: where it starts, its title, and the text run on after a
    bracketed title (`【标题】9月2日，…`), if the title is not a line of its own."""

    index: int
    title: str
    run_on: str | None = None

    def text(self, body: list[Block]) -> str:
        return self.run_on if self.run_on is not None else body[self.index + 1].text


def _split_at_digest_items(group: Group, front_title: str = "") -> list[Group]:
    """Cut a digest into its items: title lines numbered 1, 2, 3 … (numbering
    may start again under a section heading) each over prose (`1. 上海发布…` /
    `9月2日，…`), or paragraphs that open with a bracketed title
    (`【上海发布…】9月2日，…`); when there are two or more and at least two
    and half of them open with the day or month they happened, which an
    essay's numbered sections do not.

    Section labels left at an item's end (`## 二、企业动态`) go; the digest's
    source lines go to every item, and when none is dated, the finest date the
    digest's title or lead gives (`2025年第36期`, `本期时间：2025年9月1日—9月7日`)
    is each item's issue date, so `9月2日` has a year.
    """
    items_apart = _list_items_apart(group.body)
    if items_apart is not group.body:
        parts = _split_at_digest_items(Group(group.title, items_apart), front_title)
        if len(parts) > 1:
            return parts
    titled_by_item = _title_as_first_item(group)
    if titled_by_item is not None:
        parts = _split_at_digest_items(titled_by_item)
        if len(parts) > 1:
            return parts
    body = group.body
    items = max(_numbered_items(body), _bracketed_items(body), _run_on_items(body), key=len)
    if len(items) < 2 and titles_a_digest(" ".join(block.text for block in group.title) or front_title):
        items = _heading_items(body)
        if len(items) < 2:
            items = _dated_line_items(body)
    if len(items) < 2:
        return [group]
    dated = sum(_opens_with_date(item.text(body)) for item in items)
    if dated < 2 or 2 * dated < len(items):
        return [group]
    lead, tail = body[: items[0].index], _trailing_bylines(body[items[-1].index + 1 :])
    shared = [b for b in lead if b.kind == "byline" and b.meta.get("role") == "source"]
    if not any(b.meta.get("date") for b in shared):
        shared.extend(_issue_date(group.title + lead))
    parts = []
    if sum(len(b.text) for b in lead if b.kind not in ("heading", "byline")) >= DIGEST_LEAD_MIN_CHARS:
        parts.append(Group(title=group.title, body=lead))
    ends = [*(item.index for item in items[1:]), len(body) - len(tail)]
    parts.extend(_item_group(body, item, end, [*tail, *shared]) for item, end in zip(items, ends))
    return parts


def _list_items_apart(body: list[Block]) -> list[Block]:
    """The body with each list of several items as one list block per item, so
    a digest written as a Markdown list (`1. **标题** - 四川日报 - 2024年6月5日`
    over its snippet) has items to cut at; the body itself when it has no such list.
    A line indented under an item (a nested list, a continued snippet) stays with it."""
    listed = [_list_items(block) if block.kind == "list" else [] for block in body]
    if all(len(items) < 2 for items in listed):
        return body
    apart: list[Block] = []
    for block, items in zip(body, listed):
        if len(items) < 2:
            apart.append(block)
        else:
            apart.extend(Block("list", item, block.line + n, block.level, block.meta) for n, item in enumerate(items))
    return apart


def _list_items(block: Block) -> list[str]:
    """A list block's items, each with the lines indented under it."""
    items: list[list[str]] = []
    for line in block.text.strip().split("\n"):
        if items and line[:1].isspace():
            items[-1].append(line)
        else:
            items.append([line])
    return ["\n".join(item) for item in items]


# `- 四川日报 - 2024年6月5日` after a search result's title: where and when it was published.
_ITEM_SOURCE = re.compile(
    r"^[-–—|｜·]\s*(?P<publisher>[^-–—|｜·\s\d][^-–—|｜·\s]{1,19})\s*[-–—|｜·]\s*"
    r"(?P<date>\d{4}\s*(?:年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|[-/.]\d{1,2}(?:[-/.]\d{1,2})?))\s*"
)


def _item_group(body: list[Block], item: _Item, end: int, credits: list[Block]) -> Group:
    """One item as an article: its title, its text up to `end` without the next
    section's label, and the digest's `credits` after it. A search result's source
    and date, run on after its title, become the item's byline."""
    first = body[item.index]
    text = body[item.index + 1 : end]
    if item.run_on is not None:
        source = _ITEM_SOURCE.match(item.run_on)
        run_on = item.run_on[source.end() :] if source else item.run_on
        if run_on:
            text.insert(0, Block("paragraph", run_on, first.line, 0, first.meta))
        if source:
            meta = {"publisher": source["publisher"], "date": source["date"]}
            text.insert(0, Block("byline", source.group().strip(" -–—|｜·"), first.line, 0, meta))
    while text and text[-1].kind == "heading":
        text.pop()
    return Group(title=[Block("heading", item.title, first.line, 1, first.meta)], body=[*text, *credits])


def _title_as_first_item(group: Group) -> Group | None:
    """A digest whose first item a reader took for its title (plain text opening
    `1、上海发布…` under a masthead): the group with that title as the first
    item's heading, below the bylines above it; None for any other title."""
    if len(group.title) != 1:
        return None
    first = group.title[0]
    heading = Block("heading", first.text, first.line, 2, first.meta)
    numbered = _item_title(heading)
    if numbered is None or numbered[0] != 1:
        return None
    bylines = next((n for n, block in enumerate(group.body) if block.kind != "byline"), len(group.body))
    return Group(title=[], body=[*group.body[:bylines], heading, *group.body[bylines:]])


def _numbered_items(body: list[Block]) -> list[_Item]:
    """The blocks numbered 1, 2, 3 … (or 1 again) that head prose."""
    items: list[_Item] = []
    last = 0
    for index in range(len(body) - 1):
        numbered = _item_title(body[index])
        if numbered is None or not _is_prose(body[index + 1]):
            continue
        number, title = numbered
        if number == 1 or (items and number == last + 1):
            items.append(_Item(index, title))
            last = number
    return items


def _heading_items(body: list[Block]) -> list[_Item]:
    """A digest's section headings over prose, each a headline (`## 上海：张江人工智能岛
    二期开园`), not a date (a chronology's `## 2025年3月` heads a month of events)."""
    items = []
    for index in range(len(body) - 1):
        block = body[index]
        if block.kind == "heading" and block.level >= 2 and _is_prose(body[index + 1]):
            title = normalise_unicode(block.text).strip()
            if _is_item_title(title) and not _only_a_date(title) and not _SECTION_LABEL.fullmatch(title):
                items.append(_Item(index, title))
    return items


# A report's numbered section (`一、本月要闻`, `（二）重点数据`): a few words that
# group items, no headline of its own.
_SECTION_LABEL = re.compile(r"(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[)）])\s*\S{1,6}")


def _dated_line_items(body: list[Block]) -> list[_Item]:
    """A digest's one-paragraph items that open with their day (`11月18日 北京
    百度发布文心大模型5.0，…`), each titled by its first clause after the date:
    when the body has no headings (a chronology's `## 2025年3月` heads a month)
    and such items make two thirds of its paragraphs at least (numbered title
    lines over dated text are `_numbered_items`)."""
    if any(block.kind == "heading" for block in body):
        return []
    items = []
    for index, block in enumerate(body):
        if block.kind != "paragraph" or "\n" in block.text.strip():
            continue
        text = normalise_unicode(block.text).strip()
        opening = [found for found in find_dates(text[: ITEM_DATE_REACH + 20], _ANY_YEAR)
                   if found.start == 0 and found.span.precision != "year"]
        if not opening:
            continue
        # a table's row goes on after its date cell: `11月3日 | 星海智算 | 北京 |`
        title = _ITEM_CLAUSE_END.split(text[opening[0].end :].lstrip(" ，,：:|"), maxsplit=1)[0].strip(" |")
        if title and _is_item_title(title[:ITEM_TITLE_MAX_CHARS]):
            items.append(_Item(index, title[:ITEM_TITLE_MAX_CHARS], block.text))
    paragraphs = sum(block.kind == "paragraph" for block in body)
    return items if 3 * len(items) >= 2 * paragraphs else []


def _only_a_date(text: str) -> bool:
    """`2025年3月`, `11月24日：`: a heading that says when, not what."""
    found = find_dates(text, _ANY_YEAR)
    return len(found) == 1 and len(text.strip(" ：:，,")) <= found[0].end - found[0].start + 2


def _run_on_items(body: list[Block]) -> list[_Item]:
    """The paragraphs numbered 1, 2, 3 … (or 1 again) whose title runs on into
    their text at the day or month it happened (`1. 上海发布行动方案。9月2日，…`,
    `2、深圳设立产业基金：9月4日，…`): plain-text digests put both on one line."""
    items: list[_Item] = []
    last = 0
    for index, block in enumerate(body):
        if block.kind not in ("paragraph", "list") or "\n" in block.text.strip():
            continue
        match = _ITEM_NUMBER.match(normalise_unicode(block.text).strip())
        parts = _title_run_on(match["title"]) if match else None
        if parts is None:
            continue
        number = int(match["bracketed"] or match["number"])
        if number == 1 or (items and number == last + 1):
            items.append(_Item(index, *parts))
            last = number
    return items


def _title_run_on(text: str) -> tuple[str, str] | None:
    """(title, text) of an item's line when a title of a few words ends at a
    break (`。`, `：`, a space) right before the day or month the text opens
    with; None for any other line."""
    days = [found for found in find_dates(text[: ITEM_TITLE_MAX_CHARS + ITEM_DATE_REACH], _ANY_YEAR)
            if found.span.precision != "year"]
    if not days or days[0].start == 0 or text[days[0].start - 1] not in _TITLE_BREAKS:
        return None
    title, run_on = text[: days[0].start].rstrip(_TITLE_BREAKS), text[days[0].start :]
    if len(title) >= RUN_ON_TITLE_MIN_CHARS and _is_item_title(title) and is_prose(run_on):
        return title, run_on
    return None


def _bracketed_items(body: list[Block]) -> list[_Item]:
    """The paragraphs that open with a bracketed or bold title and run on in
    prose; a news site's bracketed lead-in (`【环球网科技报道 记者 金敏】`) is no title."""
    items = []
    for index, block in enumerate(body):
        one_item = block.kind == "paragraph" or block.kind == "list" and len(_list_items(block)) == 1
        match = _BRACKETED_TITLE.match(block.text) if one_item else None
        title = (match["title"] or match["bold"]).strip() if match else ""
        if match and not _speaker_turn(match, title) and is_prose(match["text"]) and _is_item_title(title) \
                and not parse_dateline(block.text):
            if len(title) <= LABEL_MAX_CHARS:
                title = _lead_clause(match["text"]) or title
            items.append(_Item(index, title, match["text"].strip()))
    return items


def _speaker_turn(match: re.Match[str], label: str) -> bool:
    """Whether a bracketed or bold lead-in labels a speaker's turn in an interview
    rather than titling an item: `**李明：**` says so itself, `**记者**：` by the
    colon after a label as short as a name or a role."""
    return label.endswith(("：", ":")) or match["colon"] is not None and len(label) <= LABEL_MAX_CHARS


# `【北京】`, `【快讯】`: a bracket this short labels an item (its place, its
# kind); the item's first clause is its headline (`北京亦庄发布人形机器人…`).
LABEL_MAX_CHARS = 4
_LEAD_DATE = re.compile(r"^(?:\d{4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日(?:[上下]午|晚间|晚上)?\s*[，,]\s*")
_CLAUSE_END = re.compile(r"[，,。；;！？!?]")


def _lead_clause(text: str) -> str:
    """The text's first clause after the date it opens with, if it reads as a title."""
    clause = _CLAUSE_END.split(_LEAD_DATE.sub("", text.strip()), 1)[0].strip()
    return clause if _is_item_title(clause) else ""


def _item_title(block: Block) -> tuple[int, str] | None:
    """(number, title) of a numbered title line, or None."""
    if block.kind not in ("heading", "paragraph", "list") or "\n" in block.text.strip():
        return None
    if block.kind == "heading" and block.level < 2:
        return None
    text = normalise_unicode(block.text).strip()
    emphasis = _EMPHASIS.match(text)
    match = _ITEM_NUMBER.match(emphasis["inner"].strip() if emphasis else text)
    if not match:
        return None
    title = match["title"].strip().strip("*_").strip()
    return (int(match["bracketed"] or match["number"]), title) if _is_item_title(title) else None


def _is_item_title(title: str) -> bool:
    return len(title) <= ITEM_TITLE_MAX_CHARS and looks_like_title(title) and not parse_credit_line(title)


def _opens_with_date(text: str) -> bool:
    """Whether the text opens with a day or month (a report's numbered tasks
    open with the year they are for: `2025年，南京将…`); any reference year
    will do to find one that names no year of its own (`9月2日`)."""
    opening = find_dates(text[: ITEM_DATE_REACH + 20], _ANY_YEAR)
    return any(found.start < ITEM_DATE_REACH and found.span.precision != "year" for found in opening)


def _trailing_bylines(blocks: list[Block]) -> list[Block]:
    """The bylines after the last item's text: the digest's own credits."""
    count = 0
    while count < len(blocks) and blocks[len(blocks) - 1 - count].kind == "byline":
        count += 1
    return blocks[len(blocks) - count :] if count else []


def _issue_date(blocks: list[Block]) -> list[Block]:
    """A byline with the finest date the digest's title or lead gives, if any."""
    rank = {"year": 1, "month": 2, "day": 3}
    spans = [found.span for block in blocks if block.kind != "byline" for found in find_dates(block.text)]
    if not spans:
        return []
    finest = max(spans, key=lambda span: rank[span.precision])
    return [Block("byline", finest.text, blocks[0].line, 0, {"role": "issue", "date": finest.text})]
