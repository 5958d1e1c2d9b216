"""The field reference of the handbook's docs, derived from the models' JSON Schema so it never drifts."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from ..data.model import KINDS, Checks, Cluster, Framework, Group, Level, Measure, Requirement

_FILES: list[tuple[str, type[BaseModel]]] = [
    ("framework.yml", Framework),
    ("levels: (each entry)", Level),
    ("clusters: (each entry)", Cluster),
    ("groups: (each entry)", Group),
    ("checks:", Checks),
    *[(f"{kind.folder}/<id>.yml", kind.model) for kind in KINDS.values()],
    ("competencies: (long form of each entry)", Requirement),
    ("measures: (each entry of a pledge)", Measure),
]


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _describe(schema: dict[str, Any]) -> str:
    """A schema property in words: 'text, ≤ 80', 'list of 1–20 texts (≤ 500 each)'."""
    options = [option for option in schema.get("anyOf", [schema]) if option.get("type") != "null"]
    if len(options) > 1 and {option.get("type") for option in options} == {"integer", "string"} \
            and all(option.get("pattern", r"^\d+$") == r"^\d+$" for option in options):
        return "whole number"
    if len(options) > 1:
        return "a level number or name"
    schema = {**schema, **options[0]}
    kind = schema.get("type")
    if "enum" in schema or "const" in schema:
        return "one of: " + ", ".join(str(value) for value in schema.get("enum", [schema.get("const")]))
    if kind == "string":
        return _text(schema)
    if kind == "integer":
        return f"whole number, {schema.get('minimum')}–{schema.get('maximum')}"
    if kind == "array":
        return _list(schema, _plural(_describe(schema.get("items", {}))))
    if kind == "integer":
        return f"whole number, {schema.get('minimum', '')}–{schema.get('maximum', '')}"
    if kind == "object":
        return f"mapping{_count(schema, 'minProperties', 'maxProperties')}"
    return "see below"


def _list(schema: dict[str, Any], things: str) -> str:
    count = _count(schema, "minItems", "maxItems")
    return f"list{count} {things}" if count else f"list of {things}"


def _text(schema: dict[str, Any]) -> str:
    if schema.get("format") == "date":
        return "date, YYYY-MM-DD"
    if "pattern" in schema and schema["pattern"].startswith("^[a-z]"):
        return "id"
    kind = "Markdown" if "Markdown" in schema.get("description", "") else "text"
    limit = schema.get("maxLength")
    extra = ", no < or >" if schema.get("pattern") == "^[^<>]*$" else ""
    return f"{kind}, ≤ {limit:,}{extra}" if limit else kind


def _plural(words: str) -> str:
    if words.startswith("text"):
        return "texts (" + words.removeprefix("text, ") + " each)"
    if words == "id":
        return "ids"
    return words


def _count(schema: dict[str, Any], low: str, high: str) -> str:
    least, most = schema.get(low), schema.get(high)
    if least and most:
        return f" of {least}–{most}"
    if most:
        return f" of up to {most}"
    return f" of at least {least}" if least else ""


def field_table(model: type[BaseModel]) -> str:
    """One Markdown table: field, required or not, what it holds, and the field's own docstring."""
    schema = model.model_json_schema()
    required = set(schema.get("required", []))
    rows = ["| Field | Required | Holds | What it is for |", "| --- | --- | --- | --- |"]
    for name, prop in schema["properties"].items():
        nested = "items" in prop and "$ref" in prop["items"]
        described = _list(prop, "entries, see below") if nested else _describe(prop)
        if prop.get("type") == "object" and "patternProperties" in prop:
            described = f"mapping{_count(prop, 'minProperties', 'maxProperties')}: competency id → level"
        elif prop.get("type") == "object" and "additionalProperties" in prop:
            inner = prop["additionalProperties"]
            described = (f"mapping{_count(prop, 'minProperties', 'maxProperties')}: level → "
                         + _list(inner, _plural(_describe(inner["items"]))))
        doc = next(field for key, field in model.model_fields.items() if (field.alias or key) == name).description or ""
        rows.append(f"| `{name}` | {'yes' if name in required else 'no'} | {_cell(described)} | {_cell(doc)} |")
    return "\n".join(rows)


def markdown_reference() -> str:
    """Every file kind's table, in the order the format is usually read."""
    parts = []
    for title, model in _FILES:
        parts.append(f"### `{title}`\n\n{(model.__doc__ or '').strip()}\n\n{field_table(model)}\n")
    return "\n".join(parts)
