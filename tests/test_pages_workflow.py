"""The GitHub Pages workflow: it parses, and it builds with the Pages base path and deploys."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

WORKFLOW = Path(__file__).resolve().parents[1] / ".github" / "workflows" / "pages.yml"

# Oldest major version of each action that is still current; older ones run on a
# retired Node.js runtime or an artifact format Pages no longer accepts.
CURRENT_MAJORS = {
    "actions/checkout": 6,
    "actions/setup-python": 6,
    "actions/configure-pages": 6,
    "actions/upload-pages-artifact": 5,
    "actions/deploy-pages": 5,
}


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps(workflow: dict, job: str) -> list[dict]:
    return workflow["jobs"][job]["steps"]


def step_using(workflow: dict, job: str, action: str) -> dict:
    [step] = [s for s in steps(workflow, job) if s.get("uses", "").startswith(action + "@")]
    return step


def test_runs_on_push_to_main_and_by_hand(workflow):
    # YAML 1.1 reads the bare key `on` as the boolean True.
    triggers = workflow.get("on", workflow.get(True))
    assert triggers["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in triggers


def test_has_the_permissions_pages_needs_and_no_more(workflow):
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert workflow["concurrency"]["group"] == "pages"


def test_every_action_is_a_current_major_version(workflow):
    used = {}
    for job in workflow["jobs"]:
        for step in steps(workflow, job):
            if "uses" in step:
                name, _, version = step["uses"].partition("@")
                used[name] = int(re.fullmatch(r"v(\d+)", version).group(1))
    assert set(used) == set(CURRENT_MAJORS)
    for name, major in used.items():
        assert major >= CURRENT_MAJORS[name], name


def test_build_uses_the_base_path_from_the_pages_configuration(workflow):
    configure = step_using(workflow, "build", "actions/configure-pages")
    run = " ".join(s.get("run", "") for s in steps(workflow, "build"))
    assert "pip install ." in run
    assert f'--base-url "${{{{ steps.{configure["id"]}.outputs.base_path }}}}/"' in run
    assert run.index("pip install .") < run.index("sitegen build")
    order = [s.get("uses", s.get("run", "")) for s in steps(workflow, "build")]
    assert order.index(configure["uses"]) < next(i for i, s in enumerate(order) if "sitegen build" in s)


def test_uploads_the_output_folder_and_deploys_it(workflow):
    upload = step_using(workflow, "build", "actions/upload-pages-artifact")
    assert upload["with"]["path"] == "site"
    deploy_job = workflow["jobs"]["deploy"]
    assert deploy_job["needs"] == "build"
    deploy = step_using(workflow, "deploy", "actions/deploy-pages")
    assert deploy_job["environment"]["name"] == "github-pages"
    assert deploy_job["environment"]["url"] == f"${{{{ steps.{deploy['id']}.outputs.page_url }}}}"


def test_sets_up_a_python_the_package_supports(workflow):
    setup = step_using(workflow, "build", "actions/setup-python")
    major, minor = (int(x) for x in str(setup["with"]["python-version"]).split("."))
    assert (major, minor) >= (3, 10)
