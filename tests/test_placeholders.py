"""Placeholders (text starting with TODO) are errors wherever they are, so they are never published."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import BASE, problems_of, write_data
from servicebook.data.placeholders import instruction_of

CASES: list[tuple[str, dict[str, str | bytes | None], list[str]]] = [
    ("a summary", {"roles/leader.yml": "name: L\nsummary: 'TODO: What people in this role do.'\n"
                   "competencies:\n  listening: 2\n"},
     ["roles/leader.yml:2:10: summary: still holds a placeholder, which is never published — "
      "replace it: what people in this role do"]),
    ("a behaviour", {"values/customer-focused.yml": "name: V\nstatement: s\nwe_do:\n  - Ask.\n  - TODO\n"},
     ["values/customer-focused.yml:5:5: we_do, item 2: still holds a placeholder, which is never published — "
      "replace it: the real text"]),
    ("a requirement's note", {"roles/leader.yml": "name: L\nsummary: s\ncompetencies:\n  listening:\n"
                              "    level: 1\n    note: \"TODO: List the competencies.\"\n"},
     ["roles/leader.yml:6:11: competencies › listening › note: still holds a placeholder, which is never "
      "published — replace it: list the competencies"]),
    ("framework", {"framework.yml": BASE["framework.yml"].replace("Test Handbook", "'TODO - name the handbook'")},
     ["framework.yml:1:8: title: still holds a placeholder, which is never published — replace it: "
      "name the handbook"]),
    ("a word that only starts like it", {"values/customer-focused.yml": "name: Todos\nstatement: TODOS s\n"
                                         "we_do: [Todo lists are kept.]\n"}, []),
]


@pytest.mark.parametrize(("changes", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_placeholders_are_errors(tmp_path: Path, changes: dict[str, str | bytes | None], expected: list[str]) -> None:
    assert problems_of(write_data(tmp_path, changes)) == expected


def test_the_instruction_is_what_follows_the_marker() -> None:
    assert instruction_of("TODO: Say what.") == "Say what."
    assert instruction_of("  TODO") == "the real text"
    assert instruction_of("Not TODO") is None
