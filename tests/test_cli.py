"""The command line, run as a user runs it: `python -m sitegen …` in a subprocess.

Each test works on its own small site folder (a copy of a few seeds or hand-made
sources) so exit codes and messages are those of the real entry point.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sitegen import __version__
from sitegen.cli import source_file_name

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"


def sitegen(*args: str, cwd: Path, timeout: float = 180) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONWARNINGS": "ignore"}
    return subprocess.run(
        [sys.executable, "-m", "sitegen", *args], cwd=cwd, env=env,
        capture_output=True, text=True, timeout=timeout,
    )


def one_line_errors(stderr: str) -> None:
    assert "Traceback" not in stderr
    assert stderr.strip() and len(stderr.strip().splitlines()) == 1, stderr


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A site folder with a copy of the seeds and no settings file."""
    shutil.copytree(SEEDS, tmp_path / "seeds")
    return tmp_path


# --------------------------------------------------------------------------- version, usage


def test_version_is_printed_by_both_entry_points(tmp_path):
    module = sitegen("--version", cwd=tmp_path)
    script = subprocess.run(  # what the `sitegen` console script runs
        [sys.executable, "-c", "from sitegen.cli import run; run()", "--version"],
        cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(REPO)}, capture_output=True, text=True,
    )
    for result in (module, script):
        assert result.returncode == 0
        assert result.stdout.strip() == f"sitegen {__version__}"


def test_console_script_entry_point_is_the_cli_run():
    from sitegen.config import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["scripts"]["sitegen"] == "sitegen.cli:run"


def test_unknown_command_and_bad_flag_are_usage_errors(tmp_path):
    assert sitegen("frobnicate", cwd=tmp_path).returncode == 2
    assert sitegen("build", "--no-such-flag", cwd=tmp_path).returncode == 2
    assert sitegen("serve", "--port", "99999", "--no-open", cwd=tmp_path).returncode == 2


# --------------------------------------------------------------------------- settings errors


def test_broken_settings_file_is_one_line_with_its_line_number(tmp_path):
    (tmp_path / "sitegen.toml").write_text('title = "x"\nbase_url = \n', encoding="utf-8")
    result = sitegen("build", cwd=tmp_path)
    assert result.returncode == 2
    one_line_errors(result.stderr)
    assert result.stderr.startswith(f"{tmp_path / 'sitegen.toml'}:2: ")


def test_unknown_setting_is_a_settings_error(tmp_path):
    (tmp_path / "sitegen.toml").write_text('titel = "typo"\n', encoding="utf-8")
    result = sitegen("check", cwd=tmp_path)
    assert result.returncode == 2
    one_line_errors(result.stderr)
    assert "titel" in result.stderr


def test_broken_taxonomy_file_is_a_settings_error(site):
    (site / "taxonomies").mkdir()
    (site / "taxonomies" / "regions.toml").write_text("[[region]\n", encoding="utf-8")
    result = sitegen("build", cwd=site)
    assert result.returncode == 2
    one_line_errors(result.stderr)
    assert "regions.toml" in result.stderr


# --------------------------------------------------------------------------- build


def test_build_writes_the_site_and_a_one_line_summary(site):
    result = sitegen("build", "--out", "public", "--base-url", "/repo-name/", cwd=site)
    assert result.returncode == 0, result.stderr
    assert (site / "public" / "index.html").is_file()
    [summary] = result.stdout.strip().splitlines()
    for word in ("sources read", "articles", "regions", "topics", "events", "warnings", " s"):
        assert word in summary
    assert "Traceback" not in result.stderr


def test_quiet_build_prints_nothing_on_stdout(site):
    result = sitegen("build", "-q", cwd=site)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""


def test_verbose_build_shows_stage_timings(site):
    result = sitegen("build", "-v", cwd=site)
    assert result.returncode == 0, result.stderr
    assert "render" in result.stderr and "analyse" in result.stderr


