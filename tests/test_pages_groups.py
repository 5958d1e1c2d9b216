"""Golden Markdown for format 1.1's pages (staff groups, pledges, training relations, reviews due),
generated from tests/fixtures/groups: the small fixture extended with every 1.1 field.

Rewrite with `SERVICEBOOK_UPDATE_GOLDEN=1` and review the diff like any other change.
"""

from __future__ import annotations

import datetime
import os
import posixpath
import re
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES
from servicebook.data.link import load_handbook
from servicebook.site.generated import GeneratedFile
from servicebook.site.pages import generate

GOLDEN = Path(__file__).resolve().parent / "golden-groups"
UPDATE = os.environ.get("SERVICEBOOK_UPDATE_GOLDEN") == "1"
DAY = datetime.date(2026, 11, 30)
# The pages 1.1 adds or changes; the rest match the version 1 fixture's golden files.
SHOWN = ["groups/index.md", "groups/frontline.md", "groups/leaders.md", "pledges/index.md",
         "pledges/answering-calls.md", "pledges/putting-it-right.md", "pledges/calls/index.html", "roles/index.md",
         "roles/frontline.md", "roles/leader.md", "roles/analyst.md", "library/listening.md", "training/foundations.md",
         "training/condensed.md", "training/coaching.md", "training/foundations-online.md", "values/ownership.md", "matrix.md"]


def _files(root: str = "groups") -> dict[str, GeneratedFile]:
    files = generate(load_handbook(FIXTURES / root), today=DAY)
    return {file.path: file for file in files if not file.path.startswith("assets/")}


@pytest.mark.parametrize("path", SHOWN)
def test_page_matches_golden(path: str) -> None:
    content = _files()[path].content
    golden = GOLDEN / path
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(content, encoding="utf-8")
    assert content == golden.read_text(encoding="utf-8")


def test_every_golden_file_is_checked() -> None:
    assert sorted(path.relative_to(GOLDEN).as_posix() for path in GOLDEN.rglob("*") if path.is_file()) == sorted(SHOWN)


def test_a_version_1_handbook_has_no_group_or_pledge_pages() -> None:
    paths = set(_files("small"))
    assert not any(path.startswith(("groups/", "pledges/")) for path in paths)
    pages = [file.content for file in _files("small").values() if isinstance(file.content, str)]
    assert not any("#pledges" in content or "sb-role-groups" in content for content in pages)


def test_every_link_leads_to_a_generated_page_or_anchor() -> None:
    files = _files()
    for file in files.values():
        if not file.path.endswith(".md"):
            continue
        for target, anchor in re.findall(r"\]\(([^)#]*)(?:#([^)]*))?\)", file.content):
            if target.startswith("http") or not target and not anchor:
                continue
            path = posixpath.normpath(posixpath.join(posixpath.dirname(file.path), target)) if target else file.path
            assert path in files, (file.path, target)
            if anchor:
                assert f"#{anchor} }}" in files[path].content or f"#{anchor}" in files[path].content, (path, anchor)


def test_a_review_shows_as_due_only_after_its_interval() -> None:
    handbook = load_handbook(FIXTURES / "groups")
    before = {f.path: f.content for f in generate(handbook, today=datetime.date(2025, 1, 14))}
    after = {f.path: f.content for f in generate(handbook, today=datetime.date(2025, 1, 15))}
    assert "Due for review" not in before["pledges/answering-calls.md"]
    assert "has been due since 2025-01-15" in after["pledges/answering-calls.md"]


def test_groups_without_pledges_have_no_empty_pledge_sections(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "groups", tmp_path / "data", ignore=shutil.ignore_patterns("pledges"))
    files = {f.path: f.content for f in generate(load_handbook(tmp_path / "data"), today=DAY)}
    assert "groups/frontline.md" in files and not any(path.startswith("pledges/") for path in files)
    assert not any(isinstance(content, str) and "{: #pledges }" in content for content in files.values())
    assert "service pledges" not in files["groups/index.md"]
