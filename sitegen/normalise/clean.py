"""Text cleaning: turn one block's raw text into the clean text of a paragraph.

Sources reach us with the marks of how they were made: PDF extraction breaks
lines inside words and puts spaces between Chinese characters and digits
(`2024 年`), scrapers leave HTML comments and half-width punctuation
(`许志锰:人工智能第一城,未来`), digests carry citation markers (`[5]`). Each rule
below undoes one such mark, never touches the words themselves, and is a small
function with its own test.

Spacing policy (decided here, in one place):
- a line-wrap between two CJK characters (or CJK and a digit, or next to
  full-width punctuation) disappears; any other line-wrap becomes one space;
- spaces between CJK and digits (`11 月 21 日`, `421 家`) are removed: Chinese
  never spaces them, so they are extraction artefacts; in headings, where
  spaces separate phrases, one after a phrase of four characters or more
  stays (`发布会召开 20款新品集中亮相`);
- spaces next to full-width punctuation are removed;
- spaces between two CJK characters are removed in prose (a block with clause
  punctuation), where they are wrap artefacts (`超级增值 人`), but kept in
  headings and in unpunctuated text, where they separate phrases
  (`大咖齐聚津门 共话智能创新发展`, digest bullets that use spaces for commas),
  and in prose where they separate names or phrases on purpose: the names of
  a parenthesised credit (`（记者 李晓婷 张源）`) and a quoted slogan of
  parallel phrases (`以“智能时代 同球共济”为主题`: equal lengths, which a
  wrap artefact almost never makes);
- one space between CJK and a Latin word is kept where the source had one
  (`AI 全息舱`, `CEO 井贤栋`): it is a common, valid house style;
- spaces inside Latin/number units stay (`5000 PFLOPS`).
"""

from __future__ import annotations

import html
import re
import sys
import unicodedata
from pathlib import Path

from sitegen.chinese.text import fold_alphanumerics

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

# Han ideographs (with extension A and compatibility), kana and hangul.
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af"
FULLWIDTH_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】「」『』〔〕…—～·"
FULLWIDTH_PUNCT_SET = frozenset(FULLWIDTH_PUNCT)
SENTENCE_FINAL = "。！？!?；…”』」）"
CLAUSE_PUNCT = "，。、；：？！,;:!?"
PROSE_PUNCT = "，。；？！,;!?"
_PROSE_MARK = re.compile(f"[{re.escape(PROSE_PUNCT)}]")
_CLAUSE_MARK = re.compile(f"[{re.escape(CLAUSE_PUNCT)}]")

# Regular expressions, not str.translate: translate is slow on non-ASCII text.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]+")
_SPACES = re.compile("[\u00a0\u3000\u2000-\u200a\u202f\u205f\t\r\f\v]")
# The dot between the parts of a transliterated name, written with whatever dot
# came to hand (`雷蒙．特蘭`, `馬克‧祖克柏`, `伊隆・马斯克`): the middle dot `·`, so a
# name reads the same in every source. Han characters on both sides only.
_NAME_DOTS = re.compile("(?<=[\u4e00-\u9fff])[\uff0e\u2027\u30fb\u2022\u2219\u22c5](?=[\u4e00-\u9fff])")

_HTML_COMMENT = re.compile(r"<!--.{0,20000}?-->", re.S)
_HTML_COMMENT_OPEN = re.compile(r"<!--[^\n]*")
_HTML_SCRIPT = re.compile(r"<(script|style)\b[^<>]{0,400}>.{0,20000}?</\1\s*>", re.S | re.I)
_HTML_TAG_NAMES = (
    "a|abbr|article|aside|b|blockquote|body|br|button|center|code|dd|div|dl|dt|em|font|footer|"
    "form|h[1-6]|head|header|hr|html|i|iframe|img|input|label|li|link|main|meta|nav|noscript|"
    "ol|option|p|pre|script|section|select|small|span|strong|style|sub|sup|table|tbody|td|"
    "textarea|tfoot|th|thead|title|tr|u|ul"
)
_HTML_ATTRIBUTE = r"""\s+[A-Za-z_:][A-Za-z0-9_:.-]*(?:\s*=\s*(?:"[^"<>\n]*"|'[^'<>\n]*'|[^\s"'<>]+))?"""
_HTML_TAG = re.compile(rf"</?(?:{_HTML_TAG_NAMES})(?:{_HTML_ATTRIBUTE}){{0,30}}\s*/?>", re.I)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});", re.I)

