"""The `sitegen` command line: build | serve | check | inspect | new.

Exit status: 0 when all went well; 1 when nothing could be built, when `--strict`
or `check` found problems, or on an internal error; 2 for a usage or settings
error. Every error is one line, `path:line: what is wrong`, so editors and CI logs
can jump to it; `-v` adds details (tracebacks of internal errors, stage timings).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
import tempfile
import traceback
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from sitegen import __version__
from sitegen.config import Settings, SettingsError, load_settings

if TYPE_CHECKING:
    from sitegen.build import BuildResult
    from sitegen.model import Diagnostic

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
_TOML_POSITION = re.compile(r"^(?P<path>.+?): (?P<what>.*) \(at line (?P<line>\d+), column \d+\)$")


class UsageError(Exception):
    """A command line that cannot be carried out as given; exit status 2."""


# --------------------------------------------------------------------------- parser


def _site_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--root", default=".", help="folder of the site (default: current folder)")
    parser.add_argument("--source", dest="source_dir", metavar="DIR", help="folder of the sources")
    parser.add_argument("--base-url", dest="base_url", metavar="URL",
                        help="URL path the site is served under, e.g. /repo-name/")
    parser.add_argument("--site-url", dest="site_url", metavar="URL",
                        help="absolute origin for the feed and sitemap, e.g. https://user.github.io")


def _work_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--jobs", "-j", type=int, metavar="N",
                        help="worker processes for reading, analysis and rendering (default: one per core; 1: none)")
    parser.add_argument("--executor", metavar="URL",
                        help="run reading and analysis on a Dask cluster, e.g. dask://host:8786 "
                             "(needs the dask extra)")
    parser.add_argument("--memory-budget", dest="memory_budget_mb", type=int, metavar="MB",
                        help="render with forked workers only while their copies of the site model fit "
                             "in MB (default 1024; 0: no limit)")


def _output_options(parser: argparse.ArgumentParser) -> None:
    loudness = parser.add_mutually_exclusive_group()
    loudness.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    loudness.add_argument("-v", "--verbose", action="store_true",
                          help="print details: stage timings, tracebacks of internal errors")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sitegen", description="Turn raw Chinese-language news sources into a static briefing site.",
    )
    parser.add_argument("--version", action="version", version=f"sitegen {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser("build", help="build the site into the output folder")
    _site_options(build)
    build.add_argument("--out", dest="output_dir", metavar="DIR", help="output folder (default: site/)")
    build.add_argument("--strict", action="store_true",
                       help="exit with status 1 if any source has a problem")
    _work_options(build)
    _output_options(build)

    serve = commands.add_parser("serve", help="preview the site, rebuilding and reloading on change")
    _site_options(serve)
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default: 127.0.0.1, this machine only)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    serve.add_argument("--no-open", dest="open_browser", action="store_false",
                       help="do not open a browser tab")
    _work_options(serve)
    _output_options(serve)

    check = commands.add_parser(
        "check", help="build into a temporary folder and report broken links and source problems",
    )
    _site_options(check)
    _work_options(check)
    _output_options(check)

    inspect = commands.add_parser("inspect", help="show what was read and extracted from one source")
    inspect.add_argument("file", type=Path, metavar="FILE")
    _site_options(inspect)
    _output_options(inspect)

    new = commands.add_parser("new", help="create a Markdown source with a front-matter template")
    new.add_argument("name", metavar="SOURCE-NAME", help="title of the new source, any language")
    new.add_argument("--root", default=".", help="folder of the site (default: current folder)")
    new.add_argument("--source", dest="source_dir", metavar="DIR", help="folder of the sources")
    _output_options(new)
    return parser


def _settings(args: argparse.Namespace) -> Settings:
    keys = ("source_dir", "output_dir", "base_url", "site_url", "jobs", "executor", "memory_budget_mb")
    overrides = {key: getattr(args, key, None) for key in keys}
    return load_settings(Path(args.root), **overrides)


def _say(args: argparse.Namespace, line: str) -> None:
    if not args.quiet:
        print(line)


# --------------------------------------------------------------------------- build


def _print_diagnostics(diagnostics: list[Diagnostic], quiet: bool) -> None:
    for diagnostic in diagnostics:
        if not quiet or diagnostic.severity == "error":
            print(diagnostic, file=sys.stderr)


def _print_timings(args: argparse.Namespace, result: BuildResult) -> None:
    if args.verbose:
        for stage, seconds in result.timings.items():
            print(f"  {stage:<10} {seconds:6.2f} s", file=sys.stderr)


def _run_build(args: argparse.Namespace) -> int:
    settings = _settings(args)
    from sitegen.build import Builder
    from sitegen.progress import Progress

    result = Builder(settings).build(progress=Progress.for_terminal(args.quiet))
    _print_diagnostics(result.diagnostics, args.quiet)
    _print_timings(args, result)
    _say(args, f"built {result.out_dir}: {result.summary_line()}")
    if not result.counts["articles"]:
        print(f"{settings.source_dir}: nothing could be built", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_PROBLEMS if args.strict and result.diagnostics else EXIT_OK


# --------------------------------------------------------------------------- check


def _run_check(args: argparse.Namespace) -> int:
    settings = _settings(args)
    from sitegen.build import Builder
    from sitegen.check import check_links
    from sitegen.progress import Progress

    with tempfile.TemporaryDirectory(prefix="sitegen-check-") as folder:
        out_dir = Path(folder) / "site"
        result = Builder(settings).build(out_dir, progress=Progress.for_terminal(args.quiet))
        links = check_links(out_dir, settings.base_url)
    _print_diagnostics(result.diagnostics, quiet=False)
    for problem in links:
        print(problem, file=sys.stderr)
    _print_timings(args, result)
    problems = len(result.diagnostics) + len(links)
    if not result.counts["articles"]:
        print(f"{settings.source_dir}: nothing could be built", file=sys.stderr)
        problems += 1
    _say(args, f"checked {result.summary_line()}; "
               f"{len(links)} link problems, {len(result.diagnostics)} source problems")
    return EXIT_PROBLEMS if problems else EXIT_OK


# --------------------------------------------------------------------------- serve


def _run_serve(args: argparse.Namespace) -> int:
    from sitegen.serve import serve

    if not 0 < args.port < 65536:
        raise UsageError(f"--port {args.port}: not a port number (1-65535)")
    _settings(args)  # fail now, with exit status 2, on unusable settings
    return serve(
        lambda: _settings(args), host=args.host, port=args.port,
        open_browser=args.open_browser, verbose=args.verbose, quiet=args.quiet,
    )


# --------------------------------------------------------------------------- inspect


def _run_inspect(args: argparse.Namespace) -> int:
    settings = _settings(args)
    if not args.file.is_file():
        raise UsageError(f"{args.file}: no such file")
    from sitegen.inspect import inspect_source

    print(inspect_source(args.file, settings))
    return EXIT_OK


# --------------------------------------------------------------------------- new


def source_file_name(name: str) -> str:
    """A safe ASCII file stem for a source titled `name`: pinyin for Chinese.

    Only `a-z`, `0-9` and `-` survive, so no title can name a path outside the
    source folder or a hidden file; a title with nothing usable gets `source`.
    """
    from pypinyin import lazy_pinyin

    words = " ".join(lazy_pinyin(name))
    ascii_words = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^a-z0-9]+", "-", ascii_words.lower()).strip("-")
    return stem[:80].rstrip("-") or "source"


def source_template(name: str, today: dt.date) -> str:
    """Markdown with the front matter the readers understand, ready to fill in."""
    import yaml

    front = {"title": name, "date": today, "publisher": "", "tags": [], "description": ""}
    header = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, default_flow_style=None)
    return f"---\n{header}---\n\n"


def _run_new(args: argparse.Namespace) -> int:
    settings = _settings(args)
    if not args.name.strip():
        raise UsageError("SOURCE-NAME: empty name")
    path = settings.source_dir / f"{source_file_name(args.name)}.md"
    if path.exists():
        print(f"{path}: already exists; not overwritten", file=sys.stderr)
        return EXIT_PROBLEMS
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as file:
        file.write(source_template(args.name.strip(), dt.date.today()))
    _say(args, f"created {path}")
    return EXIT_OK


# --------------------------------------------------------------------------- errors


def _one_line(error: BaseException) -> str:
    """`path:line: what` for a settings or taxonomy error whose message has a position."""
    message = " ".join(str(error).split())
    match = _TOML_POSITION.match(message)
    if match:
        return f"{match['path']}:{match['line']}: {match['what']}"
    return message


def _template_error(error: Exception) -> str:
    """`template:line: message`: the line comes from the template's traceback frame."""
    from jinja2 import TemplateNotFound

    if isinstance(error, TemplateNotFound):
        return f"{error.name}: no such template in the site's or the theme's templates"
    filename = getattr(error, "filename", None)
    line = getattr(error, "lineno", None)
    if filename is None:
        frames = [f for f in traceback.extract_tb(error.__traceback__) if not f.filename.endswith(".py")]
        if frames:
            filename, line = frames[-1].filename, frames[-1].lineno
    where = f"{filename}:{line}" if filename and line else (filename or "template")
    return f"{where}: {getattr(error, 'message', None) or error}"


