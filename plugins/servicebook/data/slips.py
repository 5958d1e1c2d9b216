"""The common typing slips behind YAML's syntax errors, told at the line where the slip is.

libyaml notices a slip where it can no longer go on, which is often a line or more after it:
a missing colon shows on the next line, an unclosed quote at the end of the file, a key
indented one space too far as "mapping values are not allowed". Each rule here looks at the
text around libyaml's marks to find the slip itself and say how to fix it. A slip no rule
recognises keeps libyaml's own mark and the general explanation in `located`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import yaml


@dataclass(frozen=True)
class Slip:
    """Where the slip is (0-based line and column, as libyaml counts) and what to say about it."""

    line: int
    column: int
    message: str
    hint: str


_KEY_LINE = re.compile(r"^(?P<indent> *)(?:- +)?(?P<key>[^\s#:'\"][^:#]*?|'[^']*'|\"[^\"]*\"):(?:\s|$)")
_GLUED_COLON = re.compile(r"^(?P<indent> *)(?P<key>[A-Za-z_][\w-]*):(?P<after>[^\s/])")
_QUOTES = {"'": "single", '"': "double"}


class _Text:
    """The file's lines, and the questions the rules ask about them."""

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")

    def line(self, number: int) -> str:
        return self.lines[number].rstrip("\r") if 0 <= number < len(self.lines) else ""

    def last(self) -> int:
        """The last line with any text, for marks libyaml puts past the end of the file."""
        for number in range(len(self.lines) - 1, -1, -1):
            if self.line(number).strip():
                return number
        return 0

    def above(self, number: int) -> int | None:
        """The nearest line above that holds more than a comment."""
        for earlier in range(min(number, len(self.lines)) - 1, -1, -1):
            stripped = self.line(earlier).strip()
            if stripped and not stripped.startswith("#"):
                return earlier
        return None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _spaces(count: int) -> str:
    return f"{count} space{'s' if count != 1 else ''}"


def _unclosed_quote(text: _Text, error: yaml.MarkedYAMLError) -> Slip | None:
    mark = error.context_mark
    if mark is None or "quoted scalar" not in str(error.context) or "end of stream" not in str(error.problem):
        return None
    quote = text.line(mark.line)[mark.column : mark.column + 1] or "'"
    return Slip(mark.line, mark.column, f"the {_QUOTES.get(quote, 'single')} quote ({quote}) that starts this value "
                "is never closed, so YAML reads the rest of the file as part of it",
                f"add the closing {quote} at the end of the value, on this line")


def _unclosed_bracket(text: _Text, error: yaml.MarkedYAMLError) -> Slip | None:
    mark = error.context_mark
    problem = str(error.problem)
    if mark is None or not ("expected ',' or ']'" in problem or "expected ',' or '}'" in problem):
        return None
    if mark.line == (error.problem_mark.line if error.problem_mark else mark.line):
        return None  # on one line: the general message at the stray character says it better
    bracket = "[" if "]" in problem else "{"
    closing = "]" if bracket == "[" else "}"
    what = "list" if bracket == "[" else "set of 'key: value' pairs"
    return Slip(mark.line, mark.column, f"the '{bracket}' that starts this {what} is never closed",
                f"add '{closing}' at the end of this line, or put the value in quotes if the '{bracket}' is "
                "part of the text")


def _missing_colon(text: _Text, error: yaml.MarkedYAMLError) -> Slip | None:
    mark = error.context_mark
    if mark is None or "expected ':'" not in str(error.problem) or "simple key" not in str(error.context):
        return None
    line = text.line(mark.line)
    words = line.strip()
    field, _, rest = words.partition(" ")
    above = text.above(mark.line)
    continues = above is not None and _KEY_LINE.match(text.line(above)) is not None
    below = text.line(mark.line + 1)
    if re.fullmatch(r"[\w-]+", field) and not rest and _indent(below) > _indent(line) and below.strip():
        return Slip(mark.line, mark.column, f"'{field}' has no colon after it",
                    f"write '{field}:', with a colon after the field name")
    if field in _fields() and rest:
        also = "; if the line continues the text above, indent it below that text instead" if continues else ""
        return Slip(mark.line, mark.column, f"'{field}' has no colon after it",
                    f"write '{field}: {rest.strip()}', with a colon and a space after the field name{also}")
    if continues:
        return Slip(mark.line, mark.column, "this line has no colon and is not indented below the line above, "
                    "so YAML cannot tell where it belongs",
                    "if it continues the text above, indent it below that text or put the whole text in quotes on "
                    "one line; if it is a field, write 'field: value'")
    return Slip(mark.line, mark.column, "this line has no colon, so YAML cannot tell which field it belongs to",
                "write it as 'field: value', with a colon and a space after the field name")


