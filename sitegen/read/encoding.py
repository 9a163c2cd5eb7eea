"""Bytes -> text: which encoding a Chinese source was saved in, and is it text at all.

Order matters. A byte-order mark is the author's own statement, so it wins.
NUL bytes never occur in UTF-8 or GB18030 prose, so they mean UTF-16 (when
they sit in every other byte) or a binary file. Strict UTF-8 almost never
decodes anything that is not UTF-8, so it goes before the legacy Chinese code
pages. GB18030 and Big5 both accept many of each other's byte pairs, so each
is tried and the one whose text reads as language wins. charset-normalizer
guesses last, for the rest (Shift-JIS, Latin-1 ...).

Whatever decoded, the text must read as language: mostly ASCII, common
Chinese characters, punctuation and the letters of other scripts. A wrong
code page turns Chinese into rare characters, kana and box drawing, and bytes
such as `\x00\xff\x00\xfe` decode as UTF-16 into printable `ÿþÿþ`: neither is
a source. Every step is linear in the size of the file.
"""

from __future__ import annotations

import codecs
import re
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from io import BytesIO

# Byte-order marks, longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)

# Signatures of file types people drop into a folder by mistake.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF without readable objects"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "executable"),
    (b"MZ", "Windows executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office document (.doc/.xls/.ppt): save it as .docx or PDF"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x00asm", "WebAssembly module"),
    (b"ID3", "MP3 audio"),
    (b"OggS", "Ogg media"),
    (b"fLaC", "FLAC audio"),
    (b"\x1aE\xdf\xa3", "Matroska/WebM video"),
    (b"wOFF", "web font"),
    (b"wOF2", "web font"),
)

# C0 controls other than tab, line feed, vertical tab, form feed, carriage
# return; plus DEL and the C1 range, which only appear in mis-decoded bytes.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_SAMPLE = 1 << 16
# How much of a decoded text is judged, and the share of it that must be
# language. Chinese prose in the right encoding scores over 0.99; Big5 read as
# GB18030 about 0.4, UTF-16 byte soup near 0.
_LANGUAGE_SAMPLE = 1 << 14
LANGUAGE_SHARE = 0.7
# Legacy code pages of Chinese text, tried in this order when UTF-8 fails.
_LEGACY = ("gb18030", "big5")


@dataclass(frozen=True)
class Decoded:
    text: str  # LF line ends, no byte-order mark
    encoding: str
    prefix: str = ""  # what the text was taken out of, before the reader's name: "PDF → "
    meta: dict[str, object] = field(default_factory=dict)  # what that container said about itself
    reader: str = ""  # the reader that container's text is written for; empty: sniff


@dataclass(frozen=True)
class Undecodable:
    reason: str
    line: int | None = None


BINARY = "binary file, not a text source"


def decode(data: bytes) -> Decoded | Undecodable:
    """The text of a source file, or why it is not one."""
    if not data.strip():
        return Undecodable("empty file")
    if data.startswith(b"PK\x03\x04") and (damaged := _damaged_zip(data)):
        return Undecodable(damaged)
    kind = _magic(data)
    if kind:
        return Undecodable(f"{BINARY} ({kind})")
    result = _decode_bom(data) or _decode_nul(data) or _decode_plain(data)
    if isinstance(result, Undecodable):
        return result
    text = normalise_newlines(result.text)
    if _looks_binary(text):
        return Undecodable(BINARY)
    if language_share(text) < LANGUAGE_SHARE:
        return Undecodable(f"{BINARY} (decoded as {result.encoding.upper()}, it is not language)")
    if not text.strip().strip("\ufeff\u200b"):
        return Undecodable("empty file")
    return Decoded(text, result.encoding)


def _damaged_zip(data: bytes) -> str | None:
    """Why a ZIP archive that no reader opened cannot be read, when it is a
    document cut short or damaged: what it was meant to be, by its first
    member's name; None for a whole archive, or one that names no document."""
    try:
        with zipfile.ZipFile(BytesIO(data)):
            return None
    except (zipfile.BadZipFile, OSError, ValueError):
        pass
    head = data[30:300]
    meant = next((kind for marker, kind in _ZIP_DOCUMENTS if marker in head), None)
    return f"{meant} is cut short or damaged (its ZIP container cannot be opened): save or download it again" if meant else None


