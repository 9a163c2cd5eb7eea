"""`sitegen serve`: build, serve the site as GitHub Pages would, rebuild on change, reload tabs.

Built on the `livereload` package (its tornado server, its browser script and its
websocket), with three of its habits replaced, because each one loses edits:

- livereload's own reload logic drops a reload that comes within 3 s of the last
  one (`LiveReloadHandler.DEFAULT_RELOAD_TIME`, python-livereload #235/#264) and
  fires it as soon as a file changes, before any rebuild is finished. Here the
  watcher only records what changed; a debounced build runs in a worker thread and
  the reload is sent with `LiveReloadHandler.reload_waiters` after the new site is
  swapped in, so the last edit of a burst always ends in a reload of finished pages.
- Its static handler resolves paths with `os.path.abspath`, which follows symlinks
  out of the root, and knows nothing of a base path or `404.html`. `locate()` maps a
  request path to a file the way GitHub Pages does and refuses anything outside.
- Its watcher polls every 800 ms; this one polls faster when scans are cheap.

Every build writes one folder outside the watched paths (no rebuild loops). A rebuild
rewrites only the files whose bytes changed, each staged and renamed into place once
the whole build has succeeded, so a failed build changes nothing and an edit costs
its own pages, not a copy of the site.
"""

from __future__ import annotations

import hashlib
import ipaddress
import logging
import mimetypes
import os
import re
import signal
import socket
import sys
import tempfile
import threading
import time
import traceback
import webbrowser
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, TextIO
from urllib.parse import unquote

from livereload import Server
from livereload.handlers import LiveReloadHandler
from livereload.watcher import Watcher
from tornado import web
from tornado.ioloop import IOLoop

from sitegen.config import Settings, SettingsError
from sitegen.progress import Progress
from sitegen.read.files import is_ignored_name

if TYPE_CHECKING:
    from sitegen.build import Builder, BuildResult

DEBOUNCE_SECONDS = 0.05  # editors write a file in several steps within a few ms
MIN_POLL_SECONDS = 0.1
MAX_POLL_SECONDS = 1.0
POLL_COST_FACTOR = 5  # poll at most 1/5 of the time: a big tree is polled less often

TEXT_TYPES = {
    ".html": "text/html",
    ".htm": "text/html",
    ".xml": "application/xml",
    ".atom": "application/atom+xml",
    ".rss": "application/rss+xml",
    ".json": "application/json",
    ".webmanifest": "application/manifest+json",
    ".css": "text/css",
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".svg": "image/svg+xml",
    ".txt": "text/plain",
    ".md": "text/markdown",
}
_UNSAFE_ENCODED = re.compile(r"%(2f|5c|00)", re.IGNORECASE)  # encoded `/`, `\`, NUL


def content_type(path: Path) -> str:
    """The Content-Type GitHub Pages sends for `path`; every text type says UTF-8.

    The table is explicit because `mimetypes` depends on the machine's
    /etc/mime.types and knows nothing of charsets.
    """
    suffix = path.suffix.lower()
    if suffix in TEXT_TYPES:
        return f"{TEXT_TYPES[suffix]}; charset=utf-8"
    guessed = mimetypes.guess_type(path.name)[0]
    return guessed or "application/octet-stream"


# --------------------------------------------------------------------------- requests


@dataclass(frozen=True)
class Located:
    """What to answer a request with: a file, a redirect, or an error status."""

    status: int
    file: Path | None = None
    location: str | None = None


def _inside(path: Path, root: Path) -> bool:
    """True if `path`, with every symlink resolved, is inside `root`."""
    try:
        path.resolve().relative_to(root.resolve())
    except (ValueError, OSError):
        return False
    return True


def _not_found(root: Path) -> Located:
    page = root / "404.html"
    return Located(404, page if page.is_file() and _inside(page, root) else None)


def locate(root: Path, base_url: str, raw_path: str) -> Located:
    """Map the raw (still %-encoded) request path to a file under `root`.

    The site is mounted at `base_url` as on GitHub Pages: `/` redirects there, a
    folder without its slash redirects to it, `x` finds `x.html`. Requests that
    could name something outside the root — `..` in any spelling, encoded
    slashes, NUL, invalid UTF-8, symlinks out of the folder — never reach the
    disk: they get 400 or the site's 404.
    """
    if "\\" in raw_path or _UNSAFE_ENCODED.search(raw_path):
        return Located(400)
    try:
        path = unquote(raw_path, errors="strict")
    except UnicodeDecodeError:
        return Located(400)
    segments = path.split("/")
    if "\x00" in path or any(segment in (".", "..") for segment in segments):
        return Located(400)
    if path + "/" == base_url or (path == "/" and base_url != "/"):
        return Located(302, location=base_url)
    if not path.startswith(base_url):
        return _not_found(root)
    parts = [segment for segment in path[len(base_url):].split("/") if segment]
    target = root.joinpath(*parts)
    if not _inside(target, root):
        return _not_found(root)
    if path.endswith("/"):
        index = target / "index.html"
        return Located(200, index) if index.is_file() and _inside(index, root) else _not_found(root)
    if target.is_dir():
        return Located(301, location=raw_path + "/")
    if target.is_file():
        return Located(200, target)
    page = target.with_name(target.name + ".html")
    if page.is_file() and _inside(page, root):
        return Located(200, page)
    return _not_found(root)


