"""Split Chinese text into sentences that are verbatim substrings of it.

Summaries and figures quote sentences back to the reader and link them to their
paragraph, so a sentence must be an exact slice of the text: nothing is
rewritten, only the whitespace between sentences is dropped.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate

TERMINATORS = set("。！？；!?")
ELLIPSIS = "…"
CLOSERS = set("”’」』）)】》\"")
_PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", "（": "）", "(": ")", "【": "】", "《": "》"}
_SYMMETRIC = {'"'}
# After a quote that ends in a full stop, the sentence goes on when the next
# clause says who spoke: `“……。”雷军说，“……”` is one sentence.
_SPEECH = re.compile(r"说|表示|认为|指出|介绍|称|强调|坦言|透露|看来|提到|谈到|补充|告诉|写道|回忆|感慨|笑道|问道|答道")
_CLAUSE_END = re.compile(r"[，。！？；,!?;：:\n“”\"]")
SPEAKER_REACH = 40
_QUOTE_CHARS = re.compile("[\n\"“‘「『（(【《”’」』）)】》]")
_CANDIDATES = re.compile("[。！？；!?…\n”’」』）)】》\"]|\\.\\.\\.|\\.(?=[ \t]+[\"“‘]?[A-Z])")
# An English full stop ends a sentence before a capital letter, except after an
# initial (`U.S. President`, `J. Smith`) or one of these abbreviations.
_ENGLISH_STOP_AFTER = re.compile(r"(?<![A-Za-z.])(?!(?:Mr|Mrs|Ms|Dr|Prof|St|No|Inc|Co|Corp|Ltd|Jr|Sr|vs|etc|Gov|Sen|Rep|Gen)\.)[A-Za-z]*[a-z0-9%)”’\"]\.$")
_ELLIPSIS_AT_END = re.compile("[….]*[”’」』）)】》\"]*[ \t]*(?:\n|$)")


def split_sentences(text: str) -> list[str]:
    """Sentences of `text` in order, each a verbatim slice, whitespace between dropped.

    Splits after `。！？；!?` (and a run of `…` that ends a line or the text, and
    an English full stop before a capital letter: `…this year. In Hong Kong…`),
    keeps closing quotes and brackets with the sentence they close, never splits
    inside a quote or bracket, and a line break always ends a sentence.
    """
    if not isinstance(text, str) or not text:
        return []
    return [text[start:end] for start, end in _spans(text)]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `split_sentences(text)` inside `text`."""
    if not isinstance(text, str) or not text:
        return []
    return list(_spans(text))


@lru_cache(maxsize=1024)
def _spans(text: str) -> tuple[tuple[int, int], ...]:
    """The sentences of one text, as offsets.

    Summaries, figures, people and events each read a paragraph's sentences;
    memoised, a paragraph is split once for all of them.
    """
    quoted, openers = _quote_depths(text)
    spans: list[tuple[int, int]] = []
    begin = 0
    for cut in (*_cuts(text, quoted, openers), len(text)):
        _append(spans, text, begin, cut)
        begin = cut
    return tuple(spans)


def _append(spans: list[tuple[int, int]], text: str, begin: int, end: int) -> None:
    """The piece text[begin:end] without surrounding whitespace, if anything is left."""
    piece = text[begin:end]
    stripped = piece.strip()
    if stripped:
        start = begin + len(piece) - len(piece.lstrip())
        spans.append((start, start + len(stripped)))


def _quote_depths(text: str) -> tuple[list[int], set[int]]:
    """Nesting depth of quotes/brackets at each character (0 = outside), and
    where the quotes open.

    Only pairs that close on the same line count, so a stray opening quote (a
    PDF cut it off) cannot swallow the rest of the paragraph.
    """
    steps = [0] * len(text)
    pairs = _matched_pairs(text)
    for opener, closer in pairs:
        steps[opener + 1] += 1
        steps[closer] -= 1
    return list(accumulate(steps)), {opener for opener, _ in pairs}


def _matched_pairs(text: str) -> list[tuple[int, int]]:
    pairs: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for match in _QUOTE_CHARS.finditer(text):
        index, char = match.start(), match.group()
        if char == "\n":
            stack.clear()
        elif char in _SYMMETRIC and stack and stack[-1][0] == char:
            pairs.append((stack.pop()[1], index))
        elif char in _PAIRS or char in _SYMMETRIC:
            stack.append((_PAIRS.get(char, char), index))
        elif stack and char in CLOSERS:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == char:
                    pairs.append((stack[depth][1], index))
                    del stack[depth:]
                    break
    return pairs


def _cuts(text: str, quoted: list[int], openers: set[int]) -> list[int]:
    """Offsets where one sentence ends and the next begins.

    Only the characters that can end a sentence are visited (a regex jumps to
    them), so long paragraphs cost little.
    """
    cuts: list[int] = []
    index, length = 0, len(text)
    while (match := _CANDIDATES.search(text, index)) is not None:
        index = match.start()
        char = text[index]
        if char == "\n":
            cuts.append(index + 1)
        elif char == "." and not text.startswith("...", index):
            if quoted[index] == 0 and _ENGLISH_STOP_AFTER.search(text, max(0, index - 20), index + 1):
                cuts.append(index + 1)
        elif quoted[index] == 0 and (char in TERMINATORS or _final_ellipsis(text, index)):
            end = _sentence_end(text, index, openers)
            if end < length and not _quote_continues(text, index, end):
                cuts.append(end)
            index = end
            continue
        elif quoted[index] == 0 and char in CLOSERS and index > 0 and _ends_quote(text, index, quoted):
            end = _sentence_end(text, index, openers)
            if not _quote_continues(text, index, end):
                cuts.append(end)
            index = end
            continue
        index += 1
    return cuts


def _final_ellipsis(text: str, index: int) -> bool:
    """`…`/`……`/`...` end a sentence only at the end of a line or of the text."""
    if text[index] != ELLIPSIS and not text.startswith("...", index):
        return False
    return _ELLIPSIS_AT_END.match(text, index) is not None


def _ends_quote(text: str, index: int, quoted: list[int]) -> bool:
    """A closing quote whose content ended with a full stop: `……核心要义。”`."""
    before = index - 1
    while before >= 0 and text[before] in CLOSERS:
        before -= 1
    return before >= 0 and quoted[before] > 0 and text[before] in TERMINATORS | {ELLIPSIS}


def _sentence_end(text: str, index: int, openers: set[int]) -> int:
    """Past the terminator run and any closers that belong to this sentence."""
    end = index + 1
    while end < len(text) and (text[end] in TERMINATORS or text[end] in ELLIPSIS + "."):
        end += 1
    while end < len(text) and text[end] in CLOSERS and end not in openers:
        end += 1
    return end


def _quote_continues(text: str, index: int, end: int) -> bool:
    """True after `。”` when the words that follow name the speaker."""
    if not any(text[i] in CLOSERS for i in range(index, end)):
        return False
    clause = _CLAUSE_END.split(text[end : end + SPEAKER_REACH], maxsplit=1)[0]
    return bool(clause) and bool(_SPEECH.search(clause))
