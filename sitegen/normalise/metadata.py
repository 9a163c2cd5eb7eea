"""Article metadata from the words around the text: bylines, credits, datelines,
front matter and HTML meta.

News sources say who published and wrote a piece in a handful of fixed shapes
(`新京报记者 周怀宗`, `记者 张艳 王轶斐 姚华`, `新华社杭州 11 月 21 日电（记者魏一骏、郑可意）`,
`人民日报海外版· 2026-01-23 06:36`). Each shape has one parser here; they are
matched on whole lines or line starts only, so prose that mentions a reporter is
never mistaken for a credit.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from sitegen.chinese.dates import DAY_PART, find_dates, parse_date
from sitegen.model import Block, DateSpan, Diagnostic, PartialDate
from sitegen.normalise.clean import CJK, clean_line, join_wraps, normalise_unicode, strip_markup
from sitegen.read.bylines import is_english_publication, is_filed_from, parse_release_dateline

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_HAN = "\u4e00-\u9fff"
DATA_FILE = Path(__file__).with_name("credits.toml")
_WORDS = tomllib.loads(DATA_FILE.read_text(encoding="utf-8"))
_AUTHOR_ROLES = tuple(_WORDS["roles"]["authors"])
_OTHER_ROLES = tuple(_WORDS["roles"]["others"])
_ROLES = sorted(set(_AUTHOR_ROLES + _OTHER_ROLES), key=len, reverse=True)
_ROLE_WORD = re.compile(
    rf"^(?P<org>[{_HAN}A-Za-z]{{0,10}}?)(?P<role>{'|'.join(map(re.escape, _ROLES))})(?P<rest>[{_HAN}·]*)$"
)
_NAME = re.compile(rf"^[{_HAN}][{_HAN}·]{{1,11}}$")
_IGNORED_TOKENS = set(_WORDS["roles"]["trailing"])
_CREDIT_SEPARATORS = re.compile(r"[\s、，,：:/|；;]+")
_PICTURE_CREDIT = re.compile(rf"^(?:图片|照片|视频|图|配图)(?:由|来自|来源|/|：|:)[{_HAN}A-Za-z0-9 ，、]{{1,30}}$")
_SOURCE_CREDIT = re.compile(rf"^(?:来源|出处|稿源|来自)[:：\s]+(?P<org>[{_HAN}A-Za-z0-9·]{{2,30}})$")
CREDIT_MAX_CHARS = 80
# How much text around a dateline is read: the line itself and the nearby years
# `find_dates` may borrow (it looks 400 characters ahead).
DATELINE_CONTEXT = 1000

# `新华社杭州 11 月 21 日电（记者魏一骏、郑可意）`, `本报讯（记者 张三）`
# Simplified and Traditional forms (`中央社台北11日電（記者…）`).
_DATELINE = re.compile(
    rf"^(?:(?P<org>[{_HAN}]{{1,8}}?(?:社|网|报|台|網|報))(?P<place>[{_HAN}]{{0,8}}?)\s*"
    rf"(?P<date>(?:\d{{4}}\s*年\s*)?\d{{1,2}}\s*月\s*\d{{1,2}}\s*日)\s*[电讯電訊]"
    rf"|(?:本报|本台|本刊|本報)[讯訊])"
    rf"(?:\s*[（(](?P<credit>[^（）()\n]{{1,60}})[）)])?"
)
# A news site's lead-in: `【环球网科技报道 记者 金敏】`, `新浪科技讯 11月19日消息，`,
# `IT之家 6 月 3 日消息，`: the site (and reporter) that wrote the piece.
_WEB_LEAD_IN = re.compile(
    rf"^(?:【(?P<org>[{_HAN}A-Za-z0-9]{{1,10}}?(?:网|报|報|社|台|新闻|新聞))[{_HAN}]{{0,4}}?报道"
    rf"\s*(?P<credit>(?:记者|特约记者|实习记者|通讯员)\s*[^【】\n]{{1,30}})?】"
    rf"|(?P<site>[{_HAN}A-Za-z0-9]{{2,12}}?)[讯訊]?\s*(?P<date>\d{{1,2}}\s*月\s*\d{{1,2}}\s*日)\s*{DAY_PART}消息\s*[，,：:])"
)
# Taiwan's Central News Agency puts its dateline in brackets, the reporter's
# name run into the place: `（中央社記者趙麗妍台中2025年8月12日電）`, `（中央社記者陳雅婷台北5日電）`.
_BRACKETED_DATELINE = re.compile(
    rf"^[（(](?P<org>[{_HAN}]{{1,8}}?(?:社|网|报|台|網|報))(?:记者|記者|特派员|特派員)"
    rf"(?P<reporters>[{_HAN}·、]{{2,40}}?)\s*"
    rf"(?P<date>(?:\d{{4}}\s*年\s*)?(?:\d{{1,2}}\s*月\s*)?\d{{1,2}}\s*日)\s*[电電][）)]"
)
# Two-character surnames, for telling a reporter's name from the place run into it.
_COMPOUND_SURNAMES = frozenset(_WORDS["names"]["compound_surnames"])
_DATELINE_HINT = re.compile(r"日\s*[电電]|[讯訊]|^【|日\s*消息")
DATELINE_HINT_CHARS = 40
RELEASE_DATELINE_CHARS = 100  # `SHENYANG, China, March 14, 2024 /PRNewswire/ --` is longer
_TRAILING_DATELINE = re.compile(
    rf"(?:^|[。！？”])\s*(?P<line>[{_HAN}]{{1,8}}?(?:社|网|报|台)[{_HAN}]{{0,8}}?\s*"
    rf"(?:\d{{4}}\s*年\s*)?\d{{1,2}}\s*月\s*\d{{1,2}}\s*日\s*电)\s*$"
)
# `人民日报海外版· 2026-01-23 06:36`
_DIGEST_BYLINE = re.compile(r"^(?P<publisher>[^\s·•|].{0,40}?)\s*[·•|]\s*(?P<date>\d{4}\s*[-/.年].*)$")
_ORG_SUFFIX = re.compile(f"(?:{'|'.join(map(re.escape, _WORDS['organisations']['suffixes']))})$", re.I)
_KEYS = {name: tuple(keys) for name, keys in _WORDS["meta_keys"].items()}
_END_MARK = "|".join(f"(?:{pattern})" for pattern in _WORDS["end_marks"]["patterns"])
_END_MARK_ALONE = re.compile(rf"\s*(?:{_END_MARK})\s*")
_CLOSING_MARK = re.compile(rf"\s*(?:{'|'.join(_WORDS['end_marks']['closing'])})\s*")
_NOTICE = re.compile(rf"(?:{'|'.join(_WORDS['notices']['patterns'])})")
NOTICE_MAX_CHARS = 320
_RECORD = re.compile(f"(?:{'|'.join(_WORDS['records']['patterns'])})")
_ORIGINS = tuple(re.compile(pattern) for pattern in _WORDS["notices"].get("origin", ()))
_DOCUMENT_LABELS = frozenset(label.lower() for label in _WORDS["labels"]["document"])
_DIGEST_TITLE = re.compile("|".join(map(re.escape, _WORDS["labels"]["digest"])), re.IGNORECASE)
_END_MARK_AFTER_TEXT = re.compile(rf"(?<=[。！？!?”」』）)])[ \t]*(?:{_END_MARK})\s*$")


@dataclass
class Credit:
    """What a credit line, byline or dateline says about an article."""

    publisher: str | None = None
    authors: list[str] = field(default_factory=list)
    date: DateSpan | None = None
    date_text: str = ""  # the date words when they could not be parsed


# --------------------------------------------------------------------------- credit lines


_COMPILED = frozenset(_WORDS["compiled"]["sources"])


# A paper naming itself in its own dateline (`本报北京11月20日电`): "this paper", no name.
_OWN_OUTLET = frozenset({"本报", "本報", "本台", "本刊", "本网", "本網", "本社"})


def _outlet(name: str | None) -> str | None:
    return None if name in _OWN_OUTLET else name


def _publisher(name: str | None) -> str | None:
    """A source line's publisher, unless it says how the piece was compiled (`公开资料整理`)."""
    return None if name in _COMPILED else name


