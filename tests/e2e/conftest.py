"""Browser-test fixtures: the seeds site built under a sub-path, served over HTTP,
and a headless Debian Chromium driven by Playwright.

The site is served from `/repo-name/` exactly as GitHub Pages serves a project
site, so links that forget the base URL break here as they would there.
"""

from __future__ import annotations

import functools
import os
import http.server
import threading
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BASE_PATH = "/repo-name/"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
ARTIFACTS = REPO / "tests" / "artifacts"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The seeds built with `--base-url /repo-name/` into `<tmp>/www/repo-name/`."""
    from sitegen.build import build
    from sitegen.config import load_settings

    www = tmp_path_factory.mktemp("www")
    out = www / BASE_PATH.strip("/")
    settings = load_settings(REPO, base_url=BASE_PATH, cache_dir=str(www.parent / "cache"))
    build(settings, out_dir=out)
    return www


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        pass


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    """`http://127.0.0.1:PORT/repo-name/` serving the built seeds site."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}{BASE_PATH}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is not installed (apt-get install chromium)"
        if os.environ.get("SITEGEN_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh page that fails the test on console errors and records every request."""
    context = browser.new_context()
    page = context.new_page()
    page.console_errors = []
    page.requests = []
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    page.on("request", lambda r: page.requests.append(r.url))
    yield page
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where browser tests save screenshots for people to look at (ignored by git)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
