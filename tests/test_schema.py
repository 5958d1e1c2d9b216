"""JSON Schema files for editors: derived from the models, committed, and agreeing with the data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from servicebook.tools.cli import main
from servicebook.tools.schema import SCHEMA_FILES, editor_settings, render_schemas

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = {"value": "values", "competency": "library", "role": "roles", "training": "training", "pledge": "pledges"}


def _as_json(path: Path) -> Any:
    # As an editor's YAML server sees a file: plain YAML, then JSON types (dates become text).
    return json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))


def _validator(kind: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads((ROOT / "schemas" / SCHEMA_FILES[kind][0]).read_text()))


def test_committed_schemas_are_current() -> None:
    for name, text in render_schemas().items():
        assert (ROOT / "schemas" / name).read_text(encoding="utf-8") == text, \
            "run: .venv/bin/servicebook schema --out schemas"


def test_the_schema_command_writes_one_file_per_kind(tmp_path: Path) -> None:
    assert main(["schema", "--out", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["checkin.schema.json", "competency.schema.json",
                                                          "framework.schema.json", "pledge.schema.json",
                                                          "role.schema.json", "training.schema.json",
                                                          "value.schema.json"]


def test_every_field_has_a_title_and_a_description() -> None:
    for name, text in render_schemas().items():
        schema = json.loads(text)
        for part in [schema, *schema.get("$defs", {}).values()]:
            for field, prop in part["properties"].items():
                assert prop.get("title") and prop.get("description"), (name, field)


def test_vscode_maps_the_schemas_to_the_data_folders() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text())
    assert settings["yaml.schemas"] == editor_settings("schemas", "competencies")["yaml.schemas"]


@pytest.mark.parametrize("kind", [kind for kind in SCHEMA_FILES if kind != "checkin"])  # check-ins are not YAML
def test_the_example_files_pass_their_schema(kind: str) -> None:
    paths = [ROOT / "competencies" / "framework.yml"] if kind == "framework" else \
        sorted((ROOT / "competencies" / FOLDERS[kind]).glob("*.yml"))
    for path in paths:
        errors = list(_validator(kind).iter_errors(_as_json(path)))
        assert not errors, (path, [e.message for e in errors])


@pytest.mark.parametrize(("kind", "text"), [
    ("role", "name: R\nsummary: s\ncompetencies: {}\n"),
    ("role", "name: R\nsumary: s\ncompetencies:\n  a: 1\n"),
    ("role", "name: R <b>\nsummary: s\ncompetencies:\n  a: 1\n"),
    ("role", "name: R\nsummary: s\ncompetencies:\n  a: {level: 1, notes: x}\n"),
    ("role", "name: R\nsummary: s\ncompetencies:\n  a: 1\nreviewed: 1 Oct 2026\n"),
    ("training", "name: T\nsummary: s\nformat: talk\n"),
    ("value", "name: V\nstatement: s\nwe_do: []\n"),
    ("competency", "name: C\nsummary: s\nlevels:\n  1: []\n"),
    ("framework", "title: T\norganisation: O\nlevels:\n  - name: One\n    summary: s\n"),
    ("framework", "title: T\norganisation: O\nlevels: [{name: A, summary: s}, {name: B, summary: s}]\n"
                  "groups: [{id: Front Line, name: F}]\n"),
    ("framework", "title: T\norganisation: O\nlevels: [{name: A, summary: s}, {name: B, summary: s}]\n"
                  "review_every_months: 61\n"),
    ("pledge", "name: P\nstatement: s\nmeasures:\n  - measure: m\n"),
    ("pledge", "name: P\nstatement: s\nrole: [a]\n"),
    ("training", "name: T\nsummary: s\nformat: workshop\nrequires: a\n"),
])
def test_broken_files_fail_their_schema(tmp_path: Path, kind: str, text: str) -> None:
    path = tmp_path / "item.yml"
    path.write_text(text)
    assert list(_validator(kind).iter_errors(_as_json(path)))