# `[5]`, `[8][9]`, `[8, 9]` after text; not Markdown links `[5](…)`, reference
# links `[text][5]`, or footnote definitions `[5]:`.
_CITATIONS = re.compile(r"(?<![ \t\]])[ \t]*((?:\[\^?\d{1,3}(?:[,，、]\s?\d{1,3})*\])+)(?![(:\[])")
_CITATION_NUMBER = re.compile(r"\d{1,3}")
# A footnote's number set as superscript after Chinese or a figure (`增长23.4%¹`,
# `147家²`), not a unit's power (`10万m²`).
_SUPERSCRIPT_NOTE = re.compile(r"(?<=[\u4e00-\u9fff%。，、；：）”])[¹²³⁴-⁹⁰]{1,3}")
_SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")

# Spans no rule may rewrite: inline code, Markdown link/image targets, URLs, e-mail.
_PROTECTED = re.compile(
    r"`[^`\n]{0,1000}`"
    r"|\]\([^)\n]{0,2000}\)"
    r"|(?:https?|ftp)://[^\s<>\"“”（）]+"
    r"|www\.[A-Za-z0-9.-]+\.[A-Za-z]{2,}[^\s<>\"“”（）]*"
    r"|(?<![A-Za-z0-9.+-])[A-Za-z0-9.+-]+@[A-Za-z0-9-]+\.[A-Za-z0-9.-]+"
)

_PROTECTED_HINTS = ("`", "](", "://", "www.", "@")

_HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}
_CJK_SIDE = f"[{CJK}{FULLWIDTH_PUNCT}]"
_CJK_SIDE_CHAR = re.compile(_CJK_SIDE)
_LATIN_WORD_CHAR = re.compile(r"[A-Za-z0-9]")
# A pair that already encloses full-width ones is left alone, so cleaning twice
# changes nothing (`((京))` -> `(（京）)`, and stays).
_PAREN = re.compile(r"(?<!\])\(([^()（）\n]{1,200})\)")
_HAS_CJK = re.compile(f"[{CJK}]")
_LATIN_LETTER = re.compile("[A-Za-z]")
_MARK = re.compile("[,:;?!]")
LANGUAGE_SAMPLE_CHARS = 4000
_SINGLE_QUOTES = re.compile(rf"'([{CJK}][^'\n]{{0,40}}?[{CJK}]|[{CJK}])'")

