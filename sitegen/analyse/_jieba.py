"""Import jieba without `pkg_resources`; imported first by `sitegen.analyse`.

jieba's `_compat` imports `pkg_resources` only to open its dictionary file, and
importing that scans every installed distribution (~0.1 s in every process,
pool workers included, and a DeprecationWarning). Hidden for the moment of the
import, jieba falls back to opening the file by its path, with the same result.
"""

from __future__ import annotations

import sys


def import_jieba() -> None:
    hidden = "pkg_resources" not in sys.modules
    if hidden:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    try:
        import jieba  # noqa: F401
    finally:
        if hidden:
            del sys.modules["pkg_resources"]


import_jieba()