def describe_error(error: BaseException, command: str = "") -> tuple[int, str | None]:
    """Exit status and one-line message for an error a user can fix; None for our bugs.

    Bad settings, flags or taxonomy files exit 2, a broken site template or an
    unwritable file exits 1; anything else is an internal error (message None).
    """
    from jinja2 import TemplateError

    from sitegen.parallel import ExecutorError
    from sitegen.render.write import OutputError
    from sitegen.taxonomy import TaxonomyError

    usage: tuple[type[BaseException], ...] = (
        SettingsError, TaxonomyError, OutputError, UsageError, ExecutorError,
    )
    if command == "serve":
        from sitegen.serve import ServeError

        usage += (ServeError,)
    if isinstance(error, usage):
        return EXIT_USAGE, _one_line(error)
    if isinstance(error, TemplateError):
        return EXIT_PROBLEMS, _template_error(error)
    if isinstance(error, OSError) and error.filename:
        return EXIT_PROBLEMS, f"{error.filename}: {error.strerror}"
    return EXIT_PROBLEMS, None


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "build": _run_build,
    "serve": _run_serve,
    "check": _run_check,
    "inspect": _run_inspect,
    "new": _run_new,
}


def run() -> NoReturn:
    """The `sitegen` command: `main`, then leave the process at once.

    A build leaves millions of objects alive (the site model and what the
    templates and caches hold on to). The interpreter's own exit would walk
    and free every one of them, about 5 s at 10,000 sources, for memory the
    operating system takes back anyway. Every output and cache file is written
    and closed by then and worker processes are stopped; only the standard
    streams still need flushing.
    """
    status = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        print("sitegen: interrupted", file=sys.stderr)
        return EXIT_OK if args.command == "serve" else 130
    except Exception as error:  # noqa: BLE001 - the one place that turns errors into exit codes
        return _report(error, args)


def _report(error: Exception, args: argparse.Namespace) -> int:
    status, message = describe_error(error, args.command)
    if message is not None:
        print(message, file=sys.stderr)
        return status
    verbose = getattr(args, "verbose", False)
    if verbose:
        traceback.print_exception(error)
    hint = "" if verbose else " (run with -v for the traceback)"
    print(f"sitegen: internal error: {type(error).__name__}: {error}{hint}", file=sys.stderr)
    return status
