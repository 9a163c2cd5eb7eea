"""Which pages a preview rebuild leaves as they are (`sitegen.render.reuse`)."""

from __future__ import annotations

import copy
from dataclasses import replace
from pathlib import Path

from sitegen.model import Diagnostic
from sitegen.render.pages import Paths, site_pages
from sitegen.render.reuse import SameInputs, remember_pages, same_outline, site_outline, unchanged_pages


def test_same_inputs_compares_by_value_and_remembers_model_objects(site):
    compare = SameInputs()
    item = next(iter(site.articles.values()))
    twin = copy.deepcopy(item)
    assert compare.same([item, {"n": 1}], [twin, {"n": 1}])
    assert not compare.same({"n": 1}, {"n": 2})
    assert not compare.same({"a": 1}, {"b": 1})
    assert not compare.same([item], [item, item])
    assert not compare.same(1, 1.0)
    twin.article.title = "改了标题"
    assert compare.same(item, twin)  # compared once per build: the first answer stands
    assert not SameInputs().same(item, twin)


def written(site, out: Path) -> tuple:
    """A site 'written' to `out` (each page a file of 10 bytes) and remembered."""
    paths = Paths(site)
    pages = site_pages(site, paths)
    outline = site_outline(site, paths, [])
    unchanged_pages(None, pages, out)
    for page in pages:
        (out / page.output).parent.mkdir(parents=True, exist_ok=True)
        (out / page.output).write_bytes(b"0123456789")
    rendered = {page.output: (10, page.path == "") for page in pages}
    return remember_pages(None, "theme", out, outline, pages, rendered), outline


def left_as_they_are(last, theme: str, outline: tuple, pages, out: Path) -> set[str]:
    """What the renderer leaves: nothing unless the outline, theme and folder are the last build's."""
    return unchanged_pages(last if same_outline(last, theme, outline, out) else None, pages, out)


def fresh_pages(site):
    paths = Paths(site)
    return site_pages(site, paths), site_outline(site, paths, [])


def test_an_equal_site_leaves_every_page_but_those_reading_the_whole_model(site, tmp_path):
    last, _ = written(site, tmp_path)
    pages, outline = fresh_pages(copy.deepcopy(site))
    unchanged = left_as_they_are(last, "theme", outline, pages, tmp_path)
    assert unchanged == {page.output for page in pages} - {"index.html"}


def test_a_changed_article_renders_its_pages_and_those_listing_it(site, tmp_path):
    last, _ = written(site, tmp_path)
    edited = copy.deepcopy(site)
    slug, item = next(iter(edited.articles.items()))
    item.facts.keywords = [*item.facts.keywords, ("新关键词", 1.0)]
    pages, outline = fresh_pages(edited)
    again = {page.output for page in pages} - left_as_they_are(last, "theme", outline, pages, tmp_path)
    assert f"articles/{slug}/index.html" in again
    assert "articles/index.html" in again  # lists every article
    listing = {p.output for p in pages if p.template in ("region.html", "topic.html")
               and slug in (p.context.get("region") or p.context.get("topic")).articles}
    assert listing and listing <= again
    other = next(s for s in edited.articles if s != slug)
    assert f"articles/{other}/index.html" not in again


def test_a_changed_outline_theme_or_folder_renders_everything(site, tmp_path):
    last, _ = written(site, tmp_path)
    pages, outline = fresh_pages(site)
    assert not left_as_they_are(last, "other theme", outline, pages, tmp_path)
    assert not left_as_they_are(last, "theme", outline, pages, tmp_path / "elsewhere")
    errors = [Diagnostic("seeds/x.md", "cannot read", "error")]
    assert not left_as_they_are(last, "theme", site_outline(site, Paths(site), errors), pages, tmp_path)
    renamed = replace(site, title="另一个标题")
    pages, outline = fresh_pages(renamed)
    assert not left_as_they_are(last, "theme", outline, pages, tmp_path)


def test_a_missing_or_resized_file_is_rendered_again(site, tmp_path):
    last, _ = written(site, tmp_path)
    (tmp_path / "articles" / "index.html").unlink()
    (tmp_path / "topics" / "index.html").write_bytes(b"longer than ten bytes")
    pages, outline = fresh_pages(site)
    unchanged = left_as_they_are(last, "theme", outline, pages, tmp_path)
    assert "articles/index.html" not in unchanged
    assert "topics/index.html" not in unchanged
    assert "regions/index.html" in unchanged


