"""The `sitegen` command line: build | serve | check | inspect | new."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sitegen import __version__
from sitegen.config import SettingsError, load_settings


def _add_site_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--root", default=".", help="folder of the site (default: current)")
    parser.add_argument("--source", dest="source_dir", help="folder of the sources")
    parser.add_argument("--base-url", dest="base_url", help="URL path the site is served under")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sitegen", description=__doc__)
    parser.add_argument("--version", action="version", version=f"sitegen {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="build the site into the output folder")
    _add_site_options(build)
    build.add_argument("--out", dest="output_dir", help="output folder (default: site/)")
    build.add_argument("--strict", action="store_true", help="exit non-zero on any source problem")
    build.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    build.add_argument("-v", "--verbose", action="store_true", help="print details")
    return parser


def _settings(args: argparse.Namespace):
    overrides = {
        key: getattr(args, key, None) for key in ("source_dir", "output_dir", "base_url")
    }
    return load_settings(Path(args.root), **overrides)


def _run_build(args: argparse.Namespace) -> int:
    from sitegen.build import build

    settings = _settings(args)
    result = build(settings)
    for diagnostic in result.diagnostics:
        print(diagnostic, file=sys.stderr)
    if not args.quiet:
        print(f"built {result.out_dir}: {result.summary_line()}")
    if not result.site.articles:
        print("sitegen: nothing could be built", file=sys.stderr)
        return 1
    return 1 if args.strict and result.diagnostics else 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "build":
            return _run_build(args)
    except SettingsError as error:
        print(f"sitegen: {error}", file=sys.stderr)
        return 2
    return 2
