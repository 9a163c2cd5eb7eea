"""Tokenise each article once with jieba; every other analysis reads these tokens.

jieba is slow to start and each of its `analyse` helpers re-tokenises the text, so
a corpus of 10,000 sources would pay for tokenisation several times. Here a
`Tokenizer` is made once per process (per taxonomy; its dictionary read from jieba's
cache in ~0.2 s), loaded with the gazetteer names, topic keywords and known
organisations as user words so they come out whole, and each article is cut exactly
once, by `jieba_cut` (jieba's own words for about half the work), with each word's
offset in its paragraph.
"""

from __future__ import annotations

import logging
import marshal
import math
import os
import re
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress

import jieba
import jieba.finalseg

from sitegen.cache import user_cache_folder
from sitegen.model import Article
from sitegen.taxonomy import Taxonomy

_WORD_CHARS = re.compile(r"[\w\u4e00-\u9fff]")
_NUMBER = re.compile(r"^[\d.,%％]+$")
_LINK_TARGET = re.compile(r"(\]\()[^)\s]*(?:\s+\"[^\"]*\")?\)")
_BARE_URL = re.compile(r"https?://\S+")
# jieba's own split of a text into runs it segments and characters it passes through
_HAN = jieba.re_han_default
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_SKIP = jieba.re_skip_default


def align(text: str, words: Sequence[str]) -> tuple[int, ...]:
    """Where each word starts in `text`, each looked for after the one before;
    -1 for a word that is not in the text as written.

    Places, summaries, organisations and link targets all map tokens back to
    the text, so this is done once, when the text is cut.
    """
    found: list[int] = []
    position = 0
    find = text.find
    for word in words:
        start = find(word, position)
        if start >= 0:
            position = start + len(word)
        found.append(start)
    return tuple(found)


@dataclass(frozen=True)
class ParagraphTokens:
    anchor: str
    words: tuple[str, ...]  # every token, punctuation and spaces dropped
    offsets: tuple[int, ...] = ()  # `align(paragraph text, words)`, when known

    def positions(self, text: str) -> tuple[int, ...]:
        """Where each word starts in `text` (the paragraph's), -1 if it is not there."""
        return self.offsets if len(self.offsets) == len(self.words) else align(text, self.words)


@dataclass(frozen=True)
class TokenizedArticle:
    title: tuple[str, ...]
    paragraphs: tuple[ParagraphTokens, ...]
    title_offsets: tuple[int, ...] = ()  # `align(title, title words)`, when known

    def title_positions(self, title: str) -> tuple[int, ...]:
        return self.title_offsets if len(self.title_offsets) == len(self.title) else align(title, self.title)

    def all_words(self) -> list[str]:
        words = list(self.title)
        for paragraph in self.paragraphs:
            words.extend(paragraph.words)
        return words


def _cache_file() -> str:
    """jieba's dictionary cache lives in the user's cache folder, never in the repo."""
    return str(user_cache_folder() / "jieba.cache")


def dictionary_tags(tokenizer: jieba.Tokenizer, tags: frozenset[str]) -> dict[str, str]:
    """The words jieba's dictionary gives one of `tags` (parts of speech), with that tag.

    `jieba.posseg` reads the tag of all 350,000 words of the dictionary (~0.2 s
    in every process); analysis only asks whether a word is a place or an
    organisation, so those few thousand entries are kept in a small file next
    to jieba's cache, made again when the dictionary file or `tags` change.
    """
    path = tokenizer.dictionary or os.path.join(os.path.dirname(jieba.__file__), jieba.DEFAULT_DICT_NAME)
    stat = os.stat(path)
    key = (os.path.abspath(path), stat.st_size, stat.st_mtime_ns, tuple(sorted(tags)))
    cache = os.path.join(os.path.dirname(_cache_file()), "jieba-tags.cache")
    try:
        with open(cache, "rb") as file:
            stored, table = marshal.loads(file.read())
        if stored == key and isinstance(table, dict):
            return table
    except (OSError, EOFError, ValueError, TypeError):
        pass
    table = _read_tags(path, tags)
    _write_atomically(cache, marshal.dumps((key, table)))
    return table


def _read_tags(path: str, tags: frozenset[str]) -> dict[str, str]:
    """`word freq tag` lines; a word listed twice has its last tag, as in jieba."""
    table: dict[str, str] = {}
    with open(path, encoding="utf-8") as file:
        for line in file:
            parts = line.split()
            if len(parts) != 3:
                continue
            word, _, tag = parts
            if tag in tags:
                table[word] = tag
            else:
                table.pop(word, None)
    return table


def _write_atomically(path: str, data: bytes) -> None:
    """Another process may read the file at any moment: write aside, then rename.
    A cache that cannot be written is only slower next time."""
    try:
        fd, temporary = tempfile.mkstemp(dir=os.path.dirname(path))
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except OSError:
        os.unlink(temporary)


