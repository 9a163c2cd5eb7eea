"""Rich Text Format (`.rtf`, as Word, WordPad and TextEdit save it) -> plain text.

RTF is ASCII: Chinese arrives as `\\uN` escapes (with a fallback to skip) or as
`\\'hh` bytes in the document's ANSI code page (`\\ansicpg936`: GBK), among
control words and groups that are no text at all (font and colour tables,
style sheets, pictures, field instructions). Read as plain text it would be
those codes, so the groups are walked: text and escapes are decoded,
`\\par` ends a paragraph, the skipped destinations are left out, and the
`\\info` group's title and author become meta (where a person wrote them). The
text is then read by the plain reader, whose rules find the title, bylines
and sections.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from sitegen.read import plain
from sitegen.read.base import ReadResult
from sitegen.read.documents import document_meta

NAME = "rtf"

_TOKEN = re.compile(r"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?|\\'([0-9a-fA-F]{2})|\\(.)|([{}])|([^\\{}\r\n]+)|[\r\n]+", re.S)
# Groups whose content is no text of the document.
_SKIPPED = frozenset({
    "info", "fonttbl", "colortbl", "stylesheet", "listtable", "listoverridetable", "rsidtbl", "generator",
    "pict", "object", "header", "headerl", "headerr", "headerf", "footer", "footerl", "footerr", "footerf",
    "fldinst", "themedata", "colorschememapping", "datastore", "latentstyles", "xmlnstbl", "mmathPr",
    "filetbl", "revtbl", "pgdsctbl", "bkmkstart", "bkmkend", "footnote", "annotation", "atnid", "atnauthor",
})
_INFO_FIELDS = frozenset({"title", "author", "operator", "subject", "keywords", "comment", "company", "doccomm"})
_BREAKS = {"par": "\n\n", "sect": "\n\n", "page": "\n\f\n", "line": "\n", "tab": "\t", "cell": " ", "row": "\n\n"}
_SYMBOLS = {"~": "\u00a0", "_": "\u2011", "-": "", "\\": "\\", "{": "{", "}": "}", "\n": "\n\n", "\r": "\n\n"}
_CODE_PAGES = {936: "gbk", 950: "big5", 54936: "gb18030", 65001: "utf-8"}


def sniff(text: str) -> float:
    return 0.99 if text.lstrip("\ufeff \t\r\n").startswith("{\\rtf") else 0.0


def read(text: str) -> ReadResult:
    body, info = rtf_text(text)
    result = plain.read(body)
    meta = document_meta(info.get("title"), info.get("author"))
    return ReadResult(result.blocks, {**meta, **result.meta}, result.diagnostics)


@dataclass
class _Group:
    skipped: bool = False
    info: str = ""  # the `\info` field this group holds, if any
    fallback: int = 1  # characters after `\uN` that stand in for it (`\ucN`)


@dataclass
class _Walk:
    codec: str = "cp1252"
    out: list[str] = field(default_factory=list)
    info: dict[str, str] = field(default_factory=dict)
    pending: bytearray = field(default_factory=bytearray)  # `\'hh` bytes not yet decoded
    skip: int = 0  # fallback characters still to drop after a `\uN`


def rtf_text(text: str) -> tuple[str, dict[str, str]]:
    """The document's text (paragraphs between blank lines) and its `\\info` fields."""
    walk = _Walk()
    stack = [_Group()]
    for match in _TOKEN.finditer(text):
        word, number, hex_byte, symbol, brace, plain_text = match.groups()
        group = stack[-1]
        if brace == "{":
            _flush(walk, group)
            stack.append(_Group(group.skipped, group.info, group.fallback))
        elif brace == "}":
            _flush(walk, group)
            if len(stack) > 1:
                stack.pop()
        elif hex_byte is not None:
            if walk.skip:
                walk.skip -= 1
            else:
                walk.pending.append(int(hex_byte, 16))
        elif word is not None:
            _control(walk, group, word, number)
        elif symbol is not None:
            _symbol(walk, group, symbol)
        elif plain_text is not None:
            _flush(walk, group)
            if walk.skip:
                dropped = min(walk.skip, len(plain_text))
                plain_text, walk.skip = plain_text[dropped:], walk.skip - dropped
            _emit(walk, group, plain_text)
    _flush(walk, stack[-1])
    body = re.sub(r"\n{3,}", "\n\n", "".join(walk.out).replace("\u00a0", " "))
    return body.strip("\n") + "\n", {key: " ".join(value.split()) for key, value in walk.info.items()}


def _control(walk: _Walk, group: _Group, word: str, number: str | None) -> None:
    _flush(walk, group)
    if word == "ansicpg" and number:
        walk.codec = _codec(int(number))
    elif word == "uc" and number:
        group.fallback = int(number)
    elif word == "u" and number:
        _emit(walk, group, chr(int(number) % 65536))
        walk.skip = group.fallback
    elif word in _SKIPPED:
        group.skipped = True
    elif word in _INFO_FIELDS:
        group.info = word
    elif word in _BREAKS:
        _emit(walk, group, _BREAKS[word])


def _symbol(walk: _Walk, group: _Group, symbol: str) -> None:
    _flush(walk, group)
    if symbol == "*":
        group.skipped = True  # an optional destination this reader does not know
    elif symbol in _SYMBOLS:
        _emit(walk, group, _SYMBOLS[symbol])


def _emit(walk: _Walk, group: _Group, text: str) -> None:
    if group.info:
        walk.info[group.info] = walk.info.get(group.info, "") + text
    elif not group.skipped:
        walk.out.append(text)


def _flush(walk: _Walk, group: _Group) -> None:
    """Decode the `\\'hh` bytes gathered so far: a GBK character is two of them."""
    if walk.pending:
        _emit(walk, group, bytes(walk.pending).decode(walk.codec, "replace"))
        walk.pending.clear()


def _codec(code_page: int) -> str:
    name = _CODE_PAGES.get(code_page, f"cp{code_page}")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return "cp1252"
