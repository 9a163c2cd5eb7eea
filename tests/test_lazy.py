"""Package names imported on first use."""

from __future__ import annotations

import pytest

from sitegen.lazy import lazy_names


def test_a_name_comes_from_its_module_and_an_unknown_one_is_an_attribute_error():
    lookup = lazy_names("somepackage", {"dumps": "json"})
    import json

    assert lookup("dumps") is json.dumps
    with pytest.raises(AttributeError, match="somepackage.*loads"):
        lookup("loads")


def test_the_packages_public_names_and_submodules_import_as_before():
    from sitegen.analyse import analyse_article, apply_corpus
    from sitegen.read import read_source, webpage

    assert callable(analyse_article) and callable(apply_corpus) and callable(read_source) and webpage.NAME == "webpage"
