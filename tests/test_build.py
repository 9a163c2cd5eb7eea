"""The Builder's memory between builds: only changed sources are re-read and re-analysed,
and an incremental build gives exactly the site a clean build gives."""

from __future__ import annotations

import os
import pickle
import sys
from pathlib import Path

import pytest

import sitegen.build as build_module
from sitegen.build import Builder, build, share_terms
from sitegen.config import load_settings
from sitegen.model import ArticleFacts, TopicScore
from sitegen.taxonomy import load_taxonomy
from tests.conftest import passed_in_a_process_of_its_own

def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def write_source(path: Path, title: str) -> None:
    path.write_text(
        f"---\ntitle: {title}\ndate: 2025-06-01\npublisher: 测试社\n---\n\n"
        f"{title}在南京举行，发布人工智能大模型与算力平台，多家企业签约。\n",
        encoding="utf-8",
    )




def test_incremental_build_equals_a_clean_build(site):
    settings = load_settings(site)
    builder = Builder(settings)
    builder.build(site / "first")
    write_source(site / "seeds" / "zz-new.md", "增量构建测试")
    (site / "seeds" / sorted(p.name for p in (site / "seeds").iterdir())[0]).unlink()
    builder.build(site / "incremental")
    build(settings, site / "clean")
    assert files_of(site / "incremental") == files_of(site / "clean")
    assert files_of(site / "incremental") != files_of(site / "first")


def test_only_the_changed_source_is_read_and_analysed_again(site, counted):
    builder = Builder(load_settings(site))
    write_source(site / "seeds" / "zz-edit.md", "第一版标题")
    first = builder.build(site / "out")
    sources = counted["read"]
    assert sources == first.source_files
    counted["read"] = counted["analyse"] = 0
    write_source(site / "seeds" / "zz-edit.md", "第二版标题")
    second = builder.build(site / "out")
    assert counted["read"] == 1
    assert counted["analyse"] == 1
    assert "第二版标题" in (site / "out" / "index.html").read_text(encoding="utf-8")
    assert len(second.site.articles) == len(first.site.articles)


def test_nothing_changed_reads_nothing(site, counted):
    builder = Builder(load_settings(site))
    builder.build(site / "out")
    counted["read"] = counted["analyse"] = 0
    builder.build(site / "out")
    assert counted == {"read": 0, "analyse": 0}


def test_a_broken_source_keeps_its_last_good_version_in_a_preview(site):
    builder = Builder(load_settings(site))
    source = site / "seeds" / "zz-breaks.md"
    write_source(source, "将要损坏的资料")
    builder.build(site / "out", preview=True)
    source.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    broken = builder.build(site / "out", preview=True)
    assert any(a.article.title == "将要损坏的资料" for a in broken.site.articles.values())
    messages = [str(d) for d in broken.errors]
    assert any(m.startswith("seeds/zz-breaks.md: ") and "binary" in m for m in messages)
    assert any("last good version" in m for m in messages)
    home = (site / "out" / "index.html").read_text(encoding="utf-8")
    assert "build-errors" in home and "zz-breaks.md" in home
    write_source(source, "已经修好的资料")
    fixed = builder.build(site / "out", preview=True)
    assert not any("zz-breaks.md" in str(d) for d in fixed.diagnostics)
    assert "build-errors" not in (site / "out" / "index.html").read_text(encoding="utf-8")


def test_a_broken_source_without_a_good_version_is_only_reported(site):
    (site / "seeds" / "zz-empty.md").write_bytes(b"")
    result = Builder(load_settings(site)).build(site / "out")
    assert any(d.path == "seeds/zz-empty.md" for d in result.diagnostics)
    assert not any("last good version" in str(d) for d in result.diagnostics)


def test_a_taxonomy_change_analyses_everything_again(site, counted):
    builder = Builder(load_settings(site))
    first = builder.build(site / "out")
    counted["analyse"] = 0
    (site / "taxonomies").mkdir()
    (site / "taxonomies" / "stopwords.txt").write_text("平台\n", encoding="utf-8")
    builder.build(site / "out")
    assert counted["analyse"] == len(first.site.articles)


def test_a_builder_parses_the_taxonomy_again_only_when_its_files_change(site, monkeypatch):
    import sitegen.build

    loaded = []
    monkeypatch.setattr(sitegen.build, "load_taxonomy", lambda folder: loaded.append(folder) or load_taxonomy(folder))
    builder = Builder(load_settings(site))
    builder.build(site / "out", preview=True)
    builder.build(site / "out", preview=True)
    assert len(loaded) == 1
    (site / "taxonomies").mkdir()
    (site / "taxonomies" / "stopwords.txt").write_text("平台\n", encoding="utf-8")
    builder.build(site / "out", preview=True)
    assert len(loaded) == 2


