"""Read stage: source files -> `Source` objects (bytes -> text -> blocks).

`find_source_files` lists the sources of a folder; `read_source` decodes one
(`encoding`), picks the reader whose `sniff` is most confident about its
content (`registry`) and lets it split the text into blocks. Problems with a
source are returned as `Diagnostic` values, never raised.
"""

from sitegen.read.files import find_source_files, source_file_paths
from sitegen.read.source import display_path, read_source

__all__ = ["display_path", "find_source_files", "read_source", "source_file_paths"]
