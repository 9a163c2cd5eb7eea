"""The whole pipeline in one place: read -> normalise -> analyse -> assemble -> render.

This module only wires stages together; every decision lives in a stage. A
`Builder` remembers, per source file, what reading and normalising it gave, and per
article what analysing it gave, so the next build (the preview server rebuilding
after an edit) redoes that work only for files whose bytes changed and articles
whose content changed, then repeats the cheap corpus-wide steps. A file that
becomes unreadable keeps its last good version in the site, with its error shown,
until it is fixed: one bad save must not make a page disappear from the preview.

The stages that only this process runs (normalising the corpus, assembling,
rendering: Jinja, pinyin tables) are imported when first needed, after a cold
build has forked its analysing workers; analysis and the renderer are imported
here while they analyse, so those imports overlap with their work instead of
delaying it. The workers import analysis (and load jieba) themselves.

Work the builder does not remember comes from the content-addressed cache
(`sitegen.cache`, shared by every build of the site, so a fresh `sitegen build`
of an unchanged corpus does no reading or analysis), and what is not cached
runs on `sitegen.parallel.Workers` (a process pool, or a Dask cluster).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import os
import sys
import threading
import time
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from sitegen.cache import Cache, code_version, make_key, record_output, recorded_output, tree_digest
from sitegen.config import Settings
from sitegen.memory import collector_paused, frozen, keep
from sitegen.model import AnalysedArticle, Article, ArticleFacts, Diagnostic, Paragraph, Site, Source
from sitegen.parallel import Workers, call_forked, can_fork
from sitegen.progress import Progress
from sitegen.read import display_path, read_source, source_file_paths
from sitegen.stored_model import SearchTerms, for_rendering, search_terms
from sitegen.taxonomy import Taxonomy, load_taxonomy, taxonomy_digest
from sitegen.theme import default_theme_dir

if TYPE_CHECKING:
    from sitegen.analyse.corpus import CorpusSteps
    from sitegen.assemble import AssembleMemo
    from sitegen.normalise.dedup import DuplicateIndex, Sketch
    from sitegen.render.reuse import Written
    from sitegen.search.documents import SearchDocument

# A cold build of this many sources or more makes its model in a process of its
# own (`Builder._build_model_apart`); below, the fork and reload cost more than
# the memory they save is worth.
APART_MIN_SOURCES = 2000
# Fewer new articles than this are analysed inline: a worker process would
# spend longer loading jieba (~1 s) than analysing them (~15 ms each).
MIN_PARALLEL_ARTICLES = 64
# Analysed once by every analysing worker when it starts, and in the background
# by a preview builder, so jieba and the gazetteer's tagger are loaded before
# the first article needs them.
WARM_UP_ARTICLE = Article(
    slug="warm-up", title="人工智能产业大会在北京举行",
    paragraphs=[Paragraph("p1", "paragraph", "2025年5月8日，人工智能产业大会在北京举行，发布10亿元算力计划。", "warm-up", 1)],
    sources=[],
)
# Corpus-wide steps after reading, counted as one unit each on the progress bar.
CORPUS_STAGES = ("normalising", "analysing", "assembling", "rendering")


@dataclass
class BuildResult:
    site: Site
    out_dir: Path
    seconds: float
    diagnostics: list[Diagnostic] = field(default_factory=list)
    source_files: int = 0  # files found in the source folder, readable or not
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage, for -v
    # Articles, regions, topics and events built. A rebuild that found its output
    # already up to date (`unchanged`) gives them from the last build's record,
    # with a `site` that holds only the title and the diagnostics.
    counts: dict[str, int] = field(default_factory=dict)
    unchanged: bool = False
    # A preview rebuild: (pages rendered, pages in all); the others were left as they were.
    rendered: tuple[int, int] | None = None

    def __post_init__(self) -> None:
        if not self.counts:
            self.counts = _counts(self.site)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    def summary_line(self) -> str:
        """`10 of 12 sources read, 10 articles, …, 2 errors, 1 warning in 1.86 s`: a
        source with an error was not read, and errors are told from warnings."""
        counts = self.counts
        unread = len({d.path for d in self.errors})
        warnings = len(self.diagnostics) - len(self.errors)
        return (
            (f"{self.source_files - unread} of " if unread else "") + f"{self.source_files} sources read"
            + f", {counts['articles']} articles, {counts['regions']} regions, {counts['topics']} topics, "
            f"{counts['events']} events, " + (f"{_plural(len(self.errors), 'error')}, " if self.errors else "")
            + f"{_plural(warnings, 'warning')} in {self.seconds:.2f} s"
            + (" (output already up to date)" if self.unchanged else "")
            + (f" ({self.rendered[0]} of {self.rendered[1]} pages rendered)" if self.rendered else "")
        )


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _counts(site: Site) -> dict[str, int]:
    return {"articles": len(site.articles), "regions": len(site.regions),
            "topics": len(site.topics), "events": len(site.timeline)}


@dataclass
class _Version:
    """One readable version of a source and the articles normalising it gave."""

    source: Source
    articles: list[Article]
    diagnostics: list[Diagnostic]
    sketches: list[Sketch]  # one per article, for the near-duplicate search


@dataclass
class _Memo:
    """What the builder remembers about one source file between builds."""

    stamp: tuple[int, int]  # (mtime_ns, size): unchanged means no need to hash
    digest: str  # sha256 of the bytes the entry below was made from
    good: _Version | None  # the last version that read and normalised
    problems: list[Diagnostic]  # why the current bytes are broken; [] when good


def _article_key(article: Article) -> str:
    """A digest of everything analysis reads from an article, its slug included
    (facts quote sentences by article slug), so equal keys mean equal facts."""
    return hashlib.blake2b(repr(article).encode("utf-8"), digest_size=20).hexdigest()


def _stamp(path: str) -> tuple[int, int]:
    status = os.stat(path)
    return status.st_mtime_ns, status.st_size


class Builder:
    """Builds the site of one `Settings`, reusing per-source work from its earlier builds."""

    def __init__(self, settings: Settings, jobs: int | None = None, executor: str | None = None) -> None:
        """`jobs` and `executor` default to the settings' (`--jobs`, `--executor`)."""
        self.settings = settings
        self._cache = Cache(settings.cache_dir)
        self._workers = Workers(jobs or settings.jobs or None, executor or settings.executor or None)
        self._memos: dict[str, _Memo] = {}  # by the file's path, as `source_file_paths` gives it
        self._order: tuple[list[str], frozenset[str]] | None = None  # `_memos_in_order`
        self._model_key: tuple | None = None
        self._site: Site | None = None
        # whether `_site` came from the cache, stored without the articles' term counts (`stored_model`)
        self._site_stored = False
        self._site_digest = ""  # `_site_key()` of a model taken from the cache by `_built_before`
        self._facts: dict[str, ArticleFacts] = {}  # per-article analysis by _article_key
        self._facts_taxonomy = ""  # taxonomy digest the remembered facts were made with
        self._corpus: CorpusSteps | None = None  # a preview's corpus steps, kept for the next
        self._analysed: dict[str, AnalysedArticle] = {}  # a preview's articles by _article_key
        self._keys: dict[int, tuple[Article, str]] = {}  # a preview's articles' `_article_key`, by identity
        self._assembled: AssembleMemo | None = None  # a preview's assembly, for the next
        self._built = ""  # fingerprint of the inputs of the last site built ("" after a preview)
        self._warming: threading.Thread | None = None
        self._duplicates: DuplicateIndex | None = None  # a preview's near-duplicate buckets, for the next
        self._taxonomy: Taxonomy | None = None  # the last one loaded (`_load_taxonomy`)
        self._written: Written | None = None  # a preview's pages and index, for the next preview (`render.reuse`)

    def build(
        self, out_dir: Path | None = None, *, preview: bool = False,
        progress: Progress | None = None,
    ) -> BuildResult:
        """Build into `out_dir` (default: the configured output folder).

        What earlier builds left (the remembered sources and facts, the last
        model) is frozen for this one too: a preview rebuild would otherwise
        start with full collections walking the last build's millions of
        objects, 2-3 s of a one-file edit at 10,000 sources.
        """
        with frozen():  # thawed after the build: a `serve` session collects as usual between builds
            return self._build(out_dir, preview, progress or Progress())

    def _build(self, out_dir: Path | None, preview: bool, progress: Progress) -> BuildResult:
        started = time.perf_counter()
        timings: dict[str, float] = {}
        out_dir = Path(out_dir or self.settings.output_dir)
        taxonomy = self._load_taxonomy()
        paths = source_file_paths(self.settings.source_dir)
        progress.start(len(paths) + len(CORPUS_STAGES))
        progress.stage("reading")
        changed = self._changes(paths, progress)
        theme_key = self._theme_key(taxonomy)
        # A preview always builds: it needs no digest of all its inputs.
        fingerprint = "" if preview else self._fingerprint(theme_key, changed)
        recorded = None if preview else recorded_output(self._cache, out_dir, fingerprint)
        if recorded is not None:
            progress.close()
            return self._unchanged(recorded, out_dir, time.perf_counter() - started, len(paths), fingerprint)
        site = None if preview else self._built_before(fingerprint)
        if site is not None:
            progress.advance(len(changed) + len(CORPUS_STAGES) - 1)
        elif self._builds_apart(changed, preview):
            site = self._build_model_apart(changed, taxonomy, progress, timings)
        else:
            site = self._build_model(changed, taxonomy, progress, timings, preview)
        from sitegen.render import render_site
        from sitegen.render.reuse import Reuse

        progress.stage("rendering")
        mark = time.perf_counter()
        reuse = Reuse(self._written, theme_key, out_dir.resolve()) if preview else None
        self._written = None  # until this build's files are written
        terms = partial(self._stored_terms, self._site_key(), site, taxonomy) if self._site_stored else None
        written = render_site(
            site, self.settings, out_dir, preview=preview, jobs=self._workers.local_jobs,
            cache=self._cache, site_key=self._site_key(), reuse=reuse, search_terms=terms,
        )
        self._written = reuse.made if reuse is not None else None
        timings["render"] = time.perf_counter() - mark
        progress.advance()
        progress.close()
        made = reuse.made.pages if reuse is not None and reuse.made is not None else None
        result = BuildResult(
            site, out_dir, time.perf_counter() - started, site.diagnostics,
            source_files=len(paths), timings=timings,
            rendered=(made.rendered, len(made.pages)) if made is not None else None,
        )
        self._built = fingerprint
        if preview:
            self._warm_up(taxonomy)
        else:
            self._cache.put("inputs", fingerprint, (self._site_key(), site.diagnostics))
            record_output(self._cache, out_dir, fingerprint, (result.counts, result.diagnostics), written)
        return result

    def _build_model(
        self, changed: list[tuple[str, tuple[int, int], str]], taxonomy: Taxonomy, progress: Progress,
        timings: dict[str, float], preview: bool,
    ) -> Site:
        """Read the changed files, then normalise, analyse and assemble the corpus."""
        started = time.perf_counter()
        self._start_analysers(changed, taxonomy, preview)
        try:
            self._load(changed, progress)
            keep()
            timings["read"] = time.perf_counter() - started
            site = self._model(taxonomy, progress, timings, preview)
        finally:
            self._workers.stop()
        site.diagnostics = self._diagnostics(preview)
        if not preview:
            self._forget_sources()
        return site

    def _builds_apart(self, changed: list[tuple[str, tuple[int, int], str]], preview: bool) -> bool:
        """Whether to make the model in a process of its own (`_build_model_apart`):
        for a large corpus read afresh by a builder that keeps nothing for later."""
        return (
            not preview and self._site is None and not self._memos and len(changed) >= APART_MIN_SOURCES
            and self._cache.folder is not None and self._workers.address is None and can_fork()
        )

    def _build_model_apart(
        self, changed: list[tuple[str, tuple[int, int], str]], taxonomy: Taxonomy, progress: Progress,
        timings: dict[str, float],
    ) -> Site:
        """`_build_model` in a forked process, the model handed over through the cache.

        Reading and analysing 10,000 sources leaves this process holding half a
        gigabyte more than the model itself (the sources as read, the facts,
        freed memory the allocator keeps), and rendering then runs, and forks
        its workers, next to all of it. Made in a child that exits, the model
        comes back as compact as a warm build's, loaded from the cache entry
        the child wrote. Should the child fail, its error is raised here;
        should its entry be missing (a full disk), the model is made here after all.
        """
        model_key, site_key, diagnostics, child_timings, documents = call_forked(
            self._model_for_parent, changed, taxonomy, progress, timings,
        )
        timings.update(child_timings)
        self._index_apart(documents, site_key, timings)
        del documents
        with collector_paused():
            site = self._stored_model(site_key)
        keep()
        if site is None:
            return self._build_model(changed, taxonomy, progress, timings, False)
        progress.advance(len(changed) + len(CORPUS_STAGES) - 1)
        site.diagnostics = diagnostics
        self._model_key, self._site, self._site_stored = model_key, site, True
        return site

    def _model_for_parent(
        self, changed: list[tuple[str, tuple[int, int], str]], taxonomy: Taxonomy, progress: Progress,
        timings: dict[str, float],
    ) -> tuple[tuple, str, list[Diagnostic], dict[str, float], list[SearchDocument]]:
        """In the child of `_build_model_apart`: make the model (`_model` stores it
        in the cache) and say how the parent finds and uses it; and the pages
        to index (`_index_apart`)."""
        site = self._build_model(changed, taxonomy, progress, timings, False)
        from sitegen.search import search_documents

        documents, diagnostics = search_documents(site), site.diagnostics
        self._site = site = None  # stored: its memory is reused for pickling what goes back
        return self._model_key, self._site_key(), diagnostics, timings, documents

    def _index_apart(self, documents: list[SearchDocument], site_key: str, timings: dict[str, float]) -> None:
        """Build the search index into the cache in a forked process that holds
        the pages to index and nothing else; rendering then copies it from there
        (`stored_search_files`, by `site_key`).

        Inverting the 31,000 pages of 10,000 sources next to the site model and
        what rendering left was the build's peak (2.8 GB). Here it is about 1.4 GB,
        inverted by this one process: two, each inverting half the pages, held
        the term lists twice over (the worker's half pickled back next to this
        one's) and peaked at 1.9 GB, for 10 s less. Should the child fail,
        rendering finds no index stored and builds it, raising any error there.
        """
        from sitegen.search.stored import store_search_files

        mark = time.perf_counter()
        with contextlib.suppress(RuntimeError):
            call_forked(store_search_files, documents, self._cache, self.settings.root, site_key, 1)  # 1 job
        timings["index"] = time.perf_counter() - mark

    def _forget_sources(self) -> None:
        """Let go of the sources as read and the per-article facts once the model
        is made: only a preview's next build reuses them, and rendering and
        indexing then run without them. A later build of this builder finds
        every file new and takes it from the cache again."""
        self._memos.clear()
        self._facts.clear()
        self._corpus = self._duplicates = self._assembled = None
        self._analysed, self._keys = {}, {}

    def _built_before(self, fingerprint: str) -> Site | None:
        """The model a build of the very same inputs (`fingerprint`) made, from the
        cache, without reading any source's cache entry: a warm build of 10,000
        sources would otherwise load all of them (half a gigabyte of pickles, a
        gigabyte of memory) only to learn that the model is cached too. The
        files' memos stay unset, so a later build of this builder reads them."""
        if self._site is not None or self._memos:
            return None  # this builder has built before: its own memory serves
        remembered = self._cache.get("inputs", fingerprint)
        if remembered is None:
            return None
        site_key, diagnostics = remembered
        site = self._stored_model(site_key)
        if site is None:
            return None
        site.diagnostics = diagnostics
        self._model_key, self._site, self._site_digest, self._site_stored = None, site, site_key, True
        return site

    def _stored_model(self, site_key: str) -> Site | None:
        """The model stored under `site_key` for rendering (`stored_model.for_rendering`),
        if the articles' term counts are stored beside it too."""
        return self._cache.get("model", site_key) if self._cache.has("terms", site_key) else None

    def _stored_terms(self, site_key: str, site: Site, taxonomy: Taxonomy) -> SearchTerms:
        """The term counts a stored model's search index needs, when it is made
        again: stored beside the model, or, should that entry be unreadable, from
        each article's analysis in the cache."""
        terms = self._cache.get("terms", site_key)
        if terms is not None:
            return terms
        version = f"{taxonomy.digest}:{self.settings.summary_chars}"
        terms = {}
        for slug, item in site.articles.items():
            facts = self._cache.get("facts", make_key(_article_key(item.article), version))
            if facts is None:
                raise RuntimeError(
                    f"the cache in {self._cache.folder} lost the words of {slug!r} for the search index; "
                    "delete the folder and build again"
                )
            terms[slug] = facts.term_counts
        return terms

    def _start_analysers(
        self, changed: list[tuple[str, tuple[int, int], str]], taxonomy: Taxonomy, preview: bool,
    ) -> None:
        """Sources never read before mean articles never analysed: fork the
        analysing workers now, so they load jieba while this process reads,
        normalises and imports the renderer. A warm build (everything cached)
        starts none and never loads jieba; neither does a preview, which keeps
        its own analyser warm (`_warm_up`)."""
        if preview:
            return
        unseen = sum(not self._cache.has("read", self._read_key(path, digest)) for path, _, digest in changed)
        if unseen:
            processes = -(-unseen // MIN_PARALLEL_ARTICLES)
            self._workers.start(processes, load_analyser, taxonomy, self.settings.summary_chars)

    def _warm_up(self, taxonomy: Taxonomy) -> None:
        """After a preview build whose analysis came from the cache, load jieba in
        the background: the first edit then waits for its article, not for ~1 s of
        dictionary loading."""
        if self._warming is None:
            self._warming = threading.Thread(
                target=analyse_articles, args=([WARM_UP_ARTICLE], taxonomy, self.settings.summary_chars),
                name="sitegen-warm-up", daemon=True,
            )
            self._warming.start()

    def _load_taxonomy(self) -> Taxonomy:
        """The taxonomy, parsed again only when its files' bytes changed: parsing
        the TOML files was a fortieth of an edit at 10,000 sources."""
        if self._taxonomy is None or self._taxonomy.digest != taxonomy_digest(self.settings.taxonomy_dir):
            self._taxonomy = load_taxonomy(self.settings.taxonomy_dir)
        return self._taxonomy

    def _theme_key(self, taxonomy: Taxonomy) -> str:
        """Everything the output depends on besides the sources: the taxonomies,
        the settings, the code, and the templates and static files."""
        theme = default_theme_dir()
        folders = [theme / "templates", theme / "static", self.settings.templates_dir, self.settings.static_dir]
        settings = replace(self.settings, jobs=0, executor="", memory_budget_mb=0)
        return make_key(code_version(), taxonomy.digest, repr(settings), tree_digest(folders))

    def _fingerprint(self, theme_key: str, changed: list[tuple[str, tuple[int, int], str]]) -> str:
        """Everything the output depends on: `theme_key` and each source's bytes."""
        digests = {path: memo.digest for path, memo in self._memos.items()}
        digests.update({path: digest for path, _, digest in changed})
        return make_key(
            theme_key,
            *(f"{display_path(path, self.settings.root)}:{digest}" for path, digest in sorted(digests.items())),
        )

    def _unchanged(
        self, recorded: tuple, out_dir: Path, seconds: float, source_files: int, fingerprint: str,
    ) -> BuildResult:
        """The result of a build whose output folder is already what it would write;
        its site is the one in memory if that is what was built, else a stub."""
        counts, diagnostics = recorded
        site = self._site if self._site is not None and self._built == fingerprint else Site(self.settings.title, {})
        return BuildResult(
            site, out_dir, seconds, diagnostics, source_files=source_files, counts=counts, unchanged=True,
        )

    # ------------------------------------------------------------------ per source

    def _changes(self, paths: list[str], progress: Progress) -> list[tuple[str, tuple[int, int], str]]:
        """(path, stamp, digest) of each file whose bytes changed; forget files that are gone."""
        changed: list[tuple[str, tuple[int, int], str]] = []
        for path in paths:
            found = self._check(path)
            if found is None:
                progress.advance()
            else:
                changed.append(found)
        for gone in set(self._memos) - set(paths):
            del self._memos[gone]
        return changed

    def _load(self, changed: list[tuple[str, tuple[int, int], str]], progress: Progress) -> None:
        """Read (or take from the cache) the files whose bytes changed."""
        keys = [self._read_key(path, digest) for path, _, digest in changed]
        cached = [self._cache.get("read", key) for key in keys]
        missing = [(Path(path), key) for (path, _, _), key, hit in zip(changed, keys, cached) if hit is None]
        store = self._worker_store()
        fresh = self._workers.map(read_versions, missing, self.settings.root, self.settings.max_source_bytes, store)
        for (path, stamp, digest), key, hit in zip(changed, keys, cached):
            if hit is None:
                hit = next(fresh)
                if store is None:
                    self._cache.put("read", key, hit)
            version, problems = hit
            memo = self._memos.get(path)
            self._memos[path] = _Memo(stamp, digest, version or (memo.good if memo else None), problems)
            progress.advance()

    def _worker_store(self) -> Path | None:
        """The cache folder workers store their results in themselves, so this
        process does not pickle each one a second time; None when they run on
        a cluster, whose machines may not see this folder (results are stored
        here then)."""
        return None if self._workers.address is not None else self._cache.folder

    def _check(self, path: str) -> tuple[str, tuple[int, int], str] | None:
        """(path, stamp, digest) of a file whose bytes differ from the remembered
        version; None when nothing changed or the file cannot be read (its memo
        then says why)."""
        memo = self._memos.get(path)
        try:
            stamp = _stamp(path)
            if memo is not None and memo.stamp == stamp:
                return None
            digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        except OSError as error:
            problem = Diagnostic(self._display(path), f"cannot read: {error.strerror}")
            self._memos[path] = _Memo((0, 0), "", memo.good if memo else None, [problem])
            return None
        if memo is not None and memo.digest == digest:
            memo.stamp = stamp
            return None
        return path, stamp, digest

    def _read_key(self, path: str, digest: str) -> str:
        """Reading depends on the bytes, the path shown for the file and the size limit."""
        return make_key("read", digest, display_path(path, self.settings.root), str(self.settings.max_source_bytes))

    def _display(self, path: str) -> str:
        try:
            return Path(path).resolve().relative_to(self.settings.root).as_posix()
        except ValueError:
            return str(path)

    # ------------------------------------------------------------------ corpus

    def _model(
        self, taxonomy: Taxonomy, progress: Progress, timings: dict[str, float], preview: bool = False,
    ) -> Site:
        """Normalise, analyse and assemble the corpus, unless nothing it depends on changed.

        Outside a preview, a site model built from the same sources before (a
        warm build: the output folder was removed) comes from the cache whole;
        a preview builds it, so its per-article memory is ready for the edits.
        """
        files = [(path, m.good) for path, m in self._memos_in_order() if m.good is not None]
        versions = [version for _, version in files]
        key = (
            tuple((v.source.path, v.source.digest) for v in versions), taxonomy.digest,
            self.settings.title, self.settings.summary_chars,
        )
        if key == self._model_key and self._site is not None and not (preview and self._site_stored):
            progress.advance(len(CORPUS_STAGES) - 1)
            return self._site
        cache_key = self._site_key(key)
        cached = None if preview else self._stored_model(cache_key)
        if cached is not None:
            progress.advance(len(CORPUS_STAGES) - 1)
            self._model_key, self._site, self._site_stored = key, cached, True
            return cached
        from sitegen.normalise import assign_slugs, merge_duplicates

        progress.stage("normalising")
        mark = time.perf_counter()
        # The corpus steps never change an article in place (merging and slugging
        # make new ones), so the remembered articles go in as they are.
        articles = [a for v in versions for a in v.articles]
        sketches = [s for v in versions for s in v.sketches]
        if preview:  # the next edit re-checks only the changed articles' buckets
            from sitegen.normalise.dedup import DuplicateIndex

            self._duplicates = self._duplicates or DuplicateIndex()
            keys = [(path, n) for path, version in files for n in range(len(version.articles))]
            clusters = self._duplicates.clusters(keys, articles, sketches)
            articles = merge_duplicates(articles, sketches, clusters, self._duplicates.merge)
        else:
            articles = merge_duplicates(articles, sketches)
        articles = assign_slugs(articles)
        timings["normalise"] = time.perf_counter() - mark
        progress.advance()
        progress.stage("analysing")
        mark = time.perf_counter()
        analysed = self._analyse(articles, taxonomy, progress, preview)
        self._workers.stop()  # the analysing workers' memory (260 MB each at 10,000 sources) goes before assembling
        timings["analyse"] = time.perf_counter() - mark
        progress.stage("assembling")
        mark = time.perf_counter()
        from sitegen.assemble import assemble_site

        if preview:
            from sitegen.assemble import AssembleMemo

            self._assembled = self._assembled or AssembleMemo(taxonomy)
        site = assemble_site(
            analysed, [v.source for v in versions], taxonomy, title=self.settings.title,
            memo=self._assembled if preview else None,
        )
        timings["assemble"] = time.perf_counter() - mark
        progress.advance()
        self._model_key, self._site, self._site_stored = key, site, False
        if not preview:  # the terms first: a model stored without them is not taken (`_stored_model`)
            self._cache.put("terms", cache_key, search_terms(site))
            self._cache.put("model", cache_key, for_rendering(site))
        return site

    def _site_key(self, key: tuple | None = None) -> str:
        """A digest of everything the site model is made from (`key`, by default
        the current model's): the model's cache key, and the search index's."""
        if key is None and self._model_key is None:
            return self._site_digest
        return make_key("model", repr(key or self._model_key))

    def _analyse(
        self, articles: list[Article], taxonomy: Taxonomy, progress: Progress, preview: bool = False,
    ) -> list[AnalysedArticle]:
        """Per-article analysis for new or changed articles only, then the corpus
        steps (in a preview, kept up to date by `CorpusSteps`).

        Facts made with another taxonomy or summary budget are forgotten, and so
        are those of articles that no longer exist, so memory follows the corpus.
        """
        version = f"{taxonomy.digest}:{self.settings.summary_chars}"
        if version != self._facts_taxonomy:
            self._facts, self._facts_taxonomy, self._corpus = {}, version, None
        remembered, self._facts = self._facts, {}
        progress.extend(len(articles) - 1)  # the stage's one unit becomes one per article
        keys = self._article_keys(articles)
        found: dict[str, ArticleFacts] = {}
        for key in keys:
            facts = remembered.get(key) or found.get(key)
            if facts is None and (facts := self._cache.get("facts", make_key(key, version))) is not None:
                share_terms(facts)
            if facts is not None:
                found[key] = facts
        missing = list({key: article for key, article in zip(keys, articles) if key not in found}.items())
        store = self._worker_store()
        fresh = self._workers.map(
            analyse_and_store, [(make_key(key, version), article) for key, article in missing],
            taxonomy, self.settings.summary_chars, store, min_parallel=MIN_PARALLEL_ARTICLES, warm=True,
        )
        if missing:  # imported while the workers analyse
            importlib.import_module("sitegen.render")
        from sitegen.analyse.corpus import CorpusSteps, apply_corpus

        for (key, _), facts in zip(missing, fresh):
            if store is None:
                self._cache.put("facts", make_key(key, version), facts)
            share_terms(facts)
            found[key] = facts
            progress.advance()
        progress.advance(len(articles) - len(missing))
        self._facts = {key: found[key] for key in keys}
        per_article = [found[key] for key in keys]
        keep()
        if not preview:
            return [AnalysedArticle(a, f) for a, f in zip(articles, apply_corpus(per_article, taxonomy))]
        self._corpus = self._corpus or CorpusSteps(taxonomy)
        weighted = self._corpus.apply(per_article)
        return self._same_analysed(keys, articles, weighted)

    def _article_keys(self, articles: list[Article]) -> list[str]:
        """`_article_key` of each article. Articles are never changed in place, and
        a preview's unchanged ones are the very objects of its last build, whose
        keys are remembered: writing out 10,000 articles was 0.4 s of a rebuild."""
        known, self._keys = self._keys, {}
        keys = []
        for article in articles:
            found = known.get(id(article))
            if found is None or found[0] is not article:
                found = (article, _article_key(article))
            self._keys[id(article)] = found
            keys.append(found[1])
        return keys

    def _same_analysed(
        self, keys: list[str], articles: list[Article], weighted: list[ArticleFacts],
    ) -> list[AnalysedArticle]:
        """The articles with their facts; in a preview, the very objects of the last
        build for the articles whose content and corpus-weighted facts did not
        change, so what is made from them next (pages, search documents) is
        recognised as unchanged without comparing it field by field."""
        last = self._analysed
        self._analysed = {}
        analysed = []
        for key, article, facts in zip(keys, articles, weighted):
            item = last.get(key)
            if item is None or item.facts is not facts:
                item = AnalysedArticle(article, facts)
            self._analysed[key] = item
            analysed.append(item)
        return analysed

    def _memos_in_order(self) -> list[tuple[str, _Memo]]:
        """The remembered files by path; sorted again only when files came or went
        (sorting 10,000 paths was a few hundredths of a second, twice a rebuild)."""
        if self._order is None or self._memos.keys() != self._order[1]:
            self._order = (sorted(self._memos), frozenset(self._memos))
        return [(path, self._memos[path]) for path in self._order[0]]

    def _diagnostics(self, preview: bool) -> list[Diagnostic]:
        """Every problem of the current files; in a preview, say which kept an older version."""
        found: list[Diagnostic] = []
        for _, memo in self._memos_in_order():
            found.extend(memo.problems)
            if memo.good is not None:
                found.extend(memo.good.diagnostics)
                if memo.problems and preview:
                    found.append(Diagnostic(
                        memo.good.source.path, "showing the last good version until the file is fixed",
                    ))
        return found


    def close(self) -> None:
        """Stop the worker processes, if any were started."""
        self._workers.close()


# ---------------------------------------------------------------------- worker tasks
# Module-level functions over a chunk of items, so a process pool or a Dask
# cluster can run them; each returns one result per item, in order.


def read_versions(
    items: list[tuple[Path, str]], root: Path, max_bytes: int, store: Path | None,
) -> list[tuple[_Version | None, list[Diagnostic]]]:
    """Read and normalise each (file, cache key): its version, or None and why
    it is broken; also stored in the cache folder `store`, if one is given."""
    cache = Cache(store)
    results = []
    for path, key in items:
        result = _read_version(path, root, max_bytes)
        cache.put("read", key, result)
        results.append(result)
    return results


def _read_version(path: Path, root: Path, max_bytes: int) -> tuple[_Version | None, list[Diagnostic]]:
    from sitegen.normalise import normalise_source
    from sitegen.normalise.dedup import article_sketch

    result = read_source(path, root=root, max_bytes=max_bytes)
    if isinstance(result, Diagnostic):
        return None, [result]
    articles, diagnostics = normalise_source(result)
    found = list(result.diagnostics) + list(diagnostics)
    if not articles:
        return None, found or [Diagnostic(result.path, "no article could be extracted")]
    # Its blocks made the articles and are never read again: a quarter of what a
    # version holds, in memory through a cold build and in its cache entry.
    source = replace(result, blocks=[])
    return _Version(source, articles, found, [article_sketch(article) for article in articles]), []


def load_analyser(taxonomy: Taxonomy, summary_chars: int) -> None:
    """Load into this process what analysing needs, once: jieba's dictionary and
    the taxonomy's user words, and whatever the first article would load lazily."""
    analyse_articles([WARM_UP_ARTICLE], taxonomy, summary_chars)
    keep()  # jieba's tables and the tokenizer live as long as the process


def share_terms(facts: ArticleFacts) -> None:
    """Make the article's counted terms the interned strings: facts made in a
    worker or read from a cache entry each hold their own copy of every term,
    and 10,000 articles repeat a few hundred thousand terms in 4.7 million
    `term_counts` keys. Shared, they cost a third of the memory, and the cached
    model, pickled from them, stores and loads each term once (so loading it
    needs no interning, which rebuilt every dict and left 120 MB of holes)."""
    facts.term_counts = dict(zip(map(sys.intern, facts.term_counts), facts.term_counts.values()))


def analyse_and_store(
    items: list[tuple[str, Article]], taxonomy: Taxonomy, summary_chars: int, store: Path | None,
) -> list[ArticleFacts]:
    """`analyse_articles` of each (cache key, article), each result also stored
    in the cache folder `store`, if one is given."""
    cache = Cache(store)
    results = analyse_articles([article for _, article in items], taxonomy, summary_chars)
    for (key, _), facts in zip(items, results):
        cache.put("facts", key, facts)
    return results


def analyse_articles(articles: list[Article], taxonomy: Taxonomy, summary_chars: int) -> list[ArticleFacts]:
    """Per-article analysis; jieba's dictionary is loaded here, once per process,
    so a build whose analysis all comes from the cache never loads it."""
    from sitegen.analyse.article import analyse_article
    from sitegen.analyse.tokens import make_tokenizer, tokenize_article

    tokenizer = make_tokenizer(taxonomy)
    return [
        analyse_article(article, tokenize_article(article, tokenizer), taxonomy, tokenizer, summary_chars)
        for article in articles
    ]


def build(settings: Settings, out_dir: Path | None = None) -> BuildResult:
    """Build the site into `out_dir` (default: the configured output folder)."""
    builder = Builder(settings)
    try:
        return builder.build(out_dir)
    finally:
        builder.close()