def parse_credit_line(text: str) -> Credit | None:
    """`记者 张艳 王轶斐 姚华` -> authors; `新京报记者 周怀宗` -> publisher and author;
    `编辑 樊一婧 校对 卢茜` -> a credit with no author; None when it is not a credit.

    The whole line must be roles and names, so a sentence is never a credit.
    """
    if len(text) > 2 * CREDIT_MAX_CHARS or any(mark in text for mark in "，。！？"):
        return None
    line = _bare_line(text).strip("（）() ")
    if not line or len(line) > CREDIT_MAX_CHARS or re.search(r"[。！？!?]", line):
        return None
    if _PICTURE_CREDIT.match(line):
        return Credit()
    source = _SOURCE_CREDIT.match(line)
    if source:
        return Credit(publisher=_publisher(source.group("org")))
    return _roles_and_names(_CREDIT_SEPARATORS.split(line))


def _roles_and_names(tokens: list[str]) -> Credit | None:
    credit = Credit()
    role: str | None = None
    since_role: list[str] = []  # names credited under the current role
    tokens = [token for token in tokens if token]
    if len(tokens) > 2 and _ORG_SUFFIX.search(tokens[0]) and _role_word(tokens[1]):
        credit.publisher, tokens = tokens[0], tokens[1:]  # `贵州日报 记者 王芳`
    for token in tokens:
        if role and since_role and is_filed_from(token):
            continue
        if token in _IGNORED_TOKENS and role:
            if token in ("摄", "攝"):  # `新华社记者 张三 摄`: a photographer, not an author
                credit.authors = [name for name in credit.authors if name not in since_role]
            continue
        word = _role_word(token)
        if word:
            org, role, rest = word
            if org and role in _AUTHOR_ROLES and _ORG_SUFFIX.search(org):
                credit.publisher = credit.publisher or org
            elif org:
                return None
            since_role = [rest] if rest else []
            if rest:
                _add_name(credit, role, rest)
            continue
        if role is None or not _NAME.match(token):
            return None
        since_role.append(token)
        _add_name(credit, role, token)
    return credit if role is not None else None