_SPACE_RUN = re.compile(r" {2,}")
_FULLWIDTH_NO_DASH = FULLWIDTH_PUNCT.replace("—", "")
_SPACE_AROUND_FULLWIDTH = re.compile(rf" +(?=[{_FULLWIDTH_NO_DASH}])|(?<=[{_FULLWIDTH_NO_DASH}]) +")
# An em dash loses its spaces too, except between Latin words (`2025 — Singapore's`).
_SPACED_DASH = re.compile(r"(?P<left>[^ ]?) *(?P<dash>—+) *(?P<right>[^ ]?)")
_LATIN_SIDE = re.compile(r"[A-Za-z0-9.,;:'’\"”“()%]")
# Only a bare number loses its space: `3D`, `5G` are words and keep theirs.
_SPACE_CJK_NUMBER = re.compile(rf"(?<=[{CJK}]) +(?=\d+(?:[.,]\d+)*%?(?![A-Za-z0-9.,:%-]))")
# In a heading a space after a phrase of four or more characters, before a
# number that opens the next phrase, separates the two (`发布会召开 20款新品亮相`).
_SPACE_CJK_NUMBER_IN_HEADING = re.compile(
    rf"(?<=[{CJK}])(?<![{CJK}]{{4}}) +(?=\d+(?:[.,]\d+)*%?(?![A-Za-z0-9.,:%-]))"
)
_SPACE_NUMBER_CJK = re.compile(rf"(?<![A-Za-z0-9.,:/-])(\d+(?:[.,]\d+)*%?) +(?=[{CJK}])")
_SPACE_CJK_CJK = re.compile(rf"(?<=[{CJK}]) +(?=[{CJK}])")
_ROLES = tomllib.loads(Path(__file__).with_name("credits.toml").read_text(encoding="utf-8"))["roles"]
_CREDIT_ROLES = "|".join(map(re.escape, sorted({*_ROLES["authors"], *_ROLES["others"]}, key=len, reverse=True)))
# Spans whose CJK spaces are meant (see the module docstring): a parenthesised
# credit, a law's article number before its text (`第一条　为了…`), and a quoted
# run of two to four phrases of four characters or more (group `phrases`).
_MEANT_SPACES = re.compile(
    rf"[（(](?:{_CREDIT_ROLES})[^（）()\n]{{1,60}}[）)]"
    rf"|^第[一二三四五六七八九十百零〇两0-9]+[条章节] (?=[{CJK}])"
    rf"|[“「『](?P<phrases>[{CJK}]{{4,8}}(?: [{CJK}]{{4,8}}){{1,3}})[”」』]"
)
_SPACE_BEFORE_DOTS = re.compile(rf"(?<=[{CJK}]) +(?=\.\.\.)")

# Photo captions end with their credit: `…开幕。新华社 发`, `新华社记者 张三 摄`, `（张三 摄）`.
PHOTO_CREDIT = re.compile(
    rf"(?P<credit>[{CJK}]{{1,8}}?(?:社|报|网|台)(?:记者|通讯员)?\s*[{CJK}·]{{0,8}}\s*(?:摄|发)"
    rf"|(?:记者|通讯员)\s*[{CJK}·]{{2,8}}\s*摄"
    rf"|(?<=\s)[{CJK}·]{{2,4}}\s+摄"
    rf"|[（(][^（）()\n]{{1,20}}\s摄[）)])\s*$"
)

_NO_SPACE_AT_WRAP = re.compile(rf"[{CJK}{FULLWIDTH_PUNCT}\d]")


def normalise_unicode(text: str) -> str:
    """NFC, invisible characters dropped, every kind of space made a plain space,
    full-width digits and letters made ASCII (`２０日` -> `20日`, `ＡＩ` -> `AI`).

    Scraped and PDF text mixes NBSP, ideographic spaces and zero-width joiners
    that look like nothing but break matching and de-duplication.
    """
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return _NAME_DOTS.sub("·", fold_alphanumerics(_SPACES.sub(" ", _INVISIBLE.sub("", text))))


def strip_markup(text: str) -> str:
    """Remove HTML comments, HTML tags and decode entities left by scrapers."""
    if "<" in text:
        text = _HTML_COMMENT_OPEN.sub("", _HTML_COMMENT.sub("", text))
        text = _HTML_TAG.sub("", _HTML_SCRIPT.sub("", text))
    if "&" in text:
        text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    return text


def extract_citations(text: str) -> tuple[str, list[str]]:
    """`…拓展 [5]`, a Markdown footnote's `…下降63%。[^1]`, a superscript's
    `增长23.4%¹` -> (`…拓展`, ["5"]): the marker is data, not prose."""
    numbers: list[str] = []

    def take(match: re.Match[str]) -> str:
        numbers.extend(_CITATION_NUMBER.findall(match.group(match.lastindex or 0).translate(_SUPERSCRIPT_DIGITS)))
        return ""

    if "[" in text:
        text = _CITATIONS.sub(take, text)
    if _SUPERSCRIPT_NOTE.search(text):
        text = _SUPERSCRIPT_NOTE.sub(take, text)
    return text, numbers


