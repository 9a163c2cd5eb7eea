"""What the end-to-end build tests share: a site made of a few sources, built."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from sitegen.build import BuildResult, build
from sitegen.config import load_settings

BuildSources = Callable[[dict[str, str]], tuple[BuildResult, Path]]


@pytest.fixture(scope="session")
def build_sources(tmp_path_factory: pytest.TempPathFactory) -> BuildSources:
    """Build a new site whose sources folder holds `sources` (file name -> text);
    the build's result and its output folder."""

    def made(sources: dict[str, str]) -> tuple[BuildResult, Path]:
        root = tmp_path_factory.mktemp("site")
        (root / "sitegen.toml").write_text('[sitegen]\ntitle = "probe"\nsource_dir = "sources"\n', encoding="utf-8")
        (root / "sources").mkdir()
        for name, text in sources.items():
            (root / "sources" / name).write_text(text, encoding="utf-8")
        return build(load_settings(root), root / "out"), root / "out"

    return made
