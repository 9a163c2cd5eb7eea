"""Incremental output: a rebuild rewrites only the files whose bytes changed, leaves
the others alone (same mtime, same inode), deletes what the site no longer has, and
ends byte-identical to a clean build."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from sitegen import render
from sitegen.build import Builder, build
from sitegen.config import load_settings
from sitegen.render.write import UpdatingFolder, atomic_output
from sitegen.search import index, live, stored
from tests.conftest import passed_in_a_process_of_its_own

REPO = Path(__file__).resolve().parents[1]
OLD = 1_000_000_000  # an mtime no build can produce: 2001-09-09


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def age(folder: Path) -> None:
    """Give every file an old mtime, so a rewrite shows without any clock."""
    for path in folder.rglob("*"):
        if path.is_file():
            os.utime(path, (OLD, OLD))


def rewritten(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and p.stat().st_mtime != OLD}


def write_source(path: Path, title: str, body: str = "在南京举行，发布人工智能大模型与算力平台，多家企业签约。") -> None:
    path.write_text(
        f"---\ntitle: {title}\ndate: 2025-06-01\npublisher: 测试社\n---\n\n{title}{body}\n", encoding="utf-8",
    )


@pytest.fixture
def site(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    write_source(tmp_path / "seeds" / "zz-edit.md", "增量输出测试")
    return tmp_path


def test_a_rebuild_with_nothing_changed_rewrites_no_file(site):
    settings = load_settings(site)
    out = site / "site"
    build(settings, out)
    age(out)
    inodes = {p: p.stat().st_ino for p in out.rglob("*") if p.is_file()}
    build(settings, out)
    assert rewritten(out) == set()
    assert {p: p.stat().st_ino for p in out.rglob("*") if p.is_file()} == inodes


def test_an_edit_rewrites_only_changed_files_and_equals_a_clean_build(site):
    settings = load_settings(site)
    builder = Builder(settings)
    out = site / "site"
    builder.build(out)
    age(out)
    write_source(site / "seeds" / "zz-edit.md", "增量输出测试", "在南京举行，发布人工智能大模型与算力平台，三家企业签约。")
    builder.build(out)
    changed = rewritten(out)
    build(settings, site / "clean")
    assert files_of(out) == files_of(site / "clean")
    assert any(path.startswith("articles/") for path in changed)
    assert any(path.startswith("sources/") for path in changed)
    untouched = set(files_of(out)) - changed
    assert "static/style.css" in untouched
    assert any(path.startswith("articles/") for path in untouched)  # the seeds' own articles


def test_a_removed_source_leaves_no_page_behind(site):
    settings = load_settings(site)
    out = site / "site"
    first = build(settings, out)
    slug = next(s for s, item in first.site.articles.items() if item.article.title == "增量输出测试")
    assert (out / "articles" / slug / "index.html").is_file()
    (site / "seeds" / "zz-edit.md").unlink()
    build(settings, out)
    build(settings, site / "clean")
    assert not (out / "articles" / slug).exists()
    assert files_of(out) == files_of(site / "clean")


def test_a_fresh_process_reusing_the_cache_gives_the_same_site(site):
    settings = load_settings(site)
    build(settings, site / "cold")
    assert (site / ".sitegen-cache").is_dir()
    build(settings, site / "warm")
    shutil.rmtree(site / ".sitegen-cache")
    build(settings, site / "again")
    assert files_of(site / "cold") == files_of(site / "warm") == files_of(site / "again")


def test_a_warm_build_takes_the_search_index_of_the_last_build(site, monkeypatch):
    settings = load_settings(site)
    build(settings, site / "cold")
    monkeypatch.setattr(stored, "build_search_files", lambda *_: pytest.fail("index built again"))
    build(settings, site / "warm")
    assert files_of(site / "cold") == files_of(site / "warm")


# ----------------------------------------------------------------- the folder itself


def test_updating_folder_replaces_a_file_by_a_folder_and_back(tmp_path):
    out = tmp_path / "site"
    with atomic_output(out) as folder:
        folder.write("a", "file")
        folder.write("b/index.html", "page")
    with atomic_output(out) as folder:
        assert isinstance(folder, UpdatingFolder)
        folder.write("a/index.html", "now a page")
        folder.write("b", "now a file")
    assert files_of(out) == {"a/index.html": b"now a page", "b": b"now a file"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_updating_folder_stages_only_changed_bytes(tmp_path):
    out = tmp_path / "site"
    with atomic_output(out) as folder:
        folder.write("same.html", "x")
        folder.write("other.html", "1")
    with atomic_output(out) as folder:
        folder.write("same.html", "x")
        folder.write("other.html", "2")
        assert folder.staged == ["other.html"]


def test_a_failed_update_changes_nothing(tmp_path):
    out = tmp_path / "site"
    with atomic_output(out) as folder:
        folder.write("index.html", "good")
        folder.write("old.html", "kept")
    with pytest.raises(RuntimeError):
        with atomic_output(out) as folder:
            folder.write("index.html", "half")
            raise RuntimeError("template broke")
    assert files_of(out) == {"index.html": b"good", "old.html": b"kept"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_no_op_rebuild_in_a_new_process_does_nothing_and_says_so(site):
    settings = load_settings(site)
    out = site / "site"
    first = build(settings, out)
    again = build(settings, out)
    assert again.unchanged
    assert again.counts == first.counts
    assert again.summary_line().endswith("(output already up to date)")


def test_a_hand_edited_output_file_is_repaired_by_the_next_build(site):
    settings = load_settings(site)
    out = site / "site"
    build(settings, out)
    clean = files_of(out)
    (out / "index.html").write_text("edited by hand", encoding="utf-8")
    (out / "stray.html").write_text("left behind", encoding="utf-8")
    repaired = build(settings, out)
    assert not repaired.unchanged
    assert files_of(out) == clean


def test_a_template_change_is_not_a_no_op(site):
    settings = load_settings(site)
    out = site / "site"
    build(settings, out)
    (site / "templates").mkdir()
    base = (REPO / "templates" / "base.html").read_text(encoding="utf-8")
    (site / "templates" / "base.html").write_text(base.replace("</footer>", "<p>本地页脚</p></footer>"), encoding="utf-8")
    rebuilt = build(load_settings(site), out)
    assert not rebuilt.unchanged
    assert "本地页脚" in (out / "index.html").read_text(encoding="utf-8")


# ----------------------------------------------------------------- preview: pages left as they are


@pytest.fixture
def rendered(monkeypatch) -> list[str]:
    """The pages rendered from now on, by site path (forked workers are not used
    at the seeds' size, so every call is seen here)."""
    calls: list[str] = []
    original = render.render_page

    def spy(env, page, *args, **kwargs):
        calls.append(page.path)
        return original(env, page, *args, **kwargs)

    monkeypatch.setattr(render, "render_page", spy)
    return calls


def edit_body(site: Path, sentence: str) -> None:
    write_source(site / "seeds" / "zz-edit.md", "增量输出测试", sentence)


def test_a_preview_rebuild_renders_only_the_pages_whose_inputs_changed(site, rendered):
    builder = Builder(load_settings(site))
    out = site / "site"
    first = builder.build(out, preview=True)
    slug = next(s for s, item in first.site.articles.items() if item.article.title == "增量输出测试")
    all_pages = len(rendered)
    rendered.clear()
    edit_body(site, "在南京举行，发布人工智能大模型与算力平台，三家企业签约。")
    result = builder.build(out, preview=True)
    assert result.summary_line().endswith(f"({len(rendered)} of {all_pages} pages rendered)")
    assert f"articles/{slug}/" in rendered
    assert "sources/zz-edit.md/" in rendered
    assert "" in rendered  # the home page reads the whole site (`site.articles | length`)
    assert len(rendered) < all_pages / 4
    other = next(s for s in first.site.articles if s != slug and s not in first.site.related.get(slug, []))
    assert f"articles/{other}/" not in rendered
    Builder(load_settings(site)).build(site / "clean", preview=True)
    assert files_of(out) == files_of(site / "clean")


def benchmark_corpus(folder: Path, sources: int) -> None:
    """The benchmark's synthetic corpus (`tests/benchmarks/corpus.py`), made of the seeds."""
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location("benchmark_corpus", REPO / "tests" / "benchmarks" / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    module.write_corpus(folder, sources)


def test_a_preview_edit_lists_only_the_pages_the_model_changes_touch(tmp_path, monkeypatch):
    """Article, entity and source pages the edit did not touch are left out of
    the page list, from what changed in the model (`ModelChanges`), instead of
    being listed, made and compared: at 10,000 sources that was most of a
    rebuild. (At the seeds' size an edit re-weighs every article's keywords,
    so a corpus of 80.)"""
    benchmark_corpus(tmp_path / "seeds", 80)
    builder = Builder(load_settings(tmp_path), jobs=1)
    out = tmp_path / "site"
    builder.build(out, preview=True)
    listed: list[list[str]] = []
    original = render.site_pages

    def spy(*args):
        pages = original(*args)
        listed.append([page.template for page in pages])
        return pages

    monkeypatch.setattr(render, "site_pages", spy)
    source = sorted((tmp_path / "seeds").glob("*.md"))[0]
    source.write_bytes(source.read_bytes().replace("。".encode(), "。编辑补充的一句说明。".encode(), 1))
    builder.build(out, preview=True)
    Builder(load_settings(tmp_path), jobs=1).build(tmp_path / "clean", preview=True)
    assert files_of(out) == files_of(tmp_path / "clean")
    many = ("article.html", "entity.html", "source.html")
    edit_listed = sum(template in many for template in listed[0])
    all_pages = sum(template in many for template in listed[1])
    assert all_pages > 200 and 0 < edit_listed <= 0.2 * all_pages


@pytest.mark.parametrize("forked", [False, True])
def test_preview_edits_of_every_kind_in_a_corpus_of_80_each_equal_a_clean_build(tmp_path, monkeypatch, forked, request):
    """Where most pages are left out of the page list (`ModelChanges`), a person
    named, renamed and dropped, a date moved, a source gone and one added: after
    each edit the preview's output is byte for byte a clean build's. Forked,
    every build renders in two workers, whose list entries the preview keeps
    for the next build (`Entries.adopt`)."""
    if forked and passed_in_a_process_of_its_own(request):
        return
    benchmark_corpus(tmp_path / "seeds", 80)
    adopted: list[int] = []
    if forked:
        monkeypatch.setattr(render, "MIN_PARALLEL_PAGES", 1)
        adopt = render.entries.Entries.adopt
        monkeypatch.setattr(render.entries.Entries, "adopt", lambda self, shared: adopted.append(
            sum(key not in self.built for key, _, _ in shared)) or adopt(self, shared))  # new here: from a worker
    builder = Builder(load_settings(tmp_path, memory_budget_mb=0), jobs=2 if forked else 1)  # forks at any size
    out = tmp_path / "site"
    builder.build(out, preview=True)
    assert sum(adopted) > 100 if forked else not adopted
    first, second, third = sorted((tmp_path / "seeds").glob("*.md"))[:3]

    def replace_in(path: Path, old: str, new: str) -> None:
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    edits = [
        lambda: replace_in(first, "。", "。南京市市长陈之常表示，将发布人工智能大模型。"),
        lambda: replace_in(first, "陈之常", "王一鸣"),
        lambda: replace_in(second, "date: 20", "date: 19"),
        lambda: replace_in(first, "南京市市长王一鸣表示，", ""),
        lambda: third.unlink(),
        lambda: write_source(tmp_path / "seeds" / "zz-new.md", "新增的测试文章"),
    ]
    for number, edit in enumerate(edits):
        edit()
        builder.build(out, preview=True)
        Builder(load_settings(tmp_path), jobs=1).build(tmp_path / f"clean-{number}", preview=True)
        assert files_of(out) == files_of(tmp_path / f"clean-{number}"), number


def test_a_preview_rebuild_with_nothing_changed_renders_only_pages_reading_the_whole_site(site, rendered):
    builder = Builder(load_settings(site))
    out = site / "site"
    builder.build(out, preview=True)
    rendered.clear()
    builder.build(out, preview=True)
    assert set(rendered) <= {"", "regions/", "topics/", "timeline/"}


def test_a_page_deleted_from_the_output_is_rendered_again(site, rendered):
    builder = Builder(load_settings(site))
    out = site / "site"
    builder.build(out, preview=True)
    clean = files_of(out)
    (out / "articles" / "index.html").unlink()
    (out / "topics" / "index.html").write_text("changed size", encoding="utf-8")
    rendered.clear()
    builder.build(out, preview=True)
    assert {"articles/", "topics/"} <= set(rendered)
    assert files_of(out) == clean


@pytest.mark.parametrize("edited", [
    ("2025-07-01", "陈之常"),  # the article's date: its sitemap entry changes
    ("2025-06-01", "王一鸣"),  # one person's page goes and another's comes: as many pages as before
])
def test_a_preview_edit_of_a_date_or_a_name_writes_the_sitemap_of_a_clean_build(site, edited):
    def write(date: str, name: str) -> None:
        (site / "seeds" / "zz-edit.md").write_text(
            f"---\ntitle: 增量输出测试\ndate: {date}\n---\n\n在南京举行。南京市市长{name}表示，将发布人工智能大模型。\n",
            encoding="utf-8")

    write("2025-06-01", "陈之常")
    builder = Builder(load_settings(site))
    out = site / "site"
    builder.build(out, preview=True)
    before = (out / "sitemap.xml").read_bytes()
    write(*edited)
    builder.build(out, preview=True)
    Builder(load_settings(site)).build(site / "clean", preview=True)
    assert (out / "sitemap.xml").read_bytes() != before
    assert files_of(out) == files_of(site / "clean")


def test_a_deleted_output_folder_is_written_whole_by_the_next_preview_build(site):
    """A preview trusts the files an edit cannot touch to be as it wrote them
    (`render.reuse`), but not a folder that is gone."""
    builder = Builder(load_settings(site))
    out = site / "site"
    builder.build(out, preview=True)
    clean = files_of(out)
    shutil.rmtree(out)
    builder.build(out, preview=True)
    assert files_of(out) == clean


def test_a_template_reading_the_whole_site_is_rendered_on_every_rebuild(site, rendered):
    """A theme's frame that shows a corpus-wide count (inside a `once` piece, which
    only the first page renders) makes every page depend on the whole model."""
    (site / "templates").mkdir()
    base = (REPO / "templates" / "base.html").read_text(encoding="utf-8")
    footer = base.replace("{{ source_count }} 份原始资料", "{{ source_count }} 份原始资料、{{ site.timeline | length }} 个事件")
    assert footer != base
    (site / "templates" / "base.html").write_text(footer, encoding="utf-8")
    builder = Builder(load_settings(site))
    out = site / "site"
    builder.build(out, preview=True)
    edit_body(site, "2025年7月3日在南京举行，发布人工智能大模型与算力平台。2025年8月1日，三家企业签约。")
    builder.build(out, preview=True)
    Builder(load_settings(site)).build(site / "clean", preview=True)
    assert files_of(out) == files_of(site / "clean")
    rendered.clear()
    builder.build(out, preview=True)
    assert len(rendered) > 100


def test_a_changed_template_renders_every_page_again(site, rendered):
    builder = Builder(load_settings(site))
    out = site / "site"
    builder.build(out, preview=True)
    all_pages = len(rendered)
    (site / "templates").mkdir()
    base = (REPO / "templates" / "base.html").read_text(encoding="utf-8")
    (site / "templates" / "base.html").write_text(base.replace("</footer>", "<p>本地页脚</p></footer>"), encoding="utf-8")
    rendered.clear()
    builder.build(out, preview=True)
    assert len(rendered) == all_pages
    assert "本地页脚" in (out / "articles" / "index.html").read_text(encoding="utf-8")


def test_a_preview_rebuild_updates_the_search_index_in_place(site, monkeypatch):
    monkeypatch.setattr(live, "MAX_CHANGED_SHARE", 1.0)  # the seeds are few: any edit is a large share
    builder = Builder(load_settings(site))
    out = site / "site"
    builder.build(out, preview=True)
    monkeypatch.setattr(live, "build_index", lambda *_: pytest.fail("index built whole"))
    edit_body(site, "在南京举行，发布人工智能大模型与算力平台，五家企业签约。")  # same length: same average
    builder.build(out, preview=True)
    monkeypatch.setattr(live, "build_index", index.build_index)
    Builder(load_settings(site)).build(site / "clean", preview=True)
    assert files_of(out) == files_of(site / "clean")


def test_a_source_removed_during_a_preview_leaves_no_page_behind(site):
    builder = Builder(load_settings(site))
    out = site / "site"
    first = builder.build(out, preview=True)
    slug = next(s for s, item in first.site.articles.items() if item.article.title == "增量输出测试")
    (site / "seeds" / "zz-edit.md").unlink()
    builder.build(out, preview=True)
    assert not (out / "articles" / slug).exists()
    assert not (out / "sources" / "zz-edit.md").exists()
    Builder(load_settings(site)).build(site / "clean", preview=True)
    assert files_of(out) == files_of(site / "clean")
