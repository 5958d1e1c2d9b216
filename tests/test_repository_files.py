"""The files a team hosting the handbook on GitHub relies on: workflow, pre-commit hook, CODEOWNERS."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _runs(job: dict[str, Any]) -> list[str]:
    return [step.get("run", "") for step in job["steps"]]


WORKFLOWS = [ROOT / ".github" / "workflows" / "handbook.yml",
             ROOT / "plugins" / "servicebook" / "tools" / "repository" / "github" / "workflows" / "handbook.yml"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=["this repository", "servicebook init"])
def test_the_workflow_checks_builds_and_summarises_every_pull_request(path: Path) -> None:
    workflow = _load(path)
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    check = workflow["jobs"]["check"]
    runs = _runs(check)
    at = {command: next(i for i, run in enumerate(runs) if command in run)
          for command in ("servicebook check --format github", "mkdocs build --strict", "servicebook diff")}
    diff = check["steps"][at["servicebook diff"]]
    assert diff["if"] == "github.event_name == 'pull_request'"
    assert '>> "$GITHUB_STEP_SUMMARY"' in diff["run"] and "${{" not in diff["run"]  # no expression injection
    assert check["steps"][0]["with"]["fetch-depth"] == 0
    assert at["servicebook check --format github"] < at["mkdocs build --strict"]
    assert "servicebook check 2>&1" in runs[at["servicebook check --format github"]]  # findings in the summary


@pytest.mark.parametrize("path", WORKFLOWS, ids=["this repository", "servicebook init"])
def test_a_reviewer_can_download_the_changed_handbook(path: Path) -> None:
    """Review before merge: the pull request's build is kept as an artifact that opens from a folder."""
    check = _load(path)["jobs"]["check"]
    build = next(step for step in check["steps"] if "mkdocs build --strict" in step.get("run", ""))
    assert build["env"]["SERVICEBOOK_OFFLINE"] == "${{ github.event_name == 'pull_request' }}"
    upload = next(step for step in check["steps"] if step.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["if"] == "github.event_name == 'pull_request'" and upload["with"]["path"] == "site"
    told = next(step for step in check["steps"] if "handbook-preview" in step.get("run", ""))
    assert '>> "$GITHUB_STEP_SUMMARY"' in told["run"]


def test_the_workflow_publishes_the_site_from_main_only() -> None:
    workflow = _load(ROOT / ".github" / "workflows" / "handbook.yml")
    publish = workflow["jobs"]["publish"]
    assert publish["if"] == "github.event_name == 'push'" and publish["needs"] == "check"
    assert publish["permissions"] == {"pages": "write", "id-token": "write"}
    assert any(step.get("uses", "").startswith("actions/deploy-pages@") for step in publish["steps"])
    assert workflow["permissions"] == {"contents": "read"}


def test_the_pre_commit_hook_runs_check() -> None:
    [repo] = _load(ROOT / ".pre-commit-config.yaml")["repos"]
    [hook] = repo["hooks"]
    assert repo["repo"] == "local" and hook["entry"] == "servicebook check" and hook["pass_filenames"] is False
    assert hook["files"] == "^competencies/"


def test_codeowners_is_an_example_only() -> None:
    lines = (ROOT / ".github" / "CODEOWNERS").read_text().splitlines()
    assert lines and all(line.startswith("#") or not line.strip() for line in lines)
