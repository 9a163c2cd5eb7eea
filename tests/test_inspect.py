"""`sitegen inspect FILE`: a readable report of what one source yields."""

from __future__ import annotations

import re
from pathlib import Path

from sitegen.config import load_settings
from sitegen.inspect import inspect_source

REPO = Path(__file__).resolve().parents[1]
BUNDLE = REPO / "seeds" / "003_b2303436497e7909.txt"


def test_inspect_reports_how_a_source_was_read_and_every_article_with_its_facts():
    report = inspect_source(BUNDLE, load_settings(REPO))
    assert report.startswith("seeds/003_b2303436497e7909.txt")
    assert re.search(r"^format: \S+ +encoding: utf-8", report, re.M)
    titles = re.findall(r"^Article \d/4: (.+)$", report, re.M)
    assert titles == [
        "AI赋能智能制造产业大会在深圳开幕",
        "光子专用大模型OptoChat AI发布",
        "联想AI落地竞速计划",
        "中国人工智能协同创新峰会",
    ]
    shenzhen = report.split("Article 2/4")[0]
    assert "published: 2025-05-08 (day)" in shenzhen
    assert "primary region: 深圳 < 广东" in shenzhen
    assert "why: 深圳" in shenzhen
    assert "intelligent-manufacturing (智能制造 / Intelligent manufacturing)" in shenzhen
    assert re.search(r"keywords: .*智能制造", shenzhen)
    assert re.search(r"^    1\.00 \[p\d+\] .+。$", shenzhen, re.M)  # summary with its paragraph


def test_inspect_measures_idf_against_the_rest_of_the_site():
    report = inspect_source(BUNDLE, load_settings(REPO))
    match = re.search(r"IDF corpus: 4 article\(s\) of this source \+ (\d+) of the site's other sources", report)
    assert match and int(match[1]) >= 5


def test_inspect_of_a_file_outside_any_site_uses_the_file_alone(tmp_path):
    source = tmp_path / "note.md"
    source.write_text(
        "---\ntitle: 南京发布光子大模型\ndate: 2025-05-08\n---\n\n"
        "在南京举行的发布会上，南智光电正式推出了光子专用大模型OptoChat AI。"
        "南智光电表示，该模型基于超过30万份权威文献进行训练。\n",
        encoding="utf-8",
    )
    report = inspect_source(source, load_settings(tmp_path))
    assert "IDF corpus: 1 article(s) of this source + 0 of the site's other sources" in report
    assert "30万份 = 300000 份" in report
    assert "org 南智光电" in report


def test_inspect_of_an_unreadable_source_says_why(tmp_path):
    source = tmp_path / "broken.txt"
    source.write_bytes(b"\x00\x01\x02\xff" * 64)
    report = inspect_source(source, load_settings(tmp_path))
    assert report.endswith("nothing could be read from this source.")
    assert "broken.txt" in report.splitlines()[0]
