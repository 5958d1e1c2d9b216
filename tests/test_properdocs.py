"""The example handbook builds with ProperDocs, the maintained continuation of MkDocs 1.x, as it does with MkDocs."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sitebuild import copy_example, mkdocs_build

pytestmark = pytest.mark.skipif(importlib.util.find_spec("properdocs") is None,
                                reason="ProperDocs is not installed: pip install -e '.[test]' installs it")


def properdocs_build(project: Path, site: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    return subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml",
                           "--site-dir", str(site)], cwd=project, capture_output=True, text=True, env=env,
                          timeout=300)


def _page(path: Path) -> str:
    """A built page without the generator's name, the one line the two builders write differently."""
    if path.suffix == ".xlsx":
        return path.read_bytes().hex()
    return re.sub(r'<meta name="generator"[^>]*>', "", path.read_text(encoding="utf-8"))


def _files(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}


def test_the_example_builds_with_properdocs_as_with_mkdocs(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "handbook")
    built = properdocs_build(project, tmp_path / "properdocs")
    assert built.returncode == 0, built.stdout + built.stderr
    assert "WARNING" not in built.stdout + built.stderr
    reference = mkdocs_build(project)
    assert reference.returncode == 0, reference.output
    assert _files(tmp_path / "properdocs") == _files(reference.site)
    assert "<h1 id=\"trainer\">Trainer" in (tmp_path / "properdocs" / "roles/trainer/index.html").read_text()
    for page in sorted(_files(reference.site)):
        if page.endswith((".html", ".json", ".xlsx")):
            assert _page(tmp_path / "properdocs" / page) == _page(reference.site / page), page


def test_properdocs_refuses_bad_data_like_mkdocs(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "handbook")
    role = project / "competencies" / "roles" / "trainer.yml"
    role.write_text(role.read_text().replace("name: Trainer", "name: Trainer\nname: Again"))
    built = properdocs_build(project, tmp_path / "site")
    assert built.returncode != 0
    assert "competencies/roles/trainer.yml:2:1: 'name' is given twice" in built.stdout + built.stderr
    assert not (tmp_path / "site" / "roles").exists()


def test_rendered_pages_build_with_properdocs_without_the_plugin(tmp_path: Path) -> None:
    from conftest import ROOT
    from servicebook.tools.cli import main

    project = tmp_path / "project"
    assert main(["render", "--data-dir", str(ROOT / "competencies"), "--out", str(project / "docs")]) == 0
    (project / "mkdocs.yml").write_text("site_name: Plain\ntheme:\n  name: material\n  font: false\n"
                                        "markdown_extensions:\n  - attr_list\n"
                                        "extra_css: [assets/servicebook/servicebook.css]\n"
                                        "extra_javascript: [assets/servicebook/servicebook.js]\n")
    built = properdocs_build(project, tmp_path / "site")
    assert built.returncode == 0, built.stdout + built.stderr
    assert 'id="cluster-serving-customers"' in (tmp_path / "site" / "library" / "index.html").read_text()
    assert (tmp_path / "site" / "data" / "handbook.xlsx").read_bytes()[:2] == b"PK"