def normalise_newlines(text: str) -> str:
    """CRLF, CR and the Unicode line/paragraph separators become LF, one for
    one, so line numbers still match what an editor shows."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")


# What a ZIP container's first member says it is, when the container itself
# cannot be opened (a download or copy cut short).
_ZIP_DOCUMENTS = (
    (b"word/", "Word document"), (b"xl/", "Excel workbook"), (b"ppt/", "PowerPoint deck"),
    (b"mimetypeapplication/epub", "EPUB book"), (b"mimetypeapplication/vnd.oasis.opendocument", "OpenDocument file"),
    (b"[Content_Types].xml", "Office document"),
)


def _magic(data: bytes) -> str | None:
    for signature, kind in _MAGIC:
        if data.startswith(signature):
            return kind
    if data[:4] == b"RIFF" and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return "RIFF media file"
    if data[4:8] == b"ftyp":
        return "MP4/QuickTime media"
    return None


def _decode_bom(data: bytes) -> Decoded | Undecodable | None:
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom):].decode(codec), name)
            except UnicodeDecodeError as error:
                return Undecodable(f"starts with a {name.upper()} byte-order mark but is not {name.upper()}: {error.reason}")
    return None


def _decode_nul(data: bytes) -> Decoded | Undecodable | None:
    """NUL bytes: UTF-16 without a byte-order mark, or binary.

    In UTF-16 every ASCII character (line ends, digits, Latin letters) has a
    zero byte in the same half of its code unit, so the zeros fall on odd
    offsets (little-endian) or on even ones (big-endian); only the rare CJK
    character such as U+4E00 puts a zero in the other half.
    """
    if b"\x00" not in data:
        return None
    sample = data[:_SAMPLE]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if len(data) % 2 == 0 and max(even, odd) >= 4 * min(even, odd):
        codec = "utf-16-le" if odd > even else "utf-16-be"
        try:
            return Decoded(data.decode(codec), codec)
        except UnicodeDecodeError:
            pass
    return Undecodable(BINARY)


def _decode_plain(data: bytes) -> Decoded | Undecodable:
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as error:
        utf8_error = error
    legacy = _best_legacy(data)
    if legacy is not None:
        return legacy
    offset = utf8_error.start
    line = data.count(b"\n", 0, offset) + 1
    if _mostly_utf8(data):
        return Undecodable(f"undecodable bytes: invalid UTF-8 byte 0x{data[offset]:02x} in a UTF-8 file", line)
    guessed = _guess(data)
    if guessed:
        return guessed
    return Undecodable(
        f"undecodable bytes: byte 0x{data[offset]:02x} is not UTF-8, and the file is not "
        "GB18030, UTF-16 or any encoding charset-normalizer recognises",
        line,
    )


def _best_legacy(data: bytes) -> Decoded | None:
    """The legacy Chinese code page whose text reads most like language, if
    any reads well enough: Big5 bytes are often valid GB18030 too."""
    best: Decoded | None = None
    best_share = LANGUAGE_SHARE
    for codec in _LEGACY:
        try:
            candidate = Decoded(data.decode(codec), codec)
        except UnicodeDecodeError:
            continue
        share = language_share(candidate.text)
        if share >= best_share and (best is None or share > best_share):
            best, best_share = candidate, share
    return best


def language_share(text: str) -> float:
    """The share of the text's first characters that belong to language:
    ASCII, whitespace, common punctuation, common Han characters, and the
    letters of Greek, Cyrillic, kana and Hangul."""
    sample = text[:_LANGUAGE_SAMPLE]
    if not sample:
        return 1.0
    return _language_pattern().subn("", sample)[1] / len(sample)


@lru_cache(maxsize=1)
def _language_pattern() -> re.Pattern[str]:
    return re.compile(
        "[\t\n\r\x20-\x7e\u00a0\u00b7\u00d7\u2000-\u206f\u2160-\u216f\u2460-\u24ff"
        "\u3000-\u303f\uff01-\uff5e\u0370-\u03ff\u0400-\u04ff\u3040-\u30ff\uac00-\ud7af"
        f"{_common_han()}]"
    )


def _common_han() -> str:
    """Common Chinese characters, from the layout of two national code pages:
    GB2312 level 1 (the 3,755 most used simplified characters, lead bytes
    0xB0-0xD7) and Big5's frequently used block (5,401 traditional characters,
    0xA440-0xC67E). No data file needed: the codecs carry the tables."""
    chars: set[str] = set()
    for lead in range(0xB0, 0xD8):
        chars.update(_decodable(lead, range(0xA1, 0xFF), "gb2312"))
    for lead in range(0xA4, 0xC7):
        trails = [t for t in (*range(0x40, 0x7F), *range(0xA1, 0xFF)) if (lead << 8 | t) <= 0xC67E]
        chars.update(_decodable(lead, trails, "big5"))
    return "".join(sorted(chars))


def _decodable(lead: int, trails, codec: str) -> list[str]:
    found = []
    for trail in trails:
        try:
            found.append(bytes((lead, trail)).decode(codec))
        except UnicodeDecodeError:
            continue
    return found


def _mostly_utf8(data: bytes) -> bool:
    """A UTF-8 file with a few damaged bytes: guessing a code page for it would
    turn every Chinese character into mojibake, so it is reported instead."""
    text = data.decode("utf-8", errors="replace")
    damaged = text.count("\ufffd")
    return len(text) - len(text.encode("ascii", errors="ignore")) - damaged >= 10 * damaged


def _guess(data: bytes) -> Decoded | None:
    """charset-normalizer's best guess; imported here because most builds never need it."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    return Decoded(str(best), best.encoding)


def _looks_binary(text: str) -> bool:
    """Many control characters in a decoded text mean bytes that were never text."""
    sample = text[:_SAMPLE]
    count = len(_CONTROL.findall(sample))
    return count > 0 and (count / len(sample) > 0.05 or (count >= 4 and count / len(sample) > 0.005))
