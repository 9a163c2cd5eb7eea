"""Write the output folder atomically: build next to it, then swap it in.

A build that fails or is killed half-way must leave the previous site as it was,
and a page that no longer exists must not linger from an earlier build. Both
follow from rendering into a fresh sibling folder and renaming it into place only
once every file is written; the old folder is renamed away first and deleted last.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class OutputError(ValueError):
    """An output path that would write outside the output folder or over the sources."""


class OutputFolder:
    """Writes files below one folder and refuses any path that would leave it."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path_for(self, relative: str) -> Path:
        """The file for a site path such as `regions/beijing/index.html`.

        Only plain relative segments are accepted: no absolute paths, no `..`,
        no backslashes, so a slug from a source can never reach outside the site.
        """
        parts = relative.split("/")
        if "\\" in relative or any(part in ("", ".", "..") for part in parts):
            raise OutputError(f"{relative!r}: not a path inside the output folder")
        return self.root.joinpath(*parts)

    def write(self, relative: str, data: bytes | str) -> None:
        path = self.path_for(relative)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def _check_target(out_dir: Path, protected: list[Path]) -> None:
    """Refuse an output folder whose swap would move the site's own files away."""
    out_dir = out_dir.resolve()
    for path in protected:
        path = path.resolve()
        if path == out_dir or out_dir in path.parents:
            raise OutputError(f"{out_dir}: output folder would contain {path}; choose another --out")


def _remove_leftovers(out_dir: Path) -> None:
    """Delete temporary folders of earlier builds that were killed before the swap."""
    for leftover in out_dir.parent.glob(f".{out_dir.name}.*.sitegen-tmp"):
        shutil.rmtree(leftover, ignore_errors=True)


@contextmanager
def atomic_output(out_dir: Path, protected: list[Path] = ()) -> Iterator[OutputFolder]:
    """An `OutputFolder` in a temporary sibling of `out_dir`, swapped in on success.

    On an exception the temporary folder is removed and `out_dir` is untouched.
    """
    out_dir = Path(out_dir).resolve()
    _check_target(out_dir, list(protected))
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(out_dir)
    temporary = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", suffix=".sitegen-tmp", dir=out_dir.parent))
    try:
        yield OutputFolder(temporary)
        os.chmod(temporary, 0o755)  # mkdtemp makes it private; a served site must be readable
        _swap(temporary, out_dir)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise


def _swap(new: Path, out_dir: Path) -> None:
    """Rename the old site away, the new one in, then delete the old one."""
    if not out_dir.exists():
        os.replace(new, out_dir)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", suffix=".sitegen-tmp", dir=out_dir.parent))
    os.replace(out_dir, old / "site")
    try:
        os.replace(new, out_dir)
    except OSError:
        os.replace(old / "site", out_dir)
        raise
    finally:
        shutil.rmtree(old, ignore_errors=True)
