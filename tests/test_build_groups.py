"""Real strict builds for format 1.1: one mkdocs.yml serves a version 1 framework and a 1.1 one."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import FIXTURES, ROOT
from sitebuild import copy_example, mkdocs_build


def _project(tmp_path: Path, data: str) -> Path:
    """The example's config and docs, with one of the test fixtures as its data."""
    project = copy_example(tmp_path / "project")
    shutil.rmtree(project / "competencies")
    shutil.copytree(FIXTURES / data, project / "competencies")
    return project


def test_a_version_1_framework_builds_without_group_or_pledge_sections(tmp_path: Path) -> None:
    project = _project(tmp_path, "small")
    (project / "content" / "index.md").write_text("# Home\n")  # the example's home links to its groups and pledges
    build = mkdocs_build(project)
    assert build.returncode == 0, build.output
    assert "WARNING" not in build.output.replace("WARNING  -  servicebook: mkdocs.yml has no site_url", "")
    assert not (build.site / "groups").exists() and not (build.site / "pledges").exists()
    home = (build.site / "index.html").read_text(encoding="utf-8")
    assert "Staff groups" not in home and "Service pledges" not in home
    assert 'id="pledges"' not in build.page("roles/frontline")


def test_a_1_1_framework_builds_every_page_anchor_and_reverse_link(tmp_path: Path) -> None:
    build = mkdocs_build(_project(tmp_path, "groups"))
    assert build.returncode == 0, build.output
    for address in ["groups", "groups/frontline", "groups/leaders", "pledges", "pledges/answering-calls"]:
        assert (build.site / address / "index.html").is_file(), address
    role = build.page("roles/frontline")
    assert 'id="pledges"' in role and 'href="../../pledges/answering-calls/"' in role
    assert 'href="../../groups/frontline/"' in role
    assert 'href="../../pledges/answering-calls/"' in build.page("library/listening")
    group = build.page("groups/frontline")
    assert 'href="../../roles/cashier/"' in group and 'id="profile"' in group and 'id="pledges"' in group
    assert "Or the shorter version" in role
    assert "Service foundations online" in build.page("training/foundations")
    assert "location.replace" in (build.site / "pledges" / "calls" / "index.html").read_text(encoding="utf-8")
    home = (build.site / "index.html").read_text(encoding="utf-8")
    assert "Staff groups" in home and "Service pledges" in home
    found = {entry["location"] for entry in build.search_index() if "30 seconds" in entry["text"]}
    assert "pledges/answering-calls/" in found


def test_a_group_without_roles_stops_a_strict_build_with_its_place(tmp_path: Path) -> None:
    project = _project(tmp_path, "groups")
    framework = project / "competencies" / "framework.yml"
    framework.write_text(framework.read_text().replace(
        "review_every_months", "  - id: back-office\n    name: Back-office teams\nreview_every_months"))
    build = mkdocs_build(project)
    assert build.returncode != 0
    assert "competencies/framework.yml:23:9: groups, item 3 › id: no role belongs to the group 'back-office'" \
        in build.output


def test_the_example_handbook_nav_names_the_new_sections() -> None:
    assert "groups/index.md" in (ROOT / "mkdocs.yml").read_text()
