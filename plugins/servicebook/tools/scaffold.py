"""`servicebook new`: a new item's file with every field present and explained, valid as created.

The fields, their order and their comments come from the models, so a new field appears in
scaffolds without touching this module.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
import textwrap
import typing
from pathlib import Path

from pydantic.fields import FieldInfo

from ..data.layout import YAML_SUFFIXES, check_id_text, make_id
from ..data.link import load_handbook
from ..data.load import load_sources
from ..data.model import KINDS, Kind
from ..data.placeholders import placeholder
from ..data.problems import DataError, Problem

KIND_WORDS = {kind.word: kind for kind in KINDS.values()}


class ScaffoldError(Exception):
    """Why no file was written, and what to do instead."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(f"{message} — {hint}")


def _quoted(text: str) -> str:
    # A JSON string is a valid double-quoted YAML scalar: safe for '#', ': ' and leading signs.
    return json.dumps(text, ensure_ascii=False)


def _comment(info: FieldInfo) -> list[str]:
    # The format version a field came with ("(1.1)") is for the reference page, not for HR's new file.
    text = re.sub(r" \(1\.\d+\)", "", info.description or "")
    return [f"# {line}" for line in textwrap.wrap(text, 96)]


def _first_competency(root: Path) -> tuple[str, str]:
    """A competency and a level it describes, so that a new role's profile is valid from the start."""
    sources = load_sources(root).sources["library"]
    if not sources:
        raise ScaffoldError("a role needs at least one competency, and the library has none",
                            "create a competency first: servicebook new competency \"Name\"")
    cid = sorted(sources)[0]
    levels = getattr(sources[cid].item, "levels", {})
    return cid, next(iter(levels))


def _value(kind: Kind, field: str, info: FieldInfo, name: str, root: Path) -> str:
    """What follows `field:` in the new file."""
    annotation = typing.get_origin(info.annotation) or info.annotation
    if field == "name":
        return f" {_quoted(name)}"
    if not info.is_required():
        least = next((getattr(m, "min_length", 0) for m in info.metadata if hasattr(m, "min_length")), 0)
        return " []" if annotation is list and not least else ""
    if field == "levels":
        return "\n  1:\n    - " + _quoted(placeholder("A behaviour that shows this competency at level 1."))
    if field == "competencies":
        cid, level = _first_competency(root)
        note = placeholder("List the competencies this role needs, each with its level, in place of this example.")
        return f"\n  {cid}:\n    level: {_quoted(level)}\n    note: {_quoted(note)}"
    if annotation is typing.Literal:
        return f" {typing.get_args(info.annotation)[0]}"
    if annotation is list:
        return "\n  - " + _quoted(placeholder("A behaviour, in one line."))
    return " " + _quoted(placeholder(info.description or "The text."))


