"""One source -> its articles: split, read the metadata, clean the body.

`normalise_source` is a pure function of one Source, so a cache or the preview
server can re-run it for just the file that changed; everything that needs the
whole corpus (near-duplicates, unique slugs) happens afterwards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sitegen.chinese.text import DECORATION
from sitegen.model import Article, Block, DateSpan, Diagnostic, Source, SourceRef
from sitegen.normalise.clean import clean_text, text_key
from sitegen.normalise.metadata import (
    Credit,
    bad_date_message,
    date_in_context,
    file_name_parts,
    is_closing_mark,
    is_dateline_only,
    is_document_label,
    is_end_mark,
    is_notice,
    is_record,
    is_release_end,
    listed,
    looks_like_title,
    meta_date,
    meta_description,
    meta_list,
    meta_publisher_and_authors,
    meta_running_title,
    meta_tags,
    meta_title,
    notice_origin,
    parse_byline,
    parse_colophon,
    parse_credit_line,
    parse_dateline,
    signature_issuer,
    split_trailing_credit,
    strip_end_mark,
    trailing_dateline,
)
from sitegen.normalise.paragraphs import build_paragraphs
from sitegen.normalise.slug import base_slug
from sitegen.normalise.split import Group, mark_captions, split_articles
from sitegen.read.bylines import parse_release_dateline

# Paragraph kinds that are not article text on their own.
_NOT_TEXT = {"heading", "image", "caption"}
LEAD_TITLE_CHARS = 30  # a title made of a text's opening words is cut at a clause within this
_CJK_CHAR = re.compile("[\u4e00-\u9fff]")
_SPEAKER_LABEL = re.compile(r"^[^：:，。！？\s]{1,10}[：:]\s*")
# A speech's greeting (`各位来宾，大家好。`, `尊敬的各位领导，女士们、先生们：`) says
# nothing about what follows: a title made of the opening words starts after it.
_ADDRESS = r"(?:尊敬的[^，。！？：:]{1,20}|各位[^，。！？：:]{0,10}|女士们、?先生们|同志们|朋友们|老师们|同学们)"
_GREETING = re.compile(
    rf"^(?:{_ADDRESS}[，,、]?\s*)*(?:大家|各位)?(?:上午|下午|晚上)?好[！!。，,]\s*|^(?:{_ADDRESS}[，,、]?\s*)+[：:！!]\s*"
)
_BRACKETED_LEAD = re.compile(r"^\s*【(?P<title>[^【】\n]{2,60})】")
_SENTENCE_END = re.compile(r"[。！？!?]")
_CLAUSE_END = re.compile(r"[，,；;：:、]")


@dataclass
class _Found:
    """Metadata collected from one article's blocks, by where it came from."""

    bylines: list[Credit] = field(default_factory=list)
    credits: list[Credit] = field(default_factory=list)
    datelines: list[Credit] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)  # a record's own place and topics (`jsondoc`)
    topics: list[str] = field(default_factory=list)


def normalise_source(source: Source) -> tuple[list[Article], list[Diagnostic]]:
    """The articles of one source, in order, and warnings about it."""
    front_title = meta_title(source.meta)
    groups = split_articles(mark_captions(source.blocks), front_title)
    described = _described_group(groups, front_title)
    from_meta, diagnostics = _source_metadata(source)
    articles: list[Article] = []
    for index, group in enumerate(groups):
        article, found = _build_article(source, group, from_meta, len(groups) == 1, index == described)
        diagnostics.extend(found)
        if article is not None:
            articles.append(article)
    if not articles:
        diagnostics.append(Diagnostic(source.path, "no article text found", severity="warning"))
    return articles, diagnostics


def _described_group(groups: list[Group], front_title: str) -> int:
    """Front-matter tags/description describe the article with that title, else the first."""
    key = text_key(front_title)
    for index, group in enumerate(groups):
        if key and text_key(_title_text(group.title)) == key:
            return index
    return 0


