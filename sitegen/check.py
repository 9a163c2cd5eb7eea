"""Link checker for a built site: every internal link, image and anchor must resolve.

It reads the output folder the way a browser on GitHub Pages would see it: each
file lives at `base_url + its path`, so a link that forgets the base URL, climbs
out of it with `..`, or points at a missing `#anchor` is reported here instead of
by a reader. Only the standard library's HTML parser is used so the check is
cheap enough to run after every build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from sitegen.config import normalise_base_url

# Attributes that hold one URL, on any element (inline SVG uses xlink:href).
URL_ATTRIBUTES = frozenset({"href", "src", "poster", "xlink:href", "data"})
# Attributes that hold a list of image candidates: `a.png 1x, b.png 2x`.
SRCSET_ATTRIBUTES = frozenset({"srcset", "imagesrcset"})
# Elements whose `href`/`data` is not a link to follow.
NON_LINK_ELEMENTS = frozenset({"base"})
# Files whose ids a `#fragment` can point at.
ANCHOR_SUFFIXES = (".html", ".htm", ".svg")
# Text inside these never counts as page content.
NON_TEXT_ELEMENTS = frozenset({"script", "style", "template", "noscript"})


@dataclass(frozen=True)
class LinkProblem:
    """One thing wrong with one page; `link` is empty for page-level problems."""

    page: str  # path of the page relative to the output folder, with `/`
    link: str  # the link as written in the page
    reason: str

    def __str__(self) -> str:
        if not self.link:
            return f"{self.page}: {self.reason}"
        return f"{self.page}: {self.link}: {self.reason}"


@dataclass
class _Page:
    """What the checker needs from one parsed page."""

    links: list[str]
    anchors: set[str]
    base_href: str | None
    has_main: bool
    main_text: bool
    redirect: bool


class _PageParser(HTMLParser):
    """Collects links, ids and whether `<main>` holds any text, in one pass."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = _Page([], set(), None, False, False, False)
        self._main_depth = 0
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        self._collect_anchors(values)
        self._collect_links(tag, values)
        if tag == "base" and "href" in values and self.page.base_href is None:
            self.page.base_href = values["href"]
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.page.redirect = True
        if tag == "main":
            self.page.has_main = True
            self._main_depth += 1
        elif tag in NON_TEXT_ELEMENTS:
            self._skip_depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        self._collect_anchors(values)
        self._collect_links(tag, values)

    def handle_endtag(self, tag: str) -> None:
        if tag == "main" and self._main_depth:
            self._main_depth -= 1
        elif tag in NON_TEXT_ELEMENTS and self._skip_depth:
            self._skip_depth -= 1

    def handle_data(self, data: str) -> None:
        if self._main_depth and not self._skip_depth and data.strip():
            self.page.main_text = True

    def _collect_anchors(self, values: dict[str, str]) -> None:
        for name in ("id", "name"):
            if values.get(name):
                self.page.anchors.add(values[name])

    def _collect_links(self, tag: str, values: dict[str, str]) -> None:
        if tag in NON_LINK_ELEMENTS:
            return
        for name, value in values.items():
            if name in URL_ATTRIBUTES:
                self.page.links.append(value)
            elif name in SRCSET_ATTRIBUTES:
                self.page.links.extend(srcset_urls(value))


def srcset_urls(srcset: str) -> list[str]:
    """The URLs of a `srcset` value (`a.png 1x, b.png 480w`).

    URLs may themselves contain commas, so a candidate's URL is the run of
    non-space characters, as the HTML standard parses it, not a naive split.
    """
    urls = []
    for match in re.finditer(r"\s*([^\s,][^\s]*)([^,]*)", srcset):
        url = match.group(1)
        if not match.group(2).strip() and url.endswith(","):
            url = url.rstrip(",")
        if url:
            urls.append(url)
    return urls


def parse_page(path: Path) -> _Page:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return parser.page


def _page_url(relative: str, base_url: str) -> str:
    """The URL path a file is served at (`a/index.html` -> `/base/a/`)."""
    if relative == "index.html" or relative.endswith("/index.html"):
        relative = relative[: -len("index.html")]
    return base_url + relative


def _is_external(link: str) -> bool:
    """True for links with a scheme (`https:`, `mailto:`, `data:` …) or a host (`//cdn`)."""
    parts = urlsplit(link)
    return bool(parts.scheme or parts.netloc)


