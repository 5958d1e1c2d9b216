"""Shared helpers: a small valid data folder to break one way at a time, and its problems as text."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from servicebook.data.link import load_handbook
from servicebook.data.problems import DataError

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")

BASE: dict[str, str] = {
    "framework.yml": """\
        title: Test Handbook
        organisation: Test Council
        levels:
          - name: Foundation
            summary: Basics.
          - name: Practitioner
            summary: Independent.
          - name: Expert
            summary: Leads others.
        clusters:
          - id: serving
            name: Serving customers
        """,
    "values/customer-focused.yml": """\
        name: Customer focused
        statement: We start from the customer.
        we_do:
          - Ask what the customer needs.
        """,
    "library/listening.yml": """\
        name: Listening
        summary: Hears the customer out.
        cluster: serving
        values: [customer-focused]
        levels:
          1:
            - Lets the customer finish.
          Practitioner:
            - Summarises the request.
        """,
    "roles/frontline.yml": """\
        name: Frontline staff
        summary: Serve customers at the counter.
        competencies:
          listening: 2
        training: [foundations]
        """,
    "roles/leader.yml": """\
        name: Team leader
        summary: Leads the counter team.
        competencies:
          listening:
            level: Practitioner
            note: Sets the example.
        """,
    "training/foundations.yml": """\
        name: Service foundations
        summary: The basics.
        format: workshop
        develops: [listening]
        """,
}


def write_data(root: Path, changes: dict[str, str | bytes | None] | None = None) -> Path:
    """Write BASE with `changes` applied (None deletes a file; text is dedented) and give the data folder."""
    files: dict[str, str | bytes | None] = {**BASE, **(changes or {})}
    for name, content in files.items():
        if content is None:
            continue
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
    return root


def problems_of(root: Path) -> list[str]:
    """Every problem of a data folder as `path:line:col: message — hint`, paths relative to it."""
    try:
        load_handbook(root)
    except DataError as error:
        return [problem.format(root) for problem in error.problems]
    return []


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return write_data(tmp_path / "data")
