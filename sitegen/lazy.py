"""Package names imported on first use (PEP 562).

A package's `__init__` that imports its public names imports every module
behind them with it, and importing any one module of the package runs that
`__init__` first: an analysing worker importing one reader module would
import every reader. Such a package names where each public name lives
instead, and imports it when it is first asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any


def lazy_names(package: str, homes: Mapping[str, str]) -> Callable[[str], Any]:
    """A module `__getattr__` giving each name of `homes` (name -> module) from its module."""

    def __getattr__(name: str) -> Any:
        if name not in homes:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(import_module(homes[name]), name)

    return __getattr__
