"""List entries written in Python read exactly as the Jinja macros wrote them, and are
built once per link base."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from jinja2 import ChoiceLoader, DictLoader

from sitegen.model import EntityPage, Figure, PlaceMention, SentenceRef
from sitegen.render import build_environment, render_page
from sitegen.render.entries import Entries
from sitegen.render.env import PageUrl
from sitegen.render.pages import Page, site_pages

REFERENCE = (Path(__file__).parent / "reference_macros.html").read_text(encoding="utf-8")
HOSTILE = '<script>alert("x")</script>"&amp;<b>'

# Each list rendered by the reference macros (ref.*) and by the theme's macros (m.*).
LISTS = {
    "articles": ("{{ ref.article_list(articles) }}", "{{ m.article_list(articles) }}"),
    "events": ("{{ ref.event_list(events) }}", "{{ m.event_list(events) }}"),
    "events without place": ("{{ ref.event_list(events, 'x', False) }}", "{{ m.event_list(events, 'x', False) }}"),
    "figures": ("{{ ref.figure_list(figures) }}", "{{ m.figure_list(figures) }}"),
    "summary": ("{{ ref.summary(sentences) }}", "{{ m.summary(sentences) }}"),
    "summary here": ("{{ ref.summary(sentences, 'hk-ai') }}", "{{ m.summary(sentences, 'hk-ai') }}"),
    "entities": ("{{ ref.entity_links(entities) }}", "{{ m.entity_links(entities) }}"),
    "timeline": (
        "{% for e in events %}{{ ref.event_item(e, True, event_filters(e)) }}\n{% endfor %}",
        "{{ timeline_items(events) }}\n",
    ),
    "region links": (
        "{% for r in region_ids %}{{ ref.region_link(r) }}|{% endfor %}",
        "{% for r in region_ids %}{{ region_link(r) }}|{% endfor %}",
    ),
}
IMPORTS = "{% import 'macros.html' as m with context %}{% import 'reference.html' as ref with context %}"


def _hostile(site):
    """Markup characters in every text an entry shows."""
    hk = site.articles["hk-ai"]
    hk.article.title = hk.article.publisher = HOSTILE
    hk.facts.events[0].title = HOSTILE + "*强调*"
    site.regions["hongkong"].region = replace(site.regions["hongkong"].region, name=HOSTILE)
    sentence = SentenceRef(HOSTILE + "[链接](https://example.org)", "hk-ai", "p2", 1.0)
    hk.facts.figures.append(Figure(HOSTILE, 1.0, HOSTILE, HOSTILE, sentence=sentence))
    hk.facts.summary.append(sentence)
    entity = site.entities["li-jia-chao"]
    site.entities["li-jia-chao"] = EntityPage(replace(entity.entity, name=HOSTILE), entity.slug, entity.articles)
    return site


def _variables(site) -> dict:
    events = [*site.timeline, *(e for item in site.articles.values() for e in item.facts.events)]
    events[0] = replace(events[0], articles=["hk-ai", "wuzhen-report", "expo-2026", "x", "y", "z"])
    return {
        "articles": list(site.articles.values()),
        "events": events,
        "figures": [f for item in site.articles.values() for f in item.facts.figures],
        "sentences": [s for item in site.articles.values() for s in item.facts.summary],
        "entities": list(site.entities.values()),
        "region_ids": [None, "", "nowhere", *site.regions],
    }


@pytest.mark.parametrize("hostile", [False, True], ids=["plain", "hostile"])
@pytest.mark.parametrize(("page_path", "absolute"), [("", False), ("regions/x/", False), ("404.html", True)])
def test_python_entries_read_like_the_jinja_macros(site, settings, page_path, absolute, hostile):
    site = _hostile(site) if hostile else site
    env, _ = build_environment(site, settings)
    env.loader = ChoiceLoader([env.loader, DictLoader({"reference.html": REFERENCE})])
    context = {
        "site": site, "settings": settings, "base_url": "/repo/", "page_path": page_path,
        "absolute_links": absolute, "url": PageUrl(page_path, "/repo/", absolute), **_variables(site),
    }
    for name, (reference, entries) in LISTS.items():
        expected = env.from_string(IMPORTS + reference).render(context)
        assert env.from_string(IMPORTS + entries).render(context) == expected, name


def test_an_entry_is_built_once_per_link_base(site, settings, monkeypatch):
    env, paths = build_environment(site, settings)
    made: list[str] = []
    article = paths.article
    monkeypatch.setattr(paths, "article", lambda slug, anchor=None: made.append(slug) or article(slug, anchor))
    page = Page("articles/", "articles.html", "全部文章", {"articles": list(site.articles.values())})
    first = render_page(env, page, site, settings)
    assert render_page(env, page, site, settings) == first
    assert sorted(made) == sorted(site.articles)
    deeper = render_page(env, replace(page, path="regions/x/"), site, settings)
    assert len(made) == 2 * len(site.articles)
    assert 'href="../../articles/hk-ai/"' in deeper and 'href="../articles/hk-ai/"' in first


def test_a_preview_reuses_the_last_builds_entries_but_not_those_of_changed_articles(site, settings):
    """After an edit, a timeline entry is made again when its event changed (an
    event holds the topics of the articles reporting it, the entry's filter
    data), and a frame piece that read the whole model is made again; the
    others are taken as they were."""
    import copy
    import functools

    page = Page("timeline/", "timeline.html", "时间线", {"groups": []})
    template = "{{ timeline_items(events) }}{% call once('footer') %}{{ site.timeline | length }}{% endcall %}"
    before, _ = build_environment(site, settings)
    before.from_string(template).render(site=site, events=site.timeline, url=PageUrl(page.path, "/"))

    edited = copy.copy(site)
    edited.articles = dict(site.articles)
    event = next(e for e in site.timeline if e.articles)
    item = site.articles[event.articles[0]]
    edited.articles[item.article.slug] = replace(item, facts=replace(item.facts, topics=[]))
    edited.timeline = [replace(e, topics=[]) if item.article.slug in e.articles else e for e in site.timeline[:-1]]
    after, _ = build_environment(edited, settings)
    after.entries.carry_over(before.entries.built)
    made: list = []
    timeline_item = after.entries.timeline_item
    after.entries.timeline_item = functools.wraps(timeline_item)(lambda link, e: made.append(e) or timeline_item(link, e))
    variables = {"site": edited, "events": edited.timeline, "url": PageUrl(page.path, "/")}
    carried = after.from_string(template).render(variables)
    fresh, _ = build_environment(edited, settings)
    assert carried == fresh.from_string(template).render(variables)
    assert made == [e for e in edited.timeline if item.article.slug in e.articles]


def test_a_theme_changes_list_entries_by_redefining_the_list_macro(site, settings):
    settings.templates_dir.mkdir()
    default = (Path(__file__).parents[2] / "templates" / "macros.html").read_text(encoding="utf-8")
    custom = "{% macro article_list(items, empty='') %}{% for i in items %}<p>{{ i.article.title }}</p>{% endfor %}{% endmacro %}"
    (settings.templates_dir / "macros.html").write_text(default + custom, encoding="utf-8")
    env, _ = build_environment(site, settings)
    html = render_page(env, Page("articles/", "articles.html", "全部文章", {"articles": list(site.articles.values())}),
                       site, settings)
    assert "<p>香港：人工智能发展“风好正是扬帆时”</p>" in html
    assert 'class="article-item"' not in html


def test_a_frame_piece_is_rendered_once_per_key_and_link_base(site, settings):
    env, _ = build_environment(site, settings)
    calls: list[str] = []
    env.globals["count"] = lambda key: calls.append(key) or key
    page = env.from_string("{% call once('nav', section) %}<a href=\"{{ url('') }}\">{{ count(section) }}</a>{% endcall %}")

    def render(path: str, section: str) -> str:
        return page.render(page_path=path, base_url="/", section=section, url=PageUrl(path, "/"))

    assert render("regions/x/", "regions") == '<a href="../../">regions</a>'
    assert render("regions/y/", "regions") == '<a href="../../">regions</a>'
    assert render("topics/y/", "topics") == '<a href="../../">topics</a>'
    assert render("regions/", "regions") == '<a href="../">regions</a>'
    assert calls == ["regions", "topics", "regions"]


def test_each_section_marks_its_own_navigation_entry(site, settings):
    env, paths = build_environment(site, settings)
    pages = {page.section: page for page in site_pages(site, paths) if page.section}
    for section, label in (("regions", "地区"), ("topics", "主题"), ("articles", "文章"), ("people", "人物")):
        html = render_page(env, pages[section], site, settings)
        nav = html[html.index('<nav class="site-nav"'):html.index("</nav>")]
        assert nav.count('aria-current="page"') == 1, section
        assert f'aria-current="page">{label}</a>' in nav


def test_an_article_lists_only_the_places_that_have_a_page_with_their_counts(site, settings):
    site.articles["wuzhen-report"].facts.places.append(PlaceMention("atlantis", "亚特兰蒂斯", 3))
    env, paths = build_environment(site, settings)
    page = next(p for p in site_pages(site, paths) if p.path == "articles/wuzhen-report/")
    html = render_page(env, page, site, settings)
    tags = html[html.index('<h2 id="tags-heading">'):]
    assert '<li><a class="tag tag-region" href="../../regions/wuzhen/">乌镇</a> <span class="count">2</span></li>' in tags
    assert '<li><span class="tag tag-keyword">智能制造</span></li>' in tags
    assert [p.region for p in page.context["places"]] == ["wuzhen", "kenya"]
    assert "亚特兰蒂斯" not in html


def test_the_macros_module_is_made_once_per_link_base_and_sees_no_page_variables(site, settings):
    settings.templates_dir.mkdir()
    default = (Path(__file__).parents[2] / "templates" / "macros.html").read_text(encoding="utf-8")
    (settings.templates_dir / "macros.html").write_text(
        default + "{% macro page_title() %}{{ title }}{% endmacro %}", encoding="utf-8")
    env, paths = build_environment(site, settings)
    page = env.from_string("{% set m = macros() %}{{ m.more(1, 2, 'timeline/', '个') }}")
    first = page.render(url=PageUrl("regions/a/", "/"), page_path="regions/a/", base_url="/")
    assert 'href="../../timeline/"' in first
    modules: list = []
    env.globals["keep"] = modules.append
    keep = env.from_string("{{ keep(macros()) or '' }}")
    for path in ("regions/a/", "topics/b/", "regions/"):
        keep.render(url=PageUrl(path, "/"), page_path=path, base_url="/")
    assert modules[0] is modules[1] and modules[1] is not modules[2]
    assert 'href="../timeline/"' in page.render(url=PageUrl("regions/", "/"), page_path="regions/", base_url="/")
    with pytest.raises(Exception, match="title"):
        env.from_string("{% set m = macros() %}{{ m.page_title() }}").render(
            url=PageUrl("x/", "/"), page_path="x/", base_url="/", title="a page")


def entries_of_two_builds(site, settings) -> tuple[Entries, Callable[[], Entries]]:
    """A build's entries, and a function making those of a preview's next build,
    which carries over what the first built by then (`Entries.carry_over`)."""
    env, _ = build_environment(site, settings)

    def next_build() -> Entries:
        later, _ = build_environment(site, settings)
        later.entries.carry_over(env.entries.built)
        return later.entries

    return env.entries, next_build


def test_a_chart_of_events_is_drawn_again_only_when_its_events_change(site, settings):
    entries, next_build = entries_of_two_builds(site, settings)
    drawn: list[int] = []

    def draw(link, events, chart_id):
        drawn.append(len(events))
        return f"{chart_id}:{len(events)}"

    link = PageUrl("timeline/", "/")
    assert entries.events_chart(draw, link, site.timeline, "c") == f"c:{len(site.timeline)}"
    later = next_build()
    assert later.events_chart(draw, link, list(site.timeline), "c") == f"c:{len(site.timeline)}"
    assert later.events_chart(draw, link, site.timeline[1:], "c") == f"c:{len(site.timeline) - 1}"
    assert drawn == [len(site.timeline), len(site.timeline) - 1]


def test_a_chart_of_counts_is_drawn_again_only_when_the_counts_change(site, settings):
    from collections import Counter

    entries, next_build = entries_of_two_builds(site, settings)
    drawn: list[dict] = []
    link = PageUrl("regions/", "/")
    draw = lambda link, counts, chart_id: drawn.append(dict(counts)) or f"{chart_id}:{sum(counts.values())}"  # noqa: E731
    assert entries.counts_chart(draw, link, Counter({"beijing": 2, "hangzhou": 1}), "m") == "m:3"
    later = next_build()
    assert later.counts_chart(draw, link, Counter({"hangzhou": 1, "beijing": 2}), "m") == "m:3"
    assert later.counts_chart(draw, link, Counter({"hangzhou": 2, "beijing": 1}), "m") == "m:3"
    assert later.counts_chart(draw, PageUrl("", "/"), Counter({"hangzhou": 2, "beijing": 1}), "m") == "m:3"
    assert drawn == [{"beijing": 2, "hangzhou": 1}, {"hangzhou": 2, "beijing": 1}, {"hangzhou": 2, "beijing": 1}]


def test_an_article_without_a_publication_date_is_listed_with_its_first_events_date(site, settings):
    undated = next(item for item in site.articles.values()
                   if item.article.published is None and any(e.kind == "primary" for e in item.facts.events))
    env, _ = build_environment(site, settings)
    html = env.entries.article_item(PageUrl("", "/"), undated)
    first = min((e.when for e in undated.facts.events if e.kind == "primary"), key=lambda when: when.sort_key())
    assert "事件 " in html and first.start.iso()[:4] in html
    dated = next(item for item in site.articles.values() if item.article.published is not None)
    assert "事件 " not in env.entries.article_item(PageUrl("", "/"), dated)


def test_a_quoted_table_row_shows_its_cells_as_words_not_bars(site, settings):
    env, _ = build_environment(site, settings)
    item = next(iter(site.articles.values()))
    row = SentenceRef("5月20日 | 10:10-10:50 | 主旨演讲：纺织鞋服产业的AI转型之路", item.article.slug, "p1", 1.0)
    html = env.entries.summary_item(PageUrl("", "/"), row, item.article.slug)
    assert "5月20日，10:10-10:50，主旨演讲：纺织鞋服产业的AI转型之路" in html and " | " not in html
