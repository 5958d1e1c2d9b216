"""`servicebook rename`: a new id for an item, every reference to it updated, the old id kept as an alias.

Edits replace exactly the characters of the old id where the parser found it, so comments,
order, quoting and blank lines stay byte for byte. Nothing is written until every edited file
has been checked in a scratch copy of the data folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..data import catalogue, gitdata
from ..data.layout import check_id_text
from ..data.link import link
from ..data.load import Loaded, Source, load_sources
from ..data.located import Document, Loc
from ..data.model import KINDS, Kind
from ..data.problems import DataError

# Where each kind is referred to: (folder of the referring files, field, whether the id is a mapping key).
REFERENCES: dict[str, list[tuple[str, str, bool]]] = {
    "roles": [("roles", "reports_to", False), ("pledges", "roles", False)],
    "library": [("roles", "competencies", True), ("training", "develops", False), ("pledges", "competencies", False)],
    "values": [("library", "values", False)],
    "training": [("roles", "training", False), ("training", "requires", False), ("training", "variant_of", False)],
    "pledges": [],
}
# Where a staff group's id is written, besides its entry in framework.yml (format 1.1).
GROUP_REFERENCES = [("roles", "group"), ("training", "for_groups"), ("pledges", "groups")]


class RenameError(Exception):
    """Why nothing was renamed, and what to do instead."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(f"{message} — {hint}")


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    text: str


@dataclass
class Plan:
    """Every file's new text, and the file to move."""

    texts: dict[Path, str]
    source: Path
    target: Path


def _check_request(loaded: Loaded, kind: Kind, old: str, new: str) -> Source:
    trouble = check_id_text(new)
    if trouble:
        raise RenameError(f"'{new}' {trouble[0]}", trouble[1])
    items = loaded.sources[kind.folder]
    if old not in items:
        raise RenameError(f"there is no {kind.noun} '{old}'", f"the {kind.noun} ids are: {', '.join(sorted(items))}")
    if new in items:
        raise RenameError(f"a {kind.noun} '{new}' already exists", "choose another id")
    for id_, source in items.items():
        if new in getattr(source.item, "aliases", []):
            raise RenameError(f"'{new}' is an earlier id of '{id_}'",
                              f"remove it from the aliases in {source.path.name} first")
    return items[old]


def plan(root: Path, word: str, old: str, new: str) -> Plan:
    """Work out the whole rename in memory; raise RenameError or DataError when it cannot be done."""
    kind = next(k for k in KINDS.values() if k.word == word)
    loaded = load_sources(root)
    _, problems = link(loaded, placeholders=False)
    if loaded.problems or problems:
        raise DataError(loaded.problems + problems)
    renamed = _check_request(loaded, kind, old, new)
    edits: dict[Path, list[Edit]] = {}
    for folder, field, is_key in REFERENCES[kind.folder]:
        for source in loaded.sources[folder].values():
            found = _references(source.document, field, old, is_key)
            if found:
                edits.setdefault(source.path, []).extend(_replace(source.document, loc, new, key=is_key)
                                                         for loc in found)
    edits.setdefault(renamed.path, []).append(_add_alias(renamed.document, old))
    texts = {path: _apply(path, changes) for path, changes in edits.items()}
    texts.update(_catalogues(root, f"{kind.folder}/{old}:", f"{kind.folder}/{new}:"))
    return Plan(texts, renamed.path, renamed.path.with_name(new + renamed.path.suffix))


def _catalogues(root: Path, old: str, new: str) -> dict[Path, str]:
    """Every translation catalogue whose contexts name the old id, with the new one instead."""
    found = {}
    for path in catalogue.catalogues(root):
        text = path.read_text(encoding="utf-8")
        renamed = catalogue.renamed_contexts(text, old, new)
        if renamed != text:
            found[path] = renamed
    return found


def _references(document: Document, field: str, old: str, is_key: bool) -> list[Loc]:
    value = document.data.get(field)
    if is_key:
        return [(field, old)] if isinstance(value, dict) and old in value else []
    if isinstance(value, list):
        return [(field, index) for index, item in enumerate(value) if item == old]
    return [(field,)] if value == old else []


def _replace(document: Document, loc: Loc, new: str, *, key: bool) -> Edit:
    start, end = (document.key_spans if key else document.spans)[loc]
    quote = document.text[start] if document.text[start] in "'\"" else ""
    return Edit(start, end, f"{quote}{new}{quote}")