class _SiteHandler(web.RequestHandler):
    """Answers every request under the site with `locate()`; GET and HEAD only."""

    def initialize(self, preview: Preview) -> None:
        self.preview = preview

    def compute_etag(self) -> None:
        """No ETags: a preview must never be answered from a stale cache."""
        return None

    def get(self) -> None:
        self._answer(include_body=True)

    def head(self) -> None:
        self._answer(include_body=False)

    def _answer(self, include_body: bool) -> None:
        located = locate(self.preview.root, self.preview.base_url, self.request.path)
        if located.location is not None:
            query = f"?{self.request.query}" if self.request.query else ""
            self.redirect(located.location + query, status=located.status)
            return
        self.set_status(located.status)
        self.set_header("Cache-Control", "no-store")
        self.set_header("X-Content-Type-Options", "nosniff")
        if located.file is None:
            body = f"{located.status} {self._reason}\n".encode()
            self.set_header("Content-Type", "text/plain; charset=utf-8")
        else:
            body = located.file.read_bytes()
            self.set_header("Content-Type", content_type(located.file))
        if include_body:
            self.write(body)
        else:
            self.set_header("Content-Length", str(len(body)))

    def log_exception(self, typ, value, tb) -> None:  # noqa: ANN001 - tornado's signature
        """A file that vanished mid-swap is an ordinary 500, not a traceback in the terminal."""
        self.preview.say(f"sitegen: {self.request.path}: {value}")


# --------------------------------------------------------------------------- watching


class _PollingWatcher(Watcher):
    """livereload's mtime watcher, polled on our own schedule.

    livereload calls `start(callback)` and polls `callback` every 800 ms when it
    returns False. We return True and poll `examine()` ourselves, so livereload's
    own reload timing (which drops quick successive reloads) is never used: the
    watch callbacks only mark what changed and the preview decides when to reload.
    """

    def start(self, callback: Callable[[], None]) -> bool:
        IOLoop.current().add_callback(self._poll)
        return True

    def _poll(self) -> None:
        started = time.perf_counter()
        self.examine()
        cost = time.perf_counter() - started
        delay = min(MAX_POLL_SECONDS, max(MIN_POLL_SECONDS, cost * POLL_COST_FACTOR))
        IOLoop.current().call_later(delay, self._poll)


def _is_editor_noise(path: str) -> bool:
    """Swap, backup and lock files that editors write next to the real one, and
    any name the source folder never reads (`read/ignore.txt`)."""
    name = os.path.basename(path)
    return (
        name.startswith((".", "#"))
        or name.endswith(("~", ".swp", ".swx", ".tmp", ".part"))
        or name == "4913"  # vim's probe file
        or is_ignored_name(name)
    )


class _PreviewServer(Server):
    """livereload's server with our site handler in place of its static handler."""

    def __init__(self, preview: Preview) -> None:
        super().__init__(watcher=_PollingWatcher())
        self.preview = preview

    def get_web_handlers(self, script: bytes) -> list:
        return [(r"/.*", _SiteHandler, {"preview": self.preview})]

    def _setup_logging(self) -> None:
        """Requests that fail (404s are broken links) always; every request and
        livereload's chatter about polls and connections only with -v."""
        level = logging.INFO if self.preview.verbose else logging.WARNING
        for name, prefix in (("livereload", "livereload: "), ("tornado.access", "")):
            logger = logging.getLogger(name)
            logger.setLevel(level)
            logger.propagate = False
            if not logger.handlers:
                handler = logging.StreamHandler(self.preview.stream)
                handler.setFormatter(logging.Formatter(prefix + "%(message)s"))
                logger.addHandler(handler)


# --------------------------------------------------------------------------- builds


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _static_files(folder: Path) -> dict[Path, str]:
    if not folder.is_dir():
        return {}
    return {
        path: _digest(path)
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not _is_editor_noise(str(path))
    }


