"""find_source_files: every source, nothing hidden, no escape through symlinks."""

from __future__ import annotations

import os

import pytest

from sitegen.read import find_source_files


def _touch(path, text="正文"):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_finds_files_recursively_in_sorted_order(tmp_path):
    for name in ("b.txt", "a/z.md", "a/b/c.html", "c"):
        _touch(tmp_path / name)
    found = [p.relative_to(tmp_path).as_posix() for p in find_source_files(tmp_path)]
    assert found == ["a/b/c.html", "a/z.md", "b.txt", "c"]


def test_skips_hidden_entries_and_editor_backups(tmp_path):
    for name in (".git/config", ".DS_Store", "note.txt~", ".note.txt.swp", "note.txt.swp", "#note#", "~$报告.docx", "note.txt"):
        _touch(tmp_path / name)
    assert [p.name for p in find_source_files(tmp_path)] == ["note.txt"]


def test_missing_folder_has_no_sources(tmp_path):
    assert find_source_files(tmp_path / "nowhere") == []


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_never_follows_a_symlink_out_of_the_folder(tmp_path):
    outside = _touch(tmp_path / "outside" / "secret.txt", "机密")
    folder = tmp_path / "seeds"
    inside = _touch(folder / "real.txt")
    (folder / "escape.txt").symlink_to(outside)
    (folder / "escape_dir").symlink_to(outside.parent, target_is_directory=True)
    (folder / "alias.txt").symlink_to(inside)
    (folder / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    assert sorted(p.name for p in find_source_files(folder)) == ["alias.txt", "real.txt"]
