"""Translations as gettext catalogues: which texts a framework has, and what a catalogue says of them.

Every translatable text is found by walking the models, so a new kind or field is translatable
without touching this module. A text's context (`roles/<id>:summary`, `library/<id>:levels.2`,
`framework:levels.1.name`) names where it lives; its `msgid` is the source text, so a changed
source is noticed, never shown out of date. PO files are read and written with Babel.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, PoFileParser, unescape
from pydantic import AfterValidator, BaseModel
from pydantic_core import PydanticCustomError

from .layout import TRANSLATIONS
from .model import KINDS, Framework
from .problems import Problem
from .text import LANGUAGE_PATTERN, Id, LevelRef, PlainText, Ref, RichText

CATALOGUE_MAX = 8 * 1024 * 1024
LANGUAGE_TAG = re.compile(LANGUAGE_PATTERN)  # the rule framework.yml's `language` and the file names follow
NOT_TEXT = (Id, Ref, LevelRef)
# Settings, not words a reader sees: never offered for translation.
NOT_TRANSLATED = {"checks", "language", "review_every_months"}
TextKind = Literal["name", "plain", "rich"]


@dataclass(frozen=True)
class Text:
    """One source text that a translation may replace."""

    context: str
    source: str
    kind: TextKind
    limit: int
    rule: PlainText | RichText


def source_texts(framework: Framework, items: dict[str, dict[str, BaseModel]]) -> list[Text]:
    """Every translatable text, framework first, then each kind's items by id, fields in model order."""
    levels = level_numbers(framework)
    texts = list(_walk(framework, "framework:", levels))
    for kind in KINDS:
        for id_ in sorted(items.get(kind, {})):
            texts += _walk(items[kind][id_], f"{kind}/{id_}:", levels)
    return texts


def places(framework: Framework, items: dict[str, dict[str, BaseModel]]) -> set[str]:
    """Every `kind/id:field` (and `framework:field`) that exists, texts or not.

    An entry whose context starts with one of these names something that is there: if its text is
    gone (a list emptied, a level dropped) it is obsolete, which `translate update` tidies; a context
    naming an item that is gone is an error.
    """
    found = {f"framework:{name}" for name in type(framework).model_fields if name not in NOT_TRANSLATED}
    for kind in KINDS:
        for id_, item in items.get(kind, {}).items():
            found |= {f"{kind}/{id_}:{name}" for name in type(item).model_fields if name not in NOT_TRANSLATED}
    return found


def _walk(model: BaseModel, prefix: str, levels: dict[str, int]) -> Iterator[Text]:
    for name, info in type(model).model_fields.items():
        if name in NOT_TRANSLATED:
            continue
        # Pydantic keeps a plain field's `Annotated` rules apart from its type: put them back together.
        annotation: Any = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
        yield from _texts(getattr(model, name), annotation, prefix + name, levels)


def _texts(value: Any, annotation: Any, path: str, levels: dict[str, int]) -> Iterator[Text]:
    """The texts in one value, whatever its shape: text, list, mapping or a nested model."""
    if value is None:
        return
    if isinstance(value, BaseModel):
        yield from _walk(value, path + ".", levels)
        return
    annotation = unoptional(annotation)
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        rule = text_rule(annotation)
        if rule is None and args and typing.get_origin(args[0]) in (list, dict):
            yield from _texts(value, args[0], path, levels)
        elif rule is not None and isinstance(value, str):
            yield Text(path, value, _kind(rule), rule.limit, rule)
    elif origin is list:
        for number, entry in enumerate(value, 1):
            key = entry_key(entry, number)
            yield from _texts(entry, args[0], path if not isinstance(entry, BaseModel) else f"{path}.{key}", levels)
    elif origin is dict:
        for key, entry in value.items():
            yield from _texts(entry, args[1], f"{path}.{key_step(key, args[0], levels)}", levels)


def key_step(key: str, key_type: Any, levels: dict[str, int]) -> str:
    """A mapping's key in a context: a level, however the YAML names it, by its number (`levels.2`)."""
    return str(levels.get(key.casefold(), key)) if key_type is LevelRef or key_type == LevelRef else key


def level_numbers(framework: Framework) -> dict[str, int]:
    """Level names (any case) → numbers, as contexts name levels."""
    return {level.name.casefold(): number for number, level in enumerate(framework.levels, 1)}


