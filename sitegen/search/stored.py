"""The search index of the last build, kept in the cache for the next one.

The index is a pure function of the searchable documents (and the code), and
building it is the largest single step of a build whose analysis is cached: at
1,000 sources it is most of a warm rebuild. So a build keeps its index files in
one cache slot per site, under a digest of the documents, and the next build
whose documents are the same takes the files instead of inverting again.

One slot per site, not one entry per document set: the index of 10,000 pages
is some hundred megabytes, and a content-addressed entry per edit would fill the
disk of someone who rebuilds all day. A small label entry next to the slot
names what it holds, so a build whose pages changed does not read the slot at
all. Both are checked like every cache entry, and a stale or corrupt one only
means the index is built again. The slot is a files entry (`Cache.put_files`):
a warm build copies the index into the site a file at a time instead of
holding 300 MB of it (600 MB while unpickling) next to the site model.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable, Iterable
from pathlib import Path

from sitegen.cache import Cache, StoredFiles, make_key
from sitegen.search.documents import SearchDocument
from sitegen.search.index import build_search_files

KIND = "search"


def documents_digest(documents: list[SearchDocument]) -> str:
    """Equal for equal documents: their pickle, which keeps field and word order."""
    return hashlib.sha256(pickle.dumps(documents, protocol=pickle.HIGHEST_PROTOCOL)).hexdigest()


def stored_search_files(
    documents: Callable[[], list[SearchDocument]], cache: Cache, site_root: Path,
    inputs_key: str | None = None, keep: bool = True,
) -> Iterable[tuple[str, bytes]]:
    """The index files of `documents()` as (site path, bytes): read one at a time
    from the site's slot when it holds them, else built, and kept in the slot
    when `keep` (a preview rebuild after each
    edit passes False: its documents are new every time, so writing the files
    would only cost time).

    `inputs_key`, when given, stands for the documents: a digest of everything
    they are made from (the builder's key of the site model). A warm build then
    neither lists nor hashes 50,000 pages' text to learn that they did not change.
    """
    slot, label = _slot_keys(site_root)
    held = cache.get(KIND, label)
    if inputs_key is not None and held == inputs_key:
        files = _stored_files(cache, slot, held)
        if files is not None:
            return files
    listed = documents()
    key = inputs_key or documents_digest(listed)
    files = _stored_files(cache, slot, key) if held == key else None
    if files is not None:
        return files
    built = build_search_files(listed)
    if keep:
        _keep(cache, slot, label, key, built)
    return built.items()


def store_search_files(
    documents: list[SearchDocument], cache: Cache, site_root: Path, inputs_key: str, jobs: int | None = None,
) -> None:
    """Build the index of `documents` into the site's slot, unless it holds it
    already, so that `stored_search_files` with the same `inputs_key` finds it
    (a large build makes its index in a process holding nothing but the pages,
    `Builder._index_apart`); `jobs` as for `build_search_files`."""
    slot, label = _slot_keys(site_root)
    if cache.get(KIND, label) == inputs_key and (held := _stored_files(cache, slot, inputs_key)) is not None:
        held.close()
        return
    _keep(cache, slot, label, inputs_key, build_search_files(documents, jobs))


def _keep(cache: Cache, slot: str, label: str, key: str, files: dict[str, bytes]) -> None:
    """The files in the slot, and the label saying whose they are."""
    cache.put_files(KIND, slot, key, files)
    cache.put(KIND, label, key)


def _slot_keys(site_root: Path) -> tuple[str, str]:
    """Cache keys of the site's slot and of its label, a small entry naming what
    the slot holds: a preview rebuild, whose documents changed, learns that
    without reading the whole index (300 MB at 10,000 sources)."""
    site = str(site_root.resolve())
    return make_key(KIND, site), make_key(KIND, site, "label")


def _stored_files(cache: Cache, slot: str, key: str) -> StoredFiles | None:
    """The slot's files if they are those of `key` (the label and the slot are
    written one after the other, so a build killed in between leaves them apart)."""
    stored = cache.files(KIND, slot)
    if stored is not None and stored.label != key:
        stored.close()
        return None
    return stored
