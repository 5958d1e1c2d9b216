"""The tables of a workbook → records like the YAML's, each value remembering the cell it came from.

Rows of the list sheets (We do, Behaviours, Requirements, …) are gathered under the item their
first column names; a row for an item that is not on its kind's sheet, an id used twice or an
empty cell that must hold something is a problem at its cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..data.layout import check_id_text
from ..data.located import Loc
from ..data.model import Framework, Kind
from ..data.tables import (
    BEHAVIOURS,
    FRAMEWORK_SHEET,
    REQUIREMENTS,
    Record,
    Shape,
    layout,
    model_columns,
    model_sheet,
    shapes,
    sheet_title,
    table_kinds,
    text_sheet,
)
from .sheets_in import SheetProblem, Table


@dataclass
class Parsed:
    """Every item's record, the cell each of its values came from, and the problems found on the way."""

    records: dict[str, dict[str, Record]] = field(default_factory=dict)
    cells: dict[tuple[str, str], dict[Loc, str]] = field(default_factory=dict)
    problems: list[SheetProblem] = field(default_factory=list)


def records_from(file: str, tables: dict[str, Table]) -> Parsed:
    parsed = Parsed()
    columns = layout()
    framework = tables[FRAMEWORK_SHEET]
    record: Record = {}
    cells: dict[Loc, str] = {}
    if len(framework.rows) != 1:
        parsed.problems.append(SheetProblem(file, FRAMEWORK_SHEET, f"the sheet has {len(framework.rows)} rows of "
                                            "data, but the framework is one row",
                                            "keep exactly one row below the headings"))
        return parsed
    cells[()] = framework.cell(0, 0)
    for index, name in enumerate(columns[FRAMEWORK_SHEET]):
        record[name] = framework.rows[0][index]
        cells[(name,)] = framework.cell(index, 0)
    for shape in shapes(Framework):
        if shape.form != "models":
            continue
        sheet = tables[shape.name.capitalize()]
        names = columns[shape.name.capitalize()]
        record[shape.name] = [dict(zip(names, row, strict=False)) for row in sheet.rows]
        cells[(shape.name,)] = shape.name.capitalize()
        for row_index in range(len(sheet.rows)):
            cells[(shape.name, row_index)] = sheet.cell(0, row_index)
            for column, name in enumerate(names):
                cells[(shape.name, row_index, name)] = sheet.cell(column, row_index)
    parsed.records["framework"] = {"framework": record}
    parsed.cells["framework", "framework"] = cells
    for kind in table_kinds():
        _parse_kind(file, kind, tables, parsed)
    return parsed


def _parse_kind(file: str, kind: Kind, tables: dict[str, Table], parsed: Parsed) -> None:
    title = sheet_title(kind)
    sheet, names = tables[title], layout()[title]
    records: dict[str, Record] = {}
    forms = {shape.name: shape.form for shape in shapes(kind.model)}
    seen: dict[str, str] = {}
    for index, row in enumerate(sheet.rows):
        id_ = (row[0] or "").strip()
        where = sheet.cell(0, index)
        trouble = check_id_text(id_) if id_ else ("is missing", "give every row an id")
        if trouble:
            parsed.problems.append(SheetProblem(file, where, f"the id '{id_}' {trouble[0]}" if id_ else
                                                f"the id {trouble[0]}", trouble[1]))
            continue
        if id_ in seen:
            parsed.problems.append(SheetProblem(file, where, f"the id '{id_}' is also used at {seen[id_]}",
                                                f"give each {kind.noun} its own id, or delete one of the rows"))
            continue
        seen[id_] = where
        record: Record = {shape.name: _empty(shape.form) for shape in shapes(kind.model)}
        cells: dict[Loc, str] = {(): where}
        for column, name in enumerate(names[1:], start=1):
            value = row[column]
            cells[(name,)] = sheet.cell(column, index)
            if forms[name] == "ids":
                record[name] = [part.strip() for part in re.split(r"[,\n]", value or "") if part.strip()]
                for position in range(len(record[name])):
                    cells[(name, position)] = sheet.cell(column, index)
            else:
                record[name] = value
        records[id_] = record
        parsed.cells[kind.folder, id_] = cells
    for shape in shapes(kind.model):
        if shape.form == "texts":
            _parse_texts(file, kind, shape.name, tables[text_sheet(kind, shape.name)], records, parsed)
        elif shape.form == "levels":
            _parse_levels(file, kind, shape.name, tables[BEHAVIOURS], records, parsed)
        elif shape.form == "requirements":
            _parse_requirements(file, kind, shape.name, tables[REQUIREMENTS], records, parsed)
        elif shape.form == "models":
            _parse_models(file, kind, shape, tables[model_sheet(kind, shape)], records, parsed)
    parsed.records[kind.folder] = records