def _fields() -> set[str]:
    """Every field name of the format, to tell a key missing its colon from text that lost its indent."""
    from pydantic import BaseModel

    from .model import KINDS, Cluster, Framework, Level, Requirement

    models: list[type[BaseModel]] = [Framework, Level, Cluster, Requirement, *(kind.model for kind in KINDS.values())]
    return {name for model in models for name in model.model_fields}


def _over_indented(text: _Text, error: yaml.MarkedYAMLError) -> Slip | None:
    """`   note: x` one space deeper than its neighbour is read as more of the value above."""
    mark = error.problem_mark
    if mark is None or "mapping values are not allowed" not in str(error.problem):
        return None
    line = text.line(mark.line)
    key = _KEY_LINE.match(line)
    above = text.above(mark.line)
    if key is None or above is None or key.end() - 1 > mark.column + 1 or mark.column < len(key.group("indent")):
        return None
    if mark.column != len(key.group(0).rstrip()) - 1:
        return None  # the colon libyaml stopped at is further along the line: a colon inside the value
    previous = text.line(above)
    glued = _GLUED_COLON.match(previous)
    if glued and _indent(previous) == _indent(line):
        name = glued.group("key")
        return Slip(above, len(glued.group("indent")) + len(name), f"'{name}:' needs a space after the colon",
                    f"write '{name}: {previous[glued.end() - 1:].strip()}'")
    if "\u00a0" in previous and _indent(previous) == _indent(line):
        at = previous.index("\u00a0")
        return Slip(above, at, "a non-breaking space follows the colon, and YAML needs an ordinary space there",
                    "delete the space after the colon and type an ordinary one")
    name = key.group("key").strip()
    if _indent(line) <= _indent(previous) or not re.fullmatch(r"[A-Za-z0-9_][\w-]*", name):
        return None  # words with spaces before the colon: a colon inside text, told by the general message
    previous_key = _KEY_LINE.match(previous)
    if previous_key is None:
        return Slip(mark.line, len(key.group("indent")), f"'{name}:' is indented more than the line above, so YAML "
                    "reads it as part of that line's text",
                    "line it up with the other fields at its level, or put the text above in quotes")
    want = _indent(previous)
    return Slip(mark.line, len(key.group("indent")),
                f"'{name}:' is indented {_spaces(_indent(line))}, but '{previous_key.group('key').strip()}:' above "
                f"it has {_spaces(want)}, so YAML reads this line as part of the value above",
                f"indent '{name}:' by {_spaces(want)}, in line with the line above (or further in, "
                f"if it belongs below it)")


def _misaligned(text: _Text, error: yaml.MarkedYAMLError) -> Slip | None:
    """A key or list item that starts between two indentation levels."""
    mark = error.problem_mark
    if mark is None or "did not find expected key" not in str(error.problem):
        return None
    line = text.line(mark.line)
    if mark.column != _indent(line) or not line.strip():
        return None
    above = text.above(mark.line)
    if above is None:
        return None
    previous = text.line(above)
    first = text.above(above)
    after = next((text.line(n) for n in range(mark.line + 1, len(text.lines)) if text.line(n).strip()), "")
    if first is not None and _indent(text.line(first)) < _indent(line) < _indent(previous) \
            and after.strip() and _indent(after) == _indent(line):
        # The line above is the first of its block and alone in its indentation: it is the odd one out.
        return Slip(above, _indent(previous), f"this line is indented {_spaces(_indent(previous))}, but the line "
                    f"below it has {_spaces(_indent(line))}, so YAML cannot tell what they belong to",
                    f"indent it by {_spaces(_indent(line))}, in line with the lines below it")
    return Slip(mark.line, mark.column, f"this line is indented {_spaces(_indent(line))}, but the line above has "
                f"{_spaces(_indent(previous))}, so YAML cannot tell what it belongs to",
                f"indent it by {_spaces(_indent(previous))}, in line with the line above, or by as many spaces as "
                "the lines it belongs with")


def _text_after_quote(text: _Text, error: yaml.MarkedYAMLError) -> Slip | None:
    """`summary: 'Customers' needs` or `"Say "hi""`: the quote closes early and words are left over."""
    mark = error.problem_mark
    if mark is None or "did not find expected key" not in str(error.problem):
        return None
    line = text.line(mark.line)
    value = re.match(r"^ *(?:- +|[^:#]+: +)(?P<quote>['\"])", line)
    if value is None or mark.column <= value.end():
        return None
    quote = value.group("quote")
    if quote == "'":
        hint = "write the apostrophe inside the text twice (''), or put the whole value in double quotes"
    else:
        hint = "put the whole value in single quotes instead, or write \\\" for each double quote inside it"
    return Slip(mark.line, value.start("quote"), f"the text in quotes ends at the next {quote}, and the words after "
                "it are left over", hint)


