"""`servicebook init`: a new organisation's handbook repository, ready to build and serve, from a starter.

Everything is worked out in memory and checked before the first byte is written, so a refusal
leaves the folder as it was. The files come from the package (`starters/`, `repository/`), so an
installed wheel can start a handbook without this project's source tree.
"""

from __future__ import annotations

import json
import posixpath
import re
import secrets
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import jinja2
from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from .. import __version__
from ..data.link import load_handbook
from ..data.located import parse
from ..data.markup import escape_plain
from ..data.model import Framework
from ..data.problems import DataError
from . import schema

DATA_DIR = "competencies"
SCHEMA_DIR = "schemas"
# Package file → where it goes in the new repository (dot files are stored without their dot).
RENAMED = {"gitignore": ".gitignore", "pre-commit-config.yaml": ".pre-commit-config.yaml", "github": ".github"}
NAV = [
    "- Home: index.md",
    "- Using the handbook:",
    "    - As staff: guide/staff.md",
    "    - Running a check-in: guide/check-ins.md",
    "    - As a trainer: guide/trainers.md",
    "    - As an HR editor: guide/hr-editors.md",
    "    - Summarising check-ins: guide/checkin-summary.md",
    "    - As a site owner: guide/site-owners.md",
    "    - As a translator: guide/translators.md",
    "- Roles: roles/index.md",
    "- Growth paths: growth/index.md",
    "- Competency library: library/index.md",
    "- Service values: values/index.md",
    "- Training: training/index.md",
    "- Staff groups: groups/index.md",
    "- Service pledges: pledges/index.md",
    "- Matrix: matrix.md",
    "- Clusters and values: tags.md",
    "- Workshop links: workshop.md",
    "- About the framework:",
    "    - The data format: about/data-format.md",
]


class InitError(Exception):
    """Why nothing was written, and what to do instead."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(f"{message} — {hint}")


@dataclass(frozen=True)
class Starter:
    """A framework to start from: its folder name and the first line of what it is."""

    name: str
    organisation: str
    title: str
    summary: str


@dataclass(frozen=True)
class Answers:
    """What the site owner chose; empty text means 'as the starter has it'."""

    starter: str = "housing"
    site_name: str = ""
    organisation: str = ""
    site_url: str = ""


def _starters_root() -> Traversable:
    return resources.files("servicebook.tools").joinpath("starters")


def starters() -> list[Starter]:
    """Every starter the package carries, by name."""
    found = []
    for folder in sorted(_starters_root().iterdir(), key=lambda entry: entry.name):
        if folder.is_dir() and not folder.name.startswith(("_", ".")):
            framework = _framework(folder.joinpath("framework.yml").read_text(encoding="utf-8"))
            found.append(Starter(folder.name, framework["organisation"], framework["title"],
                                 framework.get("summary", "")))
    return found


def _framework(text: str) -> dict[str, str]:
    """The starter's top-level text fields, read with the strict loader every data file goes through."""
    document, _ = parse(Path("framework.yml"), text.encode("utf-8"))
    data = document.data if document is not None and isinstance(document.data, dict) else {}
    return {key: value for key, value in data.items() if isinstance(value, str)}


def plan(answers: Answers) -> dict[str, str]:
    """Relative path → text of every file the new repository gets."""
    names = [starter.name for starter in starters()]
    if answers.starter not in names:
        raise InitError(f"there is no starter called '{answers.starter}'",
                        f"choose one of: {', '.join(names)} (servicebook init --list says what each is)")
    _check_answers(answers)
    files = {f"{DATA_DIR}/{path}": text for path, text in _tree(_starters_root().joinpath(answers.starter)).items()}
    framework = _framework(files[f"{DATA_DIR}/framework.yml"])
    organisation = answers.organisation or framework["organisation"]
    site_name = answers.site_name or framework["title"]
    for field, value in (("organisation", organisation), ("title", site_name)):
        if value != framework[field]:
            files[f"{DATA_DIR}/framework.yml"] = _with_field(files[f"{DATA_DIR}/framework.yml"], field, value)
    context: dict[str, object] = {"site_name": site_name, "organisation": organisation, "site_url": answers.site_url,
               "version": Trusted(__version__), "nav": [Trusted(line) for line in NAV],
               "summary": framework.get("summary", "")}
    files.update(_repository(context))
    files.update({f"{SCHEMA_DIR}/{name}": text for name, text in schema.render_schemas().items()})
    settings = {**schema.editor_settings(SCHEMA_DIR, DATA_DIR), "files.associations": {"*.yml": "yaml"}}
    files[".vscode/settings.json"] = json.dumps(settings, indent=2) + "\n"
    return dict(sorted(files.items()))


