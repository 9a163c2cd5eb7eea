"""Which reader reads a text: the one most confident about its content.

Every reader module has `NAME`, `sniff(text) -> float` in 0..1 and
`read(text) -> ReadResult`. The file name never counts: a `.txt` file may
hold Markdown and a `.md` file plain text. Plain text is the fallback.
"""

from __future__ import annotations

from types import ModuleType

from sitegen.read import asciidoc, digest, feed, html, jsondoc, markdown, mime, pdfmd, plain, rst, rtf, subtitles
from sitegen.read import latex, org, table, webpage, xmldoc

# In order of preference when two readers are equally sure: containers and
# formats declared by their first line (a MIME header block, `{\rtf`, a feed root, JSON, XML records,
# a table header, `WEBVTT`) before markup, markup before the shapes of text.
READERS: tuple[ModuleType, ...] = (
    mime, rtf, feed, jsondoc, xmldoc, table, subtitles, html, org, latex, asciidoc, rst, markdown, pdfmd, digest,
    webpage, plain,
)

_HEAD = 1 << 16
_TAIL = 1 << 15


def sniff_sample(text: str) -> str:
    """The start and the end of a long text: formats show at the top (front
    matter, doctype, digest header) or at the bottom (page furniture), and
    sniffing a 10 MB file whole would cost more than reading it."""
    if len(text) <= _HEAD + _TAIL:
        return text
    head = text[:_HEAD].rsplit("\n", 1)[0]
    tail = text[-_TAIL:].split("\n", 1)[-1]
    return f"{head}\n\n{tail}"


def confidences(text: str) -> dict[str, float]:
    """Each reader's confidence for `text`, for `sitegen inspect` and tests."""
    sample = sniff_sample(text)
    return {reader.NAME: _sniff(reader, sample) for reader in READERS}


def reader_named(name: str) -> ModuleType:
    """The reader called `name`: a document extractor that wrote Markdown knows
    what it wrote, and sniffing could take its bylines for PDF artefacts."""
    return next(reader for reader in READERS if reader.NAME == name)


def choose_reader(text: str) -> ModuleType:
    sample = sniff_sample(text)
    best = max(READERS, key=lambda reader: (_sniff(reader, sample), -READERS.index(reader)))
    return best if _sniff(best, sample) > 0 else plain


def _sniff(reader: ModuleType, sample: str) -> float:
    """A sniffer that fails on odd input counts as not recognising it."""
    try:
        return max(0.0, min(1.0, float(reader.sniff(sample))))
    except Exception:  # noqa: BLE001 - one reader's bug must not stop the build
        return 0.0
