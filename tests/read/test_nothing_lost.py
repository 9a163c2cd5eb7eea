"""Nothing of an article is lost in reading: every line of each seed that is
not page furniture (or front matter, which goes to meta) is in some block."""

from __future__ import annotations

import re

import pytest

from sitegen.read import read_source

# What each seed has besides article text, by line number (1-based).
NOT_ARTICLE = {
    "001": lambda number: number >= 54,  # HTML remnants, Source link, comment form, footer
    "003": lambda number: number <= 7,  # YAML front matter
    "004": lambda number: number <= 2,  # search page header
}
_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>\S+)")
_MARKUP = re.compile(r"^(?:#{1,6}\s|>\s?)")


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_article_line_of_the_seed_is_in_a_block(seed_paths, prefix):
    source = read_source(seed_paths[prefix], seed_paths[prefix].parent, 1 << 20)
    everything = "".join(_squeeze(b.text) for b in source.blocks)
    images = {(b.text, b.meta.get("src")) for b in source.blocks if b.kind == "image"}
    skip = NOT_ARTICLE.get(prefix, lambda number: False)
    for number, line in enumerate(source.text.split("\n"), start=1):
        if not line.strip() or skip(number):
            continue
        image = _IMAGE.match(line.strip())
        if image:
            assert (image["alt"], image["src"]) in images, f"line {number} lost: {line}"
            continue
        words = _squeeze(_MARKUP.sub("", line.strip())).removesuffix("...")
        assert words in everything, f"line {number} lost: {line}"


def test_front_matter_lines_are_in_the_meta(seeds, seed_paths):
    source = read_source(seed_paths["003"], seed_paths["003"].parent, 1 << 20)
    assert set(source.meta) == {"layout", "title", "date", "description", "tags"}