def _role_word(token: str) -> tuple[str, str, str] | None:
    """(organisation, role, name) of `新京报记者`, `记者张艳`, `编辑`; a one-character
    role (`文`, `图`, `摄`) counts only as a whole token, so `文明` is a name."""
    word = _ROLE_WORD.match(token)
    if not word:
        return None
    org, role, rest = word.group("org"), word.group("role"), word.group("rest")
    if rest and not _NAME.match(rest):
        return None
    if len(role) == 1 and (org or rest):
        return None
    return org, role, rest


def _add_name(credit: Credit, role: str, name: str) -> None:
    if role in _AUTHOR_ROLES and name not in credit.authors:
        credit.authors.append(name)


def _bare_line(text: str) -> str:
    return normalise_unicode(join_wraps(strip_markup(text))).strip()


def is_end_mark(text: str) -> bool:
    """`（完）` on a line of its own: the end of a dispatch, not its text."""
    return len(text) < CREDIT_MAX_CHARS and bool(_END_MARK_ALONE.fullmatch(text))


def is_closing_mark(text: str) -> bool:
    """`###` on a line of its own: a press release's end; its boilerplate follows."""
    return len(text) < 12 and bool(_CLOSING_MARK.fullmatch(text))


# What ends a press release's news: the issuer's `About …` section, its media
# contacts and the wire's `SOURCE …` line; the last two are sometimes all there is.
_RELEASE_END = re.compile(
    r"(?:About|ABOUT)\s+[A-Z0-9][\w&.,'’ -]{1,60}"
    r"|[关關]于[^\s，。：:]{1,20}(?:公司|集团|集團|科技|股份|研究院|协会|協會|基金会|基金會|大学|大學|Inc\.?|Ltd\.?)"
    r"|(?:(?:Media|Press|Investor)\s+)?(?:Contacts?|Inquiries|Enquiries)\s*:.*|SOURCE\s+[A-Z].{0,60}"
    r"|(?:媒体|媒體|新闻|新聞)(?:联系人|聯繫人|联络|聯絡|垂询|查詢|查询)\s*[:：]?.*"
)


def is_release_end(text: str) -> bool:
    """`About Siemens Healthineers` (alone or over its text), `Media Contact:`,
    `SOURCE Siemens Healthineers`, `媒体联系人：`: in a press release, where the
    issuer's boilerplate begins."""
    return bool(_RELEASE_END.fullmatch(text.strip().split("\n", 1)[0].strip()))


