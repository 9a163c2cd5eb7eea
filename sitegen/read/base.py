"""What every reader returns, and how readers load their pattern data files."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from sitegen.model import Block, Diagnostic

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

DATA_DIR = Path(__file__).resolve().parent


@dataclass
class ReadResult:
    """Blocks of one source plus what the reader learned about it.

    Diagnostics carry an empty path; `read_source` fills in the source's path,
    so readers stay pure functions of text.
    """

    blocks: list[Block]
    meta: dict[str, object] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def warning(message: str, line: int | None = None) -> Diagnostic:
    return Diagnostic("", message, line, "warning")


@lru_cache(maxsize=None)
def load_toml(name: str) -> dict[str, Any]:
    """A pattern file shipped next to the readers (parsed once per process)."""
    return tomllib.loads((DATA_DIR / name).read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def load_lines(name: str) -> tuple[str, ...]:
    """A one-entry-per-line data file; `#` starts a comment line."""
    lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
    return tuple(s for s in (line.strip() for line in lines) if s and not s.startswith("#"))


def compile_any(patterns: list[str], flags: int = 0) -> re.Pattern[str]:
    """One regex that matches when any of `patterns` does."""
    return re.compile("|".join(f"(?:{p})" for p in patterns) or r"(?!)", flags)
