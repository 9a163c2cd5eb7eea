"""In a real browser: the page reloads by itself after a source edit, and a stylesheet
edit restyles the open page without reloading it."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BASE = "/repo-name/"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


OUTLINE = "\nmain { outline: %dpx solid red; }\n"


def theme_stylesheet() -> str:
    """The default theme's `style.css`, which a site overrides by its own `static/style.css`."""
    from sitegen.render.env import static_dirs

    sheets = [folder / "style.css" for folder in static_dirs(None) if (folder / "style.css").is_file()]
    return sheets[-1].read_text(encoding="utf-8")


@pytest.fixture
def server(tmp_path):
    """`sitegen serve` on a copy of the seeds plus a stylesheet of the site's own."""
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "style.css").write_text(theme_stylesheet() + OUTLINE % 0, encoding="utf-8")
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONWARNINGS": "ignore"}
    log = (tmp_path / "serve.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "sitegen", "serve", "--port", str(port), "--no-open", "--base-url", BASE],
        cwd=tmp_path, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}{BASE}"
    deadline = time.monotonic() + 120
    while not answers(url):
        assert process.poll() is None, (tmp_path / "serve.log").read_text(errors="replace")
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield tmp_path, url
    process.send_signal(signal.SIGINT)
    process.wait(timeout=60)
    log.close()


def connected(page) -> None:
    """Wait until livereload.js has finished its handshake, so no reload can be missed."""
    page.wait_for_function(
        "() => window.LiveReload && window.LiveReload.connector"
        " && window.LiveReload.connector.protocol > 0", timeout=30_000,
    )


def test_page_reloads_by_itself_after_a_source_edit(server, page):
    site, url = server
    page.goto(url)
    connected(page)
    page.evaluate("window.__beforeEdit = true")
    source = site / "seeds" / "zz-browser.md"
    started = time.monotonic()
    source.write_text("---\ntitle: 浏览器自动刷新测试\ndate: 2025-06-02\n---\n\n"
                      "浏览器自动刷新测试在杭州举行，发布人工智能算力平台。\n", encoding="utf-8")
    page.wait_for_function("() => document.body.innerText.includes('浏览器自动刷新测试')", timeout=60_000)
    print(f"edit-to-reload in the browser: {time.monotonic() - started:.2f} s")
    assert page.evaluate("window.__beforeEdit === undefined")  # a real reload, not a DOM patch


def test_a_stylesheet_edit_restyles_without_a_reload(server, page):
    site, url = server
    page.goto(url)
    connected(page)
    page.evaluate("window.__beforeEdit = true")
    assert page.evaluate("getComputedStyle(document.querySelector('main')).outlineWidth") == "0px"
    (site / "static" / "style.css").write_text(theme_stylesheet() + OUTLINE % 7, encoding="utf-8")
    page.wait_for_function(
        "() => getComputedStyle(document.querySelector('main')).outlineWidth === '7px'", timeout=60_000,
    )
    assert page.evaluate("window.__beforeEdit === true")  # restyled in place, not reloaded