def is_notice(text: str) -> bool:
    """`（本周报由编辑部整理，转载请注明出处）`, `免责声明：…`: the source speaking of
    itself, not of the news."""
    return len(text) <= NOTICE_MAX_CHARS and bool(_NOTICE.fullmatch(text.strip().strip("（）()【】[]*_ ")))


def is_record(text: str) -> bool:
    """`（此件公开发布）`, `抄送：…`, `…2025年3月12日印发`: an official document's
    record of itself, not of the news."""
    return len(text) <= NOTICE_MAX_CHARS and bool(_RECORD.fullmatch(text.strip()))


def notice_origin(text: str) -> Credit | None:
    """The publisher a notice names as where the text first appeared
    (`本文由「36氪」原创` -> 36氪), if it names one, with the issue it appeared
    in as the date (`本文首发于《第一财经》，2025年12月刊` -> 2025-12)."""
    for pattern in _ORIGINS:
        match = pattern.search(text)
        if match:
            issue = find_dates(text[match.end():])
            return Credit(publisher=match["publisher"], date=issue[0].span if issue else None)
    return None


def titles_a_digest(title: str) -> bool:
    """`长三角AI动态（2025年第48周）`, `AI周报`: a title that names a digest of news items."""
    return bool(_DIGEST_TITLE.search(title))


def is_document_label(text: str) -> bool:
    """`新闻稿`, `Press Release` alone: what kind of document it is, not its title."""
    return " ".join(text.split()).strip("【】[]（）() ").lower() in _DOCUMENT_LABELS


# A credit in brackets after the last sentence, e.g. Taiwan's Central News
# Agency's `（編輯：林克倫）1140812`, whose digits are its filing date (ROC year).
TRAILING_CREDIT_CHARS = 60
_TRAILING_CREDIT = re.compile(r"(?:^|(?<=[。！？!?”」』]))[ \t]*[（(](?P<credit>[^（）()\n]{2,40})[）)][ \t]*(?:\d{7})?[ \t]*$")


# An interview's closing note in brackets, its credits after the note's last sentence:
# `（本文根据录音整理，未经本人确认。记者：王晓燕 编辑：陈默）`.
_COLOPHON = re.compile(r"[（(](?P<note>[^（）()]{2,120}[。；;])\s*(?P<credit>[^（）()。]{2,60})[)）]")


def parse_colophon(text: str) -> Credit | None:
    """The credits of a bracketed closing note; the note says how the text was
    made, not what it reports, so the paragraph is no text at all."""
    match = _COLOPHON.fullmatch(text.strip())
    return parse_credit_line(match["credit"]) if match else None


def split_trailing_credit(text: str) -> tuple[str, Credit] | None:
    """`…年增逾一倍。（編輯：林克倫）1140812` -> (`…年增逾一倍。`, its credit): the
    credit closes the text and is no part of its last sentence."""
    tail = max(0, len(text) - TRAILING_CREDIT_CHARS)
    match = _TRAILING_CREDIT.search(text, tail)
    credit = parse_credit_line(match["credit"]) if match else None
    if match is None or credit is None:
        return None
    return text[: match.start()].rstrip(), credit


_ISSUER = re.compile(
    rf"^[{_HAN}][{_HAN}（）()]{{1,28}}(?:{'|'.join(map(re.escape, _WORDS['issuers']['suffixes']))})$"
)


def signature_issuer(blocks: list[Block]) -> int | None:
    """Where a notice's signature is: a line that is only the name of a body
    (`武汉市人民政府办公厅`) right above a line that is only the date it was
    signed; the last such pair, as a notice that issues a document signs the
    covering letter above the document itself."""
    text = [index for index, block in enumerate(blocks) if block.kind not in ("image", "caption")]
    for above, below in reversed(list(zip(text, text[1:]))):
        name, date = blocks[above], blocks[below]
        signed = date.kind == "byline" and set(date.meta) <= {"role", "date"} and "date" in date.meta
        if signed and name.kind == "paragraph" and _ISSUER.match(name.text.strip()):
            return above
    return None


def strip_end_mark(text: str) -> str:
    """`…企业参会。（完）` -> `…企业参会。`: the mark after the last sentence goes."""
    return _END_MARK_AFTER_TEXT.sub("", text) if text[-8:].strip() else text


# --------------------------------------------------------------------------- datelines


