"""Fixtures shared by the build, cache and incremental tests."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import sitegen.analyse.article as analyse_module
import sitegen.build as build_module
import sitegen.parallel as parallel_module

REPO = Path(__file__).resolve().parents[1]

# No property test is timed: on a shared 2-core machine the first example of a
# test (which loads tables lazily) can take longer than any fixed deadline.
settings.register_profile("sitegen", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("sitegen")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A site folder holding a copy of the seeds and no settings: all defaults."""
    shutil.copytree(REPO / "seeds", tmp_path / "seeds")
    return tmp_path


@pytest.fixture
def counted(monkeypatch):
    """Counts of read_source and analyse_article calls made by the Builder.

    Only calls in this process can be counted, so the builds observed run in
    one process (a cold build would otherwise analyse in forked workers)."""
    monkeypatch.setattr(parallel_module, "default_jobs", lambda: 1)
    counts = {"read": 0, "analyse": 0}

    def counting(name, function):
        def wrapper(*args, **kwargs):
            counts[name] += 1
            return function(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(build_module, "read_source", counting("read", build_module.read_source))
    monkeypatch.setattr(analyse_module, "analyse_article", counting("analyse", analyse_module.analyse_article))
    return counts


def passed_in_a_process_of_its_own(request: pytest.FixtureRequest) -> bool | None:
    """Run the calling test again in a fresh pytest process when this one has
    threads running (the browser tests' session keeps some), because sitegen
    never forks then and the test is about what a fork does; True once it
    passed there, None when this process may fork and the test should go on."""
    if threading.active_count() == 1:
        return None
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", request.node.nodeid],
                         cwd=REPO, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-4000:]
    return True
