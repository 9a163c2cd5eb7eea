"""Full-text search for Chinese pages that works offline from static files.

`search_documents(site)` lists what can be found; `build_search_files(documents)`
turns that into the index files the renderer writes under `search/`, read by
`static/search.js` in the browser.
"""

from sitegen.search.documents import SearchDocument, search_documents
from sitegen.search.index import build_search_files

__all__ = ["SearchDocument", "build_search_files", "search_documents"]