def parse_dateline(text: str) -> tuple[Credit, int] | None:
    """A wire dateline at the start of a paragraph: (what it says, its length).

    `新华社杭州 11 月 21 日电（记者魏一骏、郑可意）…` -> publisher 新华社, authors, and
    the date with its year taken from the text that follows (`find_dates`); a press
    release's `北京，2025年6月3日 /美通社/ --` -> its date and the wire that sent it.
    """
    release = parse_release_dateline(text[:RELEASE_DATELINE_CHARS])
    if release is not None:
        meta, length = release
        date = parse_date(meta["date"]) if "date" in meta else None  # `PARIS —`: the byline dated the story
        return Credit(publisher=meta.get("publisher"), date=date), length
    if not _DATELINE_HINT.search(text[:DATELINE_HINT_CHARS]):
        return None
    line = _bare_line(text[:DATELINE_CONTEXT])
    match = _DATELINE.match(line) or _WEB_LEAD_IN.match(line) or _BRACKETED_DATELINE.match(line)
    if not match:
        return None
    found = match.groupdict()
    credit = Credit(publisher=_outlet(found.get("org") or found.get("site")))
    if found.get("credit"):
        inner = parse_credit_line(found["credit"])
        if inner:
            credit.authors = inner.authors
    if found.get("reporters"):
        credit.authors = _reporters_before_place(found["reporters"])
    if match.group("date"):
        credit.date = _dateline_date(line, match)
        credit.date_text = "" if credit.date else match.group("date")
    return credit, match.end()


def _reporters_before_place(names: str) -> list[str]:
    """`趙麗妍台中` -> [`趙麗妍`], `吳家豪、蘇思云台北` -> both: CNA runs the last
    reporter's name into the place filed from, with nothing between them.

    A Chinese name is three characters as a rule: two when only four are left
    for name and place (a place takes two at least), four after a two-character
    surname (`歐陽`) with room for a place; a line with no place is all name.
    """
    *others, last = names.split("、")
    surname = 2 if last[:2] in _COMPOUND_SURNAMES else 1
    given = 1 if len(last) - surname <= 3 else 2
    name = last if len(last) <= 3 else last[: surname + given]
    return [reporter for reporter in (*others, name) if len(reporter) >= 2]


def _dateline_date(line: str, match: re.Match[str]) -> DateSpan | None:
    """The dateline's date; its year comes from the text when the line has none."""
    for found in find_dates(line[: match.end("date")] + line[match.end():]):
        if found.start == match.start("date"):
            return DateSpan(found.span.start, found.span.end, False, match.group("date"))
    return None


def date_in_context(date_text: str, context: str) -> DateSpan | None:
    """A year-less dateline date (`11 月 21 日`) read at the end of the article it
    closes, so it takes the year the article names (`find_dates` rules)."""
    prefix = context[-DATELINE_CONTEXT:].rstrip() + "。"
    for found in find_dates(prefix + date_text):
        if found.start == len(prefix):
            return DateSpan(found.span.start, found.span.end, False, date_text)
    return None


def trailing_dateline(text: str) -> Credit | None:
    """`…李军华说。新华社杭州 11 月 21 日电`: the closing dateline of a dispatch."""
    match = _TRAILING_DATELINE.search(_bare_line(text[-DATELINE_CONTEXT:]))
    if not match:
        return None
    parsed = parse_dateline(match.group("line"))
    return parsed[0] if parsed else None


def is_dateline_only(text: str) -> bool:
    """True for a paragraph that is nothing but a dateline (`新华社杭州 11 月 21 日电`)."""
    parsed = parse_dateline(text)
    return bool(parsed) and len(text) < DATELINE_CONTEXT and parsed[1] >= len(_bare_line(text).rstrip("。 "))


# --------------------------------------------------------------------------- bylines


