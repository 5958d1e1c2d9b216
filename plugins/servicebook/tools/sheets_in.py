"""Reading a workbook or a folder of CSV files into plain tables of text, refusing what cannot be trusted.

Everything a spreadsheet program can do to a cell that the YAML cannot hold is refused with the
cell named: formulas, dates stored as dates, merged cells, renamed or missing columns and
sheets, and sheets too long to be a framework.
"""

from __future__ import annotations

import csv
import datetime
import difflib
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..data.tables import MAX_ROWS, cell_ref, layout
from ..site.workbook import csv_name


@dataclass(frozen=True)
class SheetProblem:
    """A problem in the spreadsheet: the file, the cell (or sheet), what is wrong and the fix."""

    file: str
    where: str
    message: str
    hint: str

    def format(self) -> str:
        place = f"{self.file}: {self.where}: " if self.where else f"{self.file}: "
        return f"{place}{self.message} — {self.hint}"


@dataclass
class Table:
    """One sheet as read: its rows of text (None for empty), each cell's name kept for messages."""

    name: str
    rows: list[list[str | None]] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)  # the spreadsheet row of each row

    def cell(self, column: int, index: int) -> str:
        return cell_ref(self.name, column + 1, self.numbers[index])


def read(source: Path) -> tuple[dict[str, Table], list[SheetProblem]]:
    """A workbook (.xlsx) or a folder of CSV files, as tables in the export's layout."""
    if source.is_dir():
        return _read_csv(source)
    return _read_xlsx(source)


def _read_xlsx(path: Path) -> tuple[dict[str, Table], list[SheetProblem]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    name = path.name
    if not path.is_file():
        return {}, [SheetProblem(name, "", "the file does not exist", "give the path of the exported workbook")]
    try:
        book = load_workbook(path, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError, TypeError):
        return {}, [SheetProblem(name, "", "this file is not an Excel workbook (.xlsx)",
                                 "save it from your spreadsheet program as 'Excel Workbook (.xlsx)', or give the "
                                 "folder of CSV files")]
    tables: dict[str, Table] = {}
    problems: list[SheetProblem] = []
    expected = layout()
    for sheet_name in expected:
        if sheet_name not in book.sheetnames:
            problems.append(_missing_sheet(name, sheet_name, book.sheetnames))
            continue
        sheet = book[sheet_name]
        for merged in sheet.merged_cells.ranges:
            problems.append(SheetProblem(name, f"{sheet_name}!{merged.coord}", "these cells are merged",
                                         "unmerge them: every row needs its own value in each column"))
        if sheet.max_row - 1 > MAX_ROWS:
            problems.append(SheetProblem(name, sheet_name, f"the sheet has {sheet.max_row - 1:,} rows; the limit is "
                                         f"{MAX_ROWS:,}", "remove the empty or extra rows below the data"))
            continue
        rows = [[cell for cell in row] for row in sheet.iter_rows()]
        table, trouble = _table(name, sheet_name, rows, expected[sheet_name])
        tables[sheet_name] = table
        problems += trouble
    return tables, problems


def _missing_sheet(file: str, sheet: str, present: list[str]) -> SheetProblem:
    close = difflib.get_close_matches(sheet, present, n=1, cutoff=0.6)
    hint = (f"rename the sheet '{close[0]}' back to '{sheet}'" if close else
            "export the framework again (servicebook export) and copy your changes into it; the sheets are: "
            + ", ".join(layout()))
    return SheetProblem(file, "", f"the sheet '{sheet}' is missing", hint)


def _text(file: str, where: str, cell: Any) -> tuple[str | None, SheetProblem | None]:
    """A cell's value as text, or why it cannot be used."""
    value = getattr(cell, "value", cell)
    if value is None:
        return None, None
    if getattr(cell, "data_type", None) == "f" or (isinstance(value, str) and value.startswith("=") and
                                                   getattr(cell, "data_type", "s") == "f"):
        return None, SheetProblem(file, where, f"the cell holds a formula ({str(value)[:40]})",
                                  "type the text itself in place of the formula")
    if isinstance(value, bool):
        return None, SheetProblem(file, where, f"the cell holds {'TRUE' if value else 'FALSE'}, a yes/no value",
                                  "format the cell as Text and type the words")
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return None, SheetProblem(file, where, "the cell holds a date, which spreadsheets store as a number",
                                  "format the cell as Text and type the date as YYYY-MM-DD, such as 2026-10-01")
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value)), None
        return None, SheetProblem(file, where, f"the cell holds the number {value}",
                                  "format the cell as Text and type the value as it should read")
    if isinstance(value, int):
        return str(value), None
    text = str(value).replace("\r\n", "\n")
    return (text if text.strip() else None), None