def test_a_macros_module_reading_the_site_marks_every_page_that_uses_it(site, settings):
    """`macros.html` is made into a module once per link base, by the first page
    that asks; a top-level read of `site` there counts for every page using it."""
    from sitegen.render import build_environment, render_page
    from sitegen.render.pages import Page

    settings.templates_dir.mkdir()
    (settings.templates_dir / "macros.html").write_text(
        "{% set total = site.articles | length %}{% macro count() %}{{ total }}{% endmacro %}", encoding="utf-8")
    (settings.templates_dir / "count.html").write_text("{% set m = macros() %}{{ m.count() }}", encoding="utf-8")
    env, _ = build_environment(site, settings)
    for path in ("a/", "b/"):
        env.reads_site = False
        assert render_page(env, Page(path, "count.html", "t"), site, settings) == str(len(site.articles))
        assert env.reads_site, path
    env.reads_site = False
    (settings.templates_dir / "plain.html").write_text("{{ site.title }}", encoding="utf-8")
    render_page(env, Page("c/", "plain.html", "t"), site, settings)
    assert not env.reads_site


def consistent_entities(site) -> dict:
    """The entity pages as assemble keeps them: one per name some article names,
    listing every such article; a page whose list did not change is kept."""
    from sitegen.model import EntityPage

    by_name = {page.entity.name: page for page in site.entities.values()}
    naming: dict = {}
    for slug, item in site.articles.items():
        for entity in item.facts.entities:
            naming.setdefault(entity.name, (entity, []))[1].append(slug)
    pages = {}
    for name, (entity, slugs) in naming.items():
        page = by_name.get(name)
        if page is None or page.articles != slugs:
            page = EntityPage(page.entity if page else entity, page.slug if page else f"e-{len(pages)}", slugs)
        pages[page.slug] = page
    return pages


def test_pages_a_model_change_leaves_alone_have_the_variables_of_last_time(site):
    """`ModelChanges` may leave a page out of `site_pages`, or say its variables
    are "the same", only when making them would give those of last time: random
    edits of the model, each keeping the objects it does not touch, as a
    preview builder does. The entity pages it says are gone are those gone."""
    import random

    from sitegen.model import EntityPage
    from sitegen.render.pages import ModelChanges

    rng = random.Random(5)
    for round_ in range(80):
        last_pages = site_pages(site, Paths(site))
        before = {page.output: page.context for page in last_pages}
        edited = replace(site, articles=dict(site.articles), entities=dict(site.entities), regions=site.regions,
                         sources=dict(site.sources), related=dict(site.related))
        slug = rng.choice(list(edited.articles))
        item = edited.articles[slug]
        action = rng.randrange(9)
        if action == 0:  # the same content, another object; or another title
            title = item.article.title + ("（更新）" if rng.random() < 0.5 else "")
            edited.articles[slug] = replace(item, article=replace(item.article, title=title))
        elif action == 1:  # other names
            named = [page.entity for page in site.entities.values()] + [replace(item.facts.entities[0], name="新名")
                                                                        if item.facts.entities else None]
            named = [entity for entity in named if entity is not None]
            edited.articles[slug] = replace(item, facts=replace(item.facts, entities=rng.sample(named, 1)))
        elif action == 2:
            edited.related[slug] = rng.sample(list(edited.articles), 2)
        elif action == 3 and len(edited.articles) > 2:
            del edited.articles[slug]
        elif action == 4 and edited.entities:  # an entity page made again, with other titles or not
            entity_slug = rng.choice(list(edited.entities))
            page = edited.entities[entity_slug]
            entity = replace(page.entity, titles=["主任"]) if rng.random() < 0.5 else page.entity
            edited.entities[entity_slug] = EntityPage(entity, page.slug, list(page.articles))
        elif action == 5:
            path = rng.choice(list(edited.sources))
            edited.sources[path] = replace(edited.sources[path])
        elif action == 6 and slug in edited.related:  # no related articles at all
            del edited.related[slug]
        elif action == 7 and edited.regions:  # a region page made again, the same or with fewer articles
            edited.regions = dict(edited.regions)
            region_id = rng.choice(list(edited.regions))
            page = edited.regions[region_id]
            edited.regions[region_id] = replace(page, articles=page.articles[: rng.randrange(len(page.articles) + 1)])
        elif action == 8 and site.timeline:  # the timeline merged again: the same events or one fewer
            edited.timeline = list(site.timeline)
            if rng.random() < 0.5:
                del edited.timeline[rng.randrange(len(edited.timeline))]
        edited.entities = consistent_entities(edited)
        changes = ModelChanges(edited, site, Paths(edited))
        listed = {page.output for page in site_pages(edited, Paths(edited), changes)}
        outputs = set()
        for page in site_pages(edited, Paths(edited)):
            outputs.add(page.output)
            if page.output not in listed:
                assert SameInputs().same(before[page.output], page.context), (round_, action, page.output)
            if page.output in before and changes.same_variables(page, before[page.output]):
                assert SameInputs().same(before[page.output], page.context), (round_, action, page.output)
        assert changes.gone == {output for output in before.keys() - outputs if output.startswith(("people/", "orgs/"))}
        site = edited