def _build_article(
    source: Source, group: Group, from_meta: Credit, single: bool, described: bool
) -> tuple[Article | None, list[Diagnostic]]:
    found = _Found()
    title, line, body = _title(source, group, single)
    body = _take_metadata(source, body, found)
    paragraphs = build_paragraphs(body, source.path, title)
    if not any(p.kind not in _NOT_TEXT for p in paragraphs):
        found.diagnostics.append(
            Diagnostic(source.path, f"article {title!r} has no text; skipped", line, "warning")
        )
        return None, found.diagnostics
    _dateline_of(body, found)
    _date_datelines([*found.bylines, *found.datelines], body)
    publisher, published, authors = _merge_metadata(from_meta, found, Credit(date=file_name_parts(source.path)[1]))
    ref = SourceRef(source.path, line, title, publisher, published)
    article = Article(
        slug="",
        title=title,
        paragraphs=paragraphs,
        sources=[ref],
        publisher=publisher,
        published=published,
        authors=authors,
        tags=meta_tags(source.meta) if described else [],
        description=meta_description(source.meta) if described else "",
        format=source.format,
        regions=(meta_list(source.meta, "regions") if described else []) or found.regions,
        topics=(meta_list(source.meta, "topics") if described else []) or found.topics,
    )
    article.slug = base_slug(article)
    return article, found.diagnostics


# --------------------------------------------------------------------------- title


def _title(source: Source, group: Group, single: bool) -> tuple[str, int, list[Block]]:
    """(title, line where the article starts, body blocks left).

    The level-1 heading, unless a single-article source's front matter or page
    meta names a different title: then that title, and the heading stays as
    the first body heading. Without a heading: the meta title, a short first
    line, a file name in Chinese, or the opening words of the text.
    """
    body = list(group.body)
    # `新闻稿` above the title says what kind of document it is, not what it reports.
    heading = _title_text([b for b in group.title if not is_document_label(b.text)])
    line = group.line
    front = meta_title(source.meta) if single else ""
    if single and not front and group.title and _NUMBERING.match(group.title[0].text.strip()):
        # `一、总体情况` opens a section; a report's running header names the report.
        front = meta_running_title(source.meta)
    if heading and (not front or _same_or_decorated(heading, front)):
        return heading, line, body
    if front:
        if heading:
            first = group.title[0]
            body.insert(0, Block("heading", "\n".join(b.text for b in group.title), first.line, 2))
        return front, line, body
    body = [b for n, b in enumerate(body) if n > 0 or not is_document_label(b.text)]
    for index, block in enumerate(body):
        if block.kind in ("paragraph", "heading") and looks_like_title(block.text) \
                and not parse_credit_line(block.text) and not parse_dateline(block.text):
            return _title_text([block]), block.line, body[:index] + body[index + 1 :]
        if block.kind not in ("image", "byline"):
            break
    stem = file_name_parts(source.path)[0]
    return (stem if _CJK_CHAR.search(stem) else _lead_title(body) or stem), line, body


def _lead_title(body: list[Block]) -> str:
    """The opening words of the first paragraph, to the end of its first
    sentence or of the last clause that fits LEAD_TITLE_CHARS, without a
    speaker's label (`主持人：`) or a speech's greeting (`各位来宾，大家好。`),
    or the bracketed title it opens with (a post's `【#深圳发布…#】`): a name
    such as `talk.srt` or `00017.txt` tells a reader nothing, the text's first
    words tell what it is about."""
    text = next((b.text for b in body if b.kind == "paragraph"), "")
    bracketed = _BRACKETED_LEAD.match(text)
    if bracketed and is_document_label(bracketed["title"]):
        text = text[bracketed.end() :]  # `【快讯】拉萨…`: what kind of item, not what it says
    elif bracketed and not parse_dateline(text):  # a post's `【#话题#】`, not a site's `【…报道 记者…】`
        return bracketed["title"].strip("# ")
    sentence = _SPEAKER_LABEL.sub("", clean_text(text, "heading")[0].split("\n")[0], 1)
    sentence = _GREETING.sub("", sentence, 1) or sentence
    sentence = _SENTENCE_END.split(sentence, 1)[0].strip()
    if len(sentence) <= LEAD_TITLE_CHARS:
        return sentence
    clauses = [m.start() for m in _CLAUSE_END.finditer(sentence, 0, LEAD_TITLE_CHARS + 1)]
    return sentence[: clauses[-1] if clauses else LEAD_TITLE_CHARS] + "…"


