"""Pydantic's validation errors, retold in plain words at the line and column they are about."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from .located import Document, Loc
from .problems import Problem

_SHAPES: dict[type, str] = {dict: "a set of 'key: value' lines", list: "a list", str: "text"}


def problems_from(error: ValidationError, document: Document, model: type[BaseModel], kind: str) -> list[Problem]:
    """One problem per Pydantic error, located through the document's marks."""
    return [_problem(detail, document, model, kind) for detail in error.errors(include_url=False)]


def where(loc: Loc) -> str:
    """A field's place as HR reads it: `we_do, item 3` or `competencies › listening › level`."""
    words: list[str] = []
    for part in loc:
        if isinstance(part, int):
            words[-1:] = [f"{words[-1] if words else 'list'}, item {part + 1}"]
        else:
            words.append(str(part))
    return " › ".join(words) or "the file"


def _shape(value: Any) -> str:
    return _SHAPES.get(type(value), "a value")


def _problem(detail: Any, document: Document, model: type[BaseModel], kind: str) -> Problem:
    loc: Loc = tuple(detail["loc"])
    kind_of_error = detail["type"]
    context = detail.get("ctx") or {}
    at = document.mark(loc)
    if kind_of_error == "extra_forbidden":
        at = document.key_mark(loc)
        message, hint = _unknown_key(loc, model, kind)
        loc = loc[:-1]
        return Problem(document.path, at.line, at.column, f"{where(loc)}: {message}" if loc else message, hint)
    elif kind_of_error == "missing":
        message, hint = f"'{loc[-1]}' is missing", f"add a line '{loc[-1]}: …'"
        loc = loc[:-1]
        return Problem(document.path, at.line, at.column, f"{where(loc)}: {message}" if loc else message, hint)
    elif "hint" in context:
        message, hint = detail["msg"], context["hint"]
        if "offset" in context:
            at = document.text_mark(loc, context["offset"])
    else:
        message, hint = _retell(kind_of_error, detail, context)
    return Problem(document.path, at.line, at.column, f"{where(loc)}: {message}", hint)


def _retell(kind: str, detail: Any, context: dict[str, Any]) -> tuple[str, str]:
    given = detail.get("input")
    if kind in ("string_type", "str_type"):
        if isinstance(given, dict):
            return ("should be text, but YAML read it as 'key: value' because of a colon followed by a space",
                    "put the whole text in quotes, or remove the colon")
        return f"should be text, but it is {_shape(given)}", "write the text on the same line, after the colon"
    if kind == "list_type":
        if given == "":
            return "is empty", "give at least one item, each on its own line starting with '- '"
        if isinstance(given, str) and given.startswith("-") and given[1:2] not in (" ", ""):
            return ("should be a list, but it is text: a '-' starts a list item only when a space follows it",
                    f"write '- {given[1:].split()[0] if given[1:].split() else ''}', with a space after the '-'")
        if isinstance(given, str) and "," in given:
            return (f"should be a list, but it is text: '{given[:60]}'",
                    f"put it in square brackets, [{given.strip()[:60]}], or write each item on its own line "
                    "starting with '- '")
        return f"should be a list, but it is {_shape(given)}", "write each item on its own line, starting with '- '"
    if kind in ("dict_type", "model_type", "model_attributes_type") and given == "":
        return "is empty", "write its entries on the lines below it, indented, one 'key: value' a line"
    if kind in ("dict_type", "model_type", "model_attributes_type") and isinstance(given, list):
        return ("should be a set of 'key: value' lines, but it is a list (its lines start with '- ')",
                "remove the '- ' at the start of each entry, keeping the indentation")
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return (f"should be a set of 'key: value' lines, but it is {_shape(given)}",
                "write each entry on its own line, indented below this one")
    if kind == "too_short":
        least = context.get("min_length")
        return (f"needs at least {least} item{'s' if least != 1 else ''}, but has {context.get('actual_length')}",
                "add the missing items")
    if kind == "too_long":
        return (f"has {context.get('actual_length')} items; the limit is {context.get('max_length')}",
                "remove some, or split the item into two")
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = context.get("ge", context.get("le"))
        word = "at least" if kind == "greater_than_equal" else "at most"
        return f"is {given}, but it must be {word} {bound}", f"write a whole number of {word} {bound}"
    if kind == "literal_error":
        allowed = [part.strip(" '") for part in str(context.get("expected", "")).replace(" or ", ", ").split(",")]
        close = difflib.get_close_matches(str(given), allowed, n=1)
        hint = f"did you mean '{close[0]}'?" if close else "use one of: " + ", ".join(allowed)
        return f"'{given}' is not one of the allowed words ({', '.join(allowed)})", hint
    return detail["msg"], "check this value against the format described in the handbook"


def _unknown_key(loc: Loc, model: type[BaseModel], kind: str) -> tuple[str, str]:
    known = _fields_at(model, loc[:-1])
    key = str(loc[-1])
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'?" if close else "the fields are: " + ", ".join(known)
    where_ = f"a {kind}" if len(loc) == 1 else "this entry"
    return f"'{key}' is not a field of {where_}", hint


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """The field names of the model that sits at `loc` below `model`."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(part))
            current = field.annotation if field else None
        else:
            args = typing.get_args(current)
            current = args[-1] if args else None
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated[...] and `X | None` down to the type inside."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            options = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
            annotation = options[0] if len(options) == 1 else annotation
            if len(options) != 1:
                return annotation
        else:
            return annotation
