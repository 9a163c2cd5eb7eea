"""Interview transcripts as subtitles: SRT and WebVTT.

A video interview reaches the site as its subtitle file. What matters is what
was said and by whom, so cue numbers, timings, styling tags and comments go,
and the cues, a few words each, are joined back into paragraphs. Chinese
subtitles carry no punctuation at the end of a line (a space stands for a
comma inside one), so lines are joined with `，` unless they already end in a
mark, and a paragraph gets its `。`.

A paragraph ends where the speaker changes (a VTT `<v 张三>` voice, `张三：` at
the start of a line, a `- ` or `>>` turn mark; see `subtitles.toml`) or where
the speech pauses. A turn reads `张三：……`, as interviews are printed, so the
speaker and quote handling downstream treats it like any printed interview.
The title is the text after `WEBVTT`, or a `Title:`/`标题：` line in the
header or a `NOTE`; without one the usual title rules apply to the text.
Bilingual subtitles keep the Chinese line of a cue and drop its translation.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import lru_cache

from sitegen.model import Block
from sitegen.read.base import ReadResult, compile_any, load_toml
from sitegen.read.jsondoc import names_part
from sitegen.read.text import CLOSERS, HAN, RawBlock, ends_sentence, split_blocks

NAME = "subtitles"

# A gap between two cues longer than this (seconds) is a pause: the speaker has
# finished a thought. While someone talks, cues follow each other with gaps
# well under two seconds; a question, an answer's start, a cut in the video
# leave longer ones.
PAUSE_SECONDS = 4.0
# A turn longer than this (characters) goes on in a new paragraph at the next
# cue: a ten-minute answer would otherwise be one paragraph of one sentence.
MAX_PARAGRAPH_CHARS = 300
# A line of a bilingual cue without Chinese and with this many Latin words is
# the translation of the Chinese line (`GPT-5`, `Sam Altman` are not).
TRANSLATION_WORDS = 3

_STAMP = r"(?:\d{1,3}:\d{2}:\d{2}(?:[,.]\d{1,3})?|\d{1,2}:\d{2}[,.]\d{1,3})"
# `00:01:02,500 --> 00:01:05,000`, maybe with VTT cue settings (`align:start`).
_TIMING = re.compile(rf"^[ \t]*(?P<start>{_STAMP})[ \t]*-->[ \t]*(?P<end>{_STAMP})(?:[ \t]+[^\s:]+:\S*)*[ \t]*$", re.M)
_WEBVTT = re.compile(r"\A\s*WEBVTT(?=[ \t\n]|\Z)")
_SKIPPED_BLOCKS = ("STYLE", "REGION")
_NOT_TITLES = ("FILE",)  # `WEBVTT FILE`: the header of early WebVTT files
_NOTE = re.compile(r"^NOTE(?=[ \t]|$)")
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?[ \t]+(?P<name>[^<>]+?)\s*>")
_TAG = re.compile(r"</?[A-Za-z][^<>\n]*>|<\d[\d:.,]*>|\{\\[^{}\n]*\}")
_BLANK_BETWEEN_HAN = re.compile(rf"(?<=[{HAN}])[ \u3000]+(?=[{HAN}])")
_SETTING = re.compile(r"^[A-Za-z][\w-]*\s*:")  # `Kind: captions` after `WEBVTT`: no title
_KEY_LINE = re.compile(r"^(?P<key>[^:：\s][^:：]{0,19})[:：]\s*(?P<value>\S.*)$")
_META_PARTS = ("title", "date", "publisher", "authors")
_LATIN_WORD = re.compile(r"[A-Za-z]+")
_HAN_CHAR = re.compile(f"[{HAN}]")
_MARKS = "，、；：,;:。！？!?…—～~"


@dataclass
class _Cue:
    start: float  # seconds
    end: float
    lines: list[tuple[int, str]] = field(default_factory=list)  # (line number, raw text)


@dataclass
class _Said:
    """One line of a cue, cleaned: who says it, as far as the line tells."""

    line: int
    text: str
    speaker: str | None
    turn: bool  # a turn mark (`- `, `>>`) starts it


@dataclass
class _Paragraph:
    line: int
    label: str
    parts: list[str] = field(default_factory=list)

    @property
    def size(self) -> int:
        return sum(len(part) for part in self.parts)


def sniff(text: str) -> float:
    """A `WEBVTT` header is decisive; SRT shows by its timing lines, one to
    every cue, so they are at least half of the text's blocks."""
    if _WEBVTT.match(text[:64]):
        return 0.99
    timings = len(_TIMING.findall(text))
    blocks = len(split_blocks(text))
    return 0.95 if timings and timings * 2 >= blocks else 0.0