def _same_or_decorated(heading: str, meta: str) -> bool:
    """The heading says what the meta title says, maybe without the site name
    a page `<title>` adds (`标题 - 新京报`): the heading is the better title."""
    heading_key, meta_key = text_key(heading), text_key(meta)
    return bool(heading_key) and heading_key in meta_key


# What a post's title wears to be clicked, not what it says: `重磅！`, `【速看】`
# in front, arrows and emoji at either end (`…明天开幕🔥`).
# A field label in front (`标题：…`, `Title: …`) is no part of the title either,
# nor what a press release says it comes with or in (`（附图）`, `（组图）`,
# Hong Kong's `（附圖／短片）`, `（只有中文）`).
_TITLE_DECORATION = re.compile(
    rf"^(?:[{DECORATION}\s]|(?:重磅|突发|刚刚|速看|好消息)[！!]|【(?:重磅|突发|刚刚|速看|独家)】"
    rf"|(?:标题|題目|题目|標題|新闻标题|(?i:title))\s*[:：]\s*)+"
    rf"|(?:[{DECORATION}\s]|[（(](?:附[图圖表]|[组組][图圖]|[图圖]|附?[视視][频頻]|附?短片|附[图圖][／/]短片|只有[中英]文)[)）])+$"
)


# `一、`, `（二）`, `3.`, `4、`, `⑤` numbering a section or a bundle's item: its
# place in the list, not part of what it says. (`1、2月份…` and `一、二季度…`
# count months and quarters.)
_NUMBERING = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.．](?![一二三四五六七八九十])|\d{1,2}(?:[.．](?!\d)|、(?!\d)|[)）])"
    r"|[（(][一二三四五六七八九十\d]{1,3}[)）]|[①-⑳])\s*(?=\S)"
)


def _title_text(blocks: list[Block]) -> str:
    """Consecutive title lines make one title (`世界互联网大会蓝皮书：` + `我国…`),
    without the decoration of a post's title or the number of a list's item."""
    if not blocks:
        return ""
    title = clean_text("\n".join(b.text for b in blocks), "heading")[0]
    title = _TITLE_DECORATION.sub("", title) or title
    return _NUMBERING.sub("", title, count=1) or title


# --------------------------------------------------------------------------- metadata


