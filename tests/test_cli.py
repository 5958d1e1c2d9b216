"""The `servicebook` command: check in three formats, and render for other builders."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, write_data
from servicebook.tools.cli import main
from sitebuild import mkdocs_build


def test_check_passes_on_good_data(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--data-dir", str(ROOT / "competencies")]) == 0
    out = capsys.readouterr().out  # the example keeps one stale translation on purpose: a warning only
    assert "problem" not in out and "competencies/translations/zh-Hant.po:45:1: zh-Hant: the translation of" in out


def test_content_findings_are_warnings_unless_strict(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert ": warning: levels › 1: level 1 · Foundation has 1 behaviour; this framework asks for at least 2" in out
    assert "(warnings: the site still builds;" in out
    assert main(["check", "--strict", "--data-dir", str(data)]) == 1
    assert ": error: levels › 1:" in capsys.readouterr().out


@pytest.fixture
def broken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_data(tmp_path / "competencies", {"training/foundations.yml": "name: T\nsummary: s\nformat: talk\n"})


def test_check_text(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "competencies/training/foundations.yml:3:9: format: 'talk' is not one of the allowed words (workshop, "
        "e-learning, coaching, visit, project, reading) — use one of: workshop, e-learning, coaching, visit, project, "
        "reading",
        "1 problem found; nothing was published.",
    ]


def test_check_github(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--format", "github"]) == 1
    assert capsys.readouterr().out.startswith(
        "::error file=competencies/training/foundations.yml,line=3,col=9,title=servicebook check::format: 'talk' is "
        "not one of the allowed words")


def test_check_json(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--format", "json"]) == 1
    [problem] = json.loads(capsys.readouterr().out)
    assert problem["file"] == "competencies/training/foundations.yml"
    assert (problem["line"], problem["column"]) == (3, 9)
    assert problem["hint"].startswith("use one of")


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["check", "--format", "xml"])
    assert exit_.value.code == 2


def test_render_writes_the_same_pages_and_a_plain_build_accepts_them(tmp_path: Path) -> None:
    out = tmp_path / "project" / "docs"
    assert main(["render", "--data-dir", str(FIXTURES / "small"), "--out", str(out)]) == 0
    assert (out / "roles" / "frontline.md").read_text() == (Path(__file__).parent / "golden" / "roles" /
                                                            "frontline.md").read_text()
    assert (out / "roles" / "front-line" / "index.html").is_file()
    (tmp_path / "project" / "mkdocs.yml").write_text("site_name: Plain\ntheme:\n  name: material\n  font: false\n"
                                                     "markdown_extensions:\n  - attr_list\n")
    build = mkdocs_build(tmp_path / "project")
    assert build.returncode == 0, build.output
    assert "#competency-listening" in build.page("matrix") or "competency-listening" in build.page("matrix")


def test_render_never_replaces_a_folder_it_did_not_write(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "content"
    out.mkdir()
    (out / "index.md").write_text("# Precious\n")
    assert main(["render", "--data-dir", str(FIXTURES / "small"), "--out", str(out)]) == 2
    assert (out / "index.md").read_text() == "# Precious\n"
    assert main(["render", "--data-dir", str(FIXTURES / "small"), "--out", str(tmp_path / "new")]) == 0
    assert main(["render", "--data-dir", str(FIXTURES / "small"), "--out", str(tmp_path / "new")]) == 0


def test_render_with_bad_data_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = write_data(tmp_path / "data", {"roles/leader.yml": "name: [x]\n"})
    assert main(["render", "--data-dir", str(data), "--out", str(tmp_path / "out")]) == 1
    assert not (tmp_path / "out").exists()
    assert "roles/leader.yml:1:7: name: should be text" in capsys.readouterr().err


def test_the_console_script_runs(data: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "servicebook.tools.cli", "check", "--data-dir", str(data)],
                            capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
