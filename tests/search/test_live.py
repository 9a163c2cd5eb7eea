"""A preview's index updated in place after an edit equals the index built whole
(`sitegen.search.live`)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sitegen.search import index, invert, live
from sitegen.search.documents import SearchDocument
from sitegen.search.index import build_search_files
from sitegen.search.live import index_files
from sitegen.search.text import index_text, units

WORDS = ["算力", "芯片", "人工智能", "大模型", "南京", "香港", "AI", "5000", "PFLOPS", "发布", "。", "，", "智能制造"]


def write(out: Path, files: dict[str, bytes]) -> None:
    for path, data in files.items():
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_bytes(data)


def complete(out: Path, files: dict[str, bytes | None]) -> dict[str, bytes]:
    """The files with the kept ones read from `out`."""
    return {path: data if data is not None else (out / path).read_bytes() for path, data in files.items()}


def updated(out: Path, last, documents: list[SearchDocument]) -> tuple[object, dict[str, bytes]]:
    """The files after updating `last` to `documents`, with the kept ones read from `out`."""
    state, files = index_files(last, documents)
    whole = complete(out, files)
    for stale in {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()} - set(whole):
        (out / stale).unlink()
    write(out, {path: data for path, data in files.items() if data is not None})
    return state, whole


@pytest.fixture
def small_lists(monkeypatch):
    """Long lists, hot pairs and in-place updates at the size of a test corpus."""
    monkeypatch.setattr(index, "OWN_FILE_CHARS", 24)
    monkeypatch.setattr(index, "HOT_POSITION_BYTES", 40)
    monkeypatch.setattr(index, "SHARD_TARGET_BYTES", 64)
    monkeypatch.setattr(live, "MAX_CHANGED_SHARE", 1.0)
    monkeypatch.setattr(invert, "HOT_SAMPLE_DOCUMENTS", 3)  # most edited pages are then outside the hot-pair sample


def corpus(texts: list[str]) -> list[SearchDocument]:
    """Pages of these texts; an edit of the text can change a page's filters too."""
    kinds = ["article", "region", "entity"]
    return [
        SearchDocument(url=f"p/{n}/", title=text[:4] or "无题", kind=kinds[n % 3], text=text,
                       year=2020 + len(text) % 3 if "发布" in text else None,
                       regions=tuple(place for place in ("南京", "香港") if place in text) or (("南京",) if n % 2 else ()),
                       topics=("算力",) if "算力" in text else (), words={"人工智能": text.count("人工智能")})
        for n, text in enumerate(texts)
    ]


texts = st.lists(st.lists(st.sampled_from(WORDS), max_size=30).map("".join), min_size=1, max_size=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=texts, edits=st.lists(st.tuples(st.integers(0, 11), st.lists(st.sampled_from(WORDS), max_size=30)),
                                    min_size=1, max_size=3))
@example(before=["人工智能", "人工", "智能"], edits=[(0, ["智能", "人工"])])  # `工智` gone: 人工智慧 not converted
def test_an_edited_corpus_gives_the_files_of_a_whole_build(small_lists, tmp_path_factory, before, edits):
    out = tmp_path_factory.mktemp("site")
    documents = corpus(before)
    state, files = updated(out, None, documents)
    assert files == build_search_files(documents, jobs=1)
    after = list(before)
    for number, words in edits:
        after[number % len(after)] = "".join(words)
    edited = corpus(after)
    state, files = updated(out, state, edited)
    assert files == build_search_files(edited, jobs=1)
    state, files = updated(out, state, edited)  # nothing changed
    assert files == build_search_files(edited, jobs=1)


PAGES = ["南京发布人工智能大模型。" * 3, "香港算力5000 PFLOPS。", "芯片与算力。" * 4, "智能制造。"] * 5


def edited_in_place(out: Path, monkeypatch, documents: list[SearchDocument], number: int, text: str):
    """Index `documents` into `out`, then update the index for page `number`
    given `text`, failing if the update builds it whole: the state, the files
    (None for those kept) and the edited documents."""
    state, _ = updated(out, None, documents)
    monkeypatch.setattr(live, "build_index", lambda *_: pytest.fail("built whole"))
    edited = list(documents)
    edited[number] = replace(documents[number], text=text)
    state, files = index_files(state, edited)
    monkeypatch.setattr(live, "build_index", index.build_index)
    return state, files, edited