def _find_copies(files: dict[Path, str], out_dir: Path) -> dict[Path, list[Path]]:
    """Each static file's copies in the output, found by name and identical bytes.

    Render decides where static files go; matching on content rather than
    assuming a folder layout keeps this right whatever render does, and a file
    that render transforms simply has no copy, so its change takes a full build.
    """
    by_name: dict[str, list[Path]] = {}
    for path in out_dir.rglob("*"):
        by_name.setdefault(path.name, []).append(path)
    return {
        path: [c.relative_to(out_dir) for c in by_name.get(path.name, []) if c.is_file() and _digest(c) == digest]
        for path, digest in files.items()
    }


class Preview:
    """The site being previewed: its current build folder, and how to rebuild it.

    Watch callbacks and the swap run on the tornado loop; builds run one at a time
    in a worker thread. Changes that arrive during a build are kept and built
    right after it, so no edit is ever lost.
    """

    def __init__(
        self, load_settings: Callable[[], Settings], workdir: Path,
        stream: TextIO = sys.stderr, verbose: bool = False, quiet: bool = False,
    ) -> None:
        self.load_settings = load_settings
        self.quiet = quiet
        self.settings = load_settings()
        self.builder = _builder(self.settings)
        self.workdir = workdir
        self.stream = stream
        self.verbose = verbose
        self.root = workdir / "empty"  # served until the first build succeeds
        self.root.mkdir(parents=True, exist_ok=True)
        self.site_dir = workdir / "site"
        self.base_url = self.settings.base_url
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sitegen-build")
        self._pending: set[str] = set()
        self._running = False
        self._timer: object | None = None
        self._static: dict[Path, str] = {}  # digests of the static files the site was built with
        self._shown: set[str] = set()

    def say(self, line: str) -> None:
        print(line, file=self.stream, flush=True)

    # ---------------------------------------------------------------- first build

    def build_first(self, progress: Progress) -> None:
        """The build before serving starts; the server starts even if it fails."""
        folder = self._build(progress)
        if folder is not None:
            self._swap(folder)

    # ---------------------------------------------------------------- on the loop

    def changed(self, kind: str) -> None:
        """A watch callback: `kind` of input changed; build once things settle."""
        self._pending.add(kind)
        loop = IOLoop.current()
        if self._timer is not None:
            loop.remove_timeout(self._timer)
        self._timer = loop.call_later(DEBOUNCE_SECONDS, self._start)

    def _start(self) -> None:
        self._timer = None
        if self._running or not self._pending:
            return
        kinds, self._pending = self._pending, set()
        self._running = True
        future = self._pool.submit(self._rebuild, kinds)
        loop = IOLoop.current()
        future.add_done_callback(lambda done: loop.add_callback(self._finished, done))

    def _finished(self, done: Future) -> None:
        self._running = False
        try:
            folder, reload_paths = done.result()
        except Exception as error:  # noqa: BLE001 - the server must outlive any build
            self._report_crash(error)
            folder, reload_paths = None, []
        if folder is not None:
            self._swap(folder)
        for path in reload_paths:
            LiveReloadHandler.reload_waiters(path)
        if self._pending:
            self._start()

    def _swap(self, folder: Path) -> None:
        self.root = folder
        self.base_url = self.settings.base_url

    # ---------------------------------------------------------------- in the worker

    def _rebuild(self, kinds: set[str]) -> tuple[Path | None, list[str]]:
        """Bring the site up to date; returns the new folder (if any) and paths to reload."""
        started = time.perf_counter()
        if "settings" in kinds and not self._reload_settings() and kinds == {"settings"}:
            return None, []  # nothing else changed: the served site is still right
        if kinds == {"static"}:
            paths = self._swap_css()
            if paths and not self.quiet:
                self.say(f"stylesheet updated in {time.perf_counter() - started:.2f} s")
            if paths:
                return None, paths
        folder = self._build(Progress())
        return (folder, ["*"]) if folder is not None else (None, [])

    def _reload_settings(self) -> bool:
        try:
            settings = self.load_settings()
        except SettingsError as error:
            self.say(f"{error} (keeping the previous settings)")
            return False
        if settings != self.settings:
            self.settings = settings
            self.builder = _builder(settings)
        return True

    def _build(self, progress: Progress) -> Path | None:
        """Build into the served folder; None (and the error printed) if it fails.

        Always the same folder: the first build fills it, and each rebuild
        rewrites only the files whose bytes changed, each renamed into place
        when the whole build has succeeded (`sitegen.render.write`), so an edit
        costs the pages it changed, not a copy of the site. A failed build
        changes nothing there.
        """
        try:
            result = self.builder.build(self.site_dir, preview=True, progress=progress)
        except Exception as error:  # noqa: BLE001 - the server must outlive any build
            self._report_crash(error)
            return None
        self._report(result)
        self._static = _static_files(self.settings.static_dir)
        return self.site_dir

    def _swap_css(self) -> list[str]:
        """Copy changed stylesheets into the served site; [] when a full build is needed."""
        now = _static_files(self.settings.static_dir)
        changed = {p: digest for p, digest in now.items() if self._static.get(p) != digest}
        if set(self._static) - set(now) or not changed or any(p.suffix != ".css" for p in changed):
            return []
        copies = _find_copies({p: self._static.get(p, "") for p in changed}, self.root)
        if not all(copies.values()):
            return []
        paths = []
        for path, digest in changed.items():
            data = path.read_bytes()
            for output in copies[path]:
                _write_atomic(self.root / output, data)
                paths.append(self.settings.base_url + output.as_posix())
            self._static[path] = digest
        return paths

    # ---------------------------------------------------------------- terminal

    def _report(self, result: BuildResult) -> None:
        """Print the summary and each problem that is new since the last build."""
        lines = {str(d) for d in result.diagnostics}
        for line in sorted(lines - self._shown):
            self.say(line)
        for line in sorted(self._shown - lines):
            self.say(f"fixed: {line}")
        self._shown = lines
        if not self.quiet:
            self.say(f"built: {result.summary_line()}")

    def _report_crash(self, error: Exception) -> None:
        """One line for a mistake in the site's files; the traceback of our bugs with -v."""
        from sitegen.cli import describe_error

        message = describe_error(error)[1] or f"sitegen: internal error: {type(error).__name__}: {error}"
        self.say(f"{message} (still serving the last good build)")
        if self.verbose:
            self.say("".join(traceback.format_exception(error)).rstrip())

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def _builder(settings: Settings) -> Builder:
    """Imported on first use: the pipeline (jieba) is not needed to map requests."""
    from sitegen.build import Builder

    return Builder(settings)


