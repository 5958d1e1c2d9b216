"""`servicebook import`: a workbook or CSV folder in the export's layout → the YAML files, changed where the data is.

New items get new files written as `new` writes them; changed items are edited field by field,
keeping every byte outside a changed field; items missing from their sheet are removed. The
result is checked in a scratch copy, exactly as a build would check it, and every problem is
told at the cell it came from. Nothing is written while any problem remains.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..data.layout import FRAMEWORK
from ..data.link import link
from ..data.load import Loaded, load_sources
from ..data.located import Document, Loc, parse
from ..data.model import Framework, Kind
from ..data.problems import DataError, Problem
from ..data.tables import (
    Record,
    record_of,
    shapes,
    table_kinds,
)
from .sheet_records import Parsed, records_from
from .sheets_in import SheetProblem, read
from .yamlwrite import Editor, field_text, new_file


class ImportError_(Exception):
    """Every problem that stopped the import; nothing was written."""

    def __init__(self, problems: list[SheetProblem]) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the spreadsheet")

    def report(self) -> str:
        lines = [problem.format() for problem in self.problems]
        count = len(self.problems)
        lines.append(f"{count} problem{'s' if count != 1 else ''} found; nothing was written.")
        return "\n".join(lines)


@dataclass
class Plan:
    """What the import will do: files to write (path → text), files to remove, and a word for each."""

    writes: dict[Path, str] = field(default_factory=dict)
    removals: list[Path] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)


def plan(root: Path, source: Path) -> Plan:
    """Work out the whole import; raise ImportError_ (or DataError for the current data) when it cannot be done."""
    tables, problems = read(source)
    if problems:
        raise ImportError_(problems)
    parsed = records_from(source.name, tables)
    if parsed.problems:
        raise ImportError_(parsed.problems)
    loaded = load_sources(root)
    handbook, link_problems = link(loaded, placeholders=False)
    if loaded.problems or link_problems or handbook is None:
        raise DataError(loaded.problems + link_problems)
    result = Plan()
    _framework(root, loaded, parsed, result)
    for kind in table_kinds():
        _kind(root, loaded, kind, parsed, result)
    _verify(root, source.name, result, parsed)
    return result


# -- records → files ----------------------------------------------------------------------------------

def _framework(root: Path, loaded: Loaded, parsed: Parsed, result: Plan) -> None:
    assert loaded.framework is not None
    new = parsed.records["framework"]["framework"]
    old = record_of(loaded.framework.item)
    if _same(Framework, old, new):
        return
    result.writes[root / FRAMEWORK] = _edit(loaded.framework.document, Framework, old, new)
    result.summary.append(f"updated {FRAMEWORK}")


def _kind(root: Path, loaded: Loaded, kind: Kind, parsed: Parsed, result: Plan) -> None:
    current = loaded.sources[kind.folder]
    incoming = parsed.records[kind.folder]
    for id_, record in incoming.items():
        if id_ not in current:
            path = root / kind.folder / f"{id_}.yml"
            result.writes[path] = new_file(kind.model, kind.noun, record)
            result.summary.append(f"added {kind.folder}/{id_}.yml")
            continue
        source = current[id_]
        old = record_of(source.item)
        if not _same(kind.model, old, record):
            result.writes[source.path] = _edit(source.document, kind.model, old, record)
            result.summary.append(f"updated {kind.folder}/{source.path.name}")
    for id_, source in current.items():
        if id_ not in incoming:
            result.removals.append(source.path)
            result.summary.append(f"removed {kind.folder}/{source.path.name}")


def _normal(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _normal(inner) for key, inner in value.items() if inner not in (None, "", [], {})}
    if isinstance(value, list):
        return [_normal(inner) for inner in value]
    return None if value == "" else value


def _same(model: type[BaseModel], old: Record, new: Record) -> bool:
    return all(_normal(old.get(s.name)) == _normal(new.get(s.name)) for s in shapes(model) if s.form != "other")


def _edit(document: Document, model: type[BaseModel], old: Record, new: Record) -> str:
    editor = Editor(document)
    for shape in shapes(model):
        name = shape.name
        if shape.form == "other" or _normal(old.get(name)) == _normal(new.get(name)):
            continue
        value = new.get(name)
        block = isinstance(document.data.get(name), list) and (name,) not in document.flows
        rendered = field_text(name, value, shape.form, shape.model, block=block)
        present = (name,) in document.key_spans
        if not present:
            if _normal(value) is not None and _normal(value) not in ([], {}):
                editor.append_field(rendered)
        elif _normal(value) in (None, [], {}) and not model.model_fields[name].is_required():
            editor.remove_field(name)
        elif not _fine_edits(editor, document, shape.form, name, old.get(name), value):
            editor.replace_field(name, rendered)
    return editor.result()


def _fine_edits(editor: Editor, document: Document, form: str, name: str, old: Any, new: Any) -> bool:
    """Replace only the changed scalars of a field, keeping its comments; False when the shape changed."""
    edits: list[tuple[Loc, str, int]] = []
    written = document.data.get(name)
    if form == "scalar":
        if written in (None, "") or new is None:
            return False
        edits.append(((name,), str(new), 0))
    elif form == "texts" and isinstance(written, list) and len(old) == len(new):
        edits += [((name, i), line, 2) for i, line in enumerate(new) if old[i] != line]
    elif form == "levels" and isinstance(written, dict) and list(old) == list(new) \
            and all(len(old[k]) == len(new[k]) for k in old) and list(written) == list(old):
        edits += [((name, key, i), line, 4) for key in new for i, line in enumerate(new[key]) if old[key][i] != line]
    elif form == "requirements" and isinstance(written, dict) and list(old) == list(new) and list(written) == list(old):
        for cid, need in new.items():
            was = old[cid]
            short = isinstance(written[cid], str)
            if need.get("level") != was.get("level"):
                if not need.get("level"):
                    return False
                edits.append(((name, cid) if short else (name, cid, "level"), need["level"], 4))
            if _normal(need.get("note")) != _normal(was.get("note")):
                if short or need.get("note") is None or not isinstance(written[cid], dict) \
                        or "note" not in written[cid]:
                    return False
                edits.append(((name, cid, "note"), need["note"], 4))
    elif form == "models" and isinstance(written, list) and len(old) == len(new):
        for i, (was, now) in enumerate(zip(old, new, strict=True)):
            for key in set(was) | set(now):
                if _normal(was.get(key)) == _normal(now.get(key)):
                    continue
                if now.get(key) is None or not isinstance(written[i], dict) or key not in written[i]:
                    return False
                edits.append(((name, i, key), str(now[key]), 4))
    else:
        return False
    saved = list(editor.edits)
    for loc, text, indent in edits:
        if not editor.replace_value(loc, text, indent):
            editor.edits = saved
            return False
    return True


# -- checking before writing ---------------------------------------------------------------------------

def _verify(root: Path, file: str, result: Plan, parsed: Parsed) -> None:
    """Load the imported data in a scratch copy exactly as a build would; tell each problem at its cell."""
    if not result.writes and not result.removals:
        return
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "data"
        shutil.copytree(root, copy, symlinks=True)
        for path, text in result.writes.items():
            target = copy / path.relative_to(root)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(text.encode("utf-8"))
        for path in result.removals:
            (copy / path.relative_to(root)).unlink()
        loaded = load_sources(copy)
        _, problems = link(loaded)
        problems = loaded.problems + problems
        if problems:
            raise ImportError_([_at_cell(file, copy, problem, parsed) for problem in sorted(set(problems))])


def _at_cell(file: str, copy: Path, problem: Problem, parsed: Parsed) -> SheetProblem:
    relative = problem.file.relative_to(copy) if problem.file.is_relative_to(copy) else problem.file
    parts = relative.parts
    key = ("framework", "framework") if relative.as_posix() == FRAMEWORK else (
        (parts[0], Path(parts[-1]).stem) if len(parts) == 2 else ("", ""))
    cells = parsed.cells.get(key, {})
    loc = _loc_at(problem) if cells else None
    while loc is not None:
        if loc in cells:
            return SheetProblem(file, cells[loc], problem.message, problem.hint)
        loc = loc[:-1] if loc else None
    return SheetProblem(file, cells.get((), relative.as_posix()), problem.message, problem.hint)


def _loc_at(problem: Problem) -> Loc:
    """The field a problem's line and column point at, in the scratch file it was found in."""
    try:
        document, _ = parse(problem.file, problem.file.read_bytes())
    except OSError:
        return ()
    if document is None:
        return ()
    spot = (problem.line, problem.column)
    exact = [loc for marks in (document.marks, document.key_marks) for loc, mark in marks.items()
             if (mark.line, mark.column) == spot]
    if exact:
        return max(exact, key=len)
    same_line = [loc for loc, mark in {**document.marks, **document.key_marks}.items() if mark.line == problem.line]
    return max(same_line, key=len) if same_line else ()


def apply(root: Path, result: Plan) -> None:
    """Write through temporary files, then remove; put everything back if any step fails."""
    originals = {path: path.read_bytes() for path in [*result.writes, *result.removals] if path.exists()}
    try:
        for path, text in result.writes.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_name(f".{path.name}.servicebook-tmp")
            temporary.write_bytes(text.encode("utf-8"))
            os.replace(temporary, path)
        for path in result.removals:
            path.unlink()
    except OSError:
        for path, data in originals.items():
            path.write_bytes(data)
        for path in result.writes:
            if path not in originals and path.exists():
                path.unlink()
        raise
