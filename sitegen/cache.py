"""A content-addressed cache of the pipeline's per-source and per-article work.

Reading and normalising a source, and analysing an article, are pure functions
of their input bytes, the code and the taxonomies. So their results are stored
under a digest of exactly those (`Cache.key`), and a later build that meets the
same input takes the result instead of redoing the work: a warm build of an
unchanged corpus never starts jieba.

Entries live in `settings.cache_dir` (`.sitegen-cache/`), one file each:
`<kind>/<2 hex>/<62 hex>`, holding a magic line, the sha256 of the payload and
the payload (a pickle). The digest is checked on every read, so a truncated,
overwritten or otherwise corrupt entry is dropped and its work redone, never
used. Writes go to a temporary file renamed into place, so a killed build
leaves either the old entry or the new one, and two builds sharing the folder
never read half a file. Deleting the folder is always safe; nothing prunes
it, so a site edited for years may clear it now and then (entries of old
versions are simply never asked for again).

The payload is a pickle because the results are the model's dataclasses; the
folder is the user's own, trusted like Python's `__pycache__`.

A set of many files kept whole (the search index: 29,000 files, 300 MB at
10,000 sources) is an entry of its own shape (`put_files`, `files`): a listing
of names and sizes, then the files' bytes one after the other, under one
digest. Reading it checks the digest in a streaming pass and then gives the
files back one at a time, so a build copying them into the site never holds
them all in memory (unpickled whole, they cost twice their size at once).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from sitegen import __version__
from sitegen.memory import collector_paused, keep

Loaded = TypeVar("Loaded")

MAGIC = b"sitegen-cache 1\n"
FILES_MAGIC = b"sitegen-files 1\n"
_DIGEST_BYTES = 32
_LENGTH_BYTES = 8
_CHUNK_BYTES = 1 << 20
# Package files whose change can change a cached result: code and the data the
# readers, cleaners and analysers load (furniture lists, credit words, units).
CODE_SUFFIXES = (".py", ".toml", ".txt")
PACKAGE_DIR = Path(__file__).resolve().parent


def user_cache_folder() -> Path:
    """The user's cache folder for sitegen (`$XDG_CACHE_HOME/sitegen`, else
    `~/.cache/sitegen`; the temporary folder when it cannot be made), for files
    derived from code and data only, never from a site's sources: jieba's
    dictionary, compiled templates. Every site shares them, and deleting a
    site's `.sitegen-cache` leaves them, as it leaves Python's `__pycache__`."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache")
    folder = Path(base, "sitegen")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return Path(tempfile.gettempdir())
    return folder


@lru_cache(maxsize=1)
def code_version() -> str:
    """`__version__` plus a digest of every code and data file of the package.

    An edited reader must not be answered from entries its old version made,
    even when the version number was not bumped (a developer's checkout).
    """
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(p for p in PACKAGE_DIR.rglob("*") if p.suffix in CODE_SUFFIXES and p.is_file()):
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:16]}"


def make_key(*parts: str | bytes) -> str:
    """A hex digest of the parts and the code version; parts are length-prefixed
    so ("ab", "c") and ("a", "bc") never share a key."""
    digest = hashlib.sha256(code_version().encode())
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def encode(value: Any) -> bytes:
    return b"".join(_entry_parts(value))


def _entry_parts(value: Any) -> tuple[bytes, ...]:
    """An entry as its parts, so a large one is written without first being copied whole."""
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    return MAGIC, hashlib.sha256(payload).digest(), payload


def decode(data: bytes) -> Any:
    """The stored value; ValueError for anything that is not an intact entry."""
    if not data.startswith(MAGIC):
        raise ValueError("not a sitegen cache entry")
    start = len(MAGIC) + _DIGEST_BYTES
    checksum, payload = data[len(MAGIC):start], memoryview(data)[start:]  # a view: no copy of a 300 MB entry
    if hashlib.sha256(payload).digest() != checksum:
        raise ValueError("checksum mismatch")
    try:
        with collector_paused():
            value = pickle.loads(payload)
            keep()  # cached values live as long as the build (`sitegen.memory`)
        return value
    except Exception as error:  # noqa: BLE001 - a payload from other code is a miss, not a crash
        raise ValueError(f"unreadable payload: {error}") from error


class StoredFiles:
    """The files of one `Cache.put_files` entry, already checked whole: `label`
    says what they are, iterating reads them one at a time, in the order they
    were stored, and closes the entry."""

    def __init__(self, file: BinaryIO, label: str, listing: list[tuple[str, int]]) -> None:
        self.label = label
        self._file = file
        self._listing = listing

    def __iter__(self) -> Iterator[tuple[str, bytes]]:
        with self._file as file:
            for name, size in self._listing:
                yield name, file.read(size)

    def close(self) -> None:
        self._file.close()


def _files_parts(label: str, files: Mapping[str, bytes]) -> list[bytes]:
    """A files entry as its parts: magic, digest, the listing's length and
    pickle, then every file's bytes; the digest covers all after itself."""
    listing = pickle.dumps((label, [(name, len(data)) for name, data in files.items()]),
                           protocol=pickle.HIGHEST_PROTOCOL)
    parts = [len(listing).to_bytes(_LENGTH_BYTES, "big"), listing, *files.values()]
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part)
    return [FILES_MAGIC, digest.digest(), *parts]


