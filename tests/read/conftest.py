"""Shared inputs for the read tests: the five seeds, keyed by their number."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PREFIXES = ("000", "001", "002", "003", "004")


@pytest.fixture(scope="session")
def seed_paths() -> dict[str, Path]:
    """`000` -> seeds/000_….txt; tests name seeds by number, never by full name."""
    return {prefix: next((REPO / "seeds").glob(f"{prefix}_*")) for prefix in PREFIXES}


@pytest.fixture(scope="session")
def seeds(seed_paths: dict[str, Path]) -> dict[str, str]:
    return {prefix: path.read_text(encoding="utf-8") for prefix, path in seed_paths.items()}