def _resolve(link_path: str, page_url: str) -> str | None:
    """The absolute URL path of `link_path` on the page at `page_url`.

    None when `..` climbs above the server root: a browser silently clamps that,
    which hides a link that is wrong under any other base path.
    """
    if link_path.startswith("/"):
        segments: list[str] = []
        parts = link_path[1:].split("/")
    else:
        segments = page_url[1:].split("/")[:-1]
        parts = link_path.split("/")
    for part in parts:
        if part == "..":
            if not segments:
                return None
            segments.pop()
        elif part != ".":
            segments.append(part)
    resolved = "/" + "/".join(segments)
    if parts and parts[-1] in ("", ".", "..") and not resolved.endswith("/"):
        resolved += "/"
    return resolved


class _Site:
    """The output folder seen as URLs under the base path, with parsed pages cached."""

    def __init__(self, out_dir: Path, base_url: str) -> None:
        self.out_dir = out_dir.resolve()
        self.base_url = base_url
        self._pages: dict[Path, _Page] = {}

    def page(self, path: Path) -> _Page:
        if path not in self._pages:
            self._pages[path] = parse_page(path)
        return self._pages[path]

    def target_file(self, url_path: str) -> Path | None:
        """The file GitHub Pages would answer `url_path` with, or None."""
        relative = unquote(url_path[len(self.base_url):])
        candidate = self.out_dir / relative
        if not _inside(candidate, self.out_dir):
            return None
        if url_path.endswith("/") or not relative:
            candidate = candidate / "index.html"
        elif candidate.is_dir():
            candidate = candidate / "index.html"
        elif not candidate.is_file() and candidate.with_name(candidate.name + ".html").is_file():
            candidate = candidate.with_name(candidate.name + ".html")
        return candidate if candidate.is_file() and _inside(candidate, self.out_dir) else None


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder)
    except ValueError:
        return False
    return True


def _check_link(site: _Site, file: Path, page: _Page, link: str) -> str | None:
    """Why `link` on `file` is broken, or None when it resolves."""
    relative = file.relative_to(site.out_dir).as_posix()
    parts = urlsplit(link.strip())
    page_url = _page_url(relative, site.base_url)
    if page.base_href is not None:
        if _is_external(page.base_href):
            return None
        page_url = _resolve(urlsplit(page.base_href).path, page_url) or page_url
    if parts.path:
        url_path = _resolve(parts.path, page_url)
        if url_path is not None and url_path + "/" == site.base_url:
            url_path = site.base_url
        if url_path is None or not url_path.startswith(site.base_url):
            return f"leaves the base path {site.base_url}"
        target = site.target_file(url_path)
        if target is None:
            return "no such file in the site"
    else:
        target = file
    if parts.fragment and target.suffix.lower() in ANCHOR_SUFFIXES:
        anchors = site.page(target).anchors
        if parts.fragment not in anchors and unquote(parts.fragment) not in anchors:
            return f"no element with id {unquote(parts.fragment)!r}"
    return None


def _page_problems(site: _Site, file: Path) -> list[LinkProblem]:
    relative = file.relative_to(site.out_dir).as_posix()
    page = site.page(file)
    problems: list[LinkProblem] = []
    if not page.redirect and not page.main_text:
        reason = "empty page: no text in <main>" if page.has_main else "page has no <main>"
        problems.append(LinkProblem(relative, "", reason))
    seen: set[str] = set()
    for link in page.links:
        if link in seen or _is_external(link.strip()):
            continue
        seen.add(link)
        reason = _check_link(site, file, page, link)
        if reason:
            problems.append(LinkProblem(relative, link, reason))
    return problems


def check_links(out_dir: Path, base_url: str = "/") -> list[LinkProblem]:
    """Every problem found in the HTML pages of the site built into `out_dir`.

    `base_url` is the path the site is served under (`/` or `/repo-name/`); links
    are resolved against it exactly as a browser would resolve them on the host.
    """
    site = _Site(Path(out_dir), normalise_base_url(base_url))
    problems: list[LinkProblem] = []
    for file in sorted(site.out_dir.rglob("*")):
        if file.suffix.lower() in (".html", ".htm") and file.is_file():
            problems.extend(_page_problems(site, file))
    return problems
