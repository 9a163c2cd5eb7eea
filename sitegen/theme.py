"""Where the default theme (`templates/` and `static/`) is installed.

Kept apart from `sitegen.render` so a build can fingerprint the theme's files
before it imports the renderer (Jinja, the search index builder): a no-op
rebuild never needs them.
"""

from __future__ import annotations

from pathlib import Path

from sitegen.config import PACKAGE_DIR


class ThemeError(FileNotFoundError):
    """The default theme is missing from the installation."""


def default_theme_dir() -> Path:
    """The folder holding the default `templates/` and `static/`.

    In a wheel they are package data under `sitegen/_theme/` (see the
    force-include in pyproject.toml); in a checkout or an editable install they
    are the repository's own `templates/` and `static/` next to the package.
    """
    for candidate in (PACKAGE_DIR / "_theme", PACKAGE_DIR.parent):
        if (candidate / "templates" / "base.html").is_file():
            return candidate
    raise ThemeError(f"{PACKAGE_DIR}: default theme (templates/base.html) not found")
