"""Extractive summaries: the article's own sentences, ranked by TextRank.

A briefing quotes its sources, it does not paraphrase them, so a summary is a
choice of sentences, each a verbatim slice of one paragraph and linked back to
it. Sentences are ranked by TextRank (Mihalcea & Tarau, 2004): a sentence that
shares words with many others states what the article keeps returning to. The
words come from the article's one jieba tokenisation, aligned to the sentences
by offset, so summarising never cuts the text again.
"""

from __future__ import annotations

import bisect
import math
import operator
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

from sitegen.analyse.keywords import term_forms
from sitegen.analyse.tokens import ParagraphTokens, TokenizedArticle
from sitegen.chinese.dates import DAY_PART
from sitegen.chinese.sentences import sentence_spans
from sitegen.model import CELL_SEPARATOR, Article, Paragraph, SentenceRef
from sitegen.read.bylines import parse_release_dateline
from sitegen.read.text import HAN

# Paragraph kinds that hold no sentences a summary could quote.
SKIPPED_KINDS = frozenset({"heading", "caption", "image", "byline", "code"})
MIN_CHARS = 12  # shorter "sentences" are labels, slogans or list fragments
UNPUNCTUATED_MIN_CHARS = 40  # without an end mark, only a long run is a sentence
MAX_SENTENCES = 400  # TextRank is quadratic; the lead of a huge text is what matters
DAMPING = 0.85
TOLERANCE = 1e-4  # of the mean rank: scores are kept to four decimals
LEAD_BIAS = 0.25  # the first sentence gets 25 % more than the last: news leads with the news
QUESTION_WEIGHT = 0.4  # an interviewer's question or lead-in rarely says what happened
# A source quoted by its lines (an agenda) tops at this score, so in a region's or
# topic's summary its items come after the other articles' sentences, not instead.
LINE_WEIGHT = 0.5
# A paragraph an interviewer speaks: `主持人：`, `记者：`, `问：`, `Q:` at its start, perhaps in bold.
_INTERVIEWER = re.compile(r"^\s*(?:\*\*|__)?(?:主持人|记者|記者|问|問|提问|提問|Q|主持)\s*[:：]")
RANKED_LIMIT = 10
FILL_MIN_SCORE = 0.35  # below this share of the best, a sentence only pads the budget
OVERSIZE = 2  # a lone best sentence may exceed the budget at most this many times
# An English sentence takes about three times the characters of a Chinese one saying
# as much: its length counts a third against a budget set in Chinese characters.
LATIN_CHARS_PER_CHAR = 3
_HAN = re.compile(f"[{HAN}]")
NEAR_DUPLICATE = 0.5  # character-bigram Jaccard at which two sentences say the same
CONTAINED = 0.8  # ... or the share of the shorter one's bigrams found in the other

