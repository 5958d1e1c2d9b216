"""`new`, `rename`, `diff` and `check` for format 1.1: staff groups and pledges."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import FIXTURES
from servicebook.tools.cli import main


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=HR", "-c", "user.email=hr@example.org", *args], cwd=cwd, check=True,
                   capture_output=True)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The 1.1 fixture as `competencies/` in a git repository of its own."""
    shutil.copytree(FIXTURES / "groups", tmp_path / "competencies")
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-qm", "start")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764460800")  # 2025-11-30
    return tmp_path / "competencies"


def test_new_pledge_is_valid_once_its_placeholder_is_replaced(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "pledge", "Answering letters"]) == 0
    path = repo / "pledges" / "answering-letters.yml"
    text = path.read_text()
    assert 'name: "Answering letters"' in text and "\nmeasures:\n" in text
    assert "(1.1)" not in text  # format versions are for the reference page, not HR's new file
    capsys.readouterr()
    assert main(["check"]) == 1
    assert "statement: still holds a placeholder" in capsys.readouterr().out
    path.write_text(re.sub(r'statement: "TODO:[^"]*"', "statement: We reply within 10 working days.", text))
    assert main(["check"]) == 0


def test_new_group_is_added_to_framework_yml_and_warned_about_until_a_role_joins(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (repo / "framework.yml").read_text()
    assert main(["new", "group", "Back-office teams"]) == 0
    after = (repo / "framework.yml").read_text()
    assert after.startswith(before.split("review_every_months")[0])
    assert '  - id: back-office-teams\n    name: "Back-office teams"\n' in after
    framework = repo / "framework.yml"
    framework.write_text(re.sub(r'summary: "TODO:[^"]*"', "summary: Teams behind the counter.", after))
    capsys.readouterr()
    assert main(["check"]) == 1
    assert "no role belongs to the group 'back-office-teams'" in capsys.readouterr().out
    analyst = repo / "roles" / "analyst.yml"
    analyst.write_text(analyst.read_text() + "group: back-office-teams\n")
    assert main(["check"]) == 0


def test_new_group_refuses_an_existing_id(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (repo / "framework.yml").read_bytes()
    assert main(["new", "group", "Frontline"]) == 1
    assert (repo / "framework.yml").read_bytes() == before
    assert "already has a group 'frontline'" in capsys.readouterr().err


def test_rename_group_changes_framework_and_every_reference(repo: Path) -> None:
    assert main(["rename", "group", "frontline", "frontline-staff"]) == 0
    assert "  - id: frontline-staff\n" in (repo / "framework.yml").read_text()
    assert "group: frontline-staff\n" in (repo / "roles" / "cashier.yml").read_text()
    assert "for_groups: [frontline-staff, leaders]" in (repo / "training" / "coaching.yml").read_text()
    assert "groups: [frontline-staff]" in (repo / "pledges" / "answering-calls.yml").read_text()
    assert main(["check"]) == 0


def test_rename_pledge_keeps_the_old_id_as_an_alias(repo: Path) -> None:
    assert main(["rename", "pledge", "putting-it-right", "apologies"]) == 0
    assert "aliases: [putting-it-right]" in (repo / "pledges" / "apologies.yml").read_text()


def test_check_lists_reviews_due_without_failing(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--format", "json"]) == 0
    [due] = [entry for entry in json.loads(capsys.readouterr().out) if entry.get("level") == "notice"]
    assert (due["file"], due["level"]) == ("competencies/pledges/answering-calls.yml", "notice")
    assert main(["check", "--format", "github"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith("::notice file=competencies/pledges/answering-calls.yml,line=14,col=11") for line in lines)


def test_diff_tells_group_moves_and_target_changes(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    analyst = repo / "roles" / "analyst.yml"
    analyst.write_text(analyst.read_text() + "group: frontline\n")
    leader = repo / "roles" / "leader.yml"
    leader.write_text(leader.read_text().replace("group: leaders\n", ""))
    pledge = repo / "pledges" / "answering-calls.yml"
    pledge.write_text(pledge.read_text().replace("target: 90%", "target: 95%").replace("roles: [analyst]\n", ""))
    framework = repo / "framework.yml"
    framework.write_text(framework.read_text().replace("name: Customer service leaders", "name: Service leaders"))
    capsys.readouterr()
    assert main(["diff", "HEAD"]) == 0
    lines = capsys.readouterr().out.splitlines()
    for line in [
        "- Staff group `leaders` renamed from “Customer service leaders” to “Service leaders”.",
        "  - Performance analyst moved to the group “Frontline staff”.",
        "  - Customer service leader is no longer in a staff group (was “Customer service leaders”).",
        "  - “Calls answered within 30 seconds”: pledge target changed from 90% to 95%.",
    ]:
        assert line in lines, (line, lines)
