"""The handbook in another language: every text replaced by its current translation, or kept and marked.

A translated handbook has the same ids, links and order as the source one; only its texts differ.
Each text is a `Translated` (which remembers the source text it stands for) or an `Untranslated`
(the source text itself, which remembers its language), so that pages can mark text shown in the
source language, and check-ins can key answers on the source words whatever language they were
given in.
"""

from __future__ import annotations

import typing
from collections.abc import Sequence
from dataclasses import replace
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel

from . import catalogue
from .layout import TRANSLATIONS
from .link import Handbook, Need
from .model import Competency, Role
from .problems import DataError, Problem
from .translated import Translated, Untranslated, source_of

__all__ = ["AUTO", "Translated", "Untranslated", "editions", "source_of", "translate"]

M = TypeVar("M", bound=BaseModel)


def translate(handbook: Handbook, read: catalogue.Read) -> Handbook:
    """The handbook with each text's current translation from one catalogue (checked beforehand).

    A translation counts when its entry's source is today's text and it is neither empty nor fuzzy;
    anything else shows the source text, marked `Untranslated`.
    """
    current = {(entry.context, entry.source): entry.translation for entry in read.entries
               if entry.context is not None and entry.translation and not entry.fuzzy}
    words = _Words(current, handbook.framework.language or "en", catalogue.level_numbers(handbook.framework))
    framework = words.model(handbook.framework, "framework:")
    competencies, roles = words.items(handbook.competencies, "library"), words.items(handbook.roles, "roles")
    return replace(
        handbook, framework=framework, values=words.items(handbook.values, "values"), competencies=competencies,
        roles=roles, modules=words.items(handbook.modules, "training"),
        pledges=words.items(handbook.pledges, "pledges"),
        behaviours=_behaviours(handbook, competencies, words), needs=_needs(handbook, roles, words))


class _Words:
    """Copies of models with every translatable text looked up, walked as `catalogue` walks them."""

    def __init__(self, current: dict[tuple[str, str], str], language: str, levels: dict[str, int]) -> None:
        self.current = current
        self.language = language
        self.levels = levels

    def text(self, context: str, source: str) -> str:
        found = self.current.get((context, source))
        return Translated(found, source) if found is not None else Untranslated(source, self.language)

    def items(self, items: dict[str, M], kind: str) -> dict[str, M]:
        return {id_: self.model(item, f"{kind}/{id_}:") for id_, item in items.items()}

    def model(self, model: M, prefix: str) -> M:
        updates = {}
        for name, info in type(model).model_fields.items():
            if name in catalogue.NOT_TRANSLATED:
                continue
            annotation: Any = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
            value = getattr(model, name)
            updated = self.value(value, annotation, prefix + name)
            if updated is not value:
                updates[name] = updated
        return model.model_copy(update=updates) if updates else model

    def value(self, value: Any, annotation: Any, path: str) -> Any:
        """One value in the page's language, whatever its shape; the same object when it holds no text."""
        if value is None:
            return value
        if isinstance(value, BaseModel):
            return self.model(value, path + ".")
        annotation = catalogue.unoptional(annotation)
        origin, args = typing.get_origin(annotation), typing.get_args(annotation)
        if origin is typing.Annotated:
            rule = catalogue.text_rule(annotation)
            if rule is None and args and typing.get_origin(args[0]) in (list, dict):
                return self.value(value, args[0], path)
            return self.text(path, value) if rule is not None and isinstance(value, str) else value
        if origin is list:
            return [self.value(entry, args[0], f"{path}.{catalogue.entry_key(entry, number)}"
                               if isinstance(entry, BaseModel) else path) for number, entry in enumerate(value, 1)]
        if origin is dict:
            return {key: self.value(entry, args[1], f"{path}.{self.step(key, args[0])}")
                    for key, entry in value.items()}
        return value

    def step(self, key: str, annotation: Any) -> str:
        return catalogue.key_step(key, annotation, self.levels)


def _behaviours(handbook: Handbook, competencies: dict[str, Competency],
                words: _Words) -> dict[str, dict[int, list[str]]]:
    """The behaviours by level number, translated: each level's list is the competency's own list object."""
    result: dict[str, dict[int, list[str]]] = {}
    for cid, levels in handbook.behaviours.items():
        source, translated = handbook.competencies[cid].levels, competencies[cid].levels
        same = {id(source[key]): translated[key] for key in source}
        result[cid] = {number: same.get(id(listed)) or [words.text(f"library/{cid}:levels.{number}", text)
                                                        for text in listed]
                       for number, listed in levels.items()}
    return result


def _needs(handbook: Handbook, roles: dict[str, Role], words: _Words) -> dict[str, list[Need]]:
    """Each role's needs with their notes translated: a need's note is its requirement's own text object."""
    result: dict[str, list[Need]] = {}
    for rid, needs in handbook.needs.items():
        before, after = handbook.roles[rid].competencies, roles[rid].competencies
        notes = {id(before[key].note): after[key].note for key in before if before[key].note is not None}
        result[rid] = [replace(need, note=notes.get(id(need.note), need.note)) if need.note else need
                       for need in needs]
    return result


AUTO = "auto"


def editions(handbook: Handbook, wanted: str | Sequence[str] = AUTO,
             reads: dict[str, catalogue.Read] | None = None) -> dict[str, Handbook]:
    """The handbook in each language to publish besides its own, by language tag; raises every problem at once.

    `auto` publishes every catalogue of the data folder; a list names the languages (and a
    language listed without a catalogue is a mistake to point out, not a silent gap). `reads`: the
    catalogues as `catalogue.check_all` read them, so a build reads each file once.
    """
    found = {path.stem: path for path in catalogue.catalogues(handbook.root)}
    source = handbook.framework.language or "en"
    if isinstance(wanted, str):  # `languages: cy` means the one language
        wanted = sorted(found) if wanted == AUTO else [wanted]
    tags = list(dict.fromkeys(wanted))
    problems = [Problem(handbook.root / TRANSLATIONS / f"{tag}.po", 1, 1,
                        f"the site is to be published in '{tag}', which has no catalogue",
                        f"run servicebook translate update {tag} to start one, or take {tag} out of languages "
                        "in mkdocs.yml") for tag in tags if tag not in found and tag != source]
    if problems:
        raise DataError(problems)
    reads = reads or {}
    return {tag: translate(handbook, reads.get(tag) or catalogue.read(found[tag])) for tag in tags if tag != source}