def read(text: str) -> ReadResult:
    meta: dict[str, object] = {}
    front: list[Block] = []
    cues: list[_Cue] = []
    title_line = 1
    for index, block in enumerate(split_blocks(text)):
        first = block.lines[0]
        if index == 0 and _WEBVTT.match(first):
            title_line = _header(block, meta)
        elif _NOTE.match(first):
            title_line = _note(block, meta) or title_line
        elif first in _SKIPPED_BLOCKS:
            continue
        elif _TIMING.match(first) or any(_TIMING.match(line) for line in block.lines[1:3]) or cues:
            _cues(block, cues)
        else:
            front.extend(_front(block, meta))
    blocks = front + _paragraphs(cues)
    title = str(meta.pop("title", ""))
    if title:
        blocks.insert(0, Block("heading", title, title_line, 1))
    return ReadResult(blocks, meta)


# --------------------------------------------------------------------------- header, notes


def _header(block: RawBlock, meta: dict[str, object]) -> int:
    """`WEBVTT - 专访…` and the header's `key: value` lines; the title's line."""
    text = _WEBVTT.sub("", block.lines[0]).strip(" \t-–—:：|｜")
    if _SETTING.match(text):
        _key_line(text, meta)
    elif text and text.upper() not in _NOT_TITLES:
        meta["title"] = text
    for offset, line in enumerate(block.lines[1:], start=1):
        if _key_line(line, meta) == "title":
            return block.line + offset
    return block.line


def _note(block: RawBlock, meta: dict[str, object]) -> int | None:
    """`NOTE 标题：…`, `NOTE` + `来源：…` lines, or `NOTE 标题` with the title on
    the next line; the title's line when the note gives one."""
    lines = [_NOTE.sub("", block.lines[0]).strip(), *block.lines[1:]]
    if len(lines) > 1 and names_part(lines[0], "title") and lines[1].strip():
        meta["title"] = " ".join(line.strip() for line in lines[1:])
        return block.line + 1
    found = None
    for offset, line in enumerate(lines):
        if _key_line(line, meta) == "title":
            found = block.line + offset
    return found


def _key_line(line: str, meta: dict[str, object]) -> str | None:
    """Put a `标题：…`, `Title: …`, `来源：…` line into `meta`; the part it names."""
    match = _KEY_LINE.match(line.strip())
    if not match:
        return None
    part = next((part for part in _META_PARTS if names_part(match["key"], part)), None)
    if part:
        meta[part] = match["value"].strip()
    return part


def _front(block: RawBlock, meta: dict[str, object]) -> list[Block]:
    """A block before the first cue: `标题：…` lines to `meta`, text as written."""
    lines = [(block.line + n, line) for n, line in enumerate(block.lines) if not _key_line(line, meta) and not line.isdigit()]
    return [Block("paragraph", "\n".join(line for _, line in lines), lines[0][0])] if lines else []


# --------------------------------------------------------------------------- cues


def _cues(block: RawBlock, cues: list[_Cue]) -> None:
    """Cues of one block: a timing line starts a cue, the lines after it are
    its text, an identifier or cue number before it goes. A block without a
    timing line goes on with the last cue (a blank line inside its text)."""
    for offset, line in enumerate(block.lines):
        timing = _TIMING.match(line)
        if timing:
            cues.append(_Cue(_seconds(timing["start"]), _seconds(timing["end"])))
        elif cues and not _identifier(block, offset):
            cues[-1].lines.append((block.line + offset, line))


def _identifier(block: RawBlock, offset: int) -> bool:
    """A VTT cue identifier or an SRT cue number: the line right before a
    timing line, first in its block or (in SRT without blank lines) a number."""
    before_timing = offset + 1 < len(block.lines) and bool(_TIMING.match(block.lines[offset + 1]))
    return before_timing and (offset == 0 or block.lines[offset].isdigit())


def _seconds(stamp: str) -> float:
    """`00:01:02,500` -> 62.5."""
    clock, _, fraction = stamp.replace(",", ".").partition(".")
    seconds = 0
    for unit in clock.split(":"):
        seconds = seconds * 60 + int(unit)
    return seconds + (int(fraction.ljust(3, "0")) / 1000 if fraction else 0.0)


@lru_cache(maxsize=1)
def _marks() -> tuple[tuple[str, ...], tuple[re.Pattern[str], ...], tuple[str, ...], re.Pattern[str]]:
    """Turn marks, speaker labels, words that end no name, sound descriptions."""
    data = load_toml("subtitles.toml")
    turns = tuple(sorted(data["turns"]["marks"], key=len, reverse=True))
    labels = tuple(re.compile(pattern) for pattern in data["labels"]["patterns"])
    return turns, labels, tuple(data["labels"]["not_name_endings"]), compile_any(data["sounds"]["patterns"])


