"""YAML (`---`) or TOML (`+++`) front matter at the top of a Markdown source.

Values stay as the author wrote them: dates are left as strings (YAML would
turn `2025-05-08` into a date object and reject `2025-13-45` outright), so
normalise can parse them and report an impossible date as such.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache

from sitegen.model import Diagnostic
from sitegen.read.base import warning

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

_FENCES = {"---": ("---", "..."), "+++": ("+++",)}
_KEY_LINE = re.compile(r"^[\w\u4e00-\u9fff][\w\u4e00-\u9fff.-]*(?: [\w\u4e00-\u9fff.-]+)*[ \t]*[:=]")


@dataclass
class FrontMatter:
    meta: dict[str, object] = field(default_factory=dict)
    body_start: int = 0  # index of the first body line
    diagnostics: list[Diagnostic] = field(default_factory=list)


def has_front_matter(text: str) -> bool:
    """`---` on the first line, a `key: value` line after it and a closing fence."""
    lines = text.split("\n", 60)
    opener = lines[0].strip() if lines else ""
    if opener not in _FENCES or len(lines) < 3:
        return False
    closers = _FENCES[opener]
    return bool(_KEY_LINE.match(lines[1][:200])) and any(line.strip() in closers for line in lines[2:60])


def split_front_matter(lines: list[str]) -> FrontMatter:
    """The front matter's values and where the body starts; broken front
    matter gives a warning and an empty mapping, and the body is still read."""
    opener = lines[0].strip() if lines else ""
    if opener not in _FENCES:
        return FrontMatter()
    closers = _FENCES[opener]
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in closers), None)
    if end is None:
        return FrontMatter(body_start=1, diagnostics=[warning(f"broken front matter: no closing '{opener}' line", 1)])
    raw = "\n".join(lines[1:end])
    meta, problem = (_toml if opener == "+++" else _yaml)(raw)
    if problem:
        message, offset = problem
        return FrontMatter(body_start=end + 1, diagnostics=[warning(f"broken front matter: {message}", 2 + offset)])
    return FrontMatter(meta, end + 1)


def _yaml(raw: str) -> tuple[dict[str, object], tuple[str, int] | None]:
    import yaml

    try:
        value = yaml.load(raw, Loader=_loader())  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        reason = getattr(error, "problem", None) or str(error).splitlines()[0]
        return {}, (reason, mark.line if mark else 0)
    return _mapping(value)


def _toml(raw: str) -> tuple[dict[str, object], tuple[str, int] | None]:
    try:
        return _mapping(tomllib.loads(raw))
    except tomllib.TOMLDecodeError as error:
        line = re.search(r"line (\d+)", str(error))
        return {}, (str(error).split(" (at")[0], int(line.group(1)) - 1 if line else 0)


def _mapping(value: object) -> tuple[dict[str, object], tuple[str, int] | None]:
    if value is None:
        return {}, None
    if not isinstance(value, dict):
        return {}, (f"expected 'key: value' lines, found a {type(value).__name__}", 0)
    return {str(key): _plain(item) for key, item in value.items()}, None


def _plain(value: object) -> object:
    """Strings, numbers, booleans and lists of them; anything else as text."""
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


@lru_cache(maxsize=None)
def _loader() -> type:
    """SafeLoader without the timestamp resolver: dates stay strings.

    Built on first use: importing PyYAML costs start-up time that a site
    without front matter need not pay.
    """
    import yaml

    class TextDatesLoader(yaml.SafeLoader):
        pass

    TextDatesLoader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return TextDatesLoader
