"""The kinds of text in the format (plain, name, rich) and the few typed values, as Pydantic types.

Each check raises a PydanticCustomError whose context carries a hint and, where it helps,
the offset of the offending character, so that the message can point at the column.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Strict, WithJsonSchema
from pydantic_core import PydanticCustomError

from .markup import render_rich

ID_PATTERN = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"
ID_MAX = 64
RICH_MAX = 20_000
# Control characters (line breaks are checked separately), bidirectional overrides and
# isolates, and the Unicode line and paragraph separators.
_FORBIDDEN = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_NAMES = {"\t": "a tab", "\r": "a carriage return", "\u202e": "a right-to-left override",
          "\u202d": "a left-to-right override", "\u2028": "a line separator", "\u2029": "a paragraph separator"}


def _fail(kind: str, message: str, hint: str, offset: int | None = None) -> PydanticCustomError:
    context: dict[str, Any] = {"hint": hint}
    if offset is not None:
        context["offset"] = offset
    return PydanticCustomError(kind, message, context)


def _check_characters(text: str, *, lines: bool) -> None:
    if not text.strip():
        raise _fail("empty", "is empty", "write the text, or remove the line if the field is optional")
    bad = _FORBIDDEN.search(text) or (None if lines else re.search("\n", text))
    if bad is None:
        return
    char = bad.group()
    if char == "\n":
        raise _fail("one_line", "must be one line, but it runs over several lines",
                    "join the lines, or write '>-' after the colon to fold a long text", bad.start())
    name = _NAMES.get(char, "an invisible control character")
    raise _fail("character", f"contains {name} (U+{ord(char):04X}), which is not allowed in text",
                "delete it; it often comes from text copied out of another program", bad.start())


def _check_length(text: str, limit: int) -> None:
    if len(text) > limit:
        raise _fail("length", f"is {len(text)} characters long; the limit is {limit}",
                    "shorten it", limit)


@dataclass(frozen=True)
class PlainText:
    """One line shown exactly as typed; a folded `>` scalar's final line break is dropped."""

    limit: int
    name: bool = False

    def __call__(self, text: str) -> str:
        text = text.removesuffix("\n")
        _check_characters(text, lines=False)
        _check_length(text, self.limit)
        if self.name and (bad := re.search("[<>]", text)):
            raise _fail("name", "may not contain < or > (names become page titles and menu entries)",
                        "reword it without angle brackets", bad.start())
        return text


@dataclass(frozen=True)
class RichText:
    """Markdown whose links must use an allowed scheme; raw HTML is shown as text."""

    limit: int = RICH_MAX

    def __call__(self, text: str) -> str:
        _check_characters(text, lines=True)
        _check_length(text, self.limit)
        for bad in render_rich(text).bad_links:
            raise _fail("link", bad.reason, bad.hint, max(text.find(bad.url), 0))
        return text


def _schema(limit: int, description: str, **extra: Any) -> WithJsonSchema:
    return WithJsonSchema({"type": "string", "minLength": 1, "maxLength": limit,
                           "description": description, **extra})


def _plain_schema(limit: int) -> WithJsonSchema:
    return _schema(limit, f"Plain text, one line, at most {limit} characters.")


def _name_schema(limit: int) -> WithJsonSchema:
    return _schema(limit, f"A name, one line, at most {limit} characters, without < or >.", pattern="^[^<>]*$")


# Plain text (one line, shown as typed) and names (plain text that becomes a title, so without
# < or >), by their limit in characters.
Plain40 = Annotated[str, Strict(), AfterValidator(PlainText(40)), _plain_schema(40)]
Plain80 = Annotated[str, Strict(), AfterValidator(PlainText(80)), _plain_schema(80)]
Plain120 = Annotated[str, Strict(), AfterValidator(PlainText(120)), _plain_schema(120)]
Plain200 = Annotated[str, Strict(), AfterValidator(PlainText(200)), _plain_schema(200)]
Plain300 = Annotated[str, Strict(), AfterValidator(PlainText(300)), _plain_schema(300)]
Plain500 = Annotated[str, Strict(), AfterValidator(PlainText(500)), _plain_schema(500)]
Name40 = Annotated[str, Strict(), AfterValidator(PlainText(40, name=True)), _name_schema(40)]
Name80 = Annotated[str, Strict(), AfterValidator(PlainText(80, name=True)), _name_schema(80)]
Rich = Annotated[str, Strict(), AfterValidator(RichText()),
                 _schema(RICH_MAX, "Markdown: emphasis, lists, links (http, https, mailto or relative), tables.")]


