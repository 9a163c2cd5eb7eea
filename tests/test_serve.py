"""`sitegen serve`: request mapping as GitHub Pages does it, and the running server.

The first half tests `locate()` (request path -> file) on a hand-made folder; the
second half starts `sitegen serve` in a subprocess on a copy of the seeds and
talks to it over HTTP, polling with a deadline instead of sleeping.
"""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.serve import content_type, is_loopback, locate

REPO = Path(__file__).resolve().parents[1]


# --------------------------------------------------------------------------- locate()


@pytest.fixture
def www(tmp_path: Path) -> Path:
    """A served folder inside `tmp_path`, with a secret file next to it."""
    (tmp_path / "secret.txt").write_text("outside", encoding="utf-8")
    root = tmp_path / "site"
    (root / "regions" / "beijing").mkdir(parents=True)
    (root / "index.html").write_text("<h1>home</h1>", encoding="utf-8")
    (root / "404.html").write_text("<h1>missing</h1>", encoding="utf-8")
    (root / "about.html").write_text("about", encoding="utf-8")
    (root / "regions" / "beijing" / "index.html").write_text("北京", encoding="utf-8")
    (root / "leak.txt").symlink_to(tmp_path / "secret.txt")
    (root / "leakdir").symlink_to(tmp_path)
    return root


def test_pages_are_found_under_the_base_path(www):
    located = locate(www, "/repo/", "/repo/")
    assert located.status == 200 and located.file == www / "index.html"
    assert locate(www, "/repo/", "/repo/regions/beijing/").file == www / "regions/beijing/index.html"
    assert locate(www, "/repo/", "/repo/about").file == www / "about.html"


def test_percent_encoded_names_are_decoded(www):
    (www / "北京.html").write_text("x", encoding="utf-8")
    assert locate(www, "/", "/%E5%8C%97%E4%BA%AC.html").file == www / "北京.html"


def test_root_and_base_without_slash_redirect_to_the_base_path(www):
    assert locate(www, "/repo/", "/").location == "/repo/"
    assert locate(www, "/repo/", "/repo").location == "/repo/"


def test_folder_without_slash_redirects_like_github_pages(www):
    located = locate(www, "/", "/regions/beijing")
    assert (located.status, located.location) == (301, "/regions/beijing/")


def test_outside_the_base_path_and_missing_pages_get_the_sites_404(www):
    for path in ("/about.html", "/repo/nope.html", "/repo/regions/shanghai/"):
        located = locate(www, "/repo/", path)
        assert (located.status, located.file) == (404, www / "404.html")


def test_missing_page_without_a_404_page_is_a_bare_404(www):
    (www / "404.html").unlink()
    located = locate(www, "/", "/nope")
    assert (located.status, located.file) == (404, None)


@pytest.mark.parametrize("path", [
    "/../secret.txt", "/repo/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt",
    "/.%2e/secret.txt", "/regions/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret.txt",
    "/..%2Fsecret.txt", "/..%5csecret.txt", "/..\\secret.txt", "/index.html%00",
    "/%ff%fe", "/./index.html",
])
def test_traversal_in_any_spelling_is_refused(www, path):
    located = locate(www, "/", path)
    assert located.status in (400, 404)
    assert located.file in (None, www / "404.html")


def test_symlinks_out_of_the_folder_are_not_followed(www):
    assert locate(www, "/", "/leak.txt").status == 404
    assert locate(www, "/", "/leakdir/secret.txt").status == 404


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["..", ".", "%2e%2e", "%2e", "a", "regions", "leakdir", "secret.txt",
                                 "%2f", "", "index.html", "%2E.", "..%00"]), max_size=6))
def test_no_request_path_reaches_a_file_outside(tmp_path_factory, segments):
    root = tmp_path_factory.getbasetemp() / "prop-site"
    if not root.exists():
        (root / "regions").mkdir(parents=True)
        (root / "index.html").write_text("x", encoding="utf-8")
        (root.parent / "secret.txt").write_text("outside", encoding="utf-8")
        (root / "leakdir").symlink_to(root.parent)
    located = locate(root, "/", "/" + "/".join(segments))
    if located.file is not None:
        located.file.resolve().relative_to(root.resolve())


def test_text_types_say_utf8():
    for name in ("a.html", "feed.xml", "search/index.json", "site.css", "app.js", "map.svg", "robots.txt"):
        assert content_type(Path(name)).endswith("; charset=utf-8"), name
    assert content_type(Path("a.html")).startswith("text/html")
    assert content_type(Path("logo.png")) == "image/png"


def test_only_loopback_hosts_count_as_private():
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.4")