def test_bad_source_is_reported_but_the_rest_is_built(site):
    (site / "seeds" / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    result = sitegen("build", cwd=site)
    assert result.returncode == 0
    assert "seeds/broken.txt" in result.stderr and "Traceback" not in result.stderr
    assert (site / "site" / "index.html").is_file()


def test_strict_build_fails_on_any_source_problem(site):
    (site / "seeds" / "empty.txt").write_bytes(b"")
    result = sitegen("build", "--strict", cwd=site)
    assert result.returncode == 1
    assert "seeds/empty.txt" in result.stderr


def test_nothing_to_build_exits_1(tmp_path):
    (tmp_path / "seeds").mkdir()
    result = sitegen("build", cwd=tmp_path)
    assert result.returncode == 1
    assert "nothing could be built" in result.stderr


def test_source_option_and_root_option_choose_the_folders(site, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    shutil.move(site / "seeds", elsewhere / "sources")
    result = sitegen("build", "--root", str(site), "--source", str(elsewhere / "sources"),
                     cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    assert (site / "site" / "index.html").is_file()


# --------------------------------------------------------------------------- check


def test_check_passes_on_the_seeds(site):
    result = sitegen("check", "--base-url", "/repo-name/", cwd=site)
    assert "Traceback" not in result.stderr
    link_problems = [line for line in result.stderr.splitlines() if ".html:" in line]
    assert link_problems == []


def test_check_fails_on_a_planted_broken_link(site):
    (site / "templates").mkdir()
    (site / "templates" / "404.html").write_text(
        '{% extends "base.html" %}{% block content %}<p>缺页</p>'
        '<a href="{{ url("no/such/page.html") }}">坏链接</a>{% endblock %}',
        encoding="utf-8",
    )
    result = sitegen("check", cwd=site)
    assert result.returncode == 1
    assert "404.html: " in result.stderr and "no/such/page.html" in result.stderr


def test_check_reports_sources_with_warnings(site):
    (site / "seeds" / "empty.txt").write_bytes(b"")
    result = sitegen("check", cwd=site)
    assert result.returncode == 1
    assert "seeds/empty.txt" in result.stderr


def test_check_leaves_no_output_folder_behind(site):
    sitegen("check", cwd=site)
    assert not (site / "site").exists()


# --------------------------------------------------------------------------- inspect


def test_inspect_describes_one_source(site):
    seed = sorted((site / "seeds").iterdir())[3]
    result = sitegen("inspect", str(seed), cwd=site)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()


def test_inspect_of_a_missing_file_is_a_usage_error(site):
    result = sitegen("inspect", "seeds/nope.md", cwd=site)
    assert result.returncode == 2
    one_line_errors(result.stderr)
    assert result.stderr.startswith("seeds/nope.md: ")


# --------------------------------------------------------------------------- new


def test_new_creates_a_markdown_source_with_front_matter(tmp_path):
    result = sitegen("new", "深圳人工智能大会", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    path = tmp_path / "seeds" / "shen-zhen-ren-gong-zhi-neng-da-hui.md"
    text = path.read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["title"] == "深圳人工智能大会"
    assert front["date"] == dt.date.today()
    assert set(front) == {"title", "date", "publisher", "tags", "description"}


def test_new_refuses_to_overwrite(tmp_path):
    assert sitegen("new", "OptoChat 发布", cwd=tmp_path).returncode == 0
    path = tmp_path / "seeds" / "optochat-fa-bu.md"
    path.write_text("my edits", encoding="utf-8")
    result = sitegen("new", "OptoChat 发布", cwd=tmp_path)
    assert result.returncode == 1
    assert path.read_text(encoding="utf-8") == "my edits"


def test_new_source_builds(tmp_path):
    sitegen("new", "测试资料", cwd=tmp_path)
    path = tmp_path / "seeds" / "ce-shi-zi-liao.md"
    path.write_text(path.read_text(encoding="utf-8") + "杭州举行人工智能大会，发布新一代算力平台。\n",
                    encoding="utf-8")
    result = sitegen("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "测试资料" in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("name, stem", [
    ("../../etc/passwd", "etc-passwd"),
    ("<script>alert(1)</script>", "script-alert-1-script"),
    ("...", "source"),
    ("Café 发布会", "cafe-fa-bu-hui"),
])
def test_new_file_names_are_safe_ascii(name, stem):
    assert source_file_name(name) == stem