TERMINATORS = "。！？；!?…"
QUESTION_MARKS = "？?"
CLOSERS = "”’」』）)"
LIST_MARKS = "-*+•"
# A list marker or a news dateline before a sentence is not part of what it says;
# cutting it off leaves a shorter slice, still verbatim.
_LEAD_IN = re.compile(
    r"^(?:\s*(?:[-*+•]|\d{1,2}[.)、])\s+"
    r"|[\u4e00-\u9fff]{2,12}\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*[电讯電訊]\s*(?:[（(][^（()）]{0,40}[）)])?\s*[，,：:]?"
    r"|[（(][^（()）]{0,40}?\d{1,2}\s*日\s*[电讯電訊][）)]"
    r"|[（(][\u4e00-\u9fff]{2,6}[讯訊][）)]"  # a Singapore or Malaysian paper's `（新山讯）`
    r"|【[^【】\n]{1,40}?报道[^【】\n]{0,30}】"
    r"|【[^【】\n]{0,30}?(?:记者|記者|通讯员|通訊員)[^【】\n]{0,20}】"
    rf"|[\u4e00-\u9fffA-Za-z0-9]{{2,12}}?[讯訊]?\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日\s*{DAY_PART}消息\s*[，,：:]"
    r"|[\u4e00-\u9fffA-Za-z0-9]{1,10}?[讯訊]\s*[（(][^（()）\n]{0,20}?(?:记者|記者|通讯员|通訊員)[^（()）\n]{0,40}[）)]"
    r"|(?:本报|本報|本刊|本台|本网|本網)[讯訊]\s*[，,：:]?"
    r"|(?:\*\*|__)?(?:答|A)\s*[:：]\s*(?:\*\*|__)?\s*)+"  # an interview's `答：` (`**答：**`): who answers is no news
)
_TEXT_CHAR = r"[\w\u3400-\u9fff]"
_OTHER_CHAR = r"[^\w\u3400-\u9fff]"
# At least n text characters: the pattern stops reading once it has seen them.
_MIN_TEXT = re.compile(rf"(?:{_OTHER_CHAR}*{_TEXT_CHAR}){{{MIN_CHARS}}}")
_MIN_UNPUNCTUATED_TEXT = re.compile(rf"(?:{_OTHER_CHAR}*{_TEXT_CHAR}){{{UNPUNCTUATED_MIN_CHARS}}}")
_BIGRAM_NOISE = re.compile(r"[\s\W_]+")
# A field of a notice or an agenda (`时间：2025年12月10日—12日`, `主办单位：苏州市人民政府`):
# a short label and one value, no statement.
_FIELD_LINE = re.compile(r"^(?!\d{1,2}:\d\d)[^，,。；;：:\s]{1,6}\s*[：:][^，,。；;]*$")


@dataclass(frozen=True)
class Candidate:
    """A sentence that may go into a summary, with the terms TextRank compares."""

    text: str
    paragraph: str
    position: int  # order of the sentence in the article
    terms: frozenset[str]
    length: int  # number of word tokens, for TextRank's length normalisation
    asked: bool = False  # said by the interviewer (`主持人：`, `问：`): a question or a lead-in
    line: bool = False  # a line of a source without whole sentences (`candidate_sentences`)


def trim_lead_in(sentence: str) -> str:
    """`- 香港总算力…` -> `香港总算力…`; `新华社杭州11月21日电（记者高亢）当前，…`,
    `（中央社記者陳雅婷台北5日電）國科會…`, a news site's `【环球网科技报道 记者 金敏】` or
    `新浪科技讯 11月19日消息，`, a correspondent's `【环球时报驻阿联酋特约记者 王晨】`,
    a paper's own `本报讯（记者 王小川）`, a press release's `北京，2025年6月3日 /美通社/ --`,
    an English wire's `SINGAPORE, 12 March 2025 —` or an interview's `答：` -> the
    sentence after it."""
    first = sentence[:1]
    if "月" not in sentence and "讯" not in sentence[:12] and "訊" not in sentence[:12] and not (
        first.isspace() or first.isdecimal() or first in LIST_MARKS or first in "（(【答*_" or first.isupper()
    ):
        return sentence  # no list marker, answer label or capital in front, no month or 讯: nothing can match
    lead_in = _LEAD_IN.match(sentence)
    if lead_in:
        return sentence[lead_in.end() :]
    release = parse_release_dateline(sentence)
    return sentence[release[1] :] if release else sentence


def ends_with(sentence: str, marks: str) -> bool:
    """The sentence ends in one of `marks`, closing quotes and brackets after it
    allowed (`……核心要义。”`). String methods: a regex anchored at the end
    still tries every position of the sentence."""
    body = sentence.rstrip(CLOSERS)
    return bool(body) and body[-1] in marks


def quotable_part(sentence: str, lines: bool = False) -> str | None:
    """The sentence if it is quotable; of a digest's cut-off body (`…提出到2027年
    产业规模突破1000亿元...`), the clauses it completed before the cut, as
    written (`…印发《…行动计划》`); else None. With `lines`, an unpunctuated
    line of MIN_CHARS is quotable too (`签约仪式，预计签约项目30个，总投资超200亿元`),
    unless it is a field (`时间：…`) or a table's row (`| 星海智算 | 北京 | B轮 |`)."""
    stripped = sentence.rstrip()
    if not stripped.endswith("..."):
        return sentence if is_quotable(sentence) or (lines and _is_quotable_line(stripped)) else None
    head = stripped.rstrip(".")
    cut = max(head.rfind(mark) for mark in "，；,;")
    return head[:cut] if cut > 0 and _MIN_TEXT.match(head[:cut]) else None


