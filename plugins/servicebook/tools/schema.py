"""JSON Schema files for editors, derived from the Pydantic models.

They let an editor complete and check fields while HR types. They cannot see across files
(ids, levels, cycles), so `servicebook check` stays the judge of what is valid.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..data.checkin import Checkin
from ..data.model import KINDS, Framework

DIALECT = "https://json-schema.org/draft/2020-12/schema"
# File name of each kind's schema, as HR knows the kinds.
SCHEMA_FILES: dict[str, tuple[str, type[BaseModel]]] = {
    "framework": ("framework.schema.json", Framework),
    **{kind.word: (f"{kind.word}.schema.json", kind.model) for kind in KINDS.values()},
    "checkin": ("checkin.schema.json", Checkin),  # the files check-ins travel in, not YAML
}


def schema_of(model: type[BaseModel]) -> dict[str, Any]:
    """The model's schema, with the short form `competency: 2` allowed beside the long one."""
    schema = model.model_json_schema()
    competencies = schema.get("properties", {}).get("competencies", {})
    for pattern, target in competencies.get("patternProperties", {}).items():
        level = schema["$defs"]["Requirement"]["properties"]["level"]
        competencies["patternProperties"][pattern] = {"anyOf": [level, target]}
    return {"$schema": DIALECT, **schema}


def render_schemas() -> dict[str, str]:
    """File name → JSON text, with a fixed key order and a final newline, so the files diff cleanly."""
    return {name: json.dumps(schema_of(model), indent=2, ensure_ascii=False) + "\n"
            for name, model in SCHEMA_FILES.values()}


def write_schemas(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in render_schemas().items():
        (out / name).write_text(text, encoding="utf-8")
        written.append(out / name)
    return written


def editor_settings(schema_dir: str, data_dir: str) -> dict[str, Any]:
    """VS Code's `yaml.schemas` mapping (yaml-language-server): schema file → the files it checks."""
    mapping: dict[str, list[str]] = {f"./{schema_dir}/framework.schema.json": [f"{data_dir}/framework.yml"]}
    for kind in KINDS.values():
        mapping[f"./{schema_dir}/{kind.word}.schema.json"] = [f"{data_dir}/{kind.folder}/*.yml",
                                                             f"{data_dir}/{kind.folder}/*.yaml"]
    return {"yaml.schemas": mapping}