def test_article_keys_follow_the_content_and_are_remembered_by_identity(tmp_path):
    from dataclasses import replace

    from sitegen.build import Builder, _article_key
    from sitegen.model import Article, Paragraph

    paragraph = Paragraph("p1", "paragraph", "南京发布大模型。", "seeds/a.md", 3)
    article = Article("nanjing", "南京", [paragraph], [])
    key = _article_key(article)
    assert _article_key(replace(article, paragraphs=[replace(paragraph)])) == key  # equal, another object
    edited = replace(article, paragraphs=[replace(paragraph, text="南京发布光子大模型。")])
    assert _article_key(edited) != key
    assert _article_key(replace(article, slug="nanjing-2")) != key
    builder = Builder(load_settings(tmp_path))
    assert builder._article_keys([article, edited]) == [key, _article_key(edited)]
    assert builder._article_keys([article]) == [key]
    assert list(builder._keys) == [id(article)]  # only the current articles are remembered


# ----------------------------------------------------------------- facts held in memory


def test_shared_facts_hold_one_string_per_term():
    """Each pickle is unpickled on its own, so without sharing every article
    would hold its own copy of every term it has in common with the others."""
    made = [ArticleFacts(term_counts={"算" + "力": 3, "人工" + "智能": 1}, topics=[TopicScore("ai", 0.5)])
            for _ in range(2)]
    loaded = [pickle.loads(pickle.dumps(facts)) for facts in made]
    for facts in loaded:
        share_terms(facts)
    assert loaded == made
    first, second = (list(facts.term_counts) for facts in loaded)
    assert all(a is b for a, b in zip(first, second))
    assert first[0] is sys.intern("算力")


def test_facts_pickled_together_store_each_shared_term_once():
    """As the cached model does: facts of separate cache entries, pickled together."""
    entries = [pickle.dumps(ArticleFacts(term_counts={"具身" + "智能": 2})) for _ in range(50)]
    loaded = [pickle.loads(entry) for entry in entries]
    assert pickle.dumps(loaded).count("具身智能".encode("utf-8")) == 50
    for facts in loaded:
        share_terms(facts)
    again = pickle.dumps(loaded)
    assert again.count("具身智能".encode("utf-8")) == 1
    assert pickle.loads(again)[0].term_counts is not loaded[0].term_counts


def test_a_builder_holds_every_term_of_its_facts_as_the_interned_string(site):
    """Whether the facts were just made or read from cache entries by a new builder."""
    settings = load_settings(site)
    for builder in (Builder(settings), Builder(settings)):  # the second reads the first's entries
        write_source(site / "seeds" / "zz-edit.md", f"标题{id(builder)}")  # a new build, not a recorded one
        builder.build(site / "out", preview=True)
        terms = [term for facts in builder._facts.values() for term in facts.term_counts]
        assert len(terms) > 1000
        assert all(term is sys.intern(term) for term in terms)


def test_a_sources_front_matter_places_it_and_names_its_topics(site):
    (site / "seeds" / "survey.md").write_text(
        "---\ntitle: 企业调研：一家工业软件公司的十年\ndate: 2025-11-10\nregion: 苏州\ntopics: [智能制造]\n---\n\n"
        "这家公司从三个人的团队起步，北京和上海的客户最多，但团队一直留在原地。公司为工厂提供排程软件。\n",
        encoding="utf-8",
    )
    result = build(load_settings(site), site / "out")
    item = next(a for a in result.site.articles.values() if a.article.title.startswith("企业调研"))
    assert item.facts.primary_region == "suzhou"
    assert item.facts.topics[0].topic == "intelligent-manufacturing"
    assert "企业调研" in (site / "out" / "regions" / "suzhou" / "index.html").read_text(encoding="utf-8")
    assert "企业调研" in (site / "out" / "topics" / "intelligent-manufacturing" / "index.html").read_text(encoding="utf-8")


def test_a_model_made_in_a_process_of_its_own_gives_the_same_site(site, monkeypatch, request):
    if passed_in_a_process_of_its_own(request):
        return
    settings = load_settings(site)
    build(settings, site / "here")
    monkeypatch.setattr(build_module, "APART_MIN_SOURCES", 1)
    builder = Builder(load_settings(site, cache_dir=site / "other-cache"))
    assert builder._builds_apart([("x", (0, 0), "d")], preview=False)
    result = builder.build(site / "apart")
    assert files_of(site / "apart") == files_of(site / "here")
    assert result.counts["articles"] > 0 and builder._site is result.site


def indexing_processes(monkeypatch, record: Path, broken_apart: bool = False) -> None:
    """Record the id of each process that builds a search index in `record`
    (a file: a forked child's lists die with it); with `broken_apart`, building
    the index in a process of its own fails."""
    from sitegen.search import build_search_files, stored

    def recording_build(documents, *arguments, **keywords):
        with record.open("a", encoding="ascii") as file:
            file.write(f"{os.getpid()}\n")
        return build_search_files(documents, *arguments, **keywords)

    def broken(*arguments, **keywords):
        raise OSError("no room for the index")

    monkeypatch.setattr(stored, "build_search_files", recording_build)
    if broken_apart:
        monkeypatch.setattr(stored, "store_search_files", broken)
    monkeypatch.setattr(build_module, "APART_MIN_SOURCES", 1)


