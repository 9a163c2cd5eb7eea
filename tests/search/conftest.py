"""Hand-made search documents and an index over them, read the way the browser reads it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sitegen.search import SearchDocument, build_search_files
from sitegen.search.reference import StaticIndex


def make_page(url: str, title: str, text: str, **fields) -> SearchDocument:
    fields.setdefault("kind", "article")
    return SearchDocument(url=url, title=title, text=text, **fields)


class Searcher:
    """An index built with one process, queried through the reference client."""

    def __init__(self, documents: list[SearchDocument]) -> None:
        self.files = build_search_files(documents, jobs=1)
        self.index = StaticIndex(self.files.__getitem__)

    def urls(self, query: str, **filters) -> list[str]:
        """Result URLs of `query`, best first."""
        return [self.index.document(n)[0] for n in self.index.search(query, **filters).documents]


@pytest.fixture
def page() -> Callable[..., SearchDocument]:
    return make_page


@pytest.fixture
def searcher() -> Callable[[list[SearchDocument]], Searcher]:
    return Searcher


@pytest.fixture
def corpus() -> list[SearchDocument]:
    return [
        make_page("a/hk/", "香港算力规划", "香港总算力将达到5000 PFLOPS，李家超表示。", region="香港",
                  regions=("香港", "中国"), topics=("算力与芯片",), year=2026, date="2026-01-23"),
        make_page("a/tj/", "天津智能产业", "天津推动算力建设与智能制造。AI 芯片企业集聚。", region="天津",
                  regions=("天津", "中国"), topics=("智能制造",), year=2026, date="2026"),
        make_page("a/nj/", "光子大模型发布", "南京发布ＯｐｔｏＣｈａｔ大模型。", region="南京",
                  regions=("南京", "江苏", "中国"), topics=("大模型与智能体",), year=2025),
        make_page("a/noise/", "无关", "智能、制造与算法；said 50000 次。"),
    ]
