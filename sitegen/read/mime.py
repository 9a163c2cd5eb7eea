"""Saved web pages (MHTML, `.mht`/`.mhtml`) and e-mails (`.eml`): a MIME message
around the page or the newsletter.

Both are a block of mail headers, then parts, each in its own transfer
encoding (quoted-printable, base64) and charset. The standard library's
`email` package takes the message apart; the text is the first HTML part (the
page a browser saved, a newsletter's rich version), read by the HTML reader,
else the first plain-text part, read by the plain reader. What the headers
say goes into `meta` below what the page's own `<meta>` tags say: `Subject`
is the title, an e-mail's `Date` the date (a saved page's is when it was
saved, so it is not used), the sender's display name the publisher
(a browser's `From: <Saved by Blink>` has none) and `Snapshot-Content-Location`
the page's address.

Blocks point at lines of the file: a part's lines are found where the part's
encoded text sits, line for line for quoted-printable (whose soft line breaks
are skipped), by byte offset for base64.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import email
import email.errors
import quopri
import re
from collections.abc import Callable
from email.message import Message
from email.policy import default

from sitegen.model import Block
from sitegen.read import html, plain
from sitegen.read.base import ReadResult, warning

NAME = "mime"

_HEADER = re.compile(r"[A-Za-z][A-Za-z0-9-]{0,76}:")
_MBOX_SEPARATOR = re.compile(r"From \S")  # `From sender@host date`: a message saved from an mbox
MAX_HEADER_LINES = 300  # a long `Received:` chain stays well under this
# Without `MIME-Version`, an e-mail shows itself by a sender, a subject and one of these.
_MAIL_HEADERS = frozenset({"to", "date", "message-id", "received", "return-path", "delivered-to", "reply-to"})
# Charsets as messages label them -> the codec that decodes what they really
# hold: pages labelled gb2312 use GBK characters, GB18030 is a superset of both.
_CODECS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030", "cp936": "gb18030",
           "big5": "big5hkscs", "x-big5": "big5hkscs"}
# What a damaged header raises when its value is parsed.
_HEADER_ERRORS = (email.errors.MessageError, ValueError, IndexError, TypeError, AttributeError)

LineMap = Callable[[int], int]


def sniff(text: str) -> float:
    """A mail header block at the very top: `MIME-Version` with a
    `Content-Type`, `From` or `Subject`, or a sender and a subject with a
    transport header (`To`, `Date`, `Message-ID` …)."""
    names = _header_names(text)
    if not names:
        return 0.0
    if "mime-version" in names and names & {"content-type", "from", "subject"}:
        return 0.99
    return 0.9 if {"from", "subject"} <= names and names & _MAIL_HEADERS else 0.0


def _header_names(text: str) -> set[str]:
    """Lower-cased names of the header block that opens `text`; empty when
    the text does not open with one ended by a blank line."""
    names: set[str] = set()
    for index, line in enumerate(text.lstrip("\n").split("\n", MAX_HEADER_LINES)[:MAX_HEADER_LINES]):
        if not line.strip():
            return names
        if line[0] in " \t" and names:
            continue  # a folded header goes on
        if index == 0 and _MBOX_SEPARATOR.match(line):
            continue
        match = _HEADER.match(line)
        if not match:
            return set()
        names.add(match.group()[:-1].lower())
    return set()


def read(text: str) -> ReadResult:
    message = email.message_from_string(text.lstrip("\n"), policy=default)
    meta = _header_meta(message)
    for part in _text_parts(message):
        body, lines = _decoded(part, text)
        found = (html.read if part.get_content_subtype() == "html" else plain.read)(body)
        if found.blocks:
            blocks = [_moved(block, lines) for block in found.blocks]
            return ReadResult(blocks, {**meta, **found.meta}, found.diagnostics)
    return ReadResult([], meta, [warning("MIME message has no text part with article text")])


# --------------------------------------------------------------------------- headers


def _header_meta(message: Message) -> dict[str, object]:
    """Title, date, publisher and address from the message's headers."""
    meta: dict[str, object] = {}
    subject = " ".join(_header(message, "subject").split())
    if subject:
        meta["title"] = subject
    snapshot = _header(message, "snapshot-content-location")
    date = "" if snapshot else _date(message)  # a saved page's Date is when it was saved
    if date:
        meta["date"] = date
    sender = _sender(message)
    if sender:
        meta["publisher"] = sender
    address = snapshot or _header(message, "content-location")
    if address:
        meta["url"] = address
    return meta


def _header(message: Message, name: str) -> str:
    """A header's decoded text (encoded words such as `=?UTF-8?B?…?=` undone);
    empty when it is missing or too damaged to parse."""
    try:
        value = message.get(name)
    except _HEADER_ERRORS:
        return ""
    return str(value).strip() if value is not None else ""