def _add_alias(document: Document, old: str) -> Edit:
    """Add `old` to the aliases, in the style the file already uses."""
    text, aliases = document.text, document.data.get("aliases")
    newline = "\r\n" if "\r\n" in text else "\n"
    if not isinstance(aliases, list) or ("aliases",) not in document.spans:
        if ("aliases",) in document.spans and aliases == "":  # `aliases:` left empty
            start, _ = document.spans[("aliases",)]
            return Edit(start, start, f" [{old}]")
        ending = "" if text.endswith(("\n", "\r")) or not text else newline
        return Edit(len(text), len(text), f"{ending}aliases: [{old}]{newline}")
    if not aliases:
        start, end = document.spans[("aliases",)]
        return Edit(start, end, f"[{old}]")
    last_start, last_end = document.spans[("aliases", len(aliases) - 1)]
    if ("aliases",) in document.flows:
        return Edit(last_end, last_end, f", {old}")
    # A new line below the last item, with the same indent and dash; its comment stays where it was.
    line_start = text.rfind("\n", 0, last_start) + 1
    line_end = len(text) if (found := text.find("\n", last_end)) < 0 else found
    line_end -= 1 if text[line_end - 1 : line_end] == "\r" else 0
    return Edit(line_end, line_end, f"{newline}{text[line_start:last_start]}{old}")


def _apply(path: Path, edits: list[Edit]) -> str:
    """The file's text with the edits made, from the end backwards so that offsets stay true."""
    raw = path.read_bytes().decode("utf-8")
    bom = "\ufeff" if raw.startswith("\ufeff") else ""
    text = raw.removeprefix("\ufeff")
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.text + text[edit.end :]
    return bom + text


def verify(root: Path, result: Plan) -> None:
    """The renamed data must still be valid: checked on a scratch copy before anything is written."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "data"
        shutil.copytree(root, copy, symlinks=True)
        for path, text in result.texts.items():
            (copy / path.relative_to(root)).write_bytes(text.encode("utf-8"))
        (copy / result.source.relative_to(root)).rename(copy / result.target.relative_to(root))
        loaded = load_sources(copy)
        _, problems = link(loaded, placeholders=False)
        if loaded.problems or problems:
            raise RenameError("the renamed data would not be valid (this is a bug in servicebook)",
                              "nothing was changed; please report it")


def apply(result: Plan) -> None:
    """Write every file through a temporary file, then move the item's file; undo all on failure."""
    originals = {path: path.read_bytes() for path in result.texts}
    try:
        for path, text in result.texts.items():
            temporary = path.with_name(f".{path.name}.servicebook-tmp")
            temporary.write_bytes(text.encode("utf-8"))
            os.replace(temporary, path)
        os.rename(result.source, result.target)
    except OSError:
        for path, data in originals.items():
            path.write_bytes(data)
        raise


def stage(result: Plan) -> bool:
    """Record the move in git's index, as `git mv` would, so that `git commit -a` keeps the renamed file.

    Only the two names of the moved file are staged; the other edited files are left for the person
    to review and add. False when the data is not in a git repository, or the file was not tracked.
    """
    try:
        top = gitdata.repository(result.target)
    except gitdata.GitError:
        return False
    tracked = subprocess.run(["git", "ls-files", "--error-unmatch", "--", str(result.source.resolve())],
                             cwd=top, capture_output=True, check=False)
    if tracked.returncode != 0:
        return False
    added = subprocess.run(["git", "add", "-A", "--", str(result.source.resolve()), str(result.target.resolve())],
                           cwd=top, capture_output=True, check=False)
    return added.returncode == 0


def rename(root: Path, word: str, old: str, new: str) -> Plan:
    result = plan(root, word, old, new)
    verify(root, result)
    apply(result)
    return result


def plan_group(root: Path, old: str, new: str) -> Plan:
    """A staff group's new id, in framework.yml and every role, module and pledge that names it.

    Groups have no file and no page of their own to forward, so no alias is kept: the group's
    page address changes, which the command says.
    """
    loaded = load_sources(root)
    _, problems = link(loaded)
    if loaded.problems or problems or loaded.framework is None:
        raise DataError(loaded.problems + problems)
    trouble = check_id_text(new)
    if trouble:
        raise RenameError(f"'{new}' {trouble[0]}", trouble[1])
    framework = loaded.framework.document
    groups = [group.get("id") for group in framework.data.get("groups") or []]
    if old not in groups:
        raise RenameError(f"there is no group '{old}'", "the group ids are: " + (", ".join(groups) or "none"))
    if new in groups:
        raise RenameError(f"a group '{new}' already exists", "choose another id")
    edits: dict[Path, list[Edit]] = {framework.path: [_replace(framework, ("groups", groups.index(old), "id"), new,
                                                               key=False)]}
    for folder, field in GROUP_REFERENCES:
        for source in loaded.sources[folder].values():
            for loc in _references(source.document, field, old, False):
                edits.setdefault(source.path, []).append(_replace(source.document, loc, new, key=False))
    texts = {path: _apply(path, changes) for path, changes in edits.items()}
    texts.update(_catalogues(root, f"framework:groups.{old}.", f"framework:groups.{new}."))
    return Plan(texts, framework.path, framework.path)