def join_wraps(text: str) -> str:
    """Join the lines of one block into one line.

    A wrap next to CJK, a digit or full-width punctuation on both sides is no
    space at all (`天津接下` + `来可以` -> `天津接下来可以`); elsewhere, e.g. between
    Latin words, it is one space. Markdown hard-break spaces go with the wrap.
    """
    if "\n" not in text:
        return text.strip()
    lines = [line.strip() for line in text.split("\n")]
    joined: list[str] = []
    for line in lines:
        if not line:
            continue
        if joined and not _no_space_between(joined[-1][-1], line[0]):
            joined.append(" ")
        joined.append(line)
    return "".join(joined)


def _no_space_between(left: str, right: str) -> bool:
    if not (_NO_SPACE_AT_WRAP.match(left) and _NO_SPACE_AT_WRAP.match(right)):
        return False
    return bool(_CJK_SIDE_CHAR.match(left) or _CJK_SIDE_CHAR.match(right))


def fullwidth_punctuation(text: str) -> str:
    """Half-width `,:;?!()'` next to CJK become `，：；？！（）‘’`.

    Scrapers and some editors type ASCII punctuation in Chinese prose. A mark
    between two digits (`06:36`, `1,000`) stays, and so does anything inside a
    URL, inline code or a Markdown link target.
    """
    return _outside_protected(text, _fullwidth_segment)


def _fullwidth_segment(text: str) -> str:
    if "(" in text:
        text = _PAREN.sub(lambda m: f"（{m.group(1)}）" if _HAS_CJK.search(m.group(1)) else m.group(0), text)
    if "'" in text:
        text = _SINGLE_QUOTES.sub(r"‘\1’", text)
    text = _pair_double_quotes(text)
    return _convert_marks(text)


def _mostly_cjk(text: str) -> bool:
    """More CJK than Latin letters (judged on the first few thousand characters)."""
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    cjk = _HAS_CJK.subn("", sample)[1]
    return cjk > 0 and cjk >= _LATIN_LETTER.subn("", sample)[1]


def _convert_marks(text: str) -> str:
    """Convert each half-width mark that `_should_convert` accepts.

    A mark next to another mark (`:,“`) depends on its neighbour's result, so
    one pass runs right to left and one left to right: chains resolve fully
    and cleaning stays idempotent, in time linear in the text.
    """
    marks = [match.start() for match in _MARK.finditer(text)]
    if not marks:
        return text
    chinese = _mostly_cjk(text)
    converted: dict[int, str] = {}
    for order in (marks[::-1], marks):
        for index in order:
            if index not in converted and _should_convert(text, converted, index, chinese):
                converted[index] = _HALF_TO_FULL[text[index]]
    out, last = [], 0
    for index in sorted(converted):
        out.append(text[last:index])
        out.append(converted[index])
        last = index + 1
    out.append(text[last:])
    return "".join(out)


def _should_convert(text: str, converted: dict[int, str], index: int, chinese: bool) -> bool:
    """Full-width when CJK touches the mark; in Chinese text also when only one
    side is a Latin word (`超40%,AI领域`), but never between two Latin words or
    digits (`1,000`, `06:36`, `Hello, world`)."""
    mark = text[index]
    before = converted.get(index - 1, text[index - 1]) if index else ""
    after = converted.get(index + 1, text[index + 1]) if index + 1 < len(text) else ""
    if mark == "!" and after == "[":
        return False  # Markdown image `![`
    if _CJK_SIDE_CHAR.match(before or " ") or _CJK_SIDE_CHAR.match(after or " "):
        return True
    # Spaces next to full-width punctuation are removed later, so it touches anyway.
    neighbours = [_neighbour(text, converted, index, step) for step in (-1, 1)]
    if any(char in FULLWIDTH_PUNCT_SET for char in neighbours):
        return True
    if not chinese or mark == ":":
        return False
    return not all(_LATIN_WORD_CHAR.match(char or " ") for char in neighbours)


