"""The output folder is swapped in whole: stale files go, a failed build changes nothing."""

from __future__ import annotations

import os
import threading

import pytest

from sitegen.render.write import OutputError, OutputFolder, atomic_output, written_meanwhile


def test_new_build_replaces_the_old_one_and_stale_files_disappear(tmp_path):
    out = tmp_path / "site"
    with atomic_output(out) as folder:
        folder.write("old/index.html", "旧")
        folder.write("index.html", "v1")
    with atomic_output(out) as folder:
        folder.write("index.html", "v2")
    assert (out / "index.html").read_text(encoding="utf-8") == "v2"
    assert not (out / "old").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_failed_build_leaves_the_previous_site_untouched(tmp_path):
    out = tmp_path / "site"
    with atomic_output(out) as folder:
        folder.write("index.html", "good")
    with pytest.raises(RuntimeError):
        with atomic_output(out) as folder:
            folder.write("index.html", "half")
            raise RuntimeError("template broke")
    assert (out / "index.html").read_text(encoding="utf-8") == "good"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_leftovers_of_a_killed_build_are_removed_by_the_next(tmp_path):
    leftover = tmp_path / ".site.new-abc.sitegen-tmp"
    leftover.mkdir()
    with atomic_output(tmp_path / "site") as folder:
        folder.write("index.html", "x")
    assert not leftover.exists()


@pytest.mark.parametrize(
    "path", ["../escape.html", "/etc/passwd", "a/../../b", "a\\..\\b", "", "./x", "a//b", "a/./b"]
)
def test_paths_that_could_leave_the_output_folder_are_refused(tmp_path, path):
    with pytest.raises(OutputError):
        OutputFolder(tmp_path).path_for(path)


def test_output_folder_may_not_contain_the_sources(tmp_path):
    with pytest.raises(OutputError):
        with atomic_output(tmp_path, protected=[tmp_path / "seeds"]):
            pass
    with pytest.raises(OutputError):
        with atomic_output(tmp_path / "seeds", protected=[tmp_path / "seeds"]):
            pass


def test_the_swapped_in_site_is_readable_by_a_web_server(tmp_path):
    with atomic_output(tmp_path / "site") as folder:
        folder.write("index.html", "x")
    assert (tmp_path / "site").stat().st_mode & 0o005 == 0o005


def test_a_rebuild_rewrites_files_whose_bytes_differ_even_at_the_same_size(tmp_path):
    out = tmp_path / "site"
    with atomic_output(out) as folder:
        folder.write("a/index.html", "abc")
        folder.write("b/index.html", "same")
        folder.write("c", "a file where a folder will be")
    first = (out / "b" / "index.html").stat().st_ino
    with atomic_output(out) as folder:
        folder.write("a/index.html", "abd")
        folder.write("b/index.html", "same")
        folder.write("c/index.html", "now a page")
    assert (out / "a" / "index.html").read_text(encoding="utf-8") == "abd"
    assert (out / "b" / "index.html").stat().st_ino == first
    assert (out / "c" / "index.html").read_text(encoding="utf-8") == "now a page"


def test_a_folder_standing_where_a_file_goes_is_replaced(tmp_path):
    out = tmp_path / "site"
    with atomic_output(out) as folder:
        folder.write("feed/index.html", "x")
    with atomic_output(out) as folder:
        folder.write("feed", "<feed/>")
    assert (out / "feed").read_text(encoding="utf-8") == "<feed/>"


def test_many_files_in_one_folder_and_large_files_are_written_whole(tmp_path):
    big = "算力" * 400_000
    with atomic_output(tmp_path / "site") as folder:
        for number in range(50):
            folder.write(f"d/{number}.json", str(number))
        folder.write("big/index.html", big)
    assert (tmp_path / "site" / "d" / "49.json").read_text() == "49"
    assert (tmp_path / "site" / "big" / "index.html").read_text(encoding="utf-8") == big


def test_a_fifo_where_a_page_goes_is_replaced_not_waited_on(tmp_path):
    out = tmp_path / "site"
    with atomic_output(out) as folder:
        folder.write("index.html", "x")
    os.mkfifo(out / "pipe")
    with atomic_output(out) as folder:
        folder.write("index.html", "x")
        folder.write("pipe", "now a file")
    assert (out / "pipe").read_text(encoding="utf-8") == "now a file"


def test_updating_folder_told_the_previous_files_deletes_only_those_not_written_again(tmp_path):
    out = tmp_path / "site"
    with atomic_output(out) as folder:
        folder.write("keep.html", "k")
        folder.write("gone/deep/index.html", "g")
        folder.write("gone/also.html", "a")
    (out / "stray.html").write_text("not the build's", encoding="utf-8")
    with atomic_output(out, previous={"keep.html", "gone/deep/index.html", "gone/also.html"}) as folder:
        folder.keep("keep.html")
    left = {path.relative_to(out).as_posix(): path.read_bytes() for path in out.rglob("*") if path.is_file()}
    assert left == {"keep.html": b"k", "stray.html": b"not the build's"}
    assert not (out / "gone").exists()


def test_a_writer_thread_writes_every_file_handed_to_it_before_the_block_ends(tmp_path):
    threads = threading.active_count()
    out = tmp_path / "site"
    with atomic_output(out) as folder:
        with written_meanwhile(folder) as writer:
            for number in range(200):
                writer.write(f"pages/{number}/index.html", f"第{number}页")
        assert len(folder.written) == 200
    assert (out / "pages" / "199" / "index.html").read_text(encoding="utf-8") == "第199页"
    assert threading.active_count() == threads  # the thread is gone: the build may fork again


def test_a_writer_threads_error_is_raised_in_the_callers_thread_and_nothing_is_swapped_in(tmp_path):
    threads = threading.active_count()
    out = tmp_path / "site"
    with pytest.raises(OutputError, match=r"\.\./escape"):
        with atomic_output(out) as folder:
            with written_meanwhile(folder) as writer:
                writer.write("../escape.html", "x")
                for number in range(200):  # raised at a later hand-over, or when the block ends
                    writer.write(f"pages/{number}.html", "y")
    assert not out.exists() and threading.active_count() == threads


def test_the_callers_own_error_wins_over_the_writer_threads(tmp_path):
    threads = threading.active_count()
    with pytest.raises(KeyError):
        with atomic_output(tmp_path / "site") as folder:
            with written_meanwhile(folder) as writer:
                writer.write("../escape.html", "x")
                raise KeyError("rendering failed")
    assert threading.active_count() == threads
