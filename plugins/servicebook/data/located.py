"""YAML text → plain data whose every value remembers its line and column.

One pass over libyaml's event stream does all the checking that must happen before
anything is built (depth, anchors, aliases, tags, duplicate keys) and builds the data
itself, so every scalar stays text exactly as typed and nothing else parses the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem
from .slips import diagnose, hidden_item, past_the_end

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 32
DEPTH_MESSAGE = f"the file is nested more than {MAX_DEPTH} levels deep"
DEPTH_HINT = "handbook files need only a few levels of indentation; check for runaway brackets or indents"
MAX_PROBLEMS_PER_FILE = 25
# Both parsers are fine for correctness here, but libyaml is ten times faster; we
# insist on it so that a build never silently slows down (see scripts/bench.py).
HAS_LIBYAML: bool = bool(getattr(yaml, "__with_libyaml__", False))

Loc = tuple[str | int, ...]
_COMMENT_CUT = re.compile(r"[ \t]+#\S")


@dataclass(frozen=True)
class Mark:
    """A 1-based position, as editors show it."""

    line: int
    column: int


@dataclass
class Document:
    """The data of one file, with the position of every value and mapping key in it."""

    path: Path
    data: Any
    text: str = ""
    marks: dict[Loc, Mark] = field(default_factory=dict)
    key_marks: dict[Loc, Mark] = field(default_factory=dict)
    styles: dict[Loc, str] = field(default_factory=dict)
    # Character offsets into the text, end excluded: what an editing tool such as `rename`
    # replaces without touching a byte around it. Collections are in `spans` too.
    spans: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    key_spans: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    flows: set[Loc] = field(default_factory=set)

    def mark(self, loc: Loc) -> Mark:
        """The deepest known position along `loc`: a missing key points at its parent."""
        for end in range(len(loc), -1, -1):
            found = self.marks.get(loc[:end])
            if found is not None:
                return found
        return Mark(1, 1)

    def key_mark(self, loc: Loc) -> Mark:
        """Where the key of `loc` is written (for unknown or misplaced keys)."""
        return self.key_marks.get(loc) or self.mark(loc)

    def text_mark(self, loc: Loc, offset: int) -> Mark:
        """Where character `offset` of the text at `loc` sits in the file, where that can be told."""
        start = self.mark(loc)
        text = value_at(self.data, loc)
        style = self.styles.get(loc)
        if not isinstance(text, str) or style is None:
            return start
        before = text[:offset]
        if style in ("|", ">"):
            line = start.line + 1 + before.count("\n")
            return Mark(line, 1)
        if "\n" in before:
            return Mark(start.line + before.count("\n"), 1)
        quote = 1 if style in ("'", '"') else 0
        return Mark(start.line, start.column + quote + offset)


def value_at(data: Any, loc: Loc) -> Any:
    """The value at `loc` in parsed data, or None where the path leads nowhere."""
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _mark(yaml_mark: Any) -> Mark:
    return Mark(yaml_mark.line + 1, yaml_mark.column + 1)


def _span(event: yaml.Event) -> tuple[int, int]:
    """Where an event's text starts and ends, as character offsets (the parser always sets both)."""
    start, end = event.start_mark, event.end_mark
    return (start.index if start else 0, end.index if end else 0)


def _position(text: str, index: int) -> Mark:
    line = text.count("\n", 0, index) + 1
    return Mark(line, index - (text.rfind("\n", 0, index) + 1) + 1)


def parse(path: Path, raw: bytes) -> tuple[Document | None, list[Problem]]:
    """Read one file's bytes; give its document, or the reasons it cannot be read."""
    if len(raw) > MAX_BYTES:
        size = f"{len(raw) / MAX_BYTES:.1f} MiB"
        return None, [
            Problem(path, 1, 1, f"the file is too large ({size}; the limit is 1 MiB)",
                    "split it into smaller files or remove pasted material")
        ]
    text, problem = _decode(path, raw)
    if problem:
        return None, [problem]
    builder = _Builder(path, text)
    try:
        builder.run()
    except yaml.MarkedYAMLError as error:
        builder.problems.append(_syntax_problem(path, text, error))
    except yaml.reader.ReaderError as error:
        at = _position(text, error.position)
        builder.problems.append(Problem(path, at.line, at.column,
                                        f"the file contains a character YAML does not allow (U+{error.character:04X})",
                                        "delete it; it often comes from text copied out of another program"))
    except yaml.YAMLError as error:  # pragma: no cover - libyaml always gives marks
        builder.problems.append(Problem(path, 1, 1, f"YAML cannot read this file ({error})", "check its syntax"))
    if builder.problems:
        return None, builder.problems
    return builder.document, []