def _open_files(path: Path) -> StoredFiles:
    """The entry at `path`, its digest checked without keeping what was read;
    OSError if it cannot be read, ValueError if it is not intact."""
    file = path.open("rb")
    try:
        if file.read(len(FILES_MAGIC)) != FILES_MAGIC:
            raise ValueError("not a sitegen files entry")
        checksum = file.read(_DIGEST_BYTES)
        digest = hashlib.sha256()
        while chunk := file.read(_CHUNK_BYTES):
            digest.update(chunk)
        if digest.digest() != checksum:
            raise ValueError("checksum mismatch")
        file.seek(len(FILES_MAGIC) + _DIGEST_BYTES)
        length = int.from_bytes(file.read(_LENGTH_BYTES), "big")
        try:
            label, listing = pickle.loads(file.read(length))
        except Exception as error:  # noqa: BLE001 - a listing from other code is a miss, not a crash
            raise ValueError(f"unreadable listing: {error}") from error
        return StoredFiles(file, label, listing)
    except BaseException:
        file.close()
        raise


class Cache:
    """Entries of one cache folder; a `Cache(None)` remembers nothing.

    Counts of hits, misses and dropped entries are kept for `-v` and the tests.
    """

    def __init__(self, folder: Path | None) -> None:
        self.folder = Path(folder) if folder is not None else None
        self.hits = 0
        self.misses = 0
        self.dropped = 0

    def path(self, kind: str, key: str) -> Path:
        assert self.folder is not None
        return self.folder / kind / key[:2] / key[2:]

    def get(self, kind: str, key: str) -> Any | None:
        """The value stored under `key`, or None (missing, corrupt or unreadable)."""
        return self._read(kind, key, lambda path: decode(path.read_bytes()))

    def files(self, kind: str, key: str) -> StoredFiles | None:
        """The files stored under `key` by `put_files`, or None (missing, corrupt
        or unreadable); the caller iterates them or calls `close`."""
        return self._read(kind, key, _open_files)

    def _read(self, kind: str, key: str, load: Callable[[Path], Loaded]) -> Loaded | None:
        """`load(path)` of the entry, counted as a hit or a miss; an entry that
        is not intact (ValueError) is deleted, so it is made again."""
        if self.folder is None:
            return None
        path = self.path(kind, key)
        try:
            value = load(path)
        except OSError:
            self.misses += 1
            return None
        except ValueError:
            self.dropped += 1
            self.misses += 1
            _unlink(path)
            return None
        self.hits += 1
        return value

    def put_files(self, kind: str, key: str, label: str, files: Mapping[str, bytes]) -> None:
        """Store named files as one entry that `files` gives back one at a time,
        with a `label` saying what they are; like `put`, atomic and never an error."""
        if self.folder is None:
            return
        path = self.path(kind, key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            _write_atomic(path, *_files_parts(label, files))
        except OSError:
            return

    def has(self, kind: str, key: str) -> bool:
        """Whether an entry exists, without reading it (it may still turn out corrupt)."""
        return self.folder is not None and self.path(kind, key).is_file()

    def put(self, kind: str, key: str, value: Any) -> None:
        """Store `value` atomically; a cache that cannot be written is no error."""
        if self.folder is None:
            return
        path = self.path(kind, key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            _write_atomic(path, *_entry_parts(value))
        except OSError:
            return


def _write_atomic(path: Path, *parts: bytes) -> None:
    descriptor, temporary = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(descriptor, "wb") as file:
            for part in parts:
                file.write(part)
        os.replace(temporary, path)
    except BaseException:
        _unlink(Path(temporary))
        raise


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


# --------------------------------------------------------------------------- output stamps
# A build records what it wrote; the next build with the same inputs into the
# same folder finds the folder as recorded and has nothing to do (a no-op
# rebuild costs hashing the sources, not a render).


def tree_digest(folders: Iterable[Path]) -> str:
    """A digest of every file's path and bytes below `folders` (templates, static)."""
    digest = hashlib.sha256()
    for folder in folders:
        digest.update(str(folder).encode())
        if folder.is_dir():
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def output_files(out_dir: Path) -> dict[str, tuple[int, int]]:
    """Every file below `out_dir` with its (size, mtime_ns), by site path.

    Walked with `os.scandir`, site paths made by joining names: the no-op
    check runs this over every file of the site (68,559 at 10,000 sources),
    where `os.walk` and `os.path.relpath` cost a second.
    """
    found: dict[str, tuple[int, int]] = {}
    folders = [(os.fspath(out_dir), "")]
    while folders:
        folder, prefix = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir():
                    if not entry.is_symlink():  # a linked folder is not walked, as by `os.walk`
                        folders.append((entry.path, prefix + entry.name + "/"))
                else:
                    status = entry.stat()
                    found[prefix + entry.name] = (status.st_size, status.st_mtime_ns)
    return found


def _stamp_key(out_dir: Path) -> str:
    return make_key("output", str(Path(out_dir).resolve()))


def record_output(
    cache: Cache, out_dir: Path, fingerprint: str, summary: Any, files: dict[str, tuple[int, int]] | None = None,
) -> None:
    """Remember that `out_dir` now holds the build of `fingerprint`, and its
    `summary`; `files`, what `output_files` finds there, if the caller knows."""
    found = output_files(out_dir) if files is None else files
    cache.put("output", _stamp_key(out_dir), (fingerprint, found, summary))


def recorded_output(cache: Cache, out_dir: Path, fingerprint: str) -> Any | None:
    """The summary recorded for `out_dir` if it holds the build of `fingerprint`
    untouched (same files, sizes and mtimes); None otherwise."""
    if not Path(out_dir).is_dir():
        return None
    stamp = cache.get("output", _stamp_key(out_dir))
    if stamp is None or stamp[0] != fingerprint:
        return None
    try:
        return stamp[2] if output_files(out_dir) == stamp[1] else None
    except OSError:
        return None