def _check_id(text: str) -> str:
    if not re.fullmatch(ID_PATTERN, text) or len(text) > ID_MAX:
        raise _fail("id", f"'{text}' is not a valid id",
                    "use lower-case letters, digits and single hyphens, starting with a letter (like 'front-desk')")
    return text


Id = Annotated[str, Strict(), AfterValidator(_check_id),
               WithJsonSchema({"type": "string", "pattern": ID_PATTERN, "maxLength": ID_MAX})]
Ref = Annotated[str, Strict(), AfterValidator(PlainText(ID_MAX + 20)),
                WithJsonSchema({"type": "string", "pattern": ID_PATTERN, "maxLength": ID_MAX})]
LevelRef = Annotated[str, Strict(), AfterValidator(PlainText(40)),
                     WithJsonSchema({"anyOf": [{"type": "integer", "minimum": 1, "maximum": 7},
                                               {"type": "string", "maxLength": 40}],
                                     "description": "A level number (1 = the first level) or a level name."})]


def _parse_date(text: Any) -> Any:
    if not isinstance(text, str):
        return text
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return datetime.date.fromisoformat(text)
    except ValueError:
        pass
    raise _fail("date", f"'{text}' is not a date written as YYYY-MM-DD",
                "write the date of the last review like 2026-10-01")


Date = Annotated[datetime.date, BeforeValidator(_parse_date),
                 WithJsonSchema({"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"})]


def _parse_months(text: Any) -> Any:
    """`review_every_months: 12` is read as the text "12"; it must be a whole number from 1 to 60."""
    if not isinstance(text, str):
        raise _fail("months", "should be a number of months from 1 to 60, written on the same line",
                    "write a whole number of months after the colon, such as 12")
    word = text.strip()
    if word.isascii() and word.isdigit() and 1 <= int(word) <= 60:
        return int(word)
    raise _fail("months", f"'{text}' is not a number of months from 1 to 60",
                "write a whole number of months, such as 12")


# YAML editors read `12` as a number, the JSON export writes it as typed ("12"): the schema takes both.
Months = Annotated[int, BeforeValidator(_parse_months), Strict(),
                   WithJsonSchema({"anyOf": [{"type": "integer", "minimum": 1, "maximum": 60},
                                             {"type": "string", "pattern": r"^\s*[0-9]{1,2}\s*$"}],
                                   "description": "A whole number of months, from 1 to 60."})]
LANGUAGE_PATTERN = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$"


def _check_language(text: str) -> str:
    if not re.fullmatch(LANGUAGE_PATTERN, text):
        raise _fail("language", f"'{text}' is not a language tag",
                    "write a BCP 47 language tag such as en, cy, fr or zh-Hant")
    return text


Language = Annotated[str, Strict(), AfterValidator(PlainText(35)), AfterValidator(_check_language),
                     WithJsonSchema({"type": "string", "pattern": LANGUAGE_PATTERN, "maxLength": 35})]


def _parse_number(text: Any) -> Any:
    if isinstance(text, str) and text.strip().isascii() and text.strip().isdigit():
        return int(text.strip())
    if isinstance(text, str):
        raise _fail("number", f"'{text}' is not a whole number", "write the number in digits, such as 2")
    return text


# A whole number written in digits; its limits are set where it is used, with Field(ge=…, le=…).
Number = Annotated[int, BeforeValidator(_parse_number),
                   WithJsonSchema({"anyOf": [{"type": "integer"}, {"type": "string", "pattern": r"^\d+$"}]})]