def test_an_edit_updates_in_place_and_writes_only_what_changed(small_lists, tmp_path, monkeypatch):
    state, files, edited = edited_in_place(tmp_path, monkeypatch, corpus(PAGES), 1, "香港算力5001 PFLOPS。")
    written = {path for path, data in files.items() if data is not None}
    assert "search/manifest.json" in written
    assert any(path.startswith("search/d/") for path in written)
    assert len(written) < len(files) / 2
    assert complete(tmp_path, files) == build_search_files(edited, jobs=1)


def test_files_an_edit_leaves_as_they_were_are_not_given_again(small_lists, tmp_path, monkeypatch):
    """Moving a page's words moves their positions, not their postings: the
    buckets are laid out again, but their unchanged postings shards are not
    handed over to be compared with the files on disk."""
    state, files, edited = edited_in_place(tmp_path, monkeypatch, corpus(PAGES), 1, "。香港算力5000 PFLOPS")
    given = {path: data for path, data in files.items() if data is not None}
    assert any(path.startswith("search/x/") for path in given)
    for path, data in given.items():
        assert not (tmp_path / path).exists() or (tmp_path / path).read_bytes() != data, path
    assert complete(tmp_path, files) == build_search_files(edited, jobs=1)


def line_pairs(line: str) -> set[str]:
    """The pair terms of one line of a page."""
    runs = [units(run) for run in index_text(line).split("\0")]
    return {first + second for run in runs for first, second in zip(run, run[1:])}


def test_an_edit_of_one_line_rewrites_only_the_positions_of_that_lines_pairs(small_lists, tmp_path, monkeypatch):
    """A region's summary is a page of sentences, one per line: an edit that
    lengthens one of them must not move the positions of every later pair."""
    lines = ["南京发布人工智能大模型。", "香港算力5000 PFLOPS。", "芯片与算力。", "智能制造。"]
    documents = corpus(["\n".join(lines), "芯片。", "算力。", "大模型。"] * 3)
    longer = "南京发布人工智能大模型与芯片。"  # three more units: the page's year facet stays
    state, files, edited = edited_in_place(tmp_path, monkeypatch, documents, 0, "\n".join([longer, *lines[1:]]))
    buckets = state.built.buckets
    pairs = line_pairs(lines[0]) | line_pairs(longer)
    moved = {f"search/x/{index.shard_name(index.bucket_of(pair, buckets))}" for pair in pairs}
    given = {path for path, data in files.items() if data is not None and path.startswith("search/x/")}
    assert given and given <= moved
    assert complete(tmp_path, files) == build_search_files(edited, jobs=1)


def test_an_edit_of_a_page_in_the_hot_pair_sample_updates_in_place(small_lists, tmp_path, monkeypatch):
    """Its pairs are counted out of and into the sample's counts, which the live
    index keeps; the hot pairs come out as a whole build finds them."""
    documents = corpus(["南京发布人工智能大模型。" * 3, "香港算力5000 PFLOPS。", "芯片与算力。" * 4, "智能制造。"] * 5)
    state, files = updated(tmp_path, None, documents)
    monkeypatch.setattr(live, "build_index", lambda *_: pytest.fail("built whole"))
    for round_, text in enumerate(["南京发布人工智能大模型。" * 3 + "芯", "南京发布人工智能大模型。" * 2 + "芯片。"]):
        edited = list(documents)
        edited[0] = replace(documents[0], text=text)  # page 0 is always sampled
        state, files = updated(tmp_path, state, edited)
        assert files == build_search_files(edited, jobs=1), round_
        assert state.built.plan == index.counted_plan(edited)[0]
        assert state.built.sample_counts is not None


def test_pages_added_or_reordered_build_the_index_whole(tmp_path, monkeypatch):
    documents = corpus(["南京发布人工智能大模型。", "香港算力5000 PFLOPS。"])
    state, _ = updated(tmp_path, None, documents)
    built = []
    monkeypatch.setattr(live, "build_index", lambda docs: built.append(docs) or index.build_index(docs))
    _, files = index_files(state, documents[::-1])
    assert built and files == build_search_files(documents[::-1], jobs=1)
