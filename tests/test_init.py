"""`servicebook init`: every starter makes a repository that checks and builds at once; refusals write nothing."""

from __future__ import annotations

import filecmp
import html
import json
import os
import re
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from conftest import ROOT
from servicebook import __version__
from servicebook.tools import init
from servicebook.tools.cli import main
from sitebuild import mkdocs_build
from sync_starters import COPIES

STARTERS = ["contact-centre", "housing", "library"]


def test_list_names_every_starter_with_a_line_each(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", "--list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == STARTERS
    assert any("Northgate Water" in line for line in lines)


@pytest.mark.parametrize("starter", STARTERS)
def test_each_starter_checks_and_builds_strictly(tmp_path: Path, starter: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "handbook"
    assert main(["init", str(target), "--starter", starter, "--site-url", "https://handbook.example.org/"]) == 0
    assert "mkdocs serve" in capsys.readouterr().out
    assert main(["check", "--strict", "--data-dir", str(target / "competencies")]) == 0  # every content check too
    build = mkdocs_build(target)
    assert build.returncode == 0, build.output
    roles = sorted(p.stem for p in (target / "competencies" / "roles").glob("*.yml"))
    assert len(roles) >= 6
    data = target / "competencies"
    for role in roles:
        assert (build.site / "roles" / role / "index.html").is_file()
    grouped = [role for role in roles if "\ngroup: " in (data / "roles" / f"{role}.yml").read_text()]
    assert len(grouped) >= 6
    assert all("we_avoid:" in value.read_text() for value in (data / "values").glob("*.yml"))
    assert len(list((data / "pledges").glob("*.yml"))) >= 3
    assert (build.site / "groups" / "index.html").is_file() and (build.site / "pledges" / "index.html").is_file()
    assert 'class="sb-role-finder' in (build.site / "index.html").read_text()  # staff reach their role in one step
    assert (build.site / "guide" / "staff" / "index.html").is_file()
    assert (target / ".github" / "workflows" / "handbook.yml").is_file()
    assert (target / ".gitignore").read_text().startswith(".venv/")


def test_the_answers_name_the_organisation_everywhere(tmp_path: Path) -> None:
    target = tmp_path / "new"
    init.write(target, init.Answers("library", "Our Handbook: #1", "Eastfield *Council*", ""))
    framework = (target / "competencies" / "framework.yml").read_text()
    assert 'title: "Our Handbook: #1"' in framework and 'organisation: "Eastfield *Council*"' in framework
    starter = (ROOT / "plugins/servicebook/tools/starters/library/framework.yml").read_text()
    assert framework.splitlines()[2:] == starter.splitlines()[2:]  # every other line kept
    config = (target / "mkdocs.yml").read_text()
    assert 'site_name: "Our Handbook: #1"' in config and "# site_url:" in config
    readme = (target / "README.md").read_text()  # the answers are Markdown-escaped there too
    assert "*Council*" not in readme and html.unescape(readme).count("Eastfield *Council*") == 1
    build = mkdocs_build(target)
    assert build.returncode == 0, build.output
    home = html.unescape((build.site / "index.html").read_text())
    assert re.search(r"<h1[^>]*>Our Handbook: #1", home) and "every role at Eastfield *Council*, what" in home
    assert "<title>Our Handbook: #1</title>" in home


def test_options_left_out_are_asked_for_at_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = iter(["Eastfield Libraries", ""])  # the title is kept: Enter alone
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda question: next(answers))
    assert main(["init", str(tmp_path / "h"), "--starter", "library", "--site-name", "Our Handbook"]) == 0
    framework = (tmp_path / "h/competencies/framework.yml").read_text()
    assert 'organisation: "Eastfield Libraries"' in framework and 'title: "Our Handbook"' in framework
    assert "# site_url:" in (tmp_path / "h/mkdocs.yml").read_text()


def test_the_new_folder_has_the_usual_permissions(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        init.write(tmp_path / "h", init.Answers("library"))
    finally:
        os.umask(umask)
    assert (tmp_path / "h").stat().st_mode & 0o777 == 0o755


def test_unchanged_answers_keep_the_starter_bytes(tmp_path: Path) -> None:
    init.write(tmp_path / "h", init.Answers("housing"))
    assert (tmp_path / "h/competencies/framework.yml").read_bytes() == (ROOT / "competencies/framework.yml").read_bytes()


def test_a_template_for_a_file_without_escaping_takes_only_trusted_text() -> None:
    with pytest.raises(TypeError, match="no escaping for that file"):
        init._environment(".txt").from_string("{{ name }}").render(name="<b>")
    assert init._environment(".txt").from_string("{{ v }}").render(v=init.Trusted("1.0")) == "1.0"


def test_editor_settings_point_at_the_written_schemas(tmp_path: Path) -> None:
    init.write(tmp_path / "h", init.Answers("contact-centre"))
    settings = json.loads((tmp_path / "h/.vscode/settings.json").read_text())
    for schema in settings["yaml.schemas"]:
        assert (tmp_path / "h" / schema).is_file()


def test_a_folder_with_anything_in_it_is_refused_and_left_alone(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    assert main(["init", str(tmp_path)]) == 1
    assert "is not empty" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


@pytest.mark.parametrize(("args", "expected"), [
    (["--starter", "hospital"], "there is no starter called 'hospital' — choose one of: contact-centre, housing, library"),
    (["--site-url", "javascript:alert(1)"], "'javascript:alert(1)' is not a web address"),
    (["--organisation", "<b>Us</b>"], "the organisation contains '<' or '>' — names become page titles"),
    (["--organisation", "Us\x07"], "the organisation contains an invisible control character (U+0007)"),
    (["--site-name", "x" * 81], "the site name is 81 characters long; the limit is 80 — shorten it"),
])
def test_bad_answers_are_refused_with_nothing_written(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                      args: list[str], expected: str) -> None:
    assert main(["init", str(tmp_path / "new"), *args]) == 1
    assert expected in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_the_package_copies_match_the_example(tmp_path: Path) -> None:
    """The housing starter is the example handbook; the guides are this handbook's own. Fix: scripts/sync_starters.py."""
    for source, copy in COPIES.items():
        if source.is_dir():
            compared = filecmp.dircmp(source, copy, ignore=["__pycache__", "translations"])
            assert _differences(compared) == [], f"run python scripts/sync_starters.py ({copy})"
        else:
            assert source.read_bytes() == copy.read_bytes(), f"run python scripts/sync_starters.py ({copy})"


def _differences(compared: filecmp.dircmp[str]) -> list[str]:
    found = compared.left_only + compared.right_only + compared.diff_files + compared.funny_files
    for sub in compared.subdirs.values():
        found += _differences(sub)
    return found


def test_version_is_kept_in_one_place(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.strip() == f"servicebook {__version__}"
    assert "version = " not in (ROOT / "pyproject.toml").read_text().split("[tool.setuptools.dynamic]")[0]


@pytest.mark.skipif(os.environ.get("SERVICEBOOK_SKIP_WHEEL") == "1", reason="SERVICEBOOK_SKIP_WHEEL=1")
def test_the_built_wheel_alone_starts_and_builds_a_handbook(tmp_path: Path) -> None:
    """Not editable, not the source tree: what a site owner gets from `pip install`."""
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--sdist", "--outdir", str(dist), str(ROOT)],
                   check=True, capture_output=True, timeout=600)
    wheel = next(dist.glob("servicebook-*.whl"))
    assert next(dist.glob("servicebook-*.tar.gz"))
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(wheel)], check=True, timeout=600,
                   capture_output=True)
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    clean.update(NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")

    def run(*args: str, cwd: Path = tmp_path) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(env_dir / "bin" / args[0]), *args[1:]], cwd=cwd, env=clean, text=True,
                              capture_output=True, timeout=600)

    located = run("python", "-c", "import servicebook; print(servicebook.__file__)")
    assert str(env_dir) in located.stdout and str(ROOT) not in located.stdout
    assert run("servicebook", "--version").stdout.strip() == f"servicebook {__version__}"
    made = run("servicebook", "init", "handbook", "--starter", "library")
    assert made.returncode == 0, made.stderr
    built = run("mkdocs", "build", "--strict", cwd=tmp_path / "handbook")
    assert built.returncode == 0, built.stdout + built.stderr
    assert (tmp_path / "handbook" / "site" / "roles" / "library-assistant" / "index.html").is_file()
    assert (tmp_path / "handbook" / "site" / "assets" / "servicebook" / "servicebook.css").is_file()
