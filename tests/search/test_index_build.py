"""The array inversion gives exactly the lists a plain, token-by-token reading gives."""

import os

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.search import SearchDocument, build_search_files, index, invert
from sitegen.search.invert import DIGITS, K1, MAX_IMPACT, POSITION_MARKS, TITLE_BOOST, B, Plan, id_width
from sitegen.search.reference import StaticIndex
from sitegen.search.text import index_text, is_separator_term, normalise, tokens

TEXT = st.text(alphabet="算力智能芯片甲乙 ，。\nAIai5０x\U00020001區・", max_size=80)
WORDS = st.dictionaries(st.sampled_from(["算力", "智能芯片", "人工智能", "AI芯片", "ＡＩ芯片", "x"]), st.integers(0, 4), max_size=4)


@given(TEXT)
def test_index_text_has_the_units_of_the_normal_form_one_character_each(text):
    for fast in (False, True):
        expected = ["\0" if is_separator_term(token) else token for token in tokens(normalise(text, fast))]
        assert tokens(index_text(text, fast)) == expected


@given(TEXT)
def test_index_text_line_by_line_is_the_index_text_of_the_whole(text):
    """The inversion makes a page's index text line by line, to know where its lines start."""
    for fast in (False, True):
        assert "\0".join(index_text(line, fast) for line in text.split("\n")) == index_text(text, fast)


def code(number: int, width: int) -> str:
    return "".join(DIGITS[(number >> (6 * i)) & 63] for i in reversed(range(width)))


def impact(document: SearchDocument, tf: int, average: float) -> str:
    """BM25's term-frequency part as one digit, written out the plain way."""
    length = len(document.title) + 1 + len(document.text)
    norm = K1 * (1 - B + B * length / average)
    weight = invert.KIND_WEIGHTS.get(document.kind, 1.0) * (K1 + 1)
    return DIGITS[max(1, min(MAX_IMPACT, round(weight * tf / (tf + norm) / (K1 + 1) * MAX_IMPACT)))]


def plain_counts(document: SearchDocument, hot: frozenset[str]) -> tuple[dict[str, int], dict[str, list[int]], int]:
    """A page's term frequencies (title occurrences boosted), its pairs' places,
    and how many places it may need: a place is the line's number times the
    stride, a power of two longer than any line, plus the offset in the line."""
    lines = [tokens(index_text(line)) for line in f"{document.title}\n{document.text}".split("\n")]
    found = [token for number, line in enumerate(lines) for token in ["\0"] * (number > 0) + line]
    line_places = [(number, offset) for number, line in enumerate(lines) for offset in range(-(number > 0), len(line))]
    stride = 1 << max(map(len, lines)).bit_length()
    title = len(tokens(index_text(document.title)))
    counts: dict[str, int] = {}
    places: dict[str, list[int]] = {}

    def count(term: str, start: int, span: int) -> None:
        counts[term] = counts.get(term, 0) + (TITLE_BOOST if start + span <= title else 1)

    for place, token in enumerate(found):
        if token != "\0":
            count(token, place, 1)
    pair_at = {}
    for place in range(len(found) - 1):
        if "\0" not in (found[place], found[place + 1]):
            pair_at[place] = pair = found[place] + found[place + 1]
            count(pair, place, 2)
            line, offset = line_places[place]
            places.setdefault(pair, []).append(line * stride + offset)
    for place in range(len(found)):
        is_hot = [pair_at.get(place + gap) in hot for gap in range(3)]
        if is_hot[0] and is_hot[1]:
            count("".join(found[place : place + 3]), place, 1)
        if is_hot[0] and is_hot[2]:
            count("".join(found[place : place + 4]), place, 1)
    for word, times in document.words.items():
        term = invert._WordTerms()[word]
        if term and times > 0:
            counts[term] = counts.get(term, 0) + times
    for facet in invert.facets(document):
        counts[facet] = 1
    return counts, places, len(lines) * stride


def plain_lists(documents: list[SearchDocument], plan: Plan) -> dict[str, tuple[str, str]]:
    """Term -> (postings, positions), token by token: units, pairs, hot n-grams, words, facets."""
    postings: dict[str, list[str]] = {}
    positions: dict[str, list[str]] = {}
    for number, document in enumerate(documents):
        counts, places, length = plain_counts(document, plan.hot)
        width = id_width(length)
        for term, tf in counts.items():
            postings.setdefault(term, []).append(code(number, plan.width) + impact(document, tf, plan.average))
            if term in places:
                digits = "".join(code(place, width) for place in places[term])
                positions.setdefault(term, []).append(digits + POSITION_MARKS[width - 1])
    return {term: ("".join(entries), "".join(positions.get(term, []))) for term, entries in postings.items()}