def _empty(form: str) -> Any:
    return [] if form in ("ids", "texts", "models") else {} if form in ("levels", "requirements") else None


def _owner(file: str, kind: Kind, sheet: Table, index: int, records: dict[str, Record],
           parsed: Parsed) -> str | None:
    id_ = (sheet.rows[index][0] or "").strip()
    if id_ in records:
        return id_
    parsed.problems.append(SheetProblem(file, sheet.cell(0, index), f"there is no {kind.noun} '{id_}' on the sheet "
                                        f"{sheet_title(kind)}" if id_ else f"the {kind.word} is missing",
                                        f"add a row for it to {sheet_title(kind)}, or correct the id"))
    return None


def _parse_texts(file: str, kind: Kind, name: str, sheet: Table, records: dict[str, Record], parsed: Parsed) -> None:
    for index, row in enumerate(sheet.rows):
        id_ = _owner(file, kind, sheet, index, records, parsed)
        if id_ is None:
            continue
        if row[1] is None:
            parsed.problems.append(SheetProblem(file, sheet.cell(1, index), "the text is empty",
                                                "write the text, or delete the row"))
            continue
        parsed.cells[kind.folder, id_][(name, len(records[id_][name]))] = sheet.cell(1, index)
        records[id_][name].append(row[1])


def _parse_levels(file: str, kind: Kind, name: str, sheet: Table, records: dict[str, Record],
                  parsed: Parsed) -> None:
    for index, row in enumerate(sheet.rows):
        id_ = _owner(file, kind, sheet, index, records, parsed)
        if id_ is None:
            continue
        level, text = (row[1] or "").strip(), row[2]
        if not level or text is None:
            missing = (1, "the level is empty", "give the level's number or name") if not level else (
                2, "the behaviour is empty", "write the behaviour, or delete the row")
            parsed.problems.append(SheetProblem(file, sheet.cell(missing[0], index), missing[1], missing[2]))
            continue
        lines = records[id_][name].setdefault(level, [])
        cells = parsed.cells[kind.folder, id_]
        cells.setdefault((name, level), sheet.cell(1, index))
        cells[(name, level, len(lines))] = sheet.cell(2, index)
        lines.append(text)


def _parse_requirements(file: str, kind: Kind, name: str, sheet: Table, records: dict[str, Record],
                        parsed: Parsed) -> None:
    for index, row in enumerate(sheet.rows):
        id_ = _owner(file, kind, sheet, index, records, parsed)
        if id_ is None:
            continue
        cid, level, note = (row[1] or "").strip(), row[2], row[3]
        if not cid:
            parsed.problems.append(SheetProblem(file, sheet.cell(1, index), "the competency is empty",
                                                "give the competency's id, or delete the row"))
            continue
        cells = parsed.cells[kind.folder, id_]
        if cid in records[id_][name]:
            parsed.problems.append(SheetProblem(file, sheet.cell(1, index), f"'{cid}' is listed for '{id_}' "
                                                f"twice (also at {cells[(name, cid)]})", "keep one of the rows"))
            continue
        records[id_][name][cid] = {"level": level.strip() if level else None, "note": note}
        cells[(name, cid)] = sheet.cell(1, index)
        cells[(name, cid, "level")] = sheet.cell(2, index)
        cells[(name, cid, "note")] = sheet.cell(3, index)


def _parse_models(file: str, kind: Kind, shape: Shape, sheet: Table, records: dict[str, Record],
                  parsed: Parsed) -> None:
    """Rows of a sheet such as Measures: each row one entry of the item its first column names, in order."""
    names = model_columns(shape)
    for index, row in enumerate(sheet.rows):
        id_ = _owner(file, kind, sheet, index, records, parsed)
        if id_ is None:
            continue
        entries = records[id_][shape.name]
        cells = parsed.cells[kind.folder, id_]
        cells.setdefault((shape.name,), sheet.cell(0, index))
        cells[(shape.name, len(entries))] = sheet.cell(0, index)
        for column, name in enumerate(names, start=1):
            cells[(shape.name, len(entries), name)] = sheet.cell(column, index)
        entries.append(dict(zip(names, row[1:], strict=False)))