def _neighbour(text: str, converted: dict[int, str], index: int, step: int) -> str:
    """The nearest non-space character before (step -1) or after (step 1)."""
    index += step
    while 0 <= index < len(text) and text[index] == " ":
        index += step
    return converted.get(index, text[index]) if 0 <= index < len(text) else ""


def _pair_double_quotes(text: str) -> str:
    """Straight double quotes around CJK become “ ” when they pair up evenly."""
    count = text.count('"')
    if count < 2 or count % 2 or not re.search(f"[{CJK}]", text):
        return text
    parts = text.split('"')
    out = [parts[0]]
    for index, part in enumerate(parts[1:]):
        out.append("“" if index % 2 == 0 else "”")
        out.append(part)
    return "".join(out)


def _outside_protected(text: str, transform) -> str:
    """Apply `transform` to the text between protected spans only."""
    if not any(hint in text for hint in _PROTECTED_HINTS):
        return transform(text)
    out: list[str] = []
    last = 0
    for match in _PROTECTED.finditer(text):
        out.append(transform(text[last : match.start()]))
        out.append(match.group(0))
        last = match.end()
    out.append(transform(text[last:]))
    return "".join(out)


def is_prose(text: str) -> bool:
    """True when the text has commas or sentence marks, i.e. it is running prose.

    Enumeration commas and colons do not count: digest bullets use `、` inside
    phrases and separate their clauses by spaces.
    """
    return bool(_PROSE_MARK.search(text))


def has_clause_punct(text: str) -> bool:
    """Any comma, colon or sentence mark: the text is at least a clause of prose."""
    return bool(_CLAUSE_MARK.search(text))


# `人 工 智 能 产 业`: every character spaced out, as PDF extraction leaves
# letter-spaced titles; never a meant separator, which parts words, not characters.
_LETTER_SPACED = re.compile(rf"(?<![{CJK}] )(?<![{CJK}])[{CJK}](?: [{CJK}]){{3,}}(?![{CJK}])(?! [{CJK}])")


def tidy_spaces(text: str, keep_cjk_spaces: bool) -> str:
    """Apply the spacing policy of this module (see the module docstring)."""
    if " " not in text:
        return text.strip()
    text = _SPACE_RUN.sub(" ", text)

    def tidy(segment: str) -> str:
        segment = _LETTER_SPACED.sub(lambda match: match.group(0).replace(" ", ""), segment)
        segment = _SPACE_AROUND_FULLWIDTH.sub("", segment)
        segment = _SPACED_DASH.sub(_tidy_dash, segment)
        segment = (_SPACE_CJK_NUMBER_IN_HEADING if keep_cjk_spaces else _SPACE_CJK_NUMBER).sub("", segment)
        segment = _SPACE_NUMBER_CJK.sub(r"\1", segment)
        segment = _SPACE_BEFORE_DOTS.sub("", segment)
        if not keep_cjk_spaces:
            segment = _drop_cjk_spaces(segment)
        return segment

    return _outside_protected(text, tidy).strip()


def _tidy_dash(match: re.Match[str]) -> str:
    """An em dash and what is beside it, its spaces kept only between Latin words."""
    left, right = match.group("left"), match.group("right")
    if left and right and _LATIN_SIDE.match(left) and _LATIN_SIDE.match(right):
        return match.group(0)
    return left + match.group("dash") + right


