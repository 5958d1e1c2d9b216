"""The spec's YAML rules, one case each: bad file → the exact located message."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from servicebook.data import located
from servicebook.data.located import parse

VALUE = "name: Customer focused\nstatement: We start from the customer.\nwe_do:\n  - Ask.\n"

CASES: list[tuple[str, bytes, str]] = [
    ("duplicate key", b"name: A\nstatement: s\nname: B\n",
     "f.yml:3:1: 'name' is given twice in this mapping (first on line 1) — keep one of them and delete the other"),
    ("hash cuts a value", b"name: Team #1\n",
     "f.yml:1:12: the text after ' #' is read as a comment, so this value is cut short — "
     "put the whole value in quotes, for example name: \"Team #1\""),
    ("anchor", b"a: &x [1]\n",
     "f.yml:1:4: '&x' marks text for reuse (a YAML anchor) — remove the anchor and write the text out in full; "
     "anchors are not allowed in handbook files"),
    ("alias", b"a: b\nc: *x\n",
     "f.yml:2:4: '*x' repeats another part of the file (a YAML alias) — write the text out in full; "
     "aliases are not allowed in handbook files"),
    ("merge key", b"a:\n  <<: {b: c}\n",
     "f.yml:2:3: '<<' merges another mapping into this one (a YAML merge key) — write the keys out in full; "
     "merge keys are not allowed in handbook files"),
    ("standard tag", b"a: !!binary PHNjcmlwdD4=\n",
     "f.yml:1:4: '!!binary' sets a type for this value (a YAML tag) — remove it; every value is read as text, "
     "so tags are not allowed in handbook files"),
    ("local tag", b"a: !ENV SECRET\n",
     "f.yml:1:4: '!ENV' sets a type for this value (a YAML tag) — remove it; every value is read as text, "
     "so tags are not allowed in handbook files"),
    ("not UTF-8", b"name: caf\xe9\n",
     "f.yml:1:10: the file is not saved as UTF-8 (byte 0xE9 cannot be read) — save the file with the encoding UTF-8 "
     "in your editor"),
    ("NUL byte", b"name: a\0b\n",
     "f.yml:1:8: the file contains a NUL byte, so it is not a text file — make sure this is the YAML file you meant "
     "and save it again as plain text"),
    ("over 1 MiB", b"a: " + b"x" * (1024 * 1024),
     "f.yml:1:1: the file is too large (1.0 MiB; the limit is 1 MiB) — split it into smaller files or remove "
     "pasted material"),
    ("2 MiB file", b"a: " + b"x" * (2 * 1024 * 1024),
     "f.yml:1:1: the file is too large (2.0 MiB; the limit is 1 MiB) — split it into smaller files or remove "
     "pasted material"),
    ("empty file", b"",
     "f.yml:1:1: the file is empty — fill it in, or delete it if it is not needed"),
    ("only comments", b"# nothing yet\n\n",
     "f.yml:1:1: the file is empty — fill it in, or delete it if it is not needed"),
    ("two documents", b"a: 1\n---\nb: 2\n",
     "f.yml:2:1: the file holds more than one YAML document (a line '---' splits it) — keep one item per file: "
     "remove the '---' line and move what follows into its own file"),
    ("top-level list", b"- a\n- b\n",
     "f.yml:1:1: the file must be a set of 'key: value' lines, but it is a list — start each line at the left margin "
     "with a field name, such as 'name: …'"),
    ("deep nesting", b"a: " + b"[" * 40,
     "f.yml:1:35: the file is nested more than 32 levels deep — handbook files need only a few levels of "
     "indentation; check for runaway brackets or indents"),
    ("tab indentation", b"a:\n\tb: c\n",
     "f.yml:2:1: YAML cannot read this line: a tab is used where YAML needs spaces — indent with spaces, never tabs"),
    ("colon in a value", b"summary: Note: read this\n",
     "f.yml:1:14: YAML cannot read this line: a colon followed by a space inside a value confuses YAML — "
     "put the whole value in quotes"),
    ("unclosed quote", b"name: 'Team\n",
     "f.yml:1:7: YAML cannot read this line: the single quote (') that starts this value is never closed, so YAML "
     "reads the rest of the file as part of it — add the closing ' at the end of the value, on this line"),
    ("control character", b"name: a\x07b\n",
     "f.yml:1:8: the file contains a character YAML does not allow (U+0007) — delete it; it often comes from text "
     "copied out of another program"),
]


@pytest.mark.parametrize(("source", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_bad_yaml_is_located_and_explained(source: bytes, expected: str) -> None:
    document, problems = parse(Path("f.yml"), source)
    assert document is None
    assert [problem.format() for problem in problems] == [expected]


@pytest.mark.parametrize("typed", ["No", "on", "012", "3.10", "12:30", "2024-01-01", "~", "null", "0x1F", "1e3",
                                   ".inf", "true", "=", "1_000"])
def test_what_you_type_is_what_you_get(typed: str) -> None:
    document, problems = parse(Path("f.yml"), f"a: {typed}\nb: [{typed}]\n{typed}: k\n".encode())
    assert not problems and document is not None
    assert document.data == {"a": typed, "b": [typed], typed: "k"}


def test_bom_and_crlf_are_accepted() -> None:
    source = "\ufeffname: A\r\ndescription: |\r\n  one\r\n  two\r\n".encode()
    document, problems = parse(Path("f.yml"), source)
    assert not problems and document is not None
    assert document.data == {"name": "A", "description": "one\ntwo\n"}
    assert document.mark(("description",)) == located.Mark(2, 14)


def test_every_value_and_key_keeps_its_position() -> None:
    document, _ = parse(Path("f.yml"), VALUE.encode())
    assert document is not None
    assert document.mark(("we_do", 0)) == located.Mark(4, 5)
    assert document.key_mark(("statement",)) == located.Mark(2, 1)
    assert document.mark(("we_do", 5, "missing")) == located.Mark(4, 3)  # deepest known: the list


def test_all_problems_of_a_file_are_reported_together() -> None:
    _, problems = parse(Path("f.yml"), b"a: &x 1\nb: *x\na: 2\nc: !!str d\n")
    assert [(p.line, p.column) for p in problems] == [(1, 4), (2, 4), (3, 1), (4, 4)]


def test_libyaml_is_used() -> None:
    # The pure-Python parser makes builds about ten times slower; CI must run with libyaml.
    assert located.HAS_LIBYAML and yaml.__with_libyaml__


def test_tabs_inside_a_value_are_kept_for_the_text_check() -> None:
    document, problems = parse(Path("f.yml"), b"a: \"x\\ty\"\nb: x\ty\n")
    assert not problems and document is not None
    assert document.data == {"a": "x\ty", "b": "x\ty"}


@pytest.mark.parametrize(("source", "tag"), [(b"a: !!set {x, y}\n", "!!set"),
                                             (b"a: !!python/object/apply:os.system [ls]\n", "!!python/object/apply:os.system"),
                                             (b"a: !!str 012\n", "!!str")])
def test_every_explicit_tag_is_refused(source: bytes, tag: str) -> None:
    _, problems = parse(Path("f.yml"), source)
    assert [p.message for p in problems] == [f"'{tag}' sets a type for this value (a YAML tag)"]


def test_an_alias_bomb_is_refused_before_anything_is_built() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"] + [f"{chr(98 + n)}: &{chr(98 + n)} [*{chr(97 + n)}, *{chr(97 + n)}, "
                                                     f"*{chr(97 + n)}, *{chr(97 + n)}]" for n in range(20)]
    document, problems = parse(Path("f.yml"), "\n".join(lines).encode())
    assert document is None
    assert len(problems) == located.MAX_PROBLEMS_PER_FILE


def test_the_pure_python_parser_gives_the_same_data(monkeypatch: pytest.MonkeyPatch) -> None:
    source = "\ufeffname: No\r\nwe_do:\r\n  - 012\r\n  - '3.10'\r\n".encode()
    with_c, _ = parse(Path("f.yml"), source)
    _, cut_c = parse(Path("f.yml"), b"name: Team #1\n")
    monkeypatch.setattr(located, "HAS_LIBYAML", False)
    without_c, _ = parse(Path("f.yml"), source)
    _, cut_python = parse(Path("f.yml"), b"name: Team #1\n")
    assert with_c is not None and without_c is not None
    assert with_c.data == without_c.data and with_c.marks == without_c.marks and with_c.styles == without_c.styles
    assert cut_c == cut_python


def test_runaway_nesting_is_explained_whichever_libyaml_stops_first() -> None:
    # libyaml from 0.2.5 refuses 1,000 levels before the first event; older ones reach the 32-level rule.
    document, problems = parse(Path("f.yml"), b"a: " + b"[" * 50_000)
    assert document is None and len(problems) == 1
    assert (problems[0].line, problems[0].message) == (1, "the file is nested more than 32 levels deep")
    assert "runaway brackets" in problems[0].hint
