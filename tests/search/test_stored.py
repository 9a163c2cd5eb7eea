"""The previous build's search index is reused only for the very same documents."""

from __future__ import annotations

import pytest

from sitegen.cache import Cache
from sitegen.search import build_search_files, stored
from tests.search.conftest import make_page

PAGES = [
    make_page("articles/hk/", "香港算力中心", "香港数码港的人工智能超算中心提供3000 PFLOPS算力。"),
    make_page("articles/tj/", "天津智算", "天津的智能制造企业使用新的算力平台。"),
]


@pytest.fixture
def builds(monkeypatch) -> list[int]:
    """How many documents each index build inverted."""
    counted: list[int] = []

    def counting_build(documents, *args, **kwargs):
        counted.append(len(documents))
        return build_search_files(documents, *args, **kwargs)

    monkeypatch.setattr(stored, "build_search_files", counting_build)
    return counted


def test_the_same_documents_take_the_stored_files(tmp_path, builds):
    cache = Cache(tmp_path / "cache")
    first = dict(stored.stored_search_files(lambda: PAGES, cache, tmp_path))
    again = dict(stored.stored_search_files(lambda: list(PAGES), cache, tmp_path))
    assert again == first == build_search_files(PAGES)
    assert builds == [2]


def test_changed_documents_are_indexed_again_and_replace_the_slot(tmp_path, builds):
    cache = Cache(tmp_path / "cache")
    stored.stored_search_files(lambda: PAGES, cache, tmp_path)
    edited = [PAGES[0], make_page("articles/tj/", "天津智算", "天津的机器人企业。")]
    files = dict(stored.stored_search_files(lambda: edited, cache, tmp_path))
    assert files == build_search_files(edited)
    stored.stored_search_files(lambda: edited, cache, tmp_path)
    assert builds == [2, 2]
    assert len([p for p in (tmp_path / "cache" / stored.KIND).rglob("*") if p.is_file()]) == 2  # slot and label


def test_a_preview_build_does_not_keep_its_index(tmp_path, builds):
    cache = Cache(tmp_path / "cache")
    stored.stored_search_files(lambda: PAGES, cache, tmp_path, keep=False)
    stored.stored_search_files(lambda: PAGES, cache, tmp_path, keep=False)
    assert builds == [2, 2]


def test_each_site_has_its_own_slot(tmp_path, builds):
    cache = Cache(tmp_path / "cache")
    stored.stored_search_files(lambda: PAGES, cache, tmp_path / "one")
    stored.stored_search_files(lambda: PAGES[:1], cache, tmp_path / "two")
    assert dict(stored.stored_search_files(lambda: PAGES, cache, tmp_path / "one")) == build_search_files(PAGES)
    assert builds == [2, 1]


def test_a_corrupt_slot_is_rebuilt_not_used(tmp_path, builds):
    cache = Cache(tmp_path / "cache")
    stored.stored_search_files(lambda: PAGES, cache, tmp_path)
    slot = max((p for p in (tmp_path / "cache" / stored.KIND).rglob("*") if p.is_file()), key=lambda p: p.stat().st_size)
    slot.write_bytes(slot.read_bytes()[:-10])
    assert dict(stored.stored_search_files(lambda: PAGES, cache, tmp_path)) == build_search_files(PAGES)
    assert builds == [2, 2]


def test_the_digest_tells_documents_apart_by_any_field():
    moved = [make_page("articles/hk2/", *(PAGES[0].title, PAGES[0].text)), PAGES[1]]
    assert stored.documents_digest(PAGES) == stored.documents_digest(list(PAGES))
    assert stored.documents_digest(PAGES) != stored.documents_digest(moved)


def test_a_key_for_the_inputs_answers_without_listing_the_documents(tmp_path, builds):
    cache = Cache(tmp_path / "cache")
    first = dict(stored.stored_search_files(lambda: PAGES, cache, tmp_path, "model-1"))
    unlisted = dict(stored.stored_search_files(lambda: pytest.fail("documents listed"), cache, tmp_path, "model-1"))
    assert unlisted == first == build_search_files(PAGES)
    stored.stored_search_files(lambda: PAGES[:1], cache, tmp_path, "model-2")
    assert builds == [2, 1]


def test_changed_documents_do_not_read_the_stored_index(tmp_path, builds, monkeypatch):
    cache = Cache(tmp_path / "cache")
    stored.stored_search_files(lambda: PAGES, cache, tmp_path, "model-1")
    slot, _ = stored._slot_keys(tmp_path)
    read: list[str] = []
    original_get, original_files = Cache.get, Cache.files
    monkeypatch.setattr(Cache, "get", lambda self, kind, key: read.append(key) or original_get(self, kind, key))
    monkeypatch.setattr(Cache, "files", lambda self, kind, key: read.append(key) or original_files(self, kind, key))
    stored.stored_search_files(lambda: PAGES[:1], cache, tmp_path, "model-2", keep=False)
    assert slot not in read
    assert builds == [2, 1]


def test_a_label_that_does_not_match_its_slot_means_building_again(tmp_path, builds):
    cache = Cache(tmp_path / "cache")
    stored.stored_search_files(lambda: PAGES, cache, tmp_path, "model-1")
    _, label = stored._slot_keys(tmp_path)
    cache.put(stored.KIND, label, "model-2")  # a build killed between writing the two
    files = dict(stored.stored_search_files(lambda: PAGES[:1], cache, tmp_path, "model-2"))
    assert files == build_search_files(PAGES[:1])
    assert builds == [2, 1]


def test_an_index_stored_ahead_is_taken_by_its_inputs_key_without_listing_the_pages(tmp_path, builds):
    cache = Cache(tmp_path / "cache")
    stored.store_search_files(PAGES, cache, tmp_path, "inputs-1")
    stored.store_search_files(PAGES, cache, tmp_path, "inputs-1")  # held already: not built again

    def unlisted() -> list:
        raise AssertionError("the pages were listed")

    assert dict(stored.stored_search_files(unlisted, cache, tmp_path, "inputs-1")) == build_search_files(PAGES)
    assert builds == [2]
