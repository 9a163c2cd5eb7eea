"""Which files of a source folder are sources."""

from __future__ import annotations

import os
from fnmatch import fnmatchcase
from pathlib import Path

from sitegen.read.base import load_lines


def find_source_files(source_dir: Path) -> list[Path]:
    """Every regular file below `source_dir`, sorted by its path inside it.

    Hidden entries and editor backups are skipped. A symlinked file counts only
    when it resolves inside the folder, so a link cannot smuggle `/etc/passwd`
    into a site; symlinked folders are not entered at all, which also rules out
    loops and files counted twice.
    """
    root = Path(source_dir)
    if not root.is_dir():
        return []
    real_root = root.resolve()
    found: list[Path] = []
    _walk(root, real_root, found)
    return sorted(found, key=lambda path: path.relative_to(root).as_posix())


def _walk(folder: Path, real_root: Path, found: list[Path]) -> None:
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if _ignored(entry.name):
            continue
        path = Path(entry.path)
        if entry.is_symlink():
            if _links_inside(path, real_root) and path.is_file():
                found.append(path)
        elif entry.is_dir(follow_symlinks=False):
            _walk(path, real_root, found)
        elif entry.is_file(follow_symlinks=False):
            found.append(path)


def _ignored(name: str) -> bool:
    return name.startswith(".") or any(fnmatchcase(name, pattern) for pattern in load_lines("ignore.txt"))


def _links_inside(path: Path, real_root: Path) -> bool:
    try:
        return path.resolve(strict=True).is_relative_to(real_root)
    except (OSError, RuntimeError):  # dangling link or a symlink loop
        return False