def unoptional(annotation: Any) -> Any:
    """`Plain300 | None` → `Plain300`: an optional text is translatable when it is given."""
    if typing.get_origin(annotation) not in (typing.Union, types.UnionType):
        return annotation
    args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
    return args[0] if len(args) == 1 else annotation


def entry_key(entry: Any, number: int) -> str:
    """A list of models is addressed by each entry's id where it has one (clusters), else by its number."""
    return str(getattr(entry, "id", number))


def text_rule(annotation: Any) -> PlainText | RichText | None:
    if any(annotation == other for other in NOT_TEXT):
        return None
    for meta in typing.get_args(annotation)[1:]:
        if isinstance(meta, AfterValidator) and isinstance(meta.func, PlainText | RichText):
            return meta.func
    return None


def _kind(rule: PlainText | RichText) -> TextKind:
    if isinstance(rule, RichText):
        return "rich"
    return "name" if rule.name else "plain"


@dataclass(frozen=True)
class Entry:
    """One entry of a catalogue as read, with the line it starts on."""

    context: str | None
    source: str
    translation: str
    fuzzy: bool
    previous: str | None
    line: int
    comments: tuple[str, ...] = ()


@dataclass
class Read:
    """A catalogue file: its entries, or the problems that kept it from being read."""

    path: Path
    language: str
    entries: list[Entry]
    problems: list[Problem]


class _Keeping(Catalog):
    """Babel's catalogue, keeping every entry it is given: a repeated entry is a mistake to report, not to merge."""

    def __init__(self) -> None:
        super().__init__(locale=None)
        self.kept: list[Message] = []

    def __setitem__(self, id: Any, message: Message) -> None:  # noqa: A002 (Babel's own name)
        if message.id:
            self.kept.append(message)
        super().__setitem__(id, message)


def read(path: Path) -> Read:
    """One `translations/<lang>.po`, read strictly; problems are located in the file (its name: see layout)."""
    language = path.stem
    problems: list[Problem] = []
    size = path.stat().st_size
    if size > CATALOGUE_MAX:
        return Read(path, language, [], [*problems, Problem(
            path, 1, 1, f"the catalogue is {size:,} bytes; the limit is {CATALOGUE_MAX:,}",
            "split the framework or remove obsolete entries (lines starting with #~)")])
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return Read(path, language, [], [*problems, Problem(
            path, line, 1, "the file is not UTF-8 text", "save it as UTF-8 (any PO editor can)")])
    syntax = _syntax_problems(path, text)
    if syntax:
        return Read(path, language, [], [*problems, *syntax])
    catalog = _Keeping()
    try:
        PoFileParser(catalog, ignore_obsolete=True, abort_invalid=True).parse(text.splitlines(keepends=True))
    except PoFileError as error:
        return Read(path, language, [], [*problems, Problem(
            path, error.lineno + 1, 1, f"the catalogue cannot be read here: {error}",
            "check the entry's keywords: msgctxt, then msgid, then msgstr; a PO editor shows the fault")])
    return Read(path, language, [_entry(message) for message in catalog.kept], problems)


_QUOTED = r'"(?:[^"\\]|\\.)*"'
_LINE = re.compile(rf"(#~ ?)?((msgctxt|msgid|msgid_plural|msgstr(\[\d+\])?)\s+)?{_QUOTED}\s*")
_PLURAL = re.compile(r'"Plural-Forms:\s*(.*?)(\\n)?"')
_PLURAL_RULE = re.compile(r"nplurals=\d+;\s*plural=[\w\s?:%!<>=&|()+\-*/]+;?\s*")


