"""Render the site model into files: HTML pages, assets, feeds, atomically swapped in.

`render_site` is the only function of the pipeline that writes the output folder.
`iter_site_files` yields every file as bytes without writing, in a fixed order,
so an incremental writer or a test can compare builds.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import nullcontext
from functools import cache, partial
from pathlib import Path
from typing import Any

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from sitegen.assemble import first_event_date
from sitegen.cache import Cache, user_cache_folder
from sitegen.config import Settings
from sitegen.memory import frozen, processes_within
from sitegen.model import Site
from sitegen.parallel import fork_map
from sitegen.render import charts
from sitegen.render.entries import Entries, page_url
from sitegen.render.env import PageUrl, make_environment, static_dirs, url
from sitegen.render.feeds import atom_feed, robots, sitemap
from sitegen.render.format import clip, keyword_tags, numbered_lines, span_html, span_text
from sitegen.render.markdown import MarkdownRenderer, render_body
from sitegen.render.pages import ModelChanges, Page, Paths, event_topics, region_chain, site_pages
from sitegen.render.reuse import (
    Reuse, Written, remember_pages, same_outline, same_sitemap, site_outline, unchanged_pages,
)
from sitegen.render.write import UpdatingFolder, atomic_output, written_meanwhile
from sitegen.search import build_search_files, search_documents
from sitegen.search.documents import DocumentMemo, SearchDocument
from sitegen.search.live import index_files
from sitegen.search.stored import stored_search_files
from sitegen.stored_model import SearchTerms

# Fewer pages than this render in this process: forking workers and sending the
# pages back costs more than it saves on a small site (the seeds have ~140).
MIN_PARALLEL_PAGES = 300


def _link(context: Context):
    """The templates' `url()` bound to the page being rendered, for chart code."""
    page_url = context.resolve_or_missing("url")
    return page_url if isinstance(page_url, PageUrl) else lambda target: url(context, target)


def _reads_site(context: Context) -> None:
    """Note that the page being rendered depends on the whole model (`reuse.py`)."""
    context.environment.reads_site = True


def _chart_globals(site: Site, paths: Paths, entries: Entries) -> dict[str, Any]:
    def timeline_chart(link: PageUrl, events, chart_id: str, compact: bool) -> Markup:
        return charts.timeline_chart(events, paths, link, chart_id, compact)

    @pass_context
    def timeline_chart_global(context: Context, events, chart_id: str, compact: bool = False):
        return Markup(entries.events_chart(timeline_chart, page_url(context), events, chart_id, compact))

    def place_map(link: PageUrl, counts: Counter[str], chart_id: str) -> Markup:
        return charts.map_chart(site, paths, link, chart_id, counts)

    place_counts = cache(partial(charts.place_counts, site))  # the home page and the region index show the map

    @pass_context
    def map_chart(context: Context, chart_id: str):
        _reads_site(context)
        return Markup(entries.counts_chart(place_map, page_url(context), place_counts(), chart_id))

    @pass_context
    def matrix_chart(context: Context, chart_id: str):
        _reads_site(context)
        return charts.matrix_chart(site, paths, _link(context), chart_id)

    return {"timeline_chart": timeline_chart_global, "map_chart": map_chart, "matrix_chart": matrix_chart}


def _lookup_globals(site: Site, paths: Paths) -> tuple[dict[str, Any], Entries]:
    """Names and objects by id, so templates never index dicts that may lack a key;
    and the list entries they include (kept for a preview's next build)."""
    renderer = MarkdownRenderer()

    def region_name(region_id: str | None) -> str:
        page = site.regions.get(region_id) if region_id else None
        return page.region.name if page else ""

    def topic_name(topic_id: str) -> str:
        page = site.topics.get(topic_id)
        return page.topic.name if page else topic_id

    def event_filters(event) -> dict[str, str]:
        """`data-regions`/`data-topics` of a timeline entry, for the filter script."""
        return {
            "regions": " ".join(region_chain(site, event.region)),
            "topics": " ".join(event_topics(site, event)),
        }

    @pass_context
    def article_of(context: Context, slug: str):
        _reads_site(context)
        return site.articles.get(slug)

    entries = Entries(site, paths, renderer.text, event_filters)
    return {
        "paths": paths,
        "source_count": len(site.sources),
        "article_of": article_of,
        "region_name": region_name,
        "topic_name": topic_name,
        "first_event_date": first_event_date,
        "region_chain": lambda region_id: [site.regions[r] for r in region_chain(site, region_id)],
        "event_filters": event_filters,
        "article_body": lambda article: render_body(article, renderer),
        "md_text": renderer.text,
        **entries.globals(),
    }, entries


