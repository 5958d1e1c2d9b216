"""The framework as files other tools read: an Excel workbook, CSV files and one JSON document.

The same bytes come out for the same framework: the workbook's dates and the zip entries'
times are fixed, so a download's address and its contents change only when the data does.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
import zipfile
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from ..data.link import Handbook
from ..data.model import Framework
from ..data.tables import Sheet, records, sheets, table_kinds

FIXED = datetime.datetime(2000, 1, 1)
FORMAT_NAME = "servicebook"
FORMAT_VERSION = "1.1"
SCHEMA_FILE = "handbook.schema.json"
TEXT_COLUMNS = {"id", "level", "reviewed", "duration"}


def xlsx_bytes(tables: list[Sheet]) -> bytes:
    """A workbook with one sheet per table, headings in bold, every cell stored as text."""
    book = Workbook(write_only=True)  # streamed: about twice as fast for a large framework
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    for table in tables:
        sheet = book.create_sheet(table.name)
        sheet.freeze_panes = "A2"
        for index, heading in enumerate(table.columns, 1):
            longest = max([len(heading), *(len(str(r[index - 1] or "")) for r in table.rows)])
            sheet.column_dimensions[get_column_letter(index)].width = min(max(longest, 8) + 2, 80)
        sheet.append([_styled(sheet, heading, font=bold) for heading in table.columns])
        # Cells a spreadsheet would turn into numbers or dates when edited are formatted as text.
        as_text = {index for index, heading in enumerate(table.columns) if heading in TEXT_COLUMNS}
        for row in table.rows:
            sheet.append([_styled(sheet, value, text=True) if index in as_text else
                          _styled(sheet, value, alignment=wrap) if value and "\n" in value else value
                          for index, value in enumerate(row)])
    book.properties.creator = FORMAT_NAME
    book.properties.created = FIXED
    book.properties.modified = FIXED
    raw = io.BytesIO()
    book.save(raw)
    return _fixed_zip(raw.getvalue())


def _styled(sheet: Any, value: str | None, *, font: Font | None = None, alignment: Alignment | None = None,
            text: bool = False) -> Any:
    cell = WriteOnlyCell(sheet, value=value)
    if text:
        cell.number_format = "@"
    if font is not None:
        cell.font = font
    if alignment is not None:
        cell.alignment = alignment
    return cell


def _fixed_zip(data: bytes) -> bytes:
    """The same zip with every entry's time set to one fixed moment, in name order."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the time of saving here
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + FIXED.strftime(
                    "%Y-%m-%dT%H:%M:%SZ").encode(), content)
            target.writestr(fixed, content)
    return out.getvalue()


def csv_files(tables: list[Sheet]) -> dict[str, str]:
    """File name → CSV text (UTF-8, comma separated, header row first), one file per table."""
    files = {}
    for table in tables:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(table.columns)
        writer.writerows([["" if value is None else value for value in row] for row in table.rows])
        files[csv_name(table.name)] = out.getvalue()
    return files


def csv_name(sheet: str) -> str:
    return sheet.lower().replace(" ", "-") + ".csv"


def json_document(handbook: Handbook) -> str:
    """The whole framework as one JSON document that follows handbook.schema.json."""
    data = records(handbook)
    document: dict[str, Any] = {"$schema": f"./{SCHEMA_FILE}", "format": FORMAT_NAME, "version": FORMAT_VERSION,
                                "framework": _clean(data["framework"]["framework"])}
    for kind in table_kinds():
        document[kind.folder] = {id_: _clean(record) for id_, record in data[kind.folder].items()}
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def _clean(value: Any) -> Any:
    """Leave out what was not given, so the document reads like the YAML."""
    if isinstance(value, dict):
        return {key: _clean(inner) for key, inner in value.items() if inner not in (None, [], {})}
    if isinstance(value, list):
        return [_clean(inner) for inner in value]
    return value


def json_schema() -> str:
    """The JSON Schema of the JSON document, derived from the models like the editors' schemas."""
    defs: dict[str, Any] = {}
    properties: dict[str, Any] = {
        "$schema": {"type": "string"},
        "format": {"const": FORMAT_NAME},
        "version": {"type": "string", "description": "The version of the data format."},
        "framework": _ref(Framework, defs),
    }
    for kind in table_kinds():
        properties[kind.folder] = {"type": "object", "description": f"Every {kind.noun}, by id.",
                                   "additionalProperties": _ref(kind.model, defs)}
    required = ["format", "version", "framework", *(kind.folder for kind in table_kinds())]
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "A servicebook framework",
              "description": "The whole competency framework as one document: the framework, then every item by id.",
              "type": "object", "required": required, "properties": properties, "$defs": defs}
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def _ref(model: Any, defs: dict[str, Any]) -> dict[str, str]:
    schema = model.model_json_schema(ref_template="#/$defs/{model}")
    defs.update(schema.pop("$defs", {}))
    defs[model.__name__] = schema
    return {"$ref": f"#/$defs/{model.__name__}"}


def workbook(handbook: Handbook) -> bytes:
    return xlsx_bytes(sheets(handbook))