def _write_atomic(path: Path, data: bytes) -> None:
    temporary = path.with_name(path.name + ".sitegen-tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


# --------------------------------------------------------------------------- entry point


class ServeError(RuntimeError):
    """The server cannot start (port taken, bad host); the message is one line."""


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _check_port(host: str, port: int) -> None:
    """Fail before the first build, not after it, when the address is taken."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise ServeError(f"cannot serve on {host}:{port}: {error.strerror}") from error
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            raise ServeError(f"cannot serve on {host}:{port}: {error.strerror}") from error


def _watch(server: Server, preview: Preview) -> None:
    """Everything a build reads, by kind; never the output (it is in a temp folder)."""
    settings = preview.settings
    targets = [
        (settings.source_dir, "sources"),
        (settings.templates_dir, "templates"),
        (settings.static_dir, "static"),
        (settings.taxonomy_dir, "taxonomy"),
        *((path, "settings") for path in settings.settings_files),
    ]
    for path, kind in targets:
        server.watch(str(path), lambda kind=kind: preview.changed(kind), delay="forever",
                     ignore=_is_editor_noise)


def _has_graphical_browser() -> bool:
    """False on a Linux machine without a display, where `webbrowser` would start a
    text browser (lynx, w3m) that fights the server for the terminal."""
    if not sys.platform.startswith("linux"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _stop_on_signals(loop: IOLoop) -> None:
    """Ctrl-C and SIGTERM stop the loop; the server then shuts down normally.

    Where asyncio has no signal handlers (Windows), Ctrl-C raises KeyboardInterrupt
    in the loop instead, which livereload's `serve()` catches.
    """
    for signum in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.asyncio_loop.add_signal_handler(signum, loop.stop)
        except NotImplementedError:
            return


def serve(
    load_settings: Callable[[], Settings], host: str = "127.0.0.1", port: int = 8000,
    open_browser: bool = True, verbose: bool = False, quiet: bool = False,
    stream: TextIO = sys.stderr,
) -> int:
    """Build, serve and rebuild until interrupted; returns the exit status (0)."""
    if not is_loopback(host):
        print(f"sitegen: warning: serving on {host}: anyone who can reach this machine "
              "can read the preview", file=stream)
    _check_port(host, port)
    with tempfile.TemporaryDirectory(prefix="sitegen-serve-") as workdir:
        preview = Preview(load_settings, Path(workdir), stream=stream, verbose=verbose, quiet=quiet)
        try:
            server = _PreviewServer(preview)  # its watcher notes edits made during the first build
            _watch(server, preview)
            preview.build_first(Progress.for_terminal(quiet))
            url = f"http://{host if ':' not in host else f'[{host}]'}:{port}{preview.base_url}"
            preview.say(f"serving {url} (Ctrl-C to stop)")
            loop = IOLoop.current()
            loop.add_callback(_stop_on_signals, loop)
            if open_browser and _has_graphical_browser():
                threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()
            server.serve(port=port, host=host, restart_delay=0)
        finally:
            preview.close()
    print("sitegen: stopped", file=stream)
    return 0
