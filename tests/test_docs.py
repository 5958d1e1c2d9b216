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
