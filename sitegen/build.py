"""The whole pipeline in one place: read -> normalise -> analyse -> assemble -> render.

This module only wires stages together; every decision lives in a stage.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from sitegen.analyse import analyse_corpus
from sitegen.assemble import assemble_site
from sitegen.config import Settings
from sitegen.model import Diagnostic, Site, Source
from sitegen.normalise import normalise_sources
from sitegen.read import find_source_files, read_source
from sitegen.render import render_site
from sitegen.taxonomy import load_taxonomy


@dataclass
class BuildResult:
    site: Site
    out_dir: Path
    seconds: float
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    def summary_line(self) -> str:
        site = self.site
        events = len(site.timeline)
        warnings = len(self.diagnostics)
        return (
            f"{len(site.sources)} sources, {len(site.articles)} articles, "
            f"{len(site.regions)} regions, {len(site.topics)} topics, {events} events, "
            f"{warnings} warnings in {self.seconds:.2f} s"
        )


def read_all(settings: Settings) -> tuple[list[Source], list[Diagnostic]]:
    """Read every source file; a broken one becomes a diagnostic, never an exception."""
    sources: list[Source] = []
    diagnostics: list[Diagnostic] = []
    for path in find_source_files(settings.source_dir):
        result = read_source(path, root=settings.root, max_bytes=settings.max_source_bytes)
        if isinstance(result, Diagnostic):
            diagnostics.append(result)
        else:
            sources.append(result)
            diagnostics.extend(result.diagnostics)
    return sources, diagnostics


def build_model(settings: Settings, sources: list[Source]) -> tuple[Site, list[Diagnostic]]:
    """Everything after reading: normalise, analyse, assemble."""
    taxonomy = load_taxonomy(settings.taxonomy_dir)
    articles, diagnostics = normalise_sources(sources)
    analysed = analyse_corpus(articles, taxonomy, summary_chars=settings.summary_chars)
    site = assemble_site(analysed, sources, taxonomy, title=settings.title)
    return site, diagnostics


def build(settings: Settings, out_dir: Path | None = None) -> BuildResult:
    """Build the site into `out_dir` (default: the configured output folder)."""
    started = time.perf_counter()
    out_dir = out_dir or settings.output_dir
    sources, diagnostics = read_all(settings)
    site, more = build_model(settings, sources)
    site.diagnostics = diagnostics + more
    render_site(site, settings, out_dir)
    return BuildResult(site, out_dir, time.perf_counter() - started, site.diagnostics)