def test_a_model_made_apart_has_its_search_index_made_in_a_process_of_its_own(site, monkeypatch, request, tmp_path):
    """The index then never sits next to the model and what rendering left."""
    if passed_in_a_process_of_its_own(request):
        return
    build(load_settings(site), site / "here")
    record = tmp_path / "indexed-by"
    indexing_processes(monkeypatch, record)
    Builder(load_settings(site, cache_dir=site / "other-cache")).build(site / "apart")
    indexed_by = record.read_text(encoding="ascii").split()
    assert len(indexed_by) == 1 and int(indexed_by[0]) != os.getpid()
    assert files_of(site / "apart") == files_of(site / "here")


def test_an_index_that_fails_apart_is_built_with_the_pages(site, monkeypatch, request, tmp_path):
    if passed_in_a_process_of_its_own(request):
        return
    build(load_settings(site), site / "here")
    record = tmp_path / "indexed-by"
    indexing_processes(monkeypatch, record, broken_apart=True)
    Builder(load_settings(site, cache_dir=site / "other-cache")).build(site / "apart")
    assert record.read_text(encoding="ascii").split() == [str(os.getpid())]
    assert files_of(site / "apart") == files_of(site / "here")


def test_a_failure_making_the_model_apart_is_raised_with_its_reason(site, monkeypatch, request):
    if passed_in_a_process_of_its_own(request):
        return

    def broken(*arguments, **keywords):
        raise ValueError("the gazetteer is unreadable")

    monkeypatch.setattr(build_module, "APART_MIN_SOURCES", 1)
    monkeypatch.setattr(Builder, "_build_model", broken)
    with pytest.raises(RuntimeError, match="the gazetteer is unreadable"):
        Builder(load_settings(site)).build(site / "out")


def test_the_summary_line_counts_unreadable_sources_and_tells_errors_from_warnings(tmp_path):
    from sitegen.build import BuildResult
    from sitegen.model import Diagnostic, Site

    result = BuildResult(Site("t", {}, {}, {}, []), tmp_path, 1.5, [
        Diagnostic("seeds/a.docx", "Word document is cut short"), Diagnostic("seeds/b.txt", "empty file"),
        Diagnostic("seeds/c.txt", "date not understood", 3, "warning"),
    ], source_files=12)
    line = result.summary_line()
    assert line.startswith("10 of 12 sources read,") and "2 errors, 1 warning in 1.50 s" in line


def test_a_warm_build_renders_the_model_stored_without_term_counts_and_ranked_sentences(site):
    settings = load_settings(site)
    build(settings, site / "cold")
    builder = Builder(settings)
    result = builder.build(site / "warm")
    assert builder._site_stored and result.site.articles
    assert not any(item.facts.term_counts or item.facts.ranked_sentences for item in result.site.articles.values())
    assert files_of(site / "warm") == files_of(site / "cold")


def index_slot_taken_by_another_build(site: Path) -> str:
    """Build the seeds, then an edited corpus (its index takes the site's slot),
    then put the seeds back; the key of the seeds' model."""
    settings = load_settings(site)
    builder = Builder(settings)
    builder.build(site / "cold")
    seeds_key = builder._site_key()
    write_source(site / "seeds" / "zz-new.md", "索引槽测试")
    build(settings, site / "edited")
    (site / "seeds" / "zz-new.md").unlink()
    return seeds_key


def cut_short(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:-10])


@pytest.mark.parametrize(
    ("damage", "taken"), [(None, True), (cut_short, True), (Path.unlink, False)],
    ids=["terms stored", "terms unreadable", "terms gone"],
)
def test_a_stored_model_whose_index_was_replaced_is_indexed_again_with_its_articles_words(site, damage, taken):
    """The words come from the entry stored beside the model, or, unreadable, from
    each article's analysis in the cache; a model stored without them is not taken."""
    seeds_key = index_slot_taken_by_another_build(site)
    builder = Builder(load_settings(site))
    if damage is not None:
        damage(builder._cache.path("terms", seeds_key))
    builder.build(site / "again")
    assert builder._site_stored is taken
    assert files_of(site / "again") == files_of(site / "cold")


def test_a_source_as_remembered_and_cached_keeps_its_text_not_its_blocks(site):
    from sitegen.build import _read_version

    path = site / "seeds" / sorted(p.name for p in (site / "seeds").iterdir())[0]
    version, problems = _read_version(path, site, 10**7)
    assert problems == [] and version.articles and version.source.text
    assert version.source.blocks == []
