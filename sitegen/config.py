"""Site settings: defaults <- `[tool.sitegen]` in pyproject.toml or sitegen.toml <- flags."""

from __future__ import annotations

import sys
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

PACKAGE_DIR = Path(__file__).resolve().parent


class SettingsError(ValueError):
    """A settings file that cannot be used; the message names the file."""


@dataclass(frozen=True)
class Settings:
    """Where the site's files are and how it is published.

    Paths are absolute once loaded, so no stage depends on the working directory.
    """

    root: Path = Path(".")
    title: str = "AI 产业简报"
    description: str = "从原始中文资料自动生成的人工智能产业简报"
    base_url: str = "/"
    site_url: str = ""  # absolute origin for feeds and sitemap, e.g. https://user.github.io
    language: str = "zh-CN"
    source_dir: Path = Path("seeds")
    output_dir: Path = Path("site")
    templates_dir: Path = Path("templates")
    static_dir: Path = Path("static")
    taxonomy_dir: Path = Path("taxonomies")
    cache_dir: Path = Path(".sitegen-cache")
    summary_chars: int = 160  # length budget of an article summary, in characters
    max_source_bytes: int = 20 * 1024 * 1024
    jobs: int = 0  # worker processes for reading, analysis and rendering; 0: one per core
    executor: str = ""  # "" for local processes, or dask://HOST:PORT for a Dask cluster
    # rendering forks workers only while each one's copy of the site model fits
    # in this many MB together with this process (`sitegen.memory`); 0: no limit
    memory_budget_mb: int = 1024

    @property
    def settings_files(self) -> list[Path]:
        return [self.root / "pyproject.toml", self.root / "sitegen.toml"]


_PATH_KEYS = {"source_dir", "output_dir", "templates_dir", "static_dir", "taxonomy_dir", "cache_dir"}


def normalise_base_url(base_url: str) -> str:
    """`repo-name`, `/repo-name` and `/repo-name/` all mean `/repo-name/`.

    A full URL (`https://x.github.io/repo/`) is reduced to its path: pages link
    by path so the same build works on any host.
    """
    value = base_url.strip()
    if "://" in value:
        value = "/" + value.split("://", 1)[1].partition("/")[2]
    value = "/" + value.strip("/")
    return value if value == "/" else value + "/"


def _read_table(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise SettingsError(f"{path}: cannot read settings: {error}") from error
    if path.name == "pyproject.toml":
        return data.get("tool", {}).get("sitegen", {})
    return data.get("sitegen", data)


def load_settings(root: Path | str = ".", **overrides: Any) -> Settings:
    """Settings for the site in `root`; `overrides` (command-line flags) win.

    `sitegen.toml` wins over `pyproject.toml` so a site can keep its settings
    apart from a Python project that happens to live in the same folder.
    """
    root = Path(root).resolve()
    values: dict[str, Any] = {}
    for path in (root / "pyproject.toml", root / "sitegen.toml"):
        if path.is_file():
            values.update(_read_table(path))
    values.update({key: value for key, value in overrides.items() if value is not None})

    known = {f.name for f in fields(Settings)} - {"root"}
    unknown = sorted(set(values) - known)
    if unknown:
        raise SettingsError(f"{root}: unknown setting(s): {', '.join(unknown)}")

    settings = Settings(root=root)
    for key, value in values.items():
        if key in _PATH_KEYS:
            value = (root / Path(value)).resolve()
        settings = replace(settings, **{key: value})
    for key in _PATH_KEYS - set(values):
        settings = replace(settings, **{key: (root / getattr(settings, key)).resolve()})
    return replace(settings, base_url=normalise_base_url(str(settings.base_url)))
