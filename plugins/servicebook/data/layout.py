"""Which files of the data folder are handbook items, and what is wrong with the rest."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from .model import KINDS
from .problems import Problem
from .text import ID_MAX, ID_PATTERN, LANGUAGE_PATTERN

FRAMEWORK = "framework.yml"
YAML_SUFFIXES = (".yml", ".yaml")
# Device names that Windows will not create as files, whatever the extension.
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}
# A telling key for each kind, to say where a stray file at the root belongs.
_TELLING_KEYS = {"values": "we_do", "library": "levels", "roles": "competencies", "training": "format",
                 "pledges": "measures"}
# Translation catalogues (1.1) live beside the kind folders; they are read by the translation stage.
TRANSLATIONS = "translations"
_FOLDERS = "values/, library/, roles/, training/ or pledges/"


@dataclass(frozen=True)
class Entry:
    """One item file: its folder (kind), its id and where it is."""

    kind: str
    id: str
    path: Path


def _ignored(path: Path) -> bool:
    return path.name.startswith((".", "_"))


def _at(path: Path, message: str, hint: str) -> Problem:
    return Problem(path, 1, 1, message, hint)


def make_id(stem: str) -> str:
    """An id made from a name or file name: 'Front Line' → 'front-line'."""
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    slug = re.sub(r"^[^a-z]+", "", slug)
    return slug[:ID_MAX].rstrip("-") or "a-name"


def _outside(path: Path, root: Path) -> bool:
    """A link that leads out of the data folder is never followed."""
    return path.is_symlink() and not path.resolve().is_relative_to(root.resolve())


def check_root(root: Path) -> list[Problem]:
    """The data folder itself must exist, be a folder and hold framework.yml."""
    if not root.exists():
        return [_at(root, f"the data folder '{root.name}' does not exist",
                    "create it with a framework.yml, or set the plugin's data_dir to the folder that holds the data")]
    if not root.is_dir():
        return [_at(root, f"the data folder '{root.name}' is a file, not a folder",
                    "point data_dir at the folder that holds framework.yml")]
    framework = root / FRAMEWORK
    if not framework.is_file():
        hint = ("rename framework.yaml to framework.yml" if (root / "framework.yaml").is_file()
                else "create it with the handbook's title, organisation and levels")
        return [_at(framework, "framework.yml is missing from the data folder", hint)]
    return []


def find_entries(root: Path) -> tuple[list[Entry], list[Problem]]:
    """Every item file, in a fixed order, and a problem for every file that breaks the layout."""
    problems = check_root(root)
    if problems:
        return [], problems
    problems += _check_root_files(root)
    entries: list[Entry] = []
    for kind in KINDS:
        folder = root / kind
        if _outside(folder, root):
            problems.append(_at(folder, f"'{kind}' links to a folder outside the data folder",
                                "keep the files themselves in the data folder"))
        elif folder.is_dir():
            found, trouble = _scan_folder(root, kind)
            entries += found
            problems += trouble
        elif folder.exists():
            problems.append(_at(folder, f"'{kind}' must be a folder", f"make {kind}/ a folder of YAML files"))
    return entries, problems


def _check_root_files(root: Path) -> list[Problem]:
    problems = []
    for path in sorted(root.iterdir()):
        if _ignored(path) or path.name.upper().startswith("README") or path.name == FRAMEWORK:
            continue
        if _outside(path, root):
            problems.append(_at(path, f"'{path.name}' links to a place outside the data folder",
                                "keep handbook files in the data folder itself"))
        elif path.name == TRANSLATIONS and path.is_dir():
            problems += _check_translations(path)
        elif path.is_dir() and path.name not in KINDS and any(
                p.suffix in YAML_SUFFIXES for p in path.iterdir() if not _ignored(p)):
            guess = difflib.get_close_matches(path.name, list(KINDS), n=1, cutoff=0.5)
            hint = f"did you mean {guess[0]}/?" if guess else f"the folders are {_FOLDERS}"
            problems.append(_at(path, f"the folder '{path.name}' is not one the handbook reads", hint))
        elif path.is_file() and path.suffix in YAML_SUFFIXES:
            message = f"'{path.name}' is not read: only framework.yml belongs at the top of the data folder"
            problems.append(_at(path, message, _where_it_belongs(path)))
    return problems


def _where_it_belongs(path: Path) -> str:
    if path.stem == "framework":
        return "rename it to framework.yml"
    text = path.read_bytes()[:65536].decode("utf-8", "replace")
    for kind, key in _TELLING_KEYS.items():
        if re.search(rf"^{key}\s*:", text, re.MULTILINE):
            return f"did you mean {kind}/{path.name}?"
    return f"move it into {_FOLDERS}"


def _check_translations(folder: Path) -> list[Problem]:
    """translations/ holds one gettext catalogue per language, `<lang>.po`, and nothing else."""
    problems = []
    for path in sorted(folder.iterdir()):
        if _ignored(path):
            continue
        if path.is_dir() or path.suffix != ".po":
            problems.append(_at(path, f"'{path.name}' is not a .po file, but translations/ holds only .po files",
                                "keep one <language>.po catalogue per language here, such as cy.po, or rename "
                                "it to start with _ to have it ignored"))
        elif not re.fullmatch(LANGUAGE_PATTERN, path.stem):
            problems.append(_at(path, f"'{path.name}' is not named for a language",
                                "name the catalogue with a BCP 47 language tag, such as cy.po or zh-Hant.po"))
    return problems


def _scan_folder(root: Path, kind: str) -> tuple[list[Entry], list[Problem]]:
    entries: dict[str, Entry] = {}
    problems: list[Problem] = []
    paths = sorted(path for path in (root / kind).iterdir() if not _ignored(path))
    names = {path.name for path in paths}
    for path in paths:
        problem = _case_twin(path, names) or _check_file(root, kind, path)
        if problem:
            problems.append(problem)
        elif path.stem in entries:
            other = entries[path.stem].path.name
            problems.append(_at(path, f"'{path.name}' and '{other}' both define the id '{path.stem}'",
                                "keep one of the two files"))
        else:
            entries[path.stem] = Entry(kind, path.stem, path)
    return list(entries.values()), problems


def _case_twin(path: Path, names: set[str]) -> Problem | None:
    """'Leader.yml' beside 'leader.yml': Windows and macOS would check out only one of them."""
    twin = path.name.lower()
    if twin == path.name or twin not in names:
        return None
    return _at(path, f"'{path.name}' and '{twin}' differ only in capital letters, and Windows and macOS treat them "
               "as the same file", f"keep {twin} and delete {path.name}, moving anything you need from it")


def _check_file(root: Path, kind: str, path: Path) -> Problem | None:
    if _outside(path, root):
        return _at(path, f"'{path.name}' links to a file outside the data folder",
                   "copy the file into the data folder instead of linking to it")
    if path.is_dir():
        return _at(path, f"'{path.name}' is a folder, but {kind}/ holds only YAML files",
                   f"move its files up into {kind}/, or rename it to start with _ to have it ignored")
    if path.suffix not in YAML_SUFFIXES:
        return _at(path, f"'{path.name}' is not a YAML file, but {kind}/ holds only YAML files",
                   "rename it to end in .yml, or delete it (names starting with _ or . are ignored)")
    return _check_id(path)


def check_id_text(text: str) -> tuple[str, str] | None:
    """Why `text` cannot be an id (as what is wrong and how to fix it), or None when it can."""
    if text == "index":
        return "cannot be an id: it is the address of the list page", "choose another name"
    if text in _WINDOWS_RESERVED:
        return "cannot be an id: Windows cannot create a file of that name", "choose another name"
    if len(text) > ID_MAX:
        return (f"is {len(text)} characters long; an id may have at most {ID_MAX}",
                f"shorten it, for example to {make_id(text)}")
    if not re.fullmatch(ID_PATTERN, text):
        return ("is not a valid id", "use lower-case letters, digits and single hyphens, starting with a letter, "
                f"for example {make_id(text)}")
    return None


def _check_id(path: Path) -> Problem | None:
    trouble = check_id_text(path.stem)
    if trouble is None:
        return None
    message, hint = trouble
    return _at(path, f"the file name '{path.name}' {message} (an item's id is its file name without .yml)",
               f"rename the file: {hint}")
