"""The handbook documents what the code does: the field reference is current, the README's set-up is two commands."""

from __future__ import annotations

import re

import update_field_reference
from conftest import ROOT


def test_the_field_reference_matches_the_models() -> None:
    page = update_field_reference.PAGE.read_text(encoding="utf-8")
    assert page == update_field_reference.updated(page), "run: .venv/bin/python scripts/update_field_reference.py"


def test_the_readme_quick_start_is_make_serve_and_make_test() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start", 1)[1].split("##", 1)[0]
    commands = re.findall(r"^(make \w+)", quick_start, re.MULTILINE)
    assert commands == ["make serve", "make test"]


def test_developer_pages_live_in_the_repository_docs_and_their_links_resolve() -> None:
    """Build guarantees and speed are for the people who run the handbook, not in the staff handbook's pages."""
    assert not (ROOT / "content" / "about" / "guarantees.md").exists()
    assert not (ROOT / "content" / "about" / "performance.md").exists()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/guarantees.md" in readme and "docs/performance.md" in readme
    for page in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
            if "://" not in target:
                assert (page.parent / target).exists(), f"{page.name} links to {target}, which is missing"