def _is_quotable_line(line: str) -> bool:
    """A line of MIN_CHARS that is no field (`时间：…`) and no table row (`| 北京 | B轮 |`)."""
    return bool(_MIN_TEXT.match(line)) and not _FIELD_LINE.match(line) and line.count("|") < 2


def is_quotable(sentence: str) -> bool:
    """A whole sentence, not a heading, slogan, label or cut-off digest body."""
    stripped = sentence.rstrip()
    if stripped.endswith("...") or not _MIN_TEXT.match(stripped):  # `...`: a digest's cut-off body
        return False
    return ends_with(stripped, TERMINATORS) or bool(_MIN_UNPUNCTUATED_TEXT.match(stripped))


def interviewer_speaks(text: str, askers: Sequence[str | None]) -> bool:
    """The paragraph is the interviewer's: `主持人：`, `问：`, or the publication
    or the piece's own reporter asking in their name (`第一财经：这次发布的系统有什么不同？`,
    `王晓燕：有人担心…`)."""
    if _INTERVIEWER.match(text):
        return True
    opening = text.lstrip()
    return any(asker and opening.startswith((f"{asker}：", f"{asker}:")) for asker in askers)


def _paragraph_candidates(
    paragraph: Paragraph, words: ParagraphTokens, stopwords: frozenset[str], first: int, askers: Sequence[str | None],
    lines: bool = False,
) -> list[Candidate]:
    starts, found = words.positions(paragraph.text), words.words
    if -1 in starts:  # words not in the text as written are in no sentence
        kept = [(start, word) for start, word in zip(starts, found) if start >= 0]
        starts, found = [start for start, _ in kept], [word for _, word in kept]
    forms = list(map(term_forms(stopwords).__getitem__, found))
    asked = interviewer_speaks(paragraph.text, askers)
    candidates: list[Candidate] = []
    for start, end in sentence_spans(paragraph.text):
        whole, in_row = _last_cell(paragraph.text[start:end])
        start = end - len(whole)
        sentence = trim_lead_in(whole)
        start += len(whole) - len(sentence)
        sentence = quotable_part(sentence, lines and not in_row)
        if sentence is None:
            continue
        first_token = bisect.bisect_left(starts, start)
        last_token = bisect.bisect_left(starts, start + len(sentence))
        terms = frozenset(filter(None, forms[first_token:last_token]))
        candidates.append(
            Candidate(sentence, paragraph.anchor, first + len(candidates), terms, last_token - first_token, asked, lines)
        )
    return candidates


def _last_cell(text: str) -> tuple[str, bool]:
    """A sentence of a table's row is its own cell's (`2024年 | 公司在北京成立。`
    quotes `公司在北京成立。`), and whether it sat in a row: a row's cells are
    labels (`09:00 | 开幕式`), quoted only when one holds a whole sentence."""
    _, separator, cell = text.rpartition(CELL_SEPARATOR)
    return (cell.lstrip(), True) if separator else (text, False)


def candidate_sentences(
    article: Article, tokens: TokenizedArticle, stopwords: frozenset[str], lines: bool = False,
) -> list[Candidate]:
    """Every quotable sentence of the article's body paragraphs, in order.

    A source with no whole sentence at all (an agenda, a list of items)
    would have no summary; its lines are quoted then (`lines`), as long as
    they hold MIN_CHARS, end mark or not.
    """
    words = {p.anchor: p for p in tokens.paragraphs}
    candidates: list[Candidate] = []
    for paragraph in article.paragraphs:
        if paragraph.kind in SKIPPED_KINDS:
            continue
        paragraph_words = words.get(paragraph.anchor, ParagraphTokens(paragraph.anchor, ()))
        candidates.extend(
            _paragraph_candidates(paragraph, paragraph_words, stopwords, len(candidates),
                                  (article.publisher, *article.authors), lines)
        )
        if len(candidates) >= MAX_SENTENCES:
            return candidates[:MAX_SENTENCES]
    if not candidates and not lines:
        return candidate_sentences(article, tokens, stopwords, lines=True)
    return candidates


