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


# --------------------------------------------------------------------------- the running server

BASE = "/repo-name/"
DEADLINE = 120  # seconds; generous for a cold jieba start on a slow CI machine


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(condition, timeout: float = DEADLINE, what: str = "condition"):
    """Poll `condition` until it returns something truthy; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    pytest.fail(f"timed out waiting for {what}")


class Served:
    """`sitegen serve` running in a subprocess on a copy of the seeds."""

    def __init__(self, site: Path, port: int) -> None:
        self.site, self.port = site, port
        self.stderr_path = site / "serve.stderr"
        env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONWARNINGS": "ignore"}
        with self.stderr_path.open("wb") as stderr:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "sitegen", "serve", "--port", str(port), "--no-open",
                 "--base-url", BASE],
                cwd=site, env=env, stdout=subprocess.DEVNULL, stderr=stderr,
            )
        wait_until(lambda: self.alive() and self.get(BASE)[0] == 200, what="the first build")

    def alive(self) -> bool:
        if self.process.poll() is not None:
            pytest.fail(f"server exited with {self.process.returncode}:\n{self.stderr()}")
        return True

    def stderr(self) -> str:
        return self.stderr_path.read_text(encoding="utf-8", errors="replace")

    def get(self, raw_path: str) -> tuple[int, dict[str, str], str]:
        """GET a raw path, exactly as written (no client-side `..` clean-up)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.request("GET", raw_path)
            response = connection.getresponse()
            body = response.read().decode("utf-8", errors="replace")
            return response.status, {k.lower(): v for k, v in response.getheaders()}, body
        except OSError:
            return 0, {}, ""
        finally:
            connection.close()

    def page_shows(self, path: str, text: str) -> bool:
        return self.alive() and text in self.get(path)[2]

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout=60)


def write_source(path: Path, title: str, body: str = "") -> None:
    body = body or f"{title}在杭州举行，发布了新一代人工智能算力平台，吸引众多企业参加。"
    path.write_text(f"---\ntitle: {title}\ndate: 2025-06-01\npublisher: 测试社\n---\n\n{body}\n",
                    encoding="utf-8")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    site = tmp_path_factory.mktemp("served-site")
    shutil.copytree(REPO / "seeds", site / "seeds")
    (site / "secret.txt").write_text("TOP-SECRET-OUTSIDE-THE-SITE", encoding="utf-8")
    server = Served(site, free_port())
    yield server
    server.stop()


def test_pages_answer_under_the_base_path(served):
    status, headers, body = served.get(BASE)
    assert status == 200
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert "livereload.js" in body
    status, headers, _ = served.get("/")
    assert (status, headers["location"]) == (302, BASE)
    status, headers, _ = served.get(BASE + "static/style.css")
    assert (status, headers["content-type"]) == (200, "text/css; charset=utf-8")
    status, headers, _ = served.get(BASE + "feed.xml")
    assert (status, headers["content-type"]) == (200, "application/xml; charset=utf-8")


def test_missing_page_gets_the_sites_404_page(served):
    status, _, body = served.get(BASE + "no/such/page.html")
    assert status == 404
    assert "<main" in body


@pytest.mark.parametrize("path", [
    "/../secret.txt", BASE + "../secret.txt", BASE + "../../secret.txt",
    BASE + "%2e%2e/secret.txt", BASE + "%2e%2e/%2e%2e/secret.txt", "/%2e%2e/secret.txt",
    BASE + "..%2fsecret.txt", BASE + "%2E%2E%2Fsecret.txt", BASE + "..%5csecret.txt",
    BASE + "%2e%2e/seeds/", "/secret.txt",
])
def test_traversal_never_reads_outside_the_site(served, path):
    status, _, body = served.get(path)
    assert status in (400, 404)
    assert "TOP-SECRET" not in body