def render_item(kind: Kind, name: str, root: Path) -> str:
    lines = [f"# A {kind.noun}. Fields left empty are optional; lines starting with # are comments.", ""]
    for field, info in kind.model.model_fields.items():
        lines += _comment(info)
        lines.append(f"{field}:{_value(kind, field, info, name, root)}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def create(root: Path, word: str, name: str) -> Path:
    """Write the new item's file and give its path; raise ScaffoldError and write nothing otherwise."""
    kind = KIND_WORDS[word]
    if not (root / "framework.yml").is_file():
        raise ScaffoldError(f"'{root.as_posix()}' is not a handbook data folder (it has no framework.yml)",
                            "give the data folder with --data-dir")
    id_ = make_id(name)
    if not any(char.isascii() and char.isalpha() for char in name):
        raise ScaffoldError(f"no id can be made from the name '{name}'", "start the name with a letter")
    trouble = check_id_text(id_)
    if trouble:
        raise ScaffoldError(f"'{name}' cannot be used: its file would be {kind.folder}/{id_}.yml, and '{id_}' "
                            f"{trouble[0]}", f"{trouble[1]}, or add a word to it")
    folder = root / kind.folder
    existing = [folder / f"{id_}{suffix}" for suffix in YAML_SUFFIXES if (folder / f"{id_}{suffix}").exists()]
    if existing:
        raise ScaffoldError(f"{existing[0].as_posix()} already exists", "choose another name, or edit that file")
    _refuse_an_alias(root, kind, id_)
    path = folder / f"{id_}.yml"
    content = render_item(kind, name, root)
    _check_in_copy(root, path, content)
    folder.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8", newline="\n") as file:  # never overwrite, even in a race
        file.write(content)
    return path


def _refuse_an_alias(root: Path, kind: Kind, id_: str) -> None:
    """An old id kept as an alias still leads printed links and QR codes to its item: never reuse it."""
    for other, source in sorted(load_sources(root).sources[kind.folder].items()):
        if id_ in getattr(source.item, "aliases", []):
            raise ScaffoldError(f"'{id_}' is an earlier id of the {kind.noun} {other}, and its old address "
                                f"still leads there", "choose another name, so that old links keep working")


def _check_in_copy(root: Path, path: Path, content: str) -> None:
    """Build the data with the new file in a scratch copy; only the new file's own problems block it."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "data"
        shutil.copytree(root, copy, symlinks=True)
        target = copy / path.relative_to(root)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
        try:
            load_handbook(copy, placeholders=False)
        except DataError as error:
            own = [p for p in error.problems if p.file == target]
            if own:
                shown = [Problem(path, p.line, p.column, p.message, p.hint).format() for p in own]
                raise ScaffoldError("the new file would not be valid: " + "; ".join(shown),
                                    "change the name, or fix the data folder first") from None


GROUP_WORD = "group"


def create_group(root: Path, name: str) -> str:
    """Add a staff group to framework.yml (groups live there, not in files of their own); give its id.

    The entry is added below the last group, in the file's own indentation, or as a new `groups:`
    block at the end; nothing else in the file changes.
    """
    framework = root / "framework.yml"
    if not framework.is_file():
        raise ScaffoldError(f"'{root.as_posix()}' is not a handbook data folder (it has no framework.yml)",
                            "give the data folder with --data-dir")
    id_ = make_id(name)
    if check_id_text(id_) or not name.strip():
        raise ScaffoldError(f"no id can be made from the name '{name}'", "start the name with a letter")
    loaded = load_sources(root)
    if loaded.framework is None:
        raise DataError([p for p in loaded.problems if p.file == framework])
    document = loaded.framework.document
    if id_ in {group.get("id") for group in document.data.get("groups") or [] if isinstance(group, dict)}:
        raise ScaffoldError(f"framework.yml already has a group '{id_}'", "choose another name, or edit that group")
    text = _with_group(document.text, document.spans, document.data.get("groups"), document.flows, id_, name)
    _check_in_copy(root, framework, text)
    raw = framework.read_bytes().decode("utf-8")
    framework.write_bytes((("\ufeff" if raw.startswith("\ufeff") else "") + text).encode("utf-8"))
    return id_


def _with_group(text: str, spans: dict[typing.Any, tuple[int, int]], groups: typing.Any, flows: set[typing.Any],
                id_: str, name: str) -> str:
    newline = "\r\n" if "\r\n" in text else "\n"
    summary = _quoted("TODO: who is in the group, in a sentence.")
    if isinstance(groups, list) and groups and ("groups",) not in flows and ("groups", 0) in spans:
        start = spans[("groups", 0)][0]
        line_start = text.rfind("\n", 0, start) + 1
        dash = text[line_start:start]  # `  - ` as the file writes it
        inner = " " * len(dash)
        end = spans[("groups",)][1]
        end = text.rfind("\n", 0, end) + 1 if text[end - 1:end] != "\n" and "\n" in text[:end] else end
        entry = f"{dash}id: {id_}{newline}{inner}name: {_quoted(name)}{newline}{inner}summary: {summary}{newline}"
        if end == 0 or text[end - 1:end] != "\n":
            entry = newline + entry
        return text[:end] + entry + text[end:]
    if ("groups",) in spans:
        raise ScaffoldError("framework.yml writes its groups in a way this command cannot add to",
                            "add the group to framework.yml by hand, under groups:")
    ending = "" if text.endswith(("\n", "\r")) or not text else newline
    return (f"{text}{ending}groups:{newline}  - id: {id_}{newline}    name: {_quoted(name)}{newline}"
            f"    summary: {summary}{newline}")
