"""url(): one function makes every link, page-relative so any base path works."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jinja2 import DictLoader, Environment

from sitegen.render.env import PageUrl, absolute_url, default_theme_dir, make_environment, relative_url, url


@pytest.mark.parametrize(
    ("page", "target", "href"),
    [
        ("", "", "./"),
        ("", "regions/beijing/", "regions/beijing/"),
        ("regions/", "", "../"),
        ("regions/beijing/", "regions/", "../../regions/"),
        ("articles/x/", "articles/x/#p3", "../../articles/x/#p3"),
        ("articles/x/", "static/style.css", "../../static/style.css"),
        ("404.html", "timeline/", "timeline/"),
        ("sources/a.txt/", "#L3", "../../#L3"),
    ],
)
def test_relative_url_climbs_one_folder_per_slash_of_the_page(page, target, href):
    assert relative_url(target, page) == href


@pytest.mark.parametrize(
    ("page", "target"),
    [("", ""), ("", "regions/beijing/"), ("regions/", ""), ("regions/beijing/", "regions/"),
     ("articles/x/", "articles/x/#p3"), ("404.html", "timeline/"), ("sources/a.txt/", "#L3")],
)
def test_a_page_bound_url_links_like_the_template_url(page, target):
    assert PageUrl(page, "/repo/")(target) == relative_url(target, page)
    assert PageUrl(page, "/repo/", absolute=True)(target) == absolute_url(target, "/repo/")


@pytest.mark.parametrize("bad", ["/etc/passwd", "../secret", "https://cdn.example/x.js"])
def test_a_page_bound_url_refuses_paths_outside_the_site(bad):
    with pytest.raises(ValueError):
        PageUrl("regions/x/", "/")(bad)


@pytest.mark.parametrize("base", ["/", "/repo-name/"])
def test_relative_links_resolve_to_the_same_page_under_any_base(base):
    from urllib.parse import urljoin

    page_url = f"https://example.org{base}articles/x/"
    assert urljoin(page_url, relative_url("regions/beijing/", "articles/x/")) == (
        f"https://example.org{base}regions/beijing/"
    )


@pytest.mark.parametrize("base", ["/", "/repo-name/"])
def test_absolute_url_starts_with_the_base_url(base):
    assert absolute_url("regions/", base) == f"{base}regions/"
    assert absolute_url("", base) == base


@pytest.mark.parametrize("bad", ["/etc/passwd", "../secret", "a/../../b", "https://cdn.example/x.js", "a\\b"])
def test_url_refuses_paths_that_are_not_inside_the_site(bad):
    with pytest.raises(ValueError):
        relative_url(bad, "")


def test_url_in_a_template_uses_the_page_path_or_the_base_url():
    env = Environment(loader=DictLoader({"t": "{{ url('topics/') }}"}), autoescape=True)
    env.globals["url"] = url
    template = env.get_template("t")
    assert template.render(page_path="regions/x/", base_url="/repo/") == "../../topics/"
    assert template.render(page_path="404.html", base_url="/repo/", absolute_links=True) == "/repo/topics/"


def test_site_templates_override_the_default_theme_one_file_at_a_time(tmp_path):
    (tmp_path / "article.html").write_text("mine", encoding="utf-8")
    env = make_environment(tmp_path)
    assert env.get_template("article.html").render() == "mine"
    assert "<!doctype html>" in env.loader.get_source(env, "base.html")[0]


def test_default_theme_is_found_in_a_checkout():
    theme = default_theme_dir()
    assert (theme / "templates" / "base.html").is_file()
    assert (theme / "static" / "style.css").is_file()


@given(st.text(alphabet=st.sampled_from(list("a./"))))
def test_a_path_is_refused_exactly_when_one_of_its_segments_is_dot_dot(path):
    refused = path.startswith("/") or ".." in path.split("/")
    try:
        relative_url(path, "x/")
    except ValueError:
        assert refused
    else:
        assert not refused


def test_compiled_templates_are_kept_between_builds_and_an_edit_is_seen(tmp_path):
    templates, compiled = tmp_path / "templates", tmp_path / "cache"
    templates.mkdir()
    (templates / "article.html").write_text("first", encoding="utf-8")
    assert make_environment(templates, compiled).get_template("article.html").render() == "first"
    assert any(compiled.iterdir())
    (templates / "article.html").write_text("second", encoding="utf-8")
    assert make_environment(templates, compiled).get_template("article.html").render() == "second"


def test_an_unusable_bytecode_folder_only_means_no_compiled_templates_are_kept(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    env = make_environment(None, blocker / "templates")
    assert env.bytecode_cache is None
    assert env.get_template("base.html") is not None