def _syntax_problems(path: Path, text: str) -> list[Problem]:
    """Every line is a comment, blank, or a keyword with one well-quoted string; Babel is more forgiving.

    Babel reads `msgid "text` (no closing quote) as `tex`: a silent change, so it is caught here, at its line.
    """
    problems = []
    previous = ""  # the keyword of the entry's last keyword line
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or (stripped.startswith("#") and not stripped.startswith("#~")):
            continue
        match = _LINE.fullmatch(stripped)
        keyword = (match.group(3) or "") if match else ""
        if keyword and keyword == previous and not stripped.startswith("#~"):
            problems.append(Problem(path, number, 1, f"this entry has a second {keyword} line, which would be lost",
                                    "keep one: a text goes on over several lines that each hold only a quoted "
                                    "string"))
        previous = keyword or previous
        if match is None:
            problems.append(Problem(path, number, 1, "this line is not a PO keyword with a quoted string",
                                    'write it as msgid "…" or msgstr "…", with both quotes, and \\" for a quote '
                                    "inside the text"))
        elif (plural := _PLURAL.fullmatch(stripped)) and not _PLURAL_RULE.fullmatch(plural.group(1)):
            problems.append(Problem(path, number, 1, f"the header's Plural-Forms is not valid: {plural.group(1)}",
                                    "write nplurals=1; plural=0; (the handbook uses no plurals), or delete the line"))
    return problems


def _entry(message: Message) -> Entry:
    source = message.id if isinstance(message.id, str) else message.id[0]
    translation = message.string if isinstance(message.string, str) else (message.string or [""])[0]
    previous, comments = _previous(message.user_comments)
    return Entry(message.context, source, translation or "", message.fuzzy, previous, message.lineno or 1, comments)


def _previous(comments: list[str]) -> tuple[str | None, tuple[str, ...]]:
    """Babel reads `#| msgid "…"` (the source a fuzzy entry was translated from) as a comment: take it back."""
    previous = [c[1:].strip() for c in comments if c.startswith("|")]
    own = tuple(c for c in comments if not c.startswith("|"))
    parts = [part.removeprefix("msgid").strip() for part in previous if not part.startswith("msgctxt")]
    strings = [unescape(part) for part in parts if part.startswith('"') and part.endswith('"')]
    return ("".join(strings) if strings else None), own


@dataclass(frozen=True)
class Status:
    """How much of the framework one catalogue translates."""

    language: str
    total: int
    translated: int
    missing: list[Text]
    stale: list[tuple[Text, Entry]]
    obsolete: list[Entry]


def check(read: Read, texts: list[Text], known: set[str] | None = None) -> tuple[list[Problem], list[Problem], Status]:
    """Errors (nothing is published), warnings (missing and stale texts) and the counts.

    `known` (see `places`) tells a context whose text is gone from one that names nothing.
    """
    by_context: dict[str, dict[str, Text]] = {}
    for text in texts:
        by_context.setdefault(text.context, {})[text.source] = text
    heads = known if known is not None else {context.split(".")[0] for context in by_context}
    errors = list(read.problems)
    seen: dict[tuple[str | None, str], int] = {}
    current: dict[tuple[str, str], Entry] = {}
    stale_by_context: dict[str, list[Entry]] = {}
    obsolete: list[Entry] = []
    for entry in read.entries:
        if not entry.source:
            continue  # the header
        key = (entry.context, entry.source)
        if key in seen:
            errors.append(_at(read, entry, "this entry repeats the one on line "
                              f"{seen[key]}", "keep one of them and delete the other"))
            continue
        seen[key] = entry.line
        errors += _entry_problems(read, entry, by_context, heads)
        if entry.context not in by_context:
            if entry.context is not None and entry.context.split(".")[0] in heads:
                obsolete.append(entry)  # its place is there, its text is not: tidied by translate update
            continue
        if entry.source in by_context[entry.context]:
            current[entry.context, entry.source] = entry
        else:
            (stale_by_context.setdefault(entry.context, []) if entry.translation else obsolete).append(entry)
    return errors, *_status(read, texts, current, stale_by_context, obsolete)


def _entry_problems(read: Read, entry: Entry, by_context: dict[str, dict[str, Text]],
                    heads: set[str]) -> list[Problem]:
    if entry.context is None or (entry.context not in by_context and entry.context.split(".")[0] not in heads):
        what = "has no msgctxt" if entry.context is None else f"names '{entry.context}', which the framework has not"
        return [_at(read, entry, f"this entry {what}",
                    "run servicebook translate update to bring the catalogue in line with the data")]
    text = by_context.get(entry.context, {}).get(entry.source)
    if text is None or not entry.translation or entry.fuzzy:
        return []
    try:
        text.rule(entry.translation)
    except PydanticCustomError as error:
        return [_at(read, entry, f"the translation of {entry.context} {error.message()}",
                    str((error.context or {}).get("hint", "")))]
    return []