def _drop_cjk_spaces(text: str) -> str:
    """Spaces between CJK characters go, except where they are meant."""
    out: list[str] = []
    last = 0
    for match in _MEANT_SPACES.finditer(text):
        phrases = match.group("phrases")
        if phrases is not None and len({len(part) for part in phrases.split(" ")}) != 1:
            continue
        out.append(_SPACE_CJK_CJK.sub("", text[last : match.start()]))
        out.append(match.group(0))
        last = match.end()
    out.append(_SPACE_CJK_CJK.sub("", text[last:]))
    return "".join(out)


def clean_line(text: str, keep_cjk_spaces: bool | None = None) -> tuple[str, list[str]]:
    """Clean text that is already one line: returns (text, citation numbers).

    `keep_cjk_spaces=None` decides by the text itself: prose loses its spaces
    between CJK characters, unpunctuated text keeps them as separators.
    """
    text, citations = extract_citations(text)
    text = fullwidth_punctuation(text)
    if keep_cjk_spaces is None:
        keep_cjk_spaces = not is_prose(text)
    return tidy_spaces(text, keep_cjk_spaces), citations


def clean_text(text: str, kind: str = "paragraph") -> tuple[str, list[str]]:
    """Clean one block's raw text by its kind; returns (text, citation numbers).

    Code is left as written (only Unicode-normalised); lists keep one item per
    line; headings keep spaces between phrases; everything else becomes one
    clean line.
    """
    if kind == "code":
        return normalise_unicode(text).strip("\n"), []
    text = normalise_unicode(strip_markup(text))
    if kind == "list":
        return _clean_list(text)
    if kind == "heading":
        return clean_line(join_wraps(_HEADING_MARKS.sub("", text)), keep_cjk_spaces=True)
    if kind == "caption":
        return _clean_caption(join_wraps(text))
    return clean_line(join_wraps(_TRANSCRIPT_TIME.sub("", text, count=1)))


def _clean_caption(text: str) -> tuple[str, list[str]]:
    """A caption keeps the space inside its photo credit (`…开幕。新华社 发`)."""
    credit = PHOTO_CREDIT.search(text)
    if not credit:
        return clean_line(text)
    body, citations = clean_line(text[: credit.start()])
    tail = clean_line(credit.group(0), keep_cjk_spaces=True)[0]
    return tidy_spaces(f"{body} {tail}", keep_cjk_spaces=True), citations


# A recording's time in front of a transcript's turn (`[00:01:05] 何晓峰：…`,
# `(01:05)`, `00:01:05 `): where in the audio, not part of what was said.
# Bracketed, or with seconds: an agenda's `09:00 开幕式` is content.
_TRANSCRIPT_TIME = re.compile(
    r"^[ \t]*(?:[\[【(（]\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?[\]】)）]|\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,3})?(?=[ \t]))[ \t]*"
)
# `## 标题` when a reader hands over a heading with its Markdown marks still on.
_HEADING_MARKS = re.compile(r"^[ \t]*#{1,6}[ \t]+|[ \t]+#+[ \t]*$", re.M)
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")


def _clean_list(text: str) -> tuple[str, list[str]]:
    """Each item of a Markdown list cleaned on its own; wrapped items joined."""
    items: list[list[str]] = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        if _LIST_ITEM.match(line) or not items:
            items.append([line.rstrip()])
        else:
            items[-1].append(line.strip())
    lines: list[str] = []
    citations: list[str] = []
    for item in items:
        first = item[0]
        marker = _LIST_ITEM.match(first)
        prefix = marker.group(0) if marker else ""
        body, found = clean_line(join_wraps("\n".join([first[len(prefix):], *item[1:]])))
        lines.append(prefix + body)
        citations.extend(found)
    return "\n".join(lines), citations


_NOT_ALNUM = re.compile(r"[\W_]+")


def text_key(text: str) -> str:
    """The text with whitespace and punctuation removed, for comparing content.

    Two renderings of one sentence (different spaces, half/full-width marks,
    citation markers) have the same key.
    """
    return _NOT_ALNUM.sub("", _CITATIONS.sub("", normalise_unicode(text))).lower()