def _decode(path: Path, raw: bytes) -> tuple[str, Problem | None]:
    nul = raw.find(b"\0")
    if nul >= 0:
        at = _position(raw[:nul].decode("utf-8", "replace"), nul)
        return "", Problem(path, at.line, at.column, "the file contains a NUL byte, so it is not a text file",
                           "make sure this is the YAML file you meant and save it again as plain text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start].decode("utf-8", "replace")
        at = _position(before, len(before))
        return "", Problem(path, at.line, at.column,
                           f"the file is not saved as UTF-8 (byte 0x{raw[error.start]:02X} cannot be read)",
                           "save the file with the encoding UTF-8 in your editor")
    return text.removeprefix("\ufeff"), None


_SYNTAX_HINTS: tuple[tuple[str, str, str], ...] = (
    ("tab character", "a tab is used where YAML needs spaces", "indent with spaces, never tabs"),
    ("mapping values are not allowed", "a colon followed by a space inside a value confuses YAML",
     "put the whole value in quotes"),
    ("could not find expected ':'", "a line is neither 'key: value' nor lined up with the lines around it",
     "check the indentation, or put a value that runs over several lines in quotes"),
    ("did not find expected key", "this line is not indented like the lines around it",
     "line it up with its neighbours"),
    ("did not find expected '-' indicator", "a list item is not lined up with the other items",
     "start every item of the list in the same column"),
    ("found unexpected end of stream", "a quoted value or a list in brackets is never closed",
     "add the closing quote or bracket"),
    ("found unknown escape character", "a backslash inside double quotes starts an escape sequence",
     "use single quotes instead, or write two backslashes"),
    ("expected ',' or ']'", "a list in square brackets is not closed where expected",
     "check the commas and the closing ]"),
    ("expected ',' or '}'", "a mapping in curly brackets is not closed where expected",
     "check the commas and the closing }"),
    ("found undefined tag handle", "a value starts with '!', which YAML reads as a tag", "put the value in quotes"),
    ("found character that cannot start any token", "a value starts with a character YAML reserves (such as @ or `)",
     "put the value in quotes"),
    ("block sequence entries are not allowed", "a list item ('- ') is written where a value was expected",
     "start the list on its own line below the key"),
)


def _syntax_problem(path: Path, text: str, error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    if mark is None:  # pragma: no cover - libyaml always gives a mark
        return Problem(path, 1, 1, f"YAML cannot read this file ({error.problem})", "check its syntax")
    slip = diagnose(text, error)
    if slip is not None:
        return Problem(path, slip.line + 1, slip.column + 1, f"YAML cannot read this line: {slip.message}", slip.hint)
    line = past_the_end(text, mark.line)
    at = _mark(mark) if line == mark.line else Mark(line + 1, 1)
    problem = str(error.problem or "")
    if "maximum nesting depth" in problem:  # newer libyaml stops at 1,000 levels before any event is read
        return Problem(path, at.line, at.column, DEPTH_MESSAGE, DEPTH_HINT)
    if "cannot start any token" in problem and text[mark.index : mark.index + 1] == "\t":
        problem = "found a tab character"
    for needle, message, hint in _SYNTAX_HINTS:
        if needle in problem:
            return Problem(path, at.line, at.column, f"YAML cannot read this line: {message}", hint)
    return Problem(path, at.line, at.column, f"YAML cannot read this line ({problem})",
                   "check the indentation and quoting on this line and the one above")


@dataclass
class _Frame:
    container: dict[str, Any] | list[Any]
    loc: Loc
    key: str | None = None
    key_lines: dict[str, int] = field(default_factory=dict)


class _Builder:
    """Turns the event stream into data and marks, refusing what this format forbids."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.text = text
        self.problems: list[Problem] = []
        self.stack: list[_Frame] = []
        self.documents = 0
        self.root: Any = None
        self.document = Document(path, None, text)

    def run(self) -> None:
        for event in yaml.parse(self.text, Loader=yaml.CSafeLoader if HAS_LIBYAML else yaml.SafeLoader):
            if not self.handle(event) or len(self.problems) >= MAX_PROBLEMS_PER_FILE:
                return
        self.finish()

    def add(self, mark: Mark, message: str, hint: str) -> None:
        self.problems.append(Problem(self.path, mark.line, mark.column, message, hint))

    def handle(self, event: yaml.Event) -> bool:
        """Deal with one event; False stops reading the file."""
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self.add(_mark(event.start_mark), "the file holds more than one YAML document (a line '---' splits it)",
                         "keep one item per file: remove the '---' line and move what follows into its own file")
                return False
            return True
        if isinstance(event, yaml.AliasEvent):
            self.add(_mark(event.start_mark), f"'*{event.anchor}' repeats another part of the file (a YAML alias)",
                     "write the text out in full; aliases are not allowed in handbook files")
            self.place(None, _mark(event.start_mark), None)
            return True
        if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
            self.check_node(event)
        if isinstance(event, yaml.ScalarEvent):
            return self.scalar(event)
        if isinstance(event, yaml.CollectionStartEvent):
            return self.start(event)
        if isinstance(event, yaml.CollectionEndEvent):
            self.end(event)
        return True

    def check_node(self, event: Any) -> None:
        at = _mark(event.start_mark)
        if event.anchor is not None:
            self.add(at, f"'&{event.anchor}' marks text for reuse (a YAML anchor)",
                     "remove the anchor and write the text out in full; anchors are not allowed in handbook files")
        if event.tag is not None:
            tag = event.tag.replace("tag:yaml.org,2002:", "!!")
            self.add(at, f"'{tag}' sets a type for this value (a YAML tag)",
                     "remove it; every value is read as text, so tags are not allowed in handbook files")

    def scalar(self, event: yaml.ScalarEvent) -> bool:
        at = _mark(event.start_mark)
        frame = self.stack[-1] if self.stack else None
        if frame is not None and isinstance(frame.container, dict) and frame.key is None:
            return self.key(frame, event.value, at, _span(event))
        plain = event.style in ("", None)  # libyaml says "", the pure-Python parser None
        cut = _COMMENT_CUT.match(self.text, event.end_mark.index) if plain and event.end_mark else None
        if cut:
            self.add(_position(self.text, cut.end() - 2),
                     "the text after ' #' is read as a comment, so this value is cut short",
                     "put the whole value in quotes, for example name: \"Team #1\"")
        if plain and event.start_mark and event.end_mark and event.start_mark.line != event.end_mark.line:
            self.hidden_item(event)
        loc = self.place(event.value, at, event.style or "")
        self.document.spans[loc] = _span(event)
        return True

    def hidden_item(self, event: yaml.ScalarEvent) -> None:
        start, end = _span(event)
        offset = hidden_item(self.text[start:end])
        if offset is not None and self.text[start : start + 1] == "-":
            self.add(_position(self.text, start), f"'{self.text[start:start + 2]}' needs a space after the '-' to "
                     "start a list item, so these lines are read as one text",
                     "put a space after each '-' that starts an item")
        elif offset is not None:
            self.add(_position(self.text, start + offset),
                     "this line starts with '- ' but is indented more than the item above, so it is read as more "
                     "of that item's text, not as an item of its own",
                     "start the '-' in the same column as the '-' of the other items")

    def key(self, frame: _Frame, name: str, at: Mark, span: tuple[int, int]) -> bool:
        if name == "<<":
            self.add(at, "'<<' merges another mapping into this one (a YAML merge key)",
                     "write the keys out in full; merge keys are not allowed in handbook files")
        first = frame.key_lines.get(name)
        if first is not None:
            self.add(at, f"'{name}' is given twice in this mapping (first on line {first})",
                     "keep one of them and delete the other")
        else:
            frame.key_lines[name] = at.line
            self.document.key_marks[frame.loc + (name,)] = at
            self.document.key_spans[frame.loc + (name,)] = span
        frame.key = name
        return True

    def start(self, event: yaml.CollectionStartEvent) -> bool:
        at = _mark(event.start_mark)
        frame = self.stack[-1] if self.stack else None
        if frame is not None and isinstance(frame.container, dict) and frame.key is None:
            self.add(at, "a key must be a single word or phrase, not a list or mapping",
                     "check the indentation of this line and the one above")
            return False
        if len(self.stack) >= MAX_DEPTH:
            self.add(at, DEPTH_MESSAGE, DEPTH_HINT)
            return False
        container: dict[str, Any] | list[Any] = {} if isinstance(event, yaml.MappingStartEvent) else []
        loc = self.place(container, at, None)
        self.document.spans[loc] = (_span(event)[0], _span(event)[0])
        if event.flow_style:
            self.document.flows.add(loc)
        self.stack.append(_Frame(container, loc))
        return True

    def end(self, event: yaml.CollectionEndEvent) -> None:
        frame = self.stack.pop()
        self.document.spans[frame.loc] = (self.document.spans[frame.loc][0], _span(event)[1])

    def place(self, value: Any, at: Mark, style: str | None) -> Loc:
        """Put a value where the open collection expects it, remembering where it was written."""
        if not self.stack:
            self.root = value
            loc: Loc = ()
        else:
            frame = self.stack[-1]
            if isinstance(frame.container, dict):
                assert frame.key is not None
                loc = frame.loc + (frame.key,)
                if frame.key not in frame.container:
                    frame.container[frame.key] = value
                frame.key = None
            else:
                loc = frame.loc + (len(frame.container),)
                frame.container.append(value)
        self.document.marks[loc] = at
        if style is not None:
            self.document.styles[loc] = style
        return loc

    def finish(self) -> None:
        if self.documents == 0 or self.root is None or self.root == "":
            self.add(Mark(1, 1), "the file is empty",
                     "fill it in, or delete it if it is not needed")
        elif not isinstance(self.root, dict):
            kind = "a list" if isinstance(self.root, list) else "a single value"
            self.add(self.document.mark(()), f"the file must be a set of 'key: value' lines, but it is {kind}",
                     "start each line at the left margin with a field name, such as 'name: …'")
        self.document.data = self.root