def _take_metadata(source: Source, body: list[Block], found: _Found) -> list[Block]:
    """Remove bylines, credit lines and lone datelines from the body into `found`,
    and end marks (`（完）`), notices (`转载请注明出处`), an official document's
    number and record (`武政办〔2025〕18号`, `抄送：…`) and separators (`＊＊＊＊`)
    from it altogether; a press release's closing `###` and the issuer's
    boilerplate after it go too.

    A speaker byline (`联合国驻华协调员 杰思衡` above what they said) stays: it
    tells the reader who is speaking. A byline that says nothing parseable
    stays too, so no words are lost.
    """
    release = any(b.kind == "paragraph" and "dateline" in b.meta and parse_release_dateline(b.text) for b in body)
    signed = signature_issuer(body)
    if signed is not None:
        found.credits.append(Credit(publisher=body[signed].text.strip()))
        body = body[:signed] + body[signed + 1 :]
    kept: list[Block] = []
    for block in body:
        if block.kind == "paragraph" and is_closing_mark(block.text):
            break
        if release and block.kind in ("paragraph", "heading") and is_release_end(block.text):
            break  # the issuer's `About …`, contacts and wire line, no news
        if block.kind == "byline" and block.meta.get("role") == "number":
            continue  # an official document's number: a filing reference, no news
        if block.kind == "byline" and block.meta.get("role") != "speaker":
            found.regions.extend(listed(block.meta.get("regions")))  # not `place`: where a reporter filed from
            found.topics.extend(listed(block.meta.get("topics")))
            credit, problem = parse_byline(block.text, block.meta)
            if problem:
                found.diagnostics.append(Diagnostic(source.path, problem.message, block.line, "warning"))
            if credit:
                issue = block.meta.get("role") == "issue"  # a digest's date, given to each item
                (found.credits if issue else found.bylines).append(credit)
                continue
        elif block.kind == "quote" and _took_notice(block, found):
            continue  # set off above the text: `> 本文首发于《第一财经》，2025年12月刊`
        elif block.kind == "paragraph":
            credit = parse_credit_line(block.text) or parse_colophon(block.text)
            if credit:
                found.credits.append(credit)
                continue
            if is_dateline_only(block.text):
                found.datelines.append(parse_dateline(block.text)[0])
                continue
            if is_record(block.text):
                continue  # an official document's notes and distribution record
            if _took_notice(block, found):
                continue
            if is_end_mark(block.text) or not any(char.isalnum() for char in block.text):
                continue  # `（完）` or a separator of symbols (`＊＊＊＊`): no news
            text = strip_end_mark(block.text)
            closing = split_trailing_credit(text)
            if closing is not None:
                text, closing_credit = closing
                found.credits.append(closing_credit)
                if not text:
                    continue
            if text != block.text:
                block = Block(block.kind, text.rstrip(), block.line, block.level, block.meta)
        kept.append(block)
    return kept


def _took_notice(block: Block, found: _Found) -> bool:
    """Whether the block is a reprint notice (no news); the publisher and issue
    it names as the text's origin go into `found`."""
    if not is_notice(block.text):
        return False
    if origin := notice_origin(block.text):
        found.credits.append(origin)
    return True


def _dateline_of(body: list[Block], found: _Found) -> None:
    """The opening dateline of the first text paragraph, or the closing one of
    the last, read from the source's own words (`11 月 21 日` stays as written)."""
    text = [b for b in body if b.kind == "paragraph"]
    if not text:
        return
    opening = parse_dateline(text[0].text)
    if opening:
        found.datelines.insert(0, opening[0])
    closing = trailing_dateline(text[-1].text)
    if closing:
        found.datelines.append(closing)


def _date_datelines(credits: list[Credit], body: list[Block]) -> None:
    """Give year-less dateline dates the year their article's text implies."""
    undated = [credit for credit in credits if credit.date is None and credit.date_text]
    if not undated:
        return
    text = "\n".join(b.text for b in body if b.kind == "paragraph")
    for credit in undated:
        credit.date = date_in_context(credit.date_text, text)


def _source_metadata(source: Source) -> tuple[Credit, list[Diagnostic]]:
    """Publisher, authors and date from front matter / HTML meta: they hold for
    every article of the source (the date is when the file was published)."""
    publisher, authors = meta_publisher_and_authors(source.meta)
    date, bad_date, line = meta_date(source.meta, source.text)
    diagnostics = []
    if bad_date:
        diagnostics.append(Diagnostic(source.path, bad_date_message(bad_date), line, "warning"))
    return Credit(publisher, authors, date), diagnostics


def _merge_metadata(
    from_meta: Credit, found: _Found, from_name: Credit,
) -> tuple[str | None, DateSpan | None, list[str]]:
    """Publisher, publication date and authors, by how directly the source says them:
    a byline, then front matter / HTML meta, then credit lines, then datelines, then
    the file's name (`2025-04-19 厦门发布….txt`). A feed's author field often
    names the publication itself (`<author>科技日报</author>`): no author then."""
    ranked = [*found.bylines, from_meta, *found.credits, *found.datelines, from_name]
    publisher = next((c.publisher for c in ranked if c.publisher), None)
    published = next((c.date for c in ranked if c.date), None)
    publishers = {c.publisher for c in ranked if c.publisher}
    authors: list[str] = []
    for credit in ranked:
        authors.extend(name for name in credit.authors if name not in authors and name not in publishers)
    return publisher, published, authors
