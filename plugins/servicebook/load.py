"""The data folder → validated items with their documents, or every problem found on the way."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from .layout import FRAMEWORK, Entry, find_entries
from .located import Document, parse
from .messages import problems_from
from .model import KINDS, Framework, Item
from .problems import Problem


@dataclass(frozen=True)
class Source:
    """A validated item together with the document it came from, for locating later problems."""

    kind: str
    id: str
    document: Document
    item: Item

    @property
    def path(self) -> Path:
        return self.document.path


@dataclass
class Loaded:
    """What one pass over the data folder found: valid items, the ids of invalid ones, problems."""

    root: Path
    framework: Source | None = None
    sources: dict[str, dict[str, Source]] = field(default_factory=lambda: {kind: {} for kind in KINDS})
    broken: dict[str, set[str]] = field(default_factory=lambda: {kind: set() for kind in KINDS})
    problems: list[Problem] = field(default_factory=list)


def read_item(path: Path, model: type[BaseModel], kind: str) -> tuple[Document | None, BaseModel | None, list[Problem]]:
    """Parse and validate one file; on failure, say everything that is wrong with it."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, None, [Problem(path, 1, 1, f"the file cannot be read ({error.strerror})",
                                    "check that it exists and that you may read it")]
    document, problems = parse(path, raw)
    if document is None:
        return None, None, problems
    try:
        return document, model.model_validate(document.data), []
    except ValidationError as error:
        return document, None, problems_from(error, document, model, kind)


def load_sources(root: Path) -> Loaded:
    """Read every file of the data folder once, in a fixed order."""
    loaded = Loaded(root)
    entries, loaded.problems = find_entries(root)
    if loaded.problems and not entries and not (root / FRAMEWORK).is_file():
        return loaded
    framework = Entry("framework", "framework", root / FRAMEWORK)
    for entry in [framework, *entries]:
        model, name = (Framework, "framework") if entry is framework else (KINDS[entry.kind].model,
                                                                           KINDS[entry.kind].noun)
        document, item, problems = read_item(entry.path, model, name)
        loaded.problems += problems
        if document is None or not isinstance(item, Item):
            if entry is not framework:
                loaded.broken[entry.kind].add(entry.id)
        elif entry is framework:
            loaded.framework = Source("framework", "framework", document, item)
        else:
            loaded.sources[entry.kind][entry.id] = Source(entry.kind, entry.id, document, item)
    return loaded