def _table(file: str, sheet: str, rows: list[list[Any]], columns: list[str]) -> tuple[Table, list[SheetProblem]]:
    table = Table(sheet)
    problems: list[SheetProblem] = []
    header = [_text(file, cell_ref(sheet, i + 1, 1), cell)[0] for i, cell in enumerate(rows[0])] if rows else []
    while header and header[-1] is None:
        header.pop()
    order = _columns(file, sheet, header, columns, problems)
    for number, row in enumerate(rows[1:], start=2):
        values: list[str | None] = []
        for position in order:
            cell = row[position] if position is not None and position < len(row) else None
            text, problem = _text(file, cell_ref(sheet, (position or 0) + 1, number), cell)
            if problem:
                problems.append(problem)
            values.append(text)
        extra = [i for i, cell in enumerate(row) if i >= len(header) and getattr(cell, "value", cell) is not None]
        for position in extra[:1]:
            problems.append(SheetProblem(file, cell_ref(sheet, position + 1, number),
                                         "this cell is outside the table's columns",
                                         "move the text into a column with a heading, or delete it"))
        if any(value is not None for value in values):
            table.rows.append(values)
            table.numbers.append(number)
    return table, problems


def _columns(file: str, sheet: str, header: list[str | None], columns: list[str],
             problems: list[SheetProblem]) -> list[int | None]:
    """Where each expected column is in the sheet; a problem for each renamed, missing or unknown one."""
    order: list[int | None] = []
    for column in columns:
        order.append(header.index(column) if column in header else None)
    unknown = [(i, name) for i, name in enumerate(header) if name is not None and name not in columns]
    for index, column in enumerate(columns):
        if order[index] is not None:
            continue
        close = difflib.get_close_matches(column, [name for _, name in unknown], n=1, cutoff=0.0)
        if close:
            position = header.index(close[0])
            problems.append(SheetProblem(file, cell_ref(sheet, position + 1, 1),
                                         f"the column '{close[0]}' is not one servicebook knows",
                                         f"rename it back to '{column}'"))
            unknown = [(i, name) for i, name in unknown if name != close[0]]
        else:
            problems.append(SheetProblem(file, f"{sheet}!1:1", f"the column '{column}' is missing",
                                         f"add a column headed '{column}'; the columns are: " + ", ".join(columns)))
    for position, name in unknown:
        problems.append(SheetProblem(file, cell_ref(sheet, position + 1, 1),
                                     f"the column '{name}' is not one servicebook knows",
                                     "delete it, or rename it to one of: " + ", ".join(columns)))
    return order


def _read_csv(folder: Path) -> tuple[dict[str, Table], list[SheetProblem]]:
    tables: dict[str, Table] = {}
    problems: list[SheetProblem] = []
    if not any((folder / csv_name(sheet)).is_file() for sheet in layout()):
        return {}, [SheetProblem(folder.name, "", "the folder holds none of the CSV files of an export",
                                 "give the folder that 'servicebook export --format csv' wrote, or the .xlsx workbook")]
    for sheet, columns in layout().items():
        path = folder / csv_name(sheet)
        if not path.is_file():
            problems.append(SheetProblem(folder.name, "", f"the file {csv_name(sheet)} is missing",
                                         f"export the framework again with --format csv; it holds the sheet '{sheet}'"))
            continue
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (UnicodeDecodeError, OSError):
            problems.append(SheetProblem(path.name, "", "the file is not a UTF-8 text file",
                                         "save it as 'CSV UTF-8 (comma delimited)'"))
            continue
        rows = list(csv.reader(io.StringIO(text, newline="")))
        if len(rows) - 1 > MAX_ROWS:
            problems.append(SheetProblem(path.name, "", f"the file has {len(rows) - 1:,} rows; the limit is "
                                         f"{MAX_ROWS:,}", "remove the empty or extra rows below the data"))
            continue
        table, trouble = _table(path.name, sheet, [[value or None for value in row] for row in rows], columns)
        tables[sheet] = table
        problems += trouble
    return tables, problems