def _said(cue: _Cue) -> list[_Said]:
    """The cue's lines without tags, sound descriptions and translations,
    each with its speaker: a voice tag holds to the end of the cue."""
    turns, labels, _, sounds = _marks()
    said: list[_Said] = []
    voice: str | None = None
    for number, raw in cue.lines:
        found = _VOICE.search(raw)
        voice = " ".join(found["name"].split()) if found else voice
        text = _clean(raw)
        if not text or sounds.fullmatch(text):
            continue
        mark = next((m for m in turns if text.startswith(m) and not text[len(m) :].lstrip()[:1].isdigit()), "")
        text = text[len(mark) :].strip()
        # Under a voice tag the voice speaks: `许志锰:` inside it is someone quoted.
        name, text = (None, text) if voice else _label(text, labels)
        if text:
            said.append(_Said(number, text, name or voice, bool(mark)))
    if any(_HAN_CHAR.search(s.text) for s in said):
        said = [s for s in said if _HAN_CHAR.search(s.text) or len(_LATIN_WORD.findall(s.text)) < TRANSLATION_WORDS]
    return said


def _clean(raw: str) -> str:
    """A cue line without tags and entities; a space between Chinese words is
    the comma the subtitler left out."""
    text = html.unescape(_TAG.sub("", raw)).replace("\u00a0", " ").replace("\u200e", "").replace("\u200f", "")
    return _BLANK_BETWEEN_HAN.sub("，", " ".join(text.split()))


def _label(text: str, labels: tuple[re.Pattern[str], ...]) -> tuple[str | None, str]:
    """(`张三`, `…`) for `张三：…`; (None, the line) when no speaker is named."""
    for pattern in labels:
        found = pattern.match(text)
        rest = text[found.end() :].strip() if found else ""
        if found and rest and _is_name(found["name"].strip(), rest):
            return found["name"].strip(), rest
    return None, text


def _is_name(name: str, rest: str) -> bool:
    """`张三`, `主持人`, `嘉宾1`, `Q`; not a clock (`时间是10:30`), an address
    (`https://…`) nor reported speech (`他说：…`)."""
    clock = name[-1].isdigit() and rest[0].isdigit()
    return any(ch.isalpha() for ch in name) and not clock and not rest.startswith("//") and not name.endswith(_marks()[2])


# --------------------------------------------------------------------------- paragraphs


def _paragraphs(cues: list[_Cue]) -> list[Block]:
    """Cue lines joined into paragraphs, a new one at each change of speaker,
    turn mark or pause, and after a long stretch of one speaker."""
    paragraphs: list[_Paragraph] = []
    speaker: str | None = None
    last_end: float | None = None
    previous = ""
    for cue in cues:
        pause = last_end is not None and cue.start - last_end > PAUSE_SECONDS
        first = True
        for said in _said(cue):
            if said.text == previous:
                continue  # a rolling caption repeats the line before
            changed = said.speaker is not None and said.speaker != speaker
            if said.turn or changed:
                speaker = said.speaker
            long = bool(paragraphs) and paragraphs[-1].size >= MAX_PARAGRAPH_CHARS
            if not paragraphs or said.turn or changed or (first and (pause or long)):
                label = said.speaker if (said.turn or changed) and said.speaker else ""
                paragraphs.append(_Paragraph(said.line, label))
            paragraphs[-1].parts.append(said.text)
            previous, first = said.text, False
        last_end = cue.end
    return [Block("paragraph", _text(p), p.line) for p in paragraphs]


def _text(paragraph: _Paragraph) -> str:
    text = paragraph.parts[0]
    for part in paragraph.parts[1:]:
        text += _joiner(text, part) + part
    text = _ended(text, chinese=bool(_HAN_CHAR.search(paragraph.label + text)))
    return f"{paragraph.label}：{text}" if paragraph.label else text


def _joiner(left: str, right: str) -> str:
    """What goes between two subtitle lines: a space between Latin words,
    nothing after a mark, else the comma Chinese subtitles leave out."""
    if left[-1].isascii() and right[0].isascii():
        return " "
    tail = left.rstrip(CLOSERS)[-1:] or left[-1]
    return "" if tail in _MARKS or left[-1] in _MARKS else "，"


def _ended(text: str, chinese: bool) -> str:
    """The paragraph with its closing mark: a trailing comma becomes `。`."""
    if ends_sentence(text) or text.endswith("."):
        return text
    mark = "。" if chinese else "."
    return text[:-1] + mark if text[-1] in "，、；：,;:" else text + mark