_OPENING = re.compile(r"^ *(?:- +|[^:#'\"]+: +)(?P<quote>['\"])")


def _quote_left_open(text: _Text, error: yaml.MarkedYAMLError) -> Slip | None:
    """A quote opened on an earlier line and closed by an apostrophe lines later: blame the opening."""
    mark = error.problem_mark
    stops = ("did not find expected key", "did not find expected '-' indicator", "expected <block end>")
    if mark is None or not any(stop in str(error.problem) for stop in stops):
        return None
    for number in range(mark.line - 1, max(mark.line - 40, -1), -1):
        line = text.line(number)
        opening = _OPENING.match(line)
        if opening is None:
            continue
        quote = opening.group("quote")
        rest = line[opening.end():]
        closed = rest.replace(quote * 2, "").count(quote) % 2 == 1 if quote == "'" else \
            re.search(r'(?<!\\)"', rest) is not None
        if closed:
            return None
        return Slip(number, opening.start("quote"), f"the {_QUOTES[quote]} quote ({quote}) that starts this value is "
                    f"not closed on this line, so YAML reads on until the next {quote}, on line {mark.line + 1}",
                    f"add the closing {quote} at the end of the value, on this line")
    return None


def _starts_like_syntax(text: _Text, error: yaml.MarkedYAMLError) -> Slip | None:
    """A value that starts with a character YAML gives a meaning to: [ { * & | > ? %."""
    mark = error.context_mark or error.problem_mark
    if mark is None:
        return None
    problem, context = str(error.problem), str(error.context)
    line = text.line(mark.line)
    first = line[mark.column : mark.column + 1]
    stop = error.problem_mark
    bracket = re.match(r"^ *(?:- +|[^:#]+: +)(?P<open>[\[{])", text.line(stop.line)) if stop else None
    if "did not find expected key" in problem and bracket and stop is not None:
        opening = bracket.group("open")
        return Slip(stop.line, bracket.start("open"), f"a value starting with '{opening}' is read as a "
                    f"{'list' if opening == '[' else 'set of key: value pairs'}, so the words after it are left over",
                    "put the whole value in quotes")
    meanings = {"alias": ("*", "a reference to another part of the file (a YAML alias)"),
                "anchor": ("&", "a mark for reuse (a YAML anchor)"),
                "block scalar": (first, "the start of a text written on the lines below")}
    for word, (char, meaning) in meanings.items():
        if f"scanning an {word}" in context or f"scanning a {word}" in context:
            return Slip(mark.line, mark.column, f"a value starting with '{char}' is read as {meaning}",
                        "put the whole value in quotes" if word != "block scalar" else
                        "put the whole value in quotes, or start the text on the next line, indented")
    if "mapping keys are not allowed" in problem:
        return Slip(mark.line, mark.column, "a value starting with '? ' is read as a YAML key",
                    "put the whole value in quotes")
    if "expected node content" in problem and "flow" in context:
        return Slip(mark.line, mark.column, "a list in square brackets has an empty item (two commas in a row, or a "
                    "comma before the first item)", "remove the extra comma")
    return None


_RULES: tuple[Callable[[_Text, yaml.MarkedYAMLError], Slip | None], ...] = (
    _unclosed_quote, _unclosed_bracket, _missing_colon, _text_after_quote, _quote_left_open, _starts_like_syntax,
    _over_indented, _misaligned,
)


def diagnose(text: str, error: yaml.MarkedYAMLError) -> Slip | None:
    """The slip behind a syntax error, where a rule recognises it."""
    lines = _Text(text)
    for rule in _RULES:
        slip = rule(lines, error)
        if slip is not None:
            line = min(slip.line, lines.last())
            return Slip(line, slip.column if line == slip.line else 0, slip.message, slip.hint)
    return None


def past_the_end(text: str, line: int) -> int:
    """A 0-based line no later than the file's last line with text (libyaml may point one beyond)."""
    return min(line, _Text(text).last())


_HIDDEN_ITEM = re.compile(r"\n(?P<indent>[ ]*)- ")


def hidden_item(source: str) -> int | None:
    """Where a plain text running over several lines has a line starting with '- ', as an offset into it.

    `- Ask.` followed by `   - Listen.` one space deeper is one item, "Ask. - Listen.", not two.
    """
    found = _HIDDEN_ITEM.search(source)
    return found.end("indent") if found else None
