"""`servicebook translate update|status`: keep each language's catalogue in step with the framework.

Like gettext's msgmerge, but a changed text is matched only within its own context, so a
translation never drifts to another item's text. Babel reads and writes the PO files.
"""

from __future__ import annotations

import datetime
import difflib
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po

from ..data import catalogue
from ..data.catalogue import Entry, Status, Text
from ..data.layout import TRANSLATIONS
from ..data.load import load_sources
from ..data.problems import DataError, Problem

FUZZY_CUTOFF = 0.5  # below this, an old translation is no help for the new text: start again


class TranslateError(Exception):
    """Why nothing was written, and what to do instead."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(f"{message} — {hint}")


@dataclass(frozen=True)
class Updated:
    """What `update` did to one catalogue."""

    path: Path
    added: int
    stale: int
    obsolete: int
    changed: bool


def texts_of(root: Path) -> list[Text]:
    """The framework's translatable texts; the data must be valid first, as a build would need it."""
    return _framework_and_texts(root)[2]


def _framework_and_texts(root: Path) -> tuple[Any, dict[str, dict[str, Any]], list[Text]]:
    loaded = load_sources(root)
    if loaded.problems or loaded.framework is None:
        raise DataError(loaded.problems or [Problem(root / "framework.yml", 1, 1, "framework.yml is missing")])
    items = {kind: {id_: source.item for id_, source in sources.items()} for kind, sources in loaded.sources.items()}
    framework = loaded.framework.item
    return framework, items, catalogue.source_texts(framework, items)  # type: ignore[arg-type]


def update(root: Path, language: str) -> Updated:
    """Create or refresh `translations/<language>.po`: new texts empty, changed ones fuzzy, gone ones obsolete."""
    if not catalogue.LANGUAGE_TAG.fullmatch(language):
        raise TranslateError(f"'{language}' is not a language tag", "use a BCP 47 tag such as zh-Hant, cy or pt-BR")
    path = root / TRANSLATIONS / f"{language}.po"
    old: list[Entry] = []
    header: tuple[datetime.datetime, datetime.datetime] | None = None
    if path.exists():
        read = catalogue.read(path)
        if read.problems:
            raise DataError(read.problems)
        old = read.entries
        header = _header_dates(path)
    texts = texts_of(root)
    catalog, counts = _merge(texts, old, language, header)
    text = _po_text(catalog)
    changed = not path.exists() or path.read_text(encoding="utf-8") != text
    if changed:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    return Updated(path, *counts, changed)


def _merge(texts: list[Text], old: list[Entry], language: str,
           header: tuple[datetime.datetime, datetime.datetime] | None) -> tuple[Catalog, tuple[int, int, int]]:
    when = header or (_today(), _today())
    catalog = Catalog(locale=None, project="servicebook framework", creation_date=when[0], revision_date=when[1],
                      fuzzy=False)
    catalog.header_comment = (f"# The framework's texts in {language}, kept in step with the YAML files by\n"
                              "# `servicebook translate update`. Translate the msgstr lines; an entry marked\n"
                              "# fuzzy is stale: its source text changed since it was translated.")
    catalog._set_mime_headers([("Language", language), ("Plural-Forms", "nplurals=1; plural=0;")])
    exact = {(e.context, e.source): e for e in old if e.source}
    unused = {key: entry for key, entry in exact.items() if entry.translation}
    added = stale = 0
    for text in texts:
        found = exact.get((text.context, text.source))
        if found is not None:
            unused.pop((text.context, text.source), None)
            catalog.add(text.source, found.translation, context=text.context, flags=_flags(found.fuzzy),
                        auto_comments=[_note(text)], user_comments=list(found.comments),
                        previous_id=found.previous or ())
            stale += found.fuzzy
            continue
        earlier = _closest(text, [e for k, e in unused.items() if k[0] == text.context])
        if earlier is not None:
            unused.pop((earlier.context, earlier.source), None)
            catalog.add(text.source, earlier.translation, context=text.context, flags={"fuzzy"},
                        auto_comments=[_note(text)], user_comments=list(earlier.comments),
                        previous_id=earlier.source)
            stale += 1
        else:
            catalog.add(text.source, "", context=text.context, auto_comments=[_note(text)])
            added += 1
    for entry in unused.values():
        key = (entry.source, entry.context or "")
        catalog.obsolete[key] = Message(entry.source, entry.translation, context=entry.context)
    return catalog, (added, stale, len(unused))


def _closest(text: Text, candidates: list[Entry]) -> Entry | None:
    """The old entry of the same context whose source text is most like the new one."""
    scored = [(difflib.SequenceMatcher(None, entry.source, text.source).ratio(), entry) for entry in candidates]
    best = max(scored, key=lambda pair: (pair[0], -pair[1].line), default=None)
    return best[1] if best is not None and best[0] >= FUZZY_CUTOFF else None


def _flags(fuzzy: bool) -> set[str]:
    return {"fuzzy"} if fuzzy else set()


def _note(text: Text) -> str:
    """What the translator sees beside the entry: what kind of text it is, and its limit."""
    rules = {"name": "a name: plain text, no < or >", "plain": "plain text, shown exactly as typed",
             "rich": "Markdown: emphasis, lists and links; raw HTML is shown as text"}
    return f"{rules[text.kind]}; at most {text.limit:,} characters"


def _po_text(catalog: Catalog) -> str:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, include_previous=True, sort_output=False, omit_header=False)
    return buffer.getvalue().decode("utf-8")


def _header_dates(path: Path) -> tuple[datetime.datetime, datetime.datetime] | None:
    """An unchanged framework gives an unchanged file: the header keeps the dates it has."""
    with path.open("rb") as handle:
        catalog = read_po(handle)
    return catalog.creation_date, catalog.revision_date  # type: ignore[return-value]


def _today() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc).replace(second=0, microsecond=0)


def status(root: Path) -> list[tuple[Status, list[Problem]]]:
    """Each language's counts, with the problems its catalogue has."""
    framework, items, texts = _framework_and_texts(root)
    known = catalogue.places(framework, items)
    results = []
    for path in catalogue.catalogues(root):
        errors, _warnings, counts = catalogue.check(catalogue.read(path), texts, known)
        results.append((counts, errors))
    return results
