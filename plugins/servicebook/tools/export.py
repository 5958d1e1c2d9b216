"""`servicebook export`: the whole framework as a workbook, CSV files or one JSON document."""

from __future__ import annotations

from pathlib import Path

from ..data.link import load_handbook
from ..data.tables import sheets
from ..site.workbook import SCHEMA_FILE, csv_files, json_document, json_schema, xlsx_bytes

DEFAULT_NAMES = {"xlsx": "framework.xlsx", "csv": "framework-csv", "json": "framework.json"}


def export(root: Path, form: str, out: Path | None) -> list[Path]:
    """Write the export and give the paths written. The data must be valid, as for a build."""
    handbook = load_handbook(root)
    target = out or Path(DEFAULT_NAMES[form])
    if form == "xlsx":
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(xlsx_bytes(sheets(handbook)))
        return [target]
    if form == "csv":
        target.mkdir(parents=True, exist_ok=True)
        written = []
        for name, text in csv_files(sheets(handbook)).items():
            (target / name).write_text(text, encoding="utf-8", newline="")
            written.append(target / name)
        return written
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json_document(handbook).replace(f"./{SCHEMA_FILE}", SCHEMA_FILE), encoding="utf-8")
    schema = target.with_name(SCHEMA_FILE)
    schema.write_text(json_schema(), encoding="utf-8")
    return [target, schema]