def parse_byline(text: str, meta: dict[str, str]) -> tuple[Credit | None, Diagnostic | None]:
    """A byline block (reader meta first, then its text) -> Credit, or None when
    it says nothing we can use; an impossible date gives a Diagnostic message
    (path and line filled in by the caller)."""
    named = _text(meta.get("publisher"))
    credit = Credit(publisher=_publisher(named))
    credit.authors = _named_authors(meta.get("authors", "")) or _named_authors(meta.get("author", ""))
    date_text = _text(meta.get("date"))
    digest = _DIGEST_BYLINE.match(_bare_line(text))
    if digest:
        credit.publisher = credit.publisher or digest.group("publisher").strip()
        date_text = date_text or digest.group("date").strip()
    line_credit = parse_credit_line(text)
    if line_credit:
        credit.publisher = credit.publisher or line_credit.publisher
        credit.authors = credit.authors or line_credit.authors
    problem = None
    if date_text:
        credit.date = parse_date(date_text)
        if credit.date is None:
            credit.date_text = date_text
            if is_impossible_date(date_text):
                problem = Diagnostic("", bad_date_message(date_text), severity="warning")
    # an editors' credit (`编辑｜李明`) names no author but is a credit all the same
    if not (named or credit.authors or credit.date or line_credit or date_text or meta.get("editors")):
        return None, problem
    return credit, problem


def _named_authors(value: object) -> list[str]:
    """The names of a reader's `authors` (`李华`, `Jane Tan, Mark Lee`); written as a
    credit (`记者 李华`, from a JSON record's author field), the credit's names."""
    credit = parse_credit_line(value) if isinstance(value, str) and value else None
    return credit.authors if credit is not None and credit.authors else split_names(value)


def bad_date_message(text: str) -> str:
    return f"date {text!r} is not a valid date; article kept without a date"


def is_impossible_date(text: str) -> bool:
    """A date that names its year but cannot exist (`2025-13-45`); a date that only
    lacks its year (`11 月 21 日`) is incomplete, not wrong."""
    return bool(re.search(r"(?<!\d)\d{4}(?!\d)", text)) and parse_date(text) is None


_LATIN = re.compile("[A-Za-z]")


def split_names(value: object) -> list[str]:
    """`张艳、王轶斐 姚华` or a YAML list -> ['张艳', '王轶斐', '姚华']; a space
    separates Chinese names but not the parts of one in Latin letters
    (`Jane Tan, Mark Lee` -> ['Jane Tan', 'Mark Lee'])."""
    if isinstance(value, (list, tuple)):
        items = [_text(item) for item in value]
    else:
        items = re.split(r"[、，,;；/]+|\s+(?:and|&)\s+", _text(value))
        items = [part for item in items for part in ([item] if _LATIN.search(item) else item.split())]
    return [item.strip() for item in items if item and item.strip()]


# --------------------------------------------------------------------------- front matter / meta


def meta_value(meta: dict[str, object], keys: tuple[str, ...]) -> object | None:
    """The first present, non-empty value among `keys` (case-insensitive)."""
    lowered = {str(key).lower(): value for key, value in meta.items()}
    for key in keys:
        value = lowered.get(key.lower())
        if value not in (None, "", [], {}):
            return value
    return None


def meta_title(meta: dict[str, object]) -> str:
    value = meta_value(meta, _KEYS["title"])
    return clean_line(_text(value), keep_cjk_spaces=True)[0] if value is not None else ""


def meta_running_title(meta: dict[str, object]) -> str:
    """The running header a paged document repeats on its pages (`read.pages`)."""
    value = meta.get("running_title")
    return clean_line(_text(value), keep_cjk_spaces=True)[0] if value else ""


def meta_publisher_and_authors(meta: dict[str, object]) -> tuple[str | None, list[str]]:
    """Publisher from `publisher`/`source`, or from an `author` that is an organisation.

    An `author` written as a credit (`记者 何佳`, `新京报记者 周怀宗`) gives its
    names, and its publisher when no other key names one.
    """
    publisher = meta_value(meta, _KEYS["publisher"])
    written = meta_value(meta, _KEYS["authors"]) or ""
    credit = parse_credit_line(_text(written)) if isinstance(written, str) else None
    if credit is not None and (credit.authors or credit.publisher):
        return (_text(publisher) or credit.publisher) if publisher is not None else credit.publisher, credit.authors
    authors = split_names(written)
    if publisher is None:
        orgs = [name for name in authors if _ORG_SUFFIX.search(name) or is_english_publication(name)]
        if orgs:
            publisher = orgs[0]
            authors = [name for name in authors if name not in orgs]
    return (_text(publisher) or None) if publisher is not None else None, authors


def meta_tags(meta: dict[str, object]) -> list[str]:
    """`tags: [AI, 智能制造]`, `tags: "AI, 智能制造"` or keywords -> a clean list."""
    return meta_list(meta, "tags")