def _log_length(candidate: Candidate) -> float:
    return math.log(max(candidate.length, 2))


def _edges(candidates: Sequence[Candidate]) -> list[dict[int, float]]:
    """Weighted similarity graph, built only between sentences that share a term.

    TextRank's overlap: shared terms over the log lengths of both sentences
    (each sentence's log length taken once).
    """
    by_term: dict[str, list[int]] = defaultdict(list)
    for index, candidate in enumerate(candidates):
        for term in candidate.terms:
            by_term[term].append(index)
    logs = [_log_length(candidate) for candidate in candidates]
    edges: list[dict[int, float]] = []
    for i, candidate in enumerate(candidates):
        terms, log_i = candidate.terms, logs[i]
        # the order of insertion is kept, and with it the set's order of iteration
        neighbours = set(filter(i.__ne__, chain.from_iterable(map(by_term.__getitem__, terms))))
        edges.append({j: len(terms & candidates[j].terms) / max(log_i + logs[j], 1.0) for j in neighbours})
    return edges


def textrank(edges: Sequence[dict[int, float]], iterations: int = 100) -> list[float]:
    """PageRank over a weighted undirected graph, by power iteration.

    A sentence that shares nothing with the others (a dangling node) spreads
    its rank evenly, as in PageRank, so the ranks always sum to one.
    """
    count = len(edges)
    if not count:
        return []
    ranks = [1.0 / count] * count
    totals = [sum(weights.values()) for weights in edges]
    # What flows into each node from each neighbour j: weight / total of j's
    # edges, normalised once. Listed by ascending j, so a node's new rank adds
    # its inflows up in the same order on every run.
    incoming: list[list[tuple[int, float]]] = [[] for _ in range(count)]
    for j, (weights, total) in enumerate(zip(edges, totals)):
        if total:
            for i, weight in weights.items():
                incoming[i].append((j, DAMPING * weight / total))
    dangling_nodes = [j for j, total in enumerate(totals) if total == 0]
    for _ in range(iterations):
        dangling = sum(ranks[j] for j in dangling_nodes)
        base = (1 - DAMPING) / count + DAMPING * dangling / count
        new = []
        for inflow in incoming:
            rank = base
            for j, share in inflow:
                rank += share * ranks[j]
            new.append(rank)
        change = max(map(abs, map(operator.sub, new, ranks)))
        ranks = new
        if change < TOLERANCE / count:
            break
    return ranks


def rank_sentences(
    article: Article, tokens: TokenizedArticle, stopwords: frozenset[str]
) -> list[SentenceRef]:
    """Every quotable sentence with its score in (0, 1], in article order.

    Score: TextRank, times a small lead bias, times a penalty for questions
    and whatever an interviewer says,
    divided by the article's best, so 1.0 marks each article's best sentence
    and scores of different articles can be compared when they are combined;
    the lines of a source without sentences top at LINE_WEIGHT.
    """
    candidates = candidate_sentences(article, tokens, stopwords)
    ranks = textrank(_edges(candidates))
    count = len(candidates)
    raw = []
    for candidate, rank in zip(candidates, ranks):
        weight = 1 + LEAD_BIAS * (1 - candidate.position / count)
        if candidate.asked or ends_with(candidate.text, QUESTION_MARKS):
            weight *= QUESTION_WEIGHT
        raw.append(rank * weight)
    best = max(raw, default=0.0) or 1.0
    return [
        SentenceRef(c.text, article.slug, c.paragraph, round(score / best * (LINE_WEIGHT if c.line else 1.0), 4))
        for c, score in zip(candidates, raw)
    ]