def test_an_edited_source_shows_up_after_the_rebuild(served):
    source = served.site / "seeds" / "zz-live-edit.md"
    write_source(source, "预览测试甲号文章")
    wait_until(lambda: served.page_shows(BASE, "预览测试甲号文章"), what="the new source")
    started = time.monotonic()
    write_source(source, "预览测试乙号文章")
    wait_until(lambda: served.page_shows(BASE, "预览测试乙号文章"), what="the edit")
    print(f"edit-to-served time: {time.monotonic() - started:.2f} s")
    assert "预览测试甲号文章" not in served.get(BASE)[2]
    source.unlink()
    wait_until(lambda: "预览测试乙号文章" not in served.get(BASE)[2], what="the removal")


def test_a_broken_source_keeps_the_server_up_shows_a_banner_and_clears_when_fixed(served):
    source = served.site / "seeds" / "zz-breaks.md"
    write_source(source, "会出错的资料")
    wait_until(lambda: served.page_shows(BASE, "会出错的资料"), what="the good version")
    source.write_bytes(b"\x00\x9f\xff\xfe\x00" * 400)
    wait_until(lambda: served.page_shows(BASE, 'class="build-errors"'), what="the error banner")
    _, _, body = served.get(BASE)
    assert "zz-breaks.md" in body
    assert "会出错的资料" in body  # the last good version is still on the site
    wait_until(lambda: "seeds/zz-breaks.md" in served.stderr(), what="the error in the terminal")
    write_source(source, "已修好的资料")
    wait_until(lambda: served.page_shows(BASE, "已修好的资料"), what="the fixed version")
    assert 'class="build-errors"' not in served.get(BASE)[2]
    assert "Traceback" not in served.stderr()
    source.unlink()


def test_a_stylesheet_change_is_swapped_in_without_a_page_rebuild(tmp_path):
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    (tmp_path / "static").mkdir()
    sheet = tmp_path / "static" / "extra.css"
    sheet.write_text("body { color: black; }\n", encoding="utf-8")
    server = Served(tmp_path, free_port())
    try:
        assert "color: black" in server.get(BASE + "static/extra.css")[2]
        sheet.write_text("body { color: teal; }\n", encoding="utf-8")
        wait_until(lambda: server.page_shows(BASE + "static/extra.css", "color: teal"), what="the new CSS")
        assert "stylesheet updated" in server.stderr()
    finally:
        server.stop()


def test_sigint_stops_the_server_cleanly(tmp_path):
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    server = Served(tmp_path, free_port())
    assert server.stop() == 0
    assert "Traceback" not in server.stderr()


def test_a_taken_port_is_a_one_line_error(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        result = subprocess.run(
            [sys.executable, "-m", "sitegen", "serve", "--port", str(port), "--no-open"],
            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60,
        )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"127.0.0.1:{port}" in result.stderr


def test_a_settings_change_rebuilds_with_the_new_settings(served):
    settings_file = served.site / "sitegen.toml"
    settings_file.write_text('title = "改过名字的简报"\n', encoding="utf-8")
    wait_until(lambda: served.page_shows(BASE, "改过名字的简报"), what="the new title")
    settings_file.write_text('title = "改过名字的简报\n', encoding="utf-8")  # broken TOML
    wait_until(lambda: "keeping the previous settings" in served.stderr(), what="the settings error")
    assert served.page_shows(BASE, "改过名字的简报")
    settings_file.unlink()
    wait_until(lambda: "改过名字的简报" not in served.get(BASE)[2], what="the default title")


def test_binding_beyond_loopback_warns_first(tmp_path):
    import io

    from sitegen.config import load_settings
    from sitegen.serve import ServeError, serve

    stream = io.StringIO()
    with socket.socket() as taken:
        taken.bind(("0.0.0.0", 0))
        taken.listen()
        with pytest.raises(ServeError):
            serve(lambda: load_settings(tmp_path), host="0.0.0.0", port=taken.getsockname()[1],
                  open_browser=False, stream=stream)
    assert "warning: serving on 0.0.0.0" in stream.getvalue()


def test_editor_noise_and_names_the_source_folder_ignores_start_no_rebuild():
    from sitegen.serve import _is_editor_noise

    for name in ("seeds/.report.md.swp", "seeds/report.md~", "seeds/~$报告.docx", "seeds/Thumbs.db"):
        assert _is_editor_noise(name), name
    assert not _is_editor_noise("seeds/报告.docx")