def _check_answers(answers: Answers) -> None:
    """The answers go into framework.yml and every page title: the model's own rules judge them first."""
    for label, text, field in (("site name", answers.site_name, "title"),
                               ("organisation", answers.organisation, "organisation")):
        if not text:
            continue
        rules = Framework.model_fields[field].metadata
        rule: Callable[[str], str] = next(m.func for m in rules if isinstance(m, AfterValidator))  # type: ignore[assignment]
        try:
            rule(text)
        except PydanticCustomError as error:
            raise InitError(f"the {label} {error.message()}", str((error.context or {}).get("hint", ""))) from None
        if re.search("[<>]", text):
            raise InitError(f"the {label} contains '<' or '>'", "names become page titles: reword it without them")
    if answers.site_url and not re.fullmatch(r"https?://[A-Za-z0-9.-]+(:\d+)?(/[^\s\"'<>]*)?", answers.site_url):
        raise InitError(f"'{answers.site_url}' is not a web address",
                        "give the published address, such as https://handbook.example.org/")


def _with_field(text: str, field: str, value: str) -> str:
    """framework.yml with one top-level text field replaced, every other byte kept."""
    line = f"{field}: {json.dumps(value, ensure_ascii=False)}"
    updated, count = re.subn(rf"^{field}:.*$", lambda _: line, text, count=1, flags=re.M)
    return updated if count else f"{line}\n{text}"


def _tree(folder: Traversable, prefix: str = "") -> dict[str, str]:
    files: dict[str, str] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.startswith((".", "_")) or entry.name == "__pycache__":
            continue
        path = f"{prefix}{entry.name}"
        if entry.is_dir():
            files.update(_tree(entry, f"{path}/"))
        else:
            files[path] = entry.read_text(encoding="utf-8")
    return files


class Trusted(str):
    """Text this module wrote itself (the nav lines, the version), which templates print as it is."""


# Every value a template prints is escaped for the file it lands in, whatever the template says:
# Markdown for pages and the README, a quoted YAML string for mkdocs.yml. Other files take only Trusted text.
_ESCAPES: dict[str, Callable[[str], str]] = {".md": escape_plain,
                                             ".yml": lambda text: json.dumps(text, ensure_ascii=False)}


def _environment(suffix: str) -> jinja2.Environment:
    escape = _ESCAPES.get(suffix)

    def finalize(value: object) -> str:
        if isinstance(value, Trusted):
            return value
        if escape is None:
            raise TypeError(f"a {suffix} template printed {value!r}, which has no escaping for that file")
        return escape(str(value))

    # Not Jinja's autoescape: it escapes for HTML, the wrong escaping for Markdown and YAML. `finalize`
    # escapes every printed value for the file being written, and refuses a file type it cannot escape for.
    return jinja2.Environment(undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                              keep_trailing_newline=True, autoescape=False, finalize=finalize)


def _repository(context: dict[str, object]) -> dict[str, str]:
    """The repository's own files; `.j2` files are templates, filled with the site owner's answers."""
    files = {}
    for path, text in _tree(resources.files("servicebook.tools").joinpath("repository")).items():
        first, _, rest = path.partition("/")
        target = f"{RENAMED.get(first, first)}/{rest}" if rest else RENAMED.get(first, first)
        if target.endswith(".j2"):
            target = target[:-3]
            text = _environment(posixpath.splitext(target)[1]).from_string(text).render(context)
        files[target] = text
    return files


def write(target: Path, answers: Answers) -> list[str]:
    """Write the new repository into an empty or new folder; nothing is written if anything is wrong."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InitError(f"{target.as_posix()} is not empty",
                        "choose a new folder or an empty one: init never writes over existing files")
    files = plan(answers)
    target.parent.mkdir(parents=True, exist_ok=True)
    # Written aside and checked there, then moved in whole: a failure leaves no half-made handbook.
    # Made with mkdir, not mkdtemp (which makes it private): the handbook gets the usual permissions.
    staging = target.parent / f".servicebook-init-{secrets.token_hex(6)}"
    staging.mkdir()
    try:
        for relative, text in files.items():
            path = staging / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
        load_handbook(staging / DATA_DIR)
    except DataError as error:  # the site owner's answers are checked above: this is a packaging fault
        shutil.rmtree(staging)
        raise InitError("the starter's data did not pass the check", error.report(staging)) from error
    if target.exists():
        target.rmdir()
    staging.rename(target)
    return list(files)
