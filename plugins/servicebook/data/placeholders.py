"""Placeholders: text that `servicebook new` writes for a person to replace, which must never be published.

A placeholder is any text value that starts with the word TODO (in capitals), such as
"TODO: What people in this role do, in a sentence." The words after it say what to write
instead. The check runs wherever the data is linked, so `servicebook check` and a build
refuse it alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .load import Source
from .located import Loc
from .messages import where
from .problems import Problem

MARKER = "TODO"
_PLACEHOLDER = re.compile(rf"^\s*{MARKER}\b[\s:.\-–—]*(?P<instruction>.*)$", re.DOTALL)


def placeholder(instruction: str) -> str:
    """The text a scaffold writes for a person to replace: recognised by `find` below."""
    return f"{MARKER}: {instruction}"


def instruction_of(text: str) -> str | None:
    """What a placeholder asks for, or None when the text is not a placeholder."""
    found = _PLACEHOLDER.match(text)
    if found is None:
        return None
    return found.group("instruction").strip() or "the real text"


def find(source: Source) -> list[Problem]:
    """Every placeholder in one item's file, located at the text, with what to write instead."""
    problems = []
    document = source.document
    for loc, text in _texts(document.data, ()):
        instruction = instruction_of(text)
        if instruction is None:
            continue
        at = document.mark(loc)
        problems.append(Problem(document.path, at.line, at.column,
                                f"{where(loc)}: still holds a placeholder, which is never published",
                                f"replace it: {_lower_first(instruction).rstrip('.')}"))
    return problems


def _texts(data: Any, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if isinstance(data, str):
        yield loc, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _texts(value, loc + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _texts(value, loc + (index,))


def _lower_first(text: str) -> str:
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]
