"""Read stage: source files -> `Source` objects (bytes -> text -> blocks).

`find_source_files` lists the sources of a folder; `read_source` decodes one
(`encoding`), picks the reader whose `sniff` is most confident about its
content (`registry`) and lets it split the text into blocks. Problems with a
source are returned as `Diagnostic` values, never raised.

These names are imported on first use, not with the package: the analysis
needs one module of it (`bylines`), and importing every reader with it would
cost each analysing worker ~0.1 s of its start.
"""

from __future__ import annotations

from sitegen.lazy import lazy_names

_HOMES = {
    "display_path": "sitegen.read.source",
    "find_source_files": "sitegen.read.files",
    "read_source": "sitegen.read.source",
    "source_file_paths": "sitegen.read.files",
}

__all__ = sorted(_HOMES)

__getattr__ = lazy_names(__name__, _HOMES)
