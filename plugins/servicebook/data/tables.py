"""The framework as tables: the layout shared by the spreadsheet export, the import and the site's downloads.

The layout is derived from the models, so a new field becomes a new column without touching
this module. Each item becomes a record (field → value, values as typed in the YAML); a record
becomes rows of one sheet per kind, plus one sheet for each list of texts (we_do, watch_for, …),
one for behaviours (competency × level × text) and one for requirements (role × competency ×
level). Reading the rows back gives the same records, which is what lets an import of an
unchanged export change nothing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from pydantic import BaseModel

from .link import ITEM_ATTRIBUTES, Handbook
from .located import Loc
from .model import KINDS, Framework, Kind

Record = dict[str, Any]
FRAMEWORK_SHEET = "Framework"
BEHAVIOURS = "Behaviours"
REQUIREMENTS = "Requirements"
SEPARATOR = ", "  # between the ids of one cell, such as develops
MAX_ROWS = 10_000
_TITLES = {"values": "Values", "library": "Competencies", "roles": "Roles", "training": "Training"}


def table_kinds() -> list[Kind]:
    """The kinds the tables hold: every kind whose items the linked handbook keeps."""
    fields = Handbook.__dataclass_fields__
    # A kind the handbook does not keep is left out, so an import never takes its missing rows for deletions.
    return [kind for kind in KINDS.values() if ITEM_ATTRIBUTES.get(kind.folder, kind.folder) in fields]


@dataclass
class Sheet:
    """One table: its name, its column headings and its rows of text (None for an empty cell)."""

    name: str
    columns: list[str]
    rows: list[list[str | None]] = field(default_factory=list)


@dataclass(frozen=True)
class Shape:
    """What a field holds, as far as the tables are concerned."""

    name: str
    form: str  # scalar, ids, texts, models, levels, requirements, other
    model: type[BaseModel] | None = None


def sheet_title(kind: Kind) -> str:
    return _TITLES.get(kind.folder, kind.folder.replace("-", " ").capitalize())


@cache
def shapes(model: type[BaseModel]) -> tuple[Shape, ...]:
    """Every field of a model with the form it takes in the tables, read from its JSON Schema."""
    schema = model.model_json_schema()
    result = []
    for name, prop in schema["properties"].items():
        options: list[dict[str, Any]] = [option for option in prop.get("anyOf", [prop])
                                         if option.get("type") != "null"]
        option: dict[str, Any] = options[0] if len(options) == 1 else {"type": "string"}
        kind = option.get("type")
        submodel: type[BaseModel] | None = None
        if kind == "array" and "$ref" in option.get("items", {}):
            form = "models"
            submodel = _submodel(model, name)
        elif kind == "array":
            form = "ids" if option.get("items", {}).get("pattern", "").startswith("^[a-z]") else "texts"
        elif kind == "object" and "patternProperties" in option:
            form = "requirements"
        elif kind == "object" and "additionalProperties" in option:
            form = "levels"
        elif "$ref" in option or kind == "object":
            form = "other"
        else:
            form = "scalar"
        result.append(Shape(name, form, submodel))
    return tuple(result)


def _submodel(model: type[BaseModel], name: str) -> type[BaseModel] | None:
    import typing

    annotation: Any = model.model_fields[name].annotation
    for _ in range(4):
        args = typing.get_args(annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return annotation
        annotation = args[0] if args else None
    return None


def text_sheet(kind: Kind, name: str) -> str:
    """The sheet of one list of texts, such as 'We do'; named after the field, with the kind if two kinds share it."""
    words = name.replace("_", " ").capitalize()
    shared = [other for other in table_kinds() if other.folder != kind.folder
              and any(s.name == name and s.form == "texts" for s in shapes(other.model))]
    return f"{sheet_title(kind)} {words.lower()}"[:31] if shared else words[:31]


def model_sheet(kind: Kind, shape: Shape) -> str:
    """The sheet of one list of entries with fields of their own, such as a pledge's measures."""
    return shape.name.replace("_", " ").capitalize()[:31]


def model_columns(shape: Shape) -> list[str]:
    return [s.name for s in shapes(shape.model) if s.form == "scalar"] if shape.model is not None else []


