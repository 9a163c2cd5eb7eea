"""The Jinja environment of a build, the default theme's location, and `url()`.

Every link of every page is made by `url(path)` from a site path such as
`regions/beijing/` or `articles/x/#p3`. Links are PAGE-RELATIVE
(`../../regions/beijing/`), computed from the path of the page being rendered, so
one build works under any base path (`/`, `/repo-name/`) and from `file://`
without knowing where it will be served. The only exception is `404.html`, which
GitHub Pages serves for a missing page at any depth: it is rendered with
base-URL-absolute links (`/repo-name/regions/`). Templates never join paths.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader, Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, pass_context,
)
from jinja2.runtime import Context

from sitegen.theme import default_theme_dir


def template_dirs(site_templates: Path | None) -> list[Path]:
    """The site's own templates first, so any one file overrides the default."""
    default = default_theme_dir() / "templates"
    dirs = [site_templates] if site_templates is not None and site_templates.is_dir() else []
    return [*dirs, default] if default not in dirs else dirs


def static_dirs(site_static: Path | None) -> list[Path]:
    """Default assets first, then the site's: later folders overwrite earlier files."""
    default = default_theme_dir() / "static"
    dirs = [default] if default.is_dir() else []
    if site_static is not None and site_static.is_dir() and site_static.resolve() != default.resolve():
        dirs.append(site_static)
    return dirs


def _check_site_path(path: str) -> None:
    """A site path is relative and plain; anything else is a template bug."""
    if path.startswith("/") or "://" in path or "\\" in path or "/../" in f"/{path}/":
        raise ValueError(f"url({path!r}): give a path inside the site, like 'regions/beijing/'")


def relative_url(target: str, page_path: str) -> str:
    """The link from the page at `page_path` to the site path `target`.

    Page paths are site paths too: `` (home), `regions/beijing/`, `feed.xml`;
    each `/` in the page's path is one folder to climb.
    """
    path, hash_sign, fragment = target.partition("#")
    _check_site_path(path)
    href = "../" * page_path.count("/") + path or "./"
    return href + hash_sign + fragment


def absolute_url(target: str, base_url: str) -> str:
    """The link to `target` from the server root: `/repo-name/regions/`."""
    path, hash_sign, fragment = target.partition("#")
    _check_site_path(path)
    return base_url + path + hash_sign + fragment


@pass_context
def url(context: Context, target: str) -> str:
    """`url('regions/beijing/')` in a template: page-relative, or absolute on 404.html."""
    if context.get("absolute_links"):
        return absolute_url(target, context["base_url"])
    return relative_url(target, context["page_path"])


class PageUrl:
    """`url()` bound to one page: what `render_page` passes each template as `url`.

    The global `url` finds the page's path in the template context on every
    call; a page makes dozens of links, so each page gets this instead, with
    the same links and its start worked out once. `base` is what the page's
    links depend on: its depth, or the base URL (see `sitegen.render.fragments`).
    """

    __slots__ = ("base", "_start", "_absolute")

    def __init__(self, page_path: str, base_url: str, absolute: bool = False) -> None:
        self._absolute = absolute
        self._start = base_url if absolute else "../" * page_path.count("/")
        self.base = ("absolute", base_url) if absolute else ("depth", page_path.count("/"))

    def __call__(self, target: str) -> str:
        path, hash_sign, fragment = target.partition("#")
        _check_site_path(path)
        href = self._start + path if self._absolute else self._start + path or "./"
        return href + hash_sign + fragment


def _bytecode_cache(folder: Path | None) -> FileSystemBytecodeCache | None:
    """Compiled templates kept between builds (~0.1 s of compiling per build,
    which a preview rebuild after each edit would pay again). Jinja keys them by
    the template's name, file and source and the Python version, and recompiles
    a stale or broken one, so one folder serves every site (the user's cache
    folder: a cold build of a site compiles only templates never seen before);
    without a writable folder there is simply no cache."""
    if folder is None:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder))


# What of `site` every page may read without depending on the whole model (see `reuse.py`).
SITE_OUTLINE_ATTRIBUTES = frozenset({"title"})


class SiteEnvironment(Environment):
    """Jinja that notices when the page being rendered reads the site model.

    A preview rebuild leaves a page alone when its variables and the site's
    outline did not change (`sitegen.render.reuse`). A template that reads more
    of `site` (`site.articles | length`, `site.timeline`) depends on the whole
    model: `reads_site` is then set, and the renderer renders that page on
    every build. Set by the lookups that read the whole model too.
    """

    site: object = None
    reads_site = False

    def getattr(self, obj: Any, attribute: str) -> Any:
        if obj is self.site and attribute not in SITE_OUTLINE_ATTRIBUTES:
            self.reads_site = True
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        if obj is self.site and argument not in SITE_OUTLINE_ATTRIBUTES:
            self.reads_site = True
        return super().getitem(obj, argument)


def make_environment(site_templates: Path | None, bytecode_dir: Path | None = None) -> SiteEnvironment:
    """Jinja with the site's templates over the default theme, autoescaping everything."""
    env = SiteEnvironment(
        loader=ChoiceLoader([FileSystemLoader(str(d)) for d in template_dirs(site_templates)]),
        bytecode_cache=_bytecode_cache(bytecode_dir),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        cache_size=-1,  # a plain dict of the few templates: no LRU bookkeeping on every look-up
    )
    env.globals["url"] = url
    return env