def user_words(taxonomy: Taxonomy) -> list[str]:
    """Names that must never be cut apart: places, topic keywords, organisations."""
    words: set[str] = set()
    for region in taxonomy.regions.values():
        words.add(region.name)
        words.update(region.aliases)
    for topic in taxonomy.topics.values():
        words.update(topic.keywords)
    words.update(taxonomy.organisations)
    return sorted(w for w in words if len(w) > 1)


def _load_cached_dictionary(tokenizer: jieba.Tokenizer) -> bool:
    """Load jieba's prefix dictionary from its cache file, as `initialize` would.

    jieba reads the cache with `marshal.load` on the open file, which fetches each
    of its half a million entries from the file object (~0.5 s); the same bytes
    read at once and loaded from memory give the same dictionary in ~0.17 s.
    Like jieba, the default dictionary's cache is trusted whenever it exists; an
    unreadable one returns False, and `initialize` rebuilds it.
    """
    if tokenizer.dictionary != jieba.DEFAULT_DICT:
        return False
    try:
        with open(tokenizer.cache_file, "rb") as file:
            frequencies, total = marshal.loads(file.read())
    except (OSError, EOFError, ValueError, TypeError):
        return False
    if not isinstance(frequencies, dict) or not isinstance(total, (int, float)):
        return False
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = frequencies, total, True
    return True


@lru_cache(maxsize=4)
def make_tokenizer(taxonomy: Taxonomy) -> jieba.Tokenizer:
    """One jieba tokenizer per taxonomy per process (cached: it costs ~0.2 s)."""
    jieba.setLogLevel(logging.WARNING)
    logging.getLogger("jieba").setLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.cache_file = _cache_file()
    if not _load_cached_dictionary(tokenizer):
        tokenizer.initialize()
    for word in user_words(taxonomy):
        tokenizer.add_word(word, freq=max(tokenizer.suggest_freq(word), 1000))
    return tokenizer


class Memo(dict):
    """A dict that computes a missing key once, with `compute`.

    Every token of every article is judged, and a corpus repeats the same
    tokens: a dict lookup costs a fraction of a call through `lru_cache` or a
    regex. It holds at most LIMIT keys, then starts again.
    """

    LIMIT = 1 << 17

    def __init__(self, compute: Callable[[str], object]) -> None:
        super().__init__()
        self.compute = compute

    def __missing__(self, key: str) -> object:
        if len(self) >= self.LIMIT:
            self.clear()
        value = self[key] = self.compute(key)
        return value


def _word_kind(token: str) -> int:
    """0: no word character (punctuation, spaces); 1: one, but not first (`-AI`);
    2: starts with a word character."""
    if not _WORD_CHARS.search(token):
        return 0
    return 2 if _WORD_CHARS.match(token) else 1


_WORD_KINDS = Memo(_word_kind)


def is_word(token: str) -> bool:
    """True for tokens that carry meaning: not punctuation, not blank."""
    return bool(_WORD_CHARS.search(token))


def is_number(token: str) -> bool:
    return bool(_NUMBER.match(token))


def visible_text(text: str) -> str:
    """Paragraph text as a reader sees it: Markdown link and image targets and bare
    URLs are not words of the article (`https`, `coze` must not become keywords)."""
    return _BARE_URL.sub(" ", _LINK_TARGET.sub("]", text))


def cut(tokenizer: jieba.Tokenizer, text: str) -> tuple[str, ...]:
    pieces = jieba_cut(tokenizer, visible_text(text))
    return tuple(compress(pieces, map(_WORD_KINDS.__getitem__, pieces)))