def top_sentences(ranked: Sequence[SentenceRef], limit: int = RANKED_LIMIT) -> list[SentenceRef]:
    """The `limit` best sentences, kept in article order: building blocks for
    region and topic summaries."""
    best = sorted(range(len(ranked)), key=lambda i: (-ranked[i].score, i))[:limit]
    return [ranked[i] for i in sorted(best)]


Bigrams = Callable[[str], frozenset[str]]


def _bigrams(text: str) -> frozenset[str]:
    letters = _BIGRAM_NOISE.sub("", text)
    return frozenset(letters[i : i + 2] for i in range(len(letters) - 1)) or frozenset({letters})


# For summaries across articles: a sentence is compared again on its city's,
# province's and country's pages, in each topic it belongs to, and on every
# rebuild. An article's own summary remembers its sentences only while it is
# picked (`summarise`): kept, the sentences of 5,000 articles filled 200 MB of
# each analysing worker and were never asked for again.
_remembered_bigrams = lru_cache(maxsize=1 << 15)(_bigrams)


def near_duplicate(a: str, b: str, bigrams: Bigrams = _remembered_bigrams) -> bool:
    """Two sentences that say the same thing in nearly the same characters.

    Character bigrams need no tokenizer and catch the same sentence reworded
    slightly by another outlet; containment catches a short sentence repeated
    inside a longer one.
    """
    first, second = bigrams(a), bigrams(b)
    shared = len(first & second)
    if not shared:
        return False
    jaccard = shared / len(first | second)
    return jaccard >= NEAR_DUPLICATE or shared / min(len(first), len(second)) >= CONTAINED


def _pick(ranked: Sequence[SentenceRef], budget_chars: int, bigrams: Bigrams = _remembered_bigrams) -> list[int]:
    """Indexes of the best sentences that fit the budget, no two alike.

    Weak sentences (under FILL_MIN_SCORE) are not used to fill the budget, nor
    are questions (`问：杭州的产业环境对高校有什么帮助？` says nothing happened). If
    not even the best sentence fits, the best one that is not absurdly long is
    taken alone: a summary a little longer than asked beats none, and a quote
    must never be cut.
    """
    order = sorted(range(len(ranked)), key=lambda i: (-ranked[i].score, i))
    chosen: list[int] = []
    used = 0
    for index in order:
        text = ranked[index].text
        if used + summary_length(text) > budget_chars or ranked[index].score < FILL_MIN_SCORE:
            continue
        if chosen and ends_with(text, QUESTION_MARKS):
            continue
        if any(near_duplicate(text, ranked[other].text, bigrams) for other in chosen):
            continue
        chosen.append(index)
        used += summary_length(text)
    if not chosen:
        chosen = [i for i in order if summary_length(ranked[i].text) <= OVERSIZE * budget_chars][:1]
    return chosen


def summary_length(sentence: str) -> int:
    """What a sentence costs of a summary's budget: its characters, a third of them
    for a sentence without Chinese (`LATIN_CHARS_PER_CHAR`)."""
    if _HAN.search(sentence):
        return len(sentence)
    return -(-len(sentence) // LATIN_CHARS_PER_CHAR)


def summarise(ranked: Sequence[SentenceRef], budget_chars: int) -> list[SentenceRef]:
    """The article's summary: best sentences within the budget, in article order."""
    return [ranked[i] for i in sorted(_pick(ranked, budget_chars, lru_cache(maxsize=None)(_bigrams)))]


def combine_summaries(candidates: Sequence[SentenceRef], budget_chars: int) -> list[SentenceRef]:
    """A summary across articles (a region's, a topic's) from their ranked sentences.

    Picks the best-scoring sentences that fit `budget_chars` and are not near
    duplicates of each other (two outlets often report one event in the same
    words). The result keeps each article's sentences together and in the
    order they were given, articles ordered by their best sentence.
    """
    chosen = _pick(candidates, budget_chars)
    article_rank: dict[str, int] = {}
    for index in chosen:
        article_rank.setdefault(candidates[index].article, len(article_rank))
    return [
        candidates[i]
        for i in sorted(chosen, key=lambda i: (article_rank[candidates[i].article], i))
    ]