def layout() -> dict[str, list[str]]:
    """Every sheet and its columns, in the order they appear in a workbook."""
    sheets: dict[str, list[str]] = {FRAMEWORK_SHEET: [s.name for s in shapes(Framework) if s.form == "scalar"]}
    for shape in shapes(Framework):
        if shape.form == "models" and shape.model is not None:
            sheets[shape.name.capitalize()] = [s.name for s in shapes(shape.model) if s.form == "scalar"]
    for kind in table_kinds():
        sheets[sheet_title(kind)] = ["id"] + [s.name for s in shapes(kind.model) if s.form in ("scalar", "ids")]
    for kind in table_kinds():
        for shape in shapes(kind.model):
            if shape.form == "texts":
                sheets[text_sheet(kind, shape.name)] = [kind.word, "text"]
            elif shape.form == "levels":
                sheets[BEHAVIOURS] = [kind.word, "level", "behaviour"]
            elif shape.form == "requirements":
                sheets[REQUIREMENTS] = [kind.word, "competency", "level", "note"]
            elif shape.form == "models":
                sheets[model_sheet(kind, shape)] = [kind.word, *model_columns(shape)]
    return sheets


# -- items → records ------------------------------------------------------------------------------

def scalar_text(value: Any) -> str | None:
    """A scalar as the text it was typed as; None for not given."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def record_of(item: BaseModel) -> Record:
    """An item's fields as the tables hold them (text as typed, lists as lists)."""
    record: Record = {}
    for shape in shapes(type(item)):
        value = getattr(item, shape.name)
        if shape.form == "scalar":
            record[shape.name] = scalar_text(value)
        elif shape.form in ("ids", "texts"):
            record[shape.name] = [str(v) for v in value or []]
        elif shape.form == "models":
            record[shape.name] = [record_of(sub) for sub in value or []]
        elif shape.form == "levels":
            record[shape.name] = {str(key): list(lines) for key, lines in (value or {}).items()}
        elif shape.form == "requirements":
            record[shape.name] = {cid: {"level": scalar_text(need.level), "note": scalar_text(need.note)}
                                  for cid, need in (value or {}).items()}
    return record


def records(handbook: Handbook) -> dict[str, dict[str, Record]]:
    """'framework' → {'framework': record}, and each kind folder → id → record, ids sorted."""
    result: dict[str, dict[str, Record]] = {"framework": {"framework": record_of(handbook.framework)}}
    for kind in table_kinds():
        items = handbook.items(kind.folder)
        result[kind.folder] = {id_: record_of(items[id_]) for id_ in sorted(items)}
    return result


# -- records → sheets -----------------------------------------------------------------------------

def sheets_of(all_records: dict[str, dict[str, Record]]) -> list[Sheet]:
    """The tables of a whole framework, in workbook order."""
    columns = layout()
    sheets = {name: Sheet(name, cols) for name, cols in columns.items()}
    framework = all_records["framework"]["framework"]
    sheets[FRAMEWORK_SHEET].rows.append([framework.get(c) for c in columns[FRAMEWORK_SHEET]])
    for shape in shapes(Framework):
        if shape.form == "models":
            name = shape.name.capitalize()
            for sub in framework.get(shape.name, []):
                sheets[name].rows.append([sub.get(c) for c in columns[name]])
    for kind in table_kinds():
        title = sheet_title(kind)
        for id_, record in all_records.get(kind.folder, {}).items():
            row: list[str | None] = [id_]
            sheets[title].rows.append(row + [_cell(record.get(c)) for c in columns[title][1:]])
            for shape in shapes(kind.model):
                value = record.get(shape.name)
                if shape.form == "texts":
                    sheets[text_sheet(kind, shape.name)].rows += [[id_, line] for line in value or []]
                elif shape.form == "levels":
                    sheets[BEHAVIOURS].rows += [[id_, key, line] for key, lines in (value or {}).items()
                                                for line in lines]
                elif shape.form == "requirements":
                    sheets[REQUIREMENTS].rows += [[id_, cid, need.get("level"), need.get("note")]
                                                  for cid, need in (value or {}).items()]
                elif shape.form == "models":
                    sheets[model_sheet(kind, shape)].rows += [[id_, *(sub.get(c) for c in model_columns(shape))]
                                                              for sub in value or []]
    return list(sheets.values())


def _cell(value: Any) -> str | None:
    if isinstance(value, list):
        return SEPARATOR.join(value) or None
    return value if value is None else str(value)


def sheets(handbook: Handbook) -> list[Sheet]:
    return sheets_of(records(handbook))


def cell_ref(sheet: str, column: int, row: int) -> str:
    """`Roles!C12`: a cell as spreadsheet programs name it (column and row from 1)."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{sheet}!{letters}{row}"


Cells = dict[Loc, str]