def cut_aligned(tokenizer: jieba.Tokenizer, text: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The words of `text` and `align(text, words)`, found with the cut itself
    when it can be: jieba's pieces cover the text end to end, so where the text
    is what was cut (no link targets or addresses taken out) and every word
    starts with a word character, each word is first found where it was cut,
    after punctuation and spaces only."""
    visible = visible_text(text)
    pieces = jieba_cut(tokenizer, visible)
    kinds = list(map(_WORD_KINDS.__getitem__, pieces))
    words = tuple(compress(pieces, kinds))
    if visible != text or 1 in kinds:
        return words, align(text, words)
    return words, tuple(compress(accumulate(map(len, pieces), initial=0), kinds))


# --------------------------------------------------------------------------- jieba's cut

def jieba_cut(tokenizer: jieba.Tokenizer, sentence: str) -> list[str]:
    """`tokenizer.lcut(sentence)` (accurate mode, HMM on), in about half the
    instructions.

    jieba finds the best path through each run of Chinese and Latin characters
    by first building a dict of every dictionary word at each position
    (`get_DAG`) and then scoring them with a generator per position (`calc`);
    `_best_ends` does both in one pass over the same dictionary with the same
    arithmetic in the same order, so the words are jieba's own (tested against
    jieba on every text of the benchmark corpus and on random text). Runs of
    characters the dictionary does not know go to jieba's HMM unchanged.

    One change: a Latin word stays whole (`join_latin_words`), where jieba
    cuts a dictionary word out of it (`GPUs` -> `GPU` `s`, `robotics` ->
    `robot` `ics`).
    """
    tokenizer.check_initialized()
    frequencies = tokenizer.FREQ
    log_total = math.log(tokenizer.total)
    words: list[str] = []
    for block in _HAN.split(sentence):
        if not block:
            continue
        if _HAN.match(block):
            first = len(words)
            _cut_block(block, frequencies, log_total, words)
            if len(words) - first > 1 and _ASCII_LETTER.search(block):
                words[first:] = join_latin_words(words[first:])
        else:
            for piece in _SKIP.split(block):
                if _SKIP.match(piece):
                    words.append(piece)
                else:
                    words.extend(piece)
    return words


def join_latin_words(words: list[str]) -> list[str]:
    """Adjacent words of ASCII letters and digits joined: jieba cut them apart
    only because the dictionary holds a piece (`robot` + `ics`), while a run
    of them is one word as written; so are Latin words joined by a hyphen
    (`T-Head`, `DeepSeek-R1`, `GPT-4o`: a name, where `Head` alone says
    nothing), but not numbers (`3-5`)."""
    joined: list[str] = []
    for word in words:
        latin = word.isascii() and word.isalnum()
        if latin and joined and _latin(joined[-1]):
            joined[-1] += word
        elif latin and len(joined) > 1 and joined[-1] == "-" and _latin(joined[-2]) \
                and _ASCII_LETTER.search(joined[-2] + word):
            joined.pop()
            joined[-1] += "-" + word
        else:
            joined.append(word)
    return joined


def _latin(word: str) -> bool:
    """ASCII letters and digits, maybe joined by hyphens (`T-Head`)."""
    return word.isascii() and word[:1].isalnum() and word[-1:].isalnum() and word.replace("-", "").isalnum()


def _best_ends(block: str, frequencies: dict[str, int], log_total: float) -> list[int]:
    """Where the word that starts at each position of `block` ends (inclusive)
    on jieba's most probable path: scored right to left, each dictionary word
    by log(frequency / total) plus the best score after it; ties go to the
    longer word, a character no word starts with stands alone."""
    length = len(block)
    scores = [0.0] * (length + 1)
    ends = [0] * length
    get = frequencies.get
    for start in range(length - 1, -1, -1):
        best: float | None = None
        best_end = start
        end = start + 1
        first = frequency = get(block[start])
        while frequency is not None:  # a word or the prefix of one
            if frequency:
                score = math.log(frequency) - log_total + scores[end]
                if best is None or score >= best:
                    best, best_end = score, end - 1
            if end == length:
                break
            end += 1
            frequency = get(block[start:end])
        if best is None:
            best = math.log(first or 1) - log_total + scores[start + 1]
        scores[start] = best
        ends[start] = best_end
    return ends


def _cut_block(block: str, frequencies: dict[str, int], log_total: float, words: list[str]) -> None:
    """jieba's words of one block: the path's words, and runs of single
    characters joined by the HMM unless the dictionary knows the run."""
    ends = _best_ends(block, frequencies, log_total)
    start, single = 0, ""
    while start < len(block):
        stop = ends[start] + 1
        if stop - start == 1:
            single += block[start]
        else:
            if single:
                _add_singles(single, frequencies, words)
                single = ""
            words.append(block[start:stop])
        start = stop
    if single:
        _add_singles(single, frequencies, words)


def _add_singles(run: str, frequencies: dict[str, int], words: list[str]) -> None:
    if len(run) == 1:
        words.append(run)
    elif not frequencies.get(run):
        words.extend(jieba.finalseg.cut(run))
    else:
        words.extend(run)


def _paragraph_tokens(tokenizer: jieba.Tokenizer, anchor: str, text: str) -> ParagraphTokens:
    return ParagraphTokens(anchor, *cut_aligned(tokenizer, text))


def tokenize_article(article: Article, tokenizer: jieba.Tokenizer) -> TokenizedArticle:
    """The article's tokens; an article in Traditional characters is cut in its
    Simplified view, which is what analysis reads (`traditional`)."""
    from sitegen.analyse.traditional import simplified_view

    article = simplified_view(article) or article
    title, title_offsets = cut_aligned(tokenizer, article.title)
    return TokenizedArticle(
        title=title,
        paragraphs=tuple(_paragraph_tokens(tokenizer, p.anchor, p.text) for p in article.paragraphs),
        title_offsets=title_offsets,
    )