def _at(read: Read, entry: Entry, message: str, hint: str) -> Problem:
    return Problem(read.path, entry.line, 1, message, hint)


def _status(read: Read, texts: list[Text], current: dict[tuple[str, str], Entry],
            stale_by_context: dict[str, list[Entry]], obsolete: list[Entry]) -> tuple[list[Problem], Status]:
    warnings, missing, stale = [], [], []
    translated = 0
    for text in texts:
        entry = current.get((text.context, text.source))
        if entry is not None and entry.translation and not entry.fuzzy:
            translated += 1
        elif entry is not None and entry.fuzzy and entry.translation:
            stale.append((text, entry))
            warnings.append(_at(read, entry, f"{read.language}: the translation of {text.context} is stale: "
                                "its source text changed since it was translated",
                                "check the translation against the new text, then remove the fuzzy flag"))
        elif entry is None and stale_by_context.get(text.context):
            # The source changed in the YAML and translate update has not run yet: stale all the same.
            old = stale_by_context[text.context].pop(0)
            stale.append((text, old))
            warnings.append(_at(read, old, f"{read.language}: the translation of {text.context} is stale: its "
                                "source text changed in the data since it was translated",
                                f"run servicebook translate update {read.language}, which keeps it with the new "
                                "text beside the old for the translator to check"))
        else:
            missing.append(text)
    if missing:  # one line, not hundreds: `translate status` and a PO editor list them
        first = current.get((missing[0].context, missing[0].source))
        warnings.append(Problem(read.path, first.line if first is not None else 1, 1,
                                f"{read.language}: {len(missing)} of {len(texts)} texts are not translated yet, "
                                f"the first {missing[0].context}",
                                "translate them; servicebook translate status counts them, and translate update "
                                "adds new texts as empty entries"))
    for entries in stale_by_context.values():
        obsolete += entries  # old source text in a live context: update keeps it as a fuzzy suggestion
    return warnings, Status(read.language, len(texts), translated, missing, stale, obsolete)


def catalogues(root: Path) -> list[Path]:
    """The catalogue files of a data folder, by language tag."""
    folder = root / TRANSLATIONS
    return sorted(folder.glob("*.po")) if folder.is_dir() else []


def handbook_items(handbook: Any) -> dict[str, dict[str, BaseModel]]:
    """A linked handbook's items by kind folder, as `source_texts` and `places` take them."""
    return {kind: handbook.items(kind) for kind in KINDS}


def handbook_texts(handbook: Any) -> list[Text]:
    """The translatable texts of a linked handbook (see `source_texts`)."""
    return source_texts(handbook.framework, handbook_items(handbook))


@dataclass(frozen=True)
class Checked:
    """Every catalogue of a data folder, checked: errors stop a build; missing and stale texts are told."""

    errors: list[Problem]
    warnings: list[Problem]
    statuses: list[Status]
    reads: dict[str, Read]  # each catalogue as read, by language: what the site in that language is made from


def check_all(root: Path, handbook: Any) -> Checked:
    texts, known = handbook_texts(handbook), places(handbook.framework, handbook_items(handbook))
    errors: list[Problem] = []
    warnings: list[Problem] = []
    statuses = []
    reads = {path.stem: read(path) for path in catalogues(root)}
    for each in reads.values():
        found, told, status = check(each, texts, known)
        errors += found
        warnings += told
        statuses.append(status)
    return Checked(errors, warnings, statuses, reads)


_CONTEXT_LINE = re.compile(r'^(?P<lead>(?:#[~|] )?msgctxt ")(?P<context>(?:[^"\\]|\\.)*)"', re.M)


def renamed_contexts(text: str, old: str, new: str) -> str:
    """A catalogue's text with every context that starts with `old` starting with `new` instead.

    What `rename` does to catalogues: `library/listening:` becomes `library/active-listening:`, so
    every translation follows its text to the new id. Nothing else in the file changes.
    """
    def swap(match: re.Match[str]) -> str:
        context = match.group("context")
        return match.group("lead") + (new + context[len(old):] if context.startswith(old) else context) + '"'

    return _CONTEXT_LINE.sub(swap, text)
