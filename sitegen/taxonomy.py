"""Load the taxonomies (places, topics, stop words, known organisations) from data files.

The package ships defaults in `sitegen/taxonomies/`; a site extends them with files
of the same name in its own `taxonomies/` folder. An entry with an existing id
replaces the shipped one, a new id adds a place or topic. Nothing about places or
topics is hard-coded anywhere else.
"""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path

from sitegen.model import RegionDef, TopicDef

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DEFAULT_DIR = Path(__file__).resolve().parent / "taxonomies"
TAXONOMY_FILES = ("regions.toml", "topics.toml", "stopwords.txt", "organisations.txt")


class TaxonomyError(ValueError):
    """A taxonomy file that cannot be used; the message names the file and entry."""


@dataclass(frozen=True, eq=False)
class Taxonomy:
    """All taxonomies of one site; equal (and hashable) by the content of their files."""

    regions: dict[str, RegionDef]
    topics: dict[str, TopicDef]
    stopwords: frozenset[str]
    organisations: tuple[str, ...]
    digest: str  # hash of every file read: part of every analysis cache key

    def __hash__(self) -> int:
        return hash(self.digest)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Taxonomy) and other.digest == self.digest

    def ancestors(self, region_id: str) -> list[str]:
        """`wuzhen` -> [`tongxiang`, `jiaxing`, `zhejiang`, `china`], nearest first."""
        chain: list[str] = []
        current = self.regions.get(region_id)
        while current is not None and current.parent and current.parent not in chain:
            chain.append(current.parent)
            current = self.regions.get(current.parent)
        return chain


def _files(name: str, site_dir: Path | None) -> list[Path]:
    paths = [DEFAULT_DIR / name]
    if site_dir is not None and (site_dir / name).is_file():
        paths.append(site_dir / name)
    return paths


def _load_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise TaxonomyError(f"{path}: {error}") from error


REGION_LEVELS = ("world", "continent", "country", "province", "city", "district", "venue")


def _region(entry: dict, path: Path) -> RegionDef:
    try:
        region = RegionDef(
            id=entry["id"],
            name=entry["name"],
            level=entry["level"],
            parent=entry.get("parent"),
            aliases=tuple(entry.get("aliases", ())),
            name_en=entry.get("name_en", ""),
            lat=entry.get("lat"),
            lon=entry.get("lon"),
        )
    except (KeyError, TypeError) as error:
        raise TaxonomyError(f"{path}: region entry {entry!r} lacks {error}") from error
    if region.level not in REGION_LEVELS:
        raise TaxonomyError(f"{path}: region {region.id}: unknown level {region.level!r}")
    if region.lat is not None and not -90 <= region.lat <= 90:
        raise TaxonomyError(f"{path}: region {region.id}: latitude {region.lat} out of range")
    if region.lon is not None and not -180 <= region.lon <= 180:
        raise TaxonomyError(f"{path}: region {region.id}: longitude {region.lon} out of range")
    return region


def _topic(entry: dict, path: Path) -> TopicDef:
    try:
        return TopicDef(
            id=entry["id"],
            name=entry["name"],
            name_en=entry.get("name_en", ""),
            keywords=tuple(entry["keywords"]),
        )
    except (KeyError, TypeError) as error:
        raise TaxonomyError(f"{path}: topic entry {entry!r} lacks {error}") from error


def _lines(paths: list[Path]) -> list[str]:
    words: list[str] = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            if line:
                words.append(line)
    return words


def load_taxonomy(site_dir: Path | None = None) -> Taxonomy:
    """The shipped taxonomies extended by the site's `taxonomies/` folder."""
    regions: dict[str, RegionDef] = {}
    for path in _files("regions.toml", site_dir):
        seen_in_file: set[str] = set()
        for entry in _load_toml(path).get("region", []):
            region = _region(entry, path)
            if region.id in seen_in_file:
                raise TaxonomyError(f"{path}: region id {region.id!r} appears twice")
            seen_in_file.add(region.id)
            regions[region.id] = region
    for region in regions.values():
        if region.parent is not None and region.parent not in regions:
            raise TaxonomyError(f"regions.toml: {region.id} has unknown parent {region.parent}")

    topics: dict[str, TopicDef] = {}
    for path in _files("topics.toml", site_dir):
        for entry in _load_toml(path).get("topic", []):
            topic = _topic(entry, path)
            topics[topic.id] = topic

    return Taxonomy(
        regions=regions,
        topics=topics,
        stopwords=frozenset(_lines([p for p in _files("stopwords.txt", site_dir) if p.is_file()])),
        organisations=tuple(_lines([p for p in _files("organisations.txt", site_dir) if p.is_file()])),
        digest=taxonomy_digest(site_dir),
    )


def taxonomy_digest(site_dir: Path | None = None) -> str:
    """A digest of the bytes of every taxonomy file `load_taxonomy` reads: a
    builder parses them again only when it changes."""
    digest = hashlib.sha256()
    for name in TAXONOMY_FILES:
        for path in _files(name, site_dir):
            if path.is_file():
                digest.update(path.read_bytes())
    return digest.hexdigest()