pages = st.lists(
    st.builds(lambda i, title, text, words, kind: SearchDocument(
        url=f"p/{i}/", title=title, text=text, kind=kind, words=words, regions=("香港",) if i % 2 else (), year=2026),
        st.integers(0, 9), TEXT, TEXT, WORDS, st.sampled_from(["article", "region", "entity"])),
    max_size=6,
)


@settings(max_examples=300, deadline=None)
@given(pages, st.sampled_from([frozenset(), frozenset({"算力", "智能", "能芯", "ai芯", "芯片"})]))
def test_array_inversion_gives_the_plain_lists(documents, hot):
    plan = Plan(id_width(len(documents)), index.average_length(documents), False, hot)
    assert invert.invert_range(documents, 0, len(documents), plan) == plain_lists(documents, plan)


def test_a_page_of_many_lines_and_a_huge_one_counts_its_places_from_the_top(page):
    """Lines times the stride would need more digits than a position may have."""
    lines = ["芯片"] * 20_000 + ["算" * 70_000 + "力智能芯片"]
    documents = [page("huge/", "很长的一页", "\n".join(lines)), page("short/", "短页", "智能芯片")]
    found = StaticIndex(build_search_files(documents, jobs=1, hot_bytes=1 << 30).__getitem__)
    assert sorted(found.search("力智能芯片").documents) == [0]
    assert sorted(found.search("智能芯片").documents) == [0, 1]


def test_packed_sort_and_stable_argsort_order_occurrences_alike():
    keys = np.array([5, 1, 5, 2, 1, 5], np.uint64)
    places = np.arange(6)
    packed = invert._by_term(keys, places)
    wide = invert._by_term(keys | np.uint64(1 << 62), places)  # no room left for the places: argsort
    assert packed[0].tolist() == [1, 1, 2, 5, 5, 5] and packed[1].tolist() == [1, 4, 3, 0, 2, 5]
    assert (wide[0] & np.uint64((1 << 62) - 1)).tolist() == packed[0].tolist()
    assert wide[1].tolist() == packed[1].tolist()


def test_small_chunks_and_few_stand_ins_give_the_same_files(page, monkeypatch):
    documents = [page(f"n/{i}/", f"第{i}篇", f"型号X{i}与Y{i * 7}芯片，编号{i}{i}") for i in range(60)]
    plenty = build_search_files(documents, jobs=1, hot_bytes=1)  # every pair hot: n-grams with words too
    monkeypatch.setattr(invert, "CHUNK_TOKENS", 50)
    assert build_search_files(documents, jobs=1, hot_bytes=1) == plenty
    monkeypatch.setattr(invert, "_LAST_CODE", invert._STAND_IN_BASE + 15)
    assert build_search_files(documents, jobs=1, hot_bytes=1) == plenty


def test_a_page_with_more_distinct_words_than_stand_ins_is_named_in_the_error(page, monkeypatch):
    monkeypatch.setattr(invert, "_LAST_CODE", invert._STAND_IN_BASE + 7)
    words = " ".join(f"w{i}" for i in range(40))
    documents = [page("other/", "其他", "w39芯片"), page("many/", "很多编号", f"{words} 末尾编号w39芯片")]
    with pytest.raises(ValueError, match="many/"):
        build_search_files(documents, jobs=1)


def test_latin_words_and_astral_units_are_found_across_chunks(page, monkeypatch):
    monkeypatch.setattr(invert, "CHUNK_TOKENS", 8)
    documents = [page("a/", "𠀁字", "OptoChat 发布 v2"), page("b/", "其他", "optochat与𠀁字")]
    found = StaticIndex(build_search_files(documents, jobs=1, hot_bytes=1).__getitem__)
    assert sorted(found.search("OptoChat").documents) == [0, 1]
    assert sorted(found.search("𠀁字").documents) == [0, 1]
    assert found.search("optochat与").documents == [1]


def test_the_index_is_built_in_this_process_while_another_thread_runs(monkeypatch):
    """A fork copies only the forking thread: a lock another thread holds (the
    preview server's, the thread writing the site's files) would stay locked."""
    monkeypatch.setattr(index, "can_fork", lambda: False)
    assert index.default_jobs(10 * index.PARALLEL_MIN_DOCUMENTS) == 1
    monkeypatch.setattr(index, "can_fork", lambda: True)
    assert index.default_jobs(10 * index.PARALLEL_MIN_DOCUMENTS) >= min(2, os.cpu_count() or 1)