def meta_list(meta: dict[str, object], name: str) -> list[str]:
    """The values under the keys of `name` (`[meta_keys]` in credits.toml) as a
    clean list: `regions: [深圳, 东莞]`, `topic: "算力与芯片"`, `tags: "AI, 智能制造"`."""
    return listed(meta_value(meta, _KEYS[name]))


def listed(value: object) -> list[str]:
    """A list as written (`[深圳, 东莞]`, `"AI, 智能制造"`, `智能制造、工业软件`), cleaned."""
    if value is None:
        return []
    items = value if isinstance(value, (list, tuple)) else re.split(r"[,，、;；]", _text(value))
    found: list[str] = []
    for item in items:
        text = _text(item).strip()
        if text and text not in found:
            found.append(text)
    return found


def meta_description(meta: dict[str, object]) -> str:
    value = meta_value(meta, _KEYS["description"])
    return clean_line(_text(value))[0] if value is not None else ""


def meta_date(meta: dict[str, object], raw_text: str) -> tuple[DateSpan | None, str, int | None]:
    """(date, the date words if impossible, the line they are on) from front matter/meta.

    YAML may already have made a `date`/`datetime` of it; the words of the
    source are then recovered from the front-matter line so DateSpan.text keeps
    what the author wrote.
    """
    value = meta_value(meta, _KEYS["date"])
    if value is None:
        return None, "", None
    line_no, written = _front_matter_line(raw_text, _KEYS["date"])
    if isinstance(value, (dt.date, dt.datetime)):
        day = value.date() if isinstance(value, dt.datetime) else value
        text = written or value.isoformat()
        return DateSpan(PartialDate(day.year, day.month, day.day), text=text), "", line_no
    text = _text(value)
    span = parse_date(text)
    return span, ("" if span else text), line_no


def _front_matter_line(raw_text: str, keys: tuple[str, ...]) -> tuple[int | None, str]:
    """The 1-based line and value text of the first `key: value` among `keys` in
    the first lines of the source (front matter sits at the top)."""
    wanted = {key.lower() for key in keys}
    for number, line in enumerate(raw_text.split("\n", 200)[:200], start=1):
        key, sep, value = line.partition(":")
        if sep and key.strip().lower() in wanted:
            return number, value.strip().strip("'\"")
    return None, ""


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "、".join(_text(item) for item in value)
    return re.sub(r"\s+", " ", str(value)).strip()


def looks_like_title(text: str, max_chars: int = 60) -> bool:
    """A short line without sentence punctuation: a title, label or name (an
    English one may have twice the characters: its words are spelt out)."""
    if len(text) > 4 * max_chars:
        return False
    line = _bare_line(text)
    limit = max_chars if re.search(f"[{CJK}]", line) else 2 * max_chars
    return bool(line) and len(line) <= limit and not re.search(
        r"[。；;]|[，,].*[，,]", line
    ) and bool(re.search(f"[{CJK}A-Za-z]", line))


# --------------------------------------------------------------------------- file names

# A file named by its date and title, as scrapers and archives name them:
# `2025-04-19 厦门发布….txt`, `20250419_厦门发布…`, `厦门发布…（2025-04-19）`.
_DATE_IN_NAME = r"(?P<date>\d{4}[-_.]\d{1,2}[-_.]\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日|(?:19|20)\d{2}[01]\d[0-3]\d)"
_DATED_NAME = re.compile(
    rf"^{_DATE_IN_NAME}[\s_\-—–]+(?P<title>.+)$|^(?P<title2>.+?)[\s_\-—–]*[（(]?{_DATE_IN_NAME.replace('date', 'date2')}[)）]?$"
)


def file_name_parts(path: str) -> tuple[str, DateSpan | None]:
    """The title and date a file's name gives (`2025-04-19 厦门发布…` -> 厦门发布…, 2025-04-19);
    the whole name and None when it names no date."""
    stem = PurePosixPath(path).stem
    match = _DATED_NAME.match(stem)
    if match is None:
        return stem, None
    text = match["date"] or match["date2"]
    digits = re.sub(r"\D", "-", text) if not text.isdigit() else f"{text[:4]}-{text[4:6]}-{text[6:]}"
    date = parse_date(digits.strip("-"))
    title = (match["title"] or match["title2"]).strip(" _-—–")
    return (title, date) if date is not None and title else (stem, None)