def _theme_macros(env: Environment, site: Site, settings: Settings):
    """`{% set m = macros() %}` in a page: the theme's `macros.html` as a module,
    made once per link base.

    `{% import "macros.html" as m with context %}` runs the whole file again for
    every page, about a quarter of a small page's time. The macros depend on the
    page only through its links, so one module serves every page with the same
    link base. It sees the build's globals, `site`, `settings`, `base_url` and
    that base's `url`, and nothing of any one page: a macro that reads `title`
    fails loudly instead of showing another page's. Whether making the module
    read the whole site (`SiteEnvironment.reads_site`) is kept with it, so each
    page that uses it says so.
    """
    modules: dict[tuple, tuple[Any, bool]] = {}

    @pass_context
    def macros(context: Context):
        link = page_url(context)
        found = modules.get(link.base)
        if found is None:
            variables = {**env.globals, "site": site, "settings": settings, "base_url": settings.base_url, "url": link}
            reads_before, env.reads_site = env.reads_site, False
            module = env.get_template("macros.html").make_module(variables, shared=True)
            found = modules[link.base] = (module, env.reads_site)
            env.reads_site = reads_before
        env.reads_site = env.reads_site or found[1]
        return found[0]

    return macros


def build_environment(site: Site, settings: Settings) -> tuple[Environment, Paths]:
    """The Jinja environment of one build, with the site's lookups as globals."""
    paths = Paths(site)
    env = make_environment(settings.templates_dir, user_cache_folder() / "templates")
    env.site = site
    env.auto_reload = False  # one build renders one version of the templates: no stat() per page
    env.globals["errors"] = [d for d in site.diagnostics if d.severity == "error"]
    lookups, env.entries = _lookup_globals(site, paths)
    env.globals.update(lookups)
    env.globals.update(_chart_globals(site, paths, env.entries))
    env.globals["macros"] = _theme_macros(env, site, settings)
    env.filters.update(date=span_html, date_text=span_text, clip=clip, numbered_lines=numbered_lines,
                       keyword_tags=keyword_tags)
    return env, paths


def render_page(env: Environment, page: Page, site: Site, settings: Settings, preview: bool = False) -> str:
    """One page's HTML; `preview` shows the build's errors in a banner (serve).

    The template gets the globals and the page's variables in one dict made
    here (a `shared` context): `Template.render` would copy the globals through
    their ChainMap key by key, for every page.
    """
    template = env.get_template(page.template)
    variables = {
        **env.globals,
        "site": site,
        "settings": settings,
        "base_url": settings.base_url,
        "page_path": page.path,
        "title": page.title,
        "section": page.section,
        "absolute_links": page.absolute_links,
        "url": PageUrl(page.path, settings.base_url, page.absolute_links),
        "preview": preview,
        **page.context,
    }
    try:
        return env.concat(template.root_render_func(template.new_context(variables, shared=True)))
    except Exception:
        env.handle_exception()


def _render_pages(state: tuple, start: int, stop: int) -> list[tuple[str | None, Any, bool]]:
    """Pages `start` to `stop` as (site path, bytes, whether the page read the
    whole site model); run in forked workers. In a worker forked by the
    process `keeper` (a preview's, else None), last comes (None, the list
    entries built meanwhile, False): the keeper keeps them for its next build
    (`Entries.adopt`)."""
    env, pages, site, settings, preview, keeper = state
    built_before = len(env.entries.built)
    rendered: list[tuple[str | None, Any, bool]] = []
    for page in pages[start:stop]:
        env.reads_site = False
        html = render_page(env, page, site, settings, preview).encode("utf-8")
        rendered.append((page.output, html, env.reads_site))
    if keeper is not None and keeper != os.getpid():
        rendered.append((None, env.entries.shareable(built_before), False))
    return rendered