def _date(message: Message) -> str:
    """`Tue, 03 Jun 2025 09:30:00 +0800` -> `2025-06-03 09:30`, in the zone it
    was written in; a date that cannot be parsed is kept as written."""
    written = _header(message, "date")
    try:
        moment = getattr(message.get("date"), "datetime", None)
    except _HEADER_ERRORS:
        moment = None
    return moment.strftime("%Y-%m-%d %H:%M") if moment is not None else written


def _sender(message: Message) -> str:
    """The display name of the sender (`机器之心 <news@…>` -> `机器之心`); an
    address alone, or a browser's `<Saved by Blink>`, names no publisher."""
    try:
        addresses = getattr(message.get("from"), "addresses", ())
    except _HEADER_ERRORS:
        return ""
    return next((" ".join(a.display_name.split()) for a in addresses if a.display_name.strip()), "")


# --------------------------------------------------------------------------- parts


def _text_parts(message: Message) -> list[Message]:
    """The HTML parts, then the plain-text parts, that are not attachments, in
    the order of the message: a saved page's root comes first, an e-mail's
    rich version before its plain one. The first that yields article text is
    read. (Walked by hand: `EmailMessage.get_body` fails on damaged nesting.)"""
    parts = [part for part in message.walk() if part.get_content_maintype() == "text" and part.get_content_disposition() != "attachment"]
    return [part for subtype in ("html", "plain") for part in parts if part.get_content_subtype() == subtype]


def _decoded(part: Message, text: str) -> tuple[str, LineMap]:
    """A part's text, and the map from its lines to the lines of `text`
    where its encoded form sits."""
    raw = part.get_payload()
    if not isinstance(raw, str):
        return "", lambda line: 1
    found = text.find(raw) if raw else -1
    start = text.count("\n", 0, found) + 1 if found >= 0 else 1
    last = text.count("\n") + 1
    body, within = _undone(part, raw)
    return body, lambda line: max(1, min(last, start + within(line)))


def _undone(part: Message, raw: str) -> tuple[str, LineMap]:
    """The part's text out of its transfer encoding and charset, with LF line
    ends, and the line within `raw` where each of its lines was encoded."""
    charset = part.get_content_charset()
    codec = _codec(charset)
    encoding = str(part.get("content-transfer-encoding", "")).strip().lower()
    if encoding == "base64":
        data = _base64(raw)
        within = _base64_lines(data, raw)
    elif encoding == "quoted-printable":
        data = quopri.decodestring(raw.encode(codec, "replace"))
        within = _quoted_printable_lines(raw)
    else:
        return _lf(raw), lambda line: line - 1
    return _lf(_text(data, codec if charset else None)), within


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _codec(charset: str | None) -> str:
    """The codec for a part's charset; UTF-8 for a missing or unknown one."""
    name = (charset or "").strip().lower()
    try:
        return codecs.lookup(_CODECS.get(name, name)).name if name else "utf-8"
    except LookupError:
        return "utf-8"


def _text(data: bytes, codec: str | None) -> str:
    """Decoded bytes; a part that names no charset is UTF-8, or else GB18030,
    the two encodings Chinese pages come in."""
    if codec:
        return data.decode(codec, "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", "replace")


def _base64(raw: str) -> bytes:
    """Base64 text as bytes; a damaged line is left out and the lines around
    it still decode (each line of a part encodes whole bytes)."""
    try:
        return _unbase64("".join(raw.split()))
    except (binascii.Error, ValueError):
        return b"".join(_line_bytes(line) for line in raw.split("\n"))


def _line_bytes(line: str) -> bytes:
    try:
        return _unbase64(line.strip())
    except (binascii.Error, ValueError):
        return b""


def _unbase64(letters: str) -> bytes:
    return base64.b64decode(letters + "=" * (-len(letters) % 4), validate=True)


def _base64_lines(data: bytes, raw: str) -> LineMap:
    """Line of a decoded line within the encoded part: base64 lines are all
    one width, so a byte offset tells the line it was encoded on."""
    width = max(1, len(raw.split("\n", 1)[0].strip()) * 3 // 4)
    offsets = [0] + [m.end() for m in re.finditer(b"\n", data)]
    return lambda line: offsets[min(line, len(offsets)) - 1] // width


def _quoted_printable_lines(raw: str) -> LineMap:
    """Line of a decoded line within the encoded part: a line ending in `=`
    is a soft break that the decoded text does not have."""
    starts = [0] + [n + 1 for n, line in enumerate(raw.split("\n")) if not line.rstrip(" \t\r").endswith("=")]
    return lambda line: starts[min(line, len(starts)) - 1]


def _moved(block: Block, lines: LineMap) -> Block:
    return Block(block.kind, block.text, lines(block.line), block.level, block.meta)
