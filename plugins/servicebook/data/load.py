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


Read = tuple[Document | None, BaseModel | None, list[Problem]]


class ReadCache:
    """What earlier loads made of each file, kept by `mkdocs serve` between rebuilds.

    A file whose bytes are unchanged is not parsed or validated again, so a rebuild after one
    edit costs one file's work plus the linking, whatever the size of the handbook.
    """

    def __init__(self) -> None:
        self._reads: dict[tuple[Path, str], tuple[bytes, Read]] = {}
        self._documents: dict[Path, Document | None] = {}

    def get(self, path: Path, kind: str, raw: bytes) -> Read | None:
        found = self._reads.get((path, kind))
        return found[1] if found is not None and found[0] == raw else None

    def put(self, path: Path, kind: str, raw: bytes, read: Read) -> None:
        self._reads[path, kind] = (raw, read)
        self._documents[path] = read[0]

    def keep_only(self, paths: set[Path]) -> None:
        self._reads = {key: value for key, value in self._reads.items() if key[0] in paths}
        self._documents = {path: document for path, document in self._documents.items() if path in paths}

    def document(self, path: Path) -> Document | None:
        """The document last read from `path`: what later checks use to locate a finding without parsing again."""
        return self._documents.get(path)


def read_item(path: Path, model: type[BaseModel], kind: str, cache: ReadCache | None = None) -> Read:
    """Parse and validate one file; on failure, say everything that is wrong with it."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, None, [Problem(path, 1, 1, f"the file cannot be read ({error.strerror})",
                                    "check that it exists and that you may read it")]
    if cache is None:
        return _read(path, raw, model, kind)
    read = cache.get(path, kind, raw)
    if read is None:
        read = _read(path, raw, model, kind)
        cache.put(path, kind, raw, read)
    return read


def _read(path: Path, raw: bytes, model: type[BaseModel], kind: str) -> Read:
    document, problems = parse(path, raw)
    if document is None:
        return None, None, problems
    try:
        return document, model.model_validate(document.data), []
    except ValidationError as error:
        return document, None, problems_from(error, document, model, kind)


def load_sources(root: Path, cache: ReadCache | None = None) -> Loaded:
    """Read every file of the data folder once, in a fixed order."""
    loaded = Loaded(root)
    entries, loaded.problems = find_entries(root)
    if loaded.problems and not entries and not (root / FRAMEWORK).is_file():
        return loaded
    framework = Entry("framework", "framework", root / FRAMEWORK)
    for entry in [framework, *entries]:
        model, name = (Framework, "framework") if entry is framework else (KINDS[entry.kind].model,
                                                                           KINDS[entry.kind].noun)
        document, item, problems = read_item(entry.path, model, name, cache)
        loaded.problems += problems
        if document is None or not isinstance(item, Item):
            if entry is not framework:
                loaded.broken[entry.kind].add(entry.id)
        elif entry is framework:
            loaded.framework = Source("framework", "framework", document, item)
        else:
            loaded.sources[entry.kind][entry.id] = Source(entry.kind, entry.id, document, item)
    if cache is not None:
        cache.keep_only({entry.path for entry in [framework, *entries]})
    return loaded