def iter_site_files(
    site: Site, settings: Settings, preview: bool = False, jobs: int = 1, cache: Cache | None = None,
    site_key: str | None = None, reuse: Reuse | None = None, search_terms: Callable[[], SearchTerms] | None = None,
) -> Iterator[tuple[str, bytes | None]]:
    """Every file of the site as (site path, bytes), in a fixed order.

    With `jobs` > 1 the pages are rendered by forked workers that inherit the
    site model (`sitegen.parallel.fork_map`); the order stays the same. With a
    `cache`, the search index of the previous build is reused when the
    searchable pages did not change (`sitegen.search.stored`); `site_key`, a
    digest of what the model was made from, says so without listing them.
    With `reuse` (a preview), the pages rendered last time from the same
    inputs come first, as (site path, None): the file is already written; and
    the search index is the last one updated in place (`sitegen.search.live`),
    its unchanged files given as None too. `search_terms` gives the articles'
    words when the model holds none (`sitegen.stored_model`), should the index
    have to be made.
    """
    env, paths = build_environment(site, settings)
    # Rendering and indexing make many objects, so full collections would run
    # now and then, each walking the model's millions of objects (2.4 s each at
    # 10,000 sources); frozen, the model is skipped (`sitegen.memory`).
    with frozen():
        last_pages = reuse.last.pages if reuse is not None and reuse.last is not None else None
        changes = None
        if reuse is not None:
            outline = site_outline(site, paths, env.globals["errors"])
            if same_outline(last_pages, reuse.theme_key, outline, reuse.out_dir):
                env.entries.carry_over(reuse.last.entries)
                changes = ModelChanges(site, reuse.last.site, paths, last_pages.reading_site)
            else:
                last_pages = None  # every page is rendered again
        pages = site_pages(site, paths, changes)
        if reuse is not None:
            unchanged = unchanged_pages(last_pages, pages, reuse.out_dir, changes)
            if last_pages is not None:  # in the last build's order: sorting 39,000 names took longer
                yield from ((output, None) for output in last_pages.pages if output in unchanged)
            pages_to_render = [page for page in pages if page.output not in unchanged]
        else:
            pages_to_render = pages
        rendered: dict[str, tuple[int, bool]] = {}
        state = (env, pages_to_render, site, settings, preview, os.getpid() if reuse is not None else None)
        for output, html, reads_site in fork_map(_render_pages, state, len(pages_to_render), jobs,
                                                 min_parallel=MIN_PARALLEL_PAGES):
            if output is None:
                env.entries.adopt(html)
                continue
            rendered[output] = (len(html), reads_site)
            yield output, html
        for folder in static_dirs(settings.static_dir):
            for file in sorted(p for p in folder.rglob("*") if p.is_file()):
                yield f"static/{file.relative_to(folder).as_posix()}", file.read_bytes()
        if reuse is not None:
            last_index = reuse.last.index if reuse.last is not None else None
            memo = reuse.last.documents if reuse.last is not None else DocumentMemo()
            index, files = index_files(last_index, search_documents(site, paths, memo))
            yield from files.items()
            made_pages = remember_pages(last_pages, reuse.theme_key, reuse.out_dir, outline, pages, rendered, changes)
            if changes is not None and same_sitemap(reuse.last, made_pages, changes, site):
                sitemap_xml = reuse.last.sitemap
            else:
                sitemap_xml = sitemap(site, settings, paths, made_pages.listed_paths())
            reuse.made = Written(made_pages, index, memo, env.entries.built, site, sitemap_xml)
        else:
            sitemap_xml = sitemap(site, settings, paths, sorted(page.path for page in pages if not page.absolute_links))
            documents = partial(_documents, site, paths, search_terms)
            if cache is None:
                yield from build_search_files(documents()).items()
            else:
                yield from stored_search_files(documents, cache, settings.root, site_key, keep=not preview)
    yield "feed.xml", atom_feed(site, settings, paths).encode("utf-8")
    yield "sitemap.xml", sitemap_xml.encode("utf-8")
    yield "robots.txt", robots(settings).encode("utf-8")
    yield ".nojekyll", b""


def _documents(site: Site, paths: Paths, search_terms: Callable[[], SearchTerms] | None) -> list[SearchDocument]:
    return search_documents(site, paths, terms=search_terms() if search_terms is not None else None)


def render_site(
    site: Site, settings: Settings, out_dir: Path, preview: bool = False, jobs: int = 1, cache: Cache | None = None,
    site_key: str | None = None, reuse: Reuse | None = None, search_terms: Callable[[], SearchTerms] | None = None,
) -> dict[str, tuple[int, int]] | None:
    """Write the site atomically into `out_dir` (see `write.atomic_output`), pages
    rendered by up to `jobs` processes (as many as `settings.memory_budget_mb`
    allows: `sitegen.memory.processes_within`), the search index reused from `cache` if it can be,
    and with `reuse`, pages whose inputs did not change since the last build left
    as they are (`reuse.made` then describes this build's pages). `search_terms`
    as for `iter_site_files`.

    Returns every file's (size, mtime_ns) when the site was written into a new
    folder (so it holds nothing else), None when an existing one was updated."""
    protected = [settings.root, settings.source_dir, settings.templates_dir, settings.static_dir,
                 settings.taxonomy_dir]
    previous = reuse.last.files if reuse is not None and reuse.last is not None else None
    processes = processes_within(settings.memory_budget_mb, jobs)
    with atomic_output(Path(out_dir), protected, previous) as out:
        if reuse is not None and not isinstance(out, UpdatingFolder):
            reuse.last = None  # a new folder: nothing written before can be kept
        # Pages rendered in this process alone are written meanwhile by a thread;
        # forked render workers leave this process the writing instead.
        with written_meanwhile(out) if processes == 1 else nullcontext(out) as writer:
            for path, data in iter_site_files(site, settings, preview, processes, cache, site_key, reuse,
                                              search_terms):
                if data is None:
                    writer.keep(path)
                else:
                    writer.write(path, data)
    if reuse is not None and reuse.made is not None:
        reuse.made.files = out.written
    return None if isinstance(out, UpdatingFolder) else out.stamps
