"""Common slips HR make in YAML, each told at the line of the slip with its fix: the exact messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import problems_of, write_data
from servicebook.data.located import parse

ROLE_HEAD = 'name: Counter officer\nsummary: Serves customers at the counter.\n'

SYNTAX: list[tuple[str, str, str]] = [
    ('key indented 3 spaces, not 2', ROLE_HEAD + 'competencies:\n  listening: 2\n   empathy: 3\n',
     "f.yml:5:4: YAML cannot read this line: 'empathy:' is indented 3 spaces, but 'listening:' above it has 2 spaces, so YAML reads this line as part of the value above — indent 'empathy:' by 2 spaces, in line with the line above (or further in, if it belongs below it)"),
    ('note indented one space too far', ROLE_HEAD + 'competencies:\n  listening:\n    level: 2\n     note: Sets the example.\n',
     "f.yml:6:6: YAML cannot read this line: 'note:' is indented 5 spaces, but 'level:' above it has 4 spaces, so YAML reads this line as part of the value above — indent 'note:' by 4 spaces, in line with the line above (or further in, if it belongs below it)"),
    ('key indented 1 space, not 2', ROLE_HEAD + 'competencies:\n  listening: 2\n empathy: 3\n',
     'f.yml:5:2: YAML cannot read this line: this line is indented 1 space, but the line above has 2 spaces, so YAML cannot tell what it belongs to — indent it by 2 spaces, in line with the line above, or by as many spaces as the lines it belongs with'),
    ('list item indented 1 space, not 2', 'name: V\nwe_do:\n  - Ask.\n - Listen.\n',
     'f.yml:4:2: YAML cannot read this line: this line is indented 1 space, but the line above has 2 spaces, so YAML cannot tell what it belongs to — indent it by 2 spaces, in line with the line above, or by as many spaces as the lines it belongs with'),
    ('list item indented 3 spaces, not 2', 'name: V\nwe_do:\n  - Ask.\n   - Listen.\n',
     "f.yml:4:4: this line starts with '- ' but is indented more than the item above, so it is read as more of that item's text, not as an item of its own — start the '-' in the same column as the '-' of the other items"),
    ('no space after a dash, with more items', 'name: V\nwe_do:\n  -Ask.\n  - Listen.\n',
     "f.yml:3:3: '-A' needs a space after the '-' to start a list item, so these lines are read as one text — put a space after each '-' that starts an item"),
    ('unclosed single quote', "name: V\nstatement: 'We start from the customer.\nwe_do:\n  - Ask.\n  - Listen.\n",
     "f.yml:2:12: YAML cannot read this line: the single quote (') that starts this value is never closed, so YAML reads the rest of the file as part of it — add the closing ' at the end of the value, on this line"),
    ('unclosed double quote', 'name: V\nstatement: "We start from the customer.\nwe_do:\n  - Ask.\n',
     'f.yml:2:12: YAML cannot read this line: the double quote (") that starts this value is never closed, so YAML reads the rest of the file as part of it — add the closing " at the end of the value, on this line'),
    ('unclosed quote in a list item', "name: V\nwe_do:\n  - 'Ask.\n  - Listen.\n",
     "f.yml:3:5: YAML cannot read this line: the single quote (') that starts this value is never closed, so YAML reads the rest of the file as part of it — add the closing ' at the end of the value, on this line"),
    ('missing colon', 'name: V\nstatement We start from the customer.\nwe_do:\n  - Ask.\n',
     "f.yml:2:1: YAML cannot read this line: 'statement' has no colon after it — write 'statement: We start from the customer.', with a colon and a space after the field name; if the line continues the text above, indent it below that text instead"),
    ('missing colon on the last line', 'name: V\nstatement We start from the customer.\n',
     "f.yml:2:1: YAML cannot read this line: 'statement' has no colon after it — write 'statement: We start from the customer.', with a colon and a space after the field name; if the line continues the text above, indent it below that text instead"),
    ('missing colon before a list', 'name: V\nwe_do\n  - Ask.\n',
     "f.yml:2:1: YAML cannot read this line: 'we_do' has no colon after it — write 'we_do:', with a colon after the field name"),
    ('no space after the colon', 'name:V\nstatement: s\n',
     "f.yml:1:5: YAML cannot read this line: 'name:' needs a space after the colon — write 'name: V'"),
    ('non-breaking space after the colon', 'name:\xa0V\nstatement: s\n',
     'f.yml:1:6: YAML cannot read this line: a non-breaking space follows the colon, and YAML needs an ordinary space there — delete the space after the colon and type an ordinary one'),
    ('text continued without indent', 'name: V\nstatement: We start\nfrom the customer.\n',
     "f.yml:3:1: YAML cannot read this line: this line has no colon and is not indented below the line above, so YAML cannot tell where it belongs — if it continues the text above, indent it below that text or put the whole text in quotes on one line; if it is a field, write 'field: value'"),
    ('colon and space in a value', 'name: V\nstatement: Note: we start from the customer.\n',
     'f.yml:2:16: YAML cannot read this line: a colon followed by a space inside a value confuses YAML — put the whole value in quotes'),
    ('apostrophe inside single quotes', "name: V\nstatement: 'Customers' needs come first.'\n",
     "f.yml:2:12: YAML cannot read this line: the text in quotes ends at the next ', and the words after it are left over — write the apostrophe inside the text twice (''), or put the whole value in double quotes"),
    ('double quotes inside double quotes', 'name: V\nstatement: "Say "hello" first."\n',
     'f.yml:2:12: YAML cannot read this line: the text in quotes ends at the next ", and the words after it are left over — put the whole value in single quotes instead, or write \\" for each double quote inside it'),
    ('value starting with a bracket', 'name: V\nstatement: [Draft] We start from the customer.\n',
     "f.yml:2:12: YAML cannot read this line: a value starting with '[' is read as a list, so the words after it are left over — put the whole value in quotes"),
    ('list in brackets never closed', 'name: V\nwe_do: [Ask., Listen.\nstatement: s\n',
     "f.yml:2:8: YAML cannot read this line: the '[' that starts this list is never closed — add ']' at the end of this line, or put the value in quotes if the '[' is part of the text"),
    ('two commas in a bracket list', 'name: V\nwe_do: [Ask.,, Listen.]\n',
     'f.yml:2:14: YAML cannot read this line: a list in square brackets has an empty item (two commas in a row, or a comma before the first item) — remove the extra comma'),
    ('value starting with an asterisk', 'name: V\nstatement: *Always* start from the customer.\n',
     "f.yml:2:12: YAML cannot read this line: a value starting with '*' is read as a reference to another part of the file (a YAML alias) — put the whole value in quotes"),
    ('value starting with an ampersand', 'name: V\nstatement: & more\n',
     "f.yml:2:12: YAML cannot read this line: a value starting with '&' is read as a mark for reuse (a YAML anchor) — put the whole value in quotes"),
    ('value starting with @', 'name: V\nstatement: @home visits first.\n',
     'f.yml:2:12: YAML cannot read this line: a value starts with a character YAML reserves (such as @ or `) — put the value in quotes'),
    ('value starting with a backtick', 'name: V\nstatement: `Ask` first.\n',
     'f.yml:2:12: YAML cannot read this line: a value starts with a character YAML reserves (such as @ or `) — put the value in quotes'),
    ('value starting with a bar', 'name: V\nstatement: | We start from the customer.\n',
     "f.yml:2:12: YAML cannot read this line: a value starting with '|' is read as the start of a text written on the lines below — put the whole value in quotes, or start the text on the next line, indented"),
    ('value starting with a question mark', 'name: V\nstatement: ? Why not\n',
     "f.yml:2:12: YAML cannot read this line: a value starting with '? ' is read as a YAML key — put the whole value in quotes"),
    ('dash after a key', 'name: - V\n',
     "f.yml:1:7: YAML cannot read this line: a list item ('- ') is written where a value was expected — start the list on its own line below the key"),
    ('tab indentation', 'name: V\nwe_do:\n\t- Ask.\n',
     'f.yml:3:1: YAML cannot read this line: a tab is used where YAML needs spaces — indent with spaces, never tabs'),
    ('hash in a value', 'name: Team #1\n',
     'f.yml:1:12: the text after \' #\' is read as a comment, so this value is cut short — put the whole value in quotes, for example name: "Team #1"'),
    ('three dashes in the middle', 'name: V\n---\nstatement: s\n',
     "f.yml:2:1: the file holds more than one YAML document (a line '---' splits it) — keep one item per file: remove the '---' line and move what follows into its own file"),
    ('colon in a continued line', 'name: V\nstatement: We start from the customer\n  and ask: what next?\n',
     'f.yml:3:10: YAML cannot read this line: a colon followed by a space inside a value confuses YAML — put the whole value in quotes'),
    ('mapping in braces never closed', 'name: V\nwe_do: {a: b\nstatement: s\n',
     "f.yml:2:8: YAML cannot read this line: the '{' that starts this set of 'key: value' pairs is never closed — add '}' at the end of this line, or put the value in quotes if the '{' is part of the text"),
    ('list item quote closed by a later quoted word', 'name: V\nwe_do:\n  - "Ask first.\n  - Listen.\nwe_avoid:\n  - Call people "cases".\n',
     'f.yml:3:5: YAML cannot read this line: the double quote (") that starts this value is not closed on this line, so YAML reads on until the next ", on line 6 — add the closing " at the end of the value, on this line'),
    ('list item quote closed by a later apostrophe', "name: V\nwe_do:\n  - 'Ask first.\n  - Listen to the customer's words.\n  - Explain.\n",
     "f.yml:3:5: YAML cannot read this line: the single quote (') that starts this value is not closed on this line, so YAML reads on until the next ', on line 4 — add the closing ' at the end of the value, on this line"),
    ('quote closed by an apostrophe lines later', "name: Trainer\nsummary: 'Designs training.\nresponsibilities:\n  - Run the programmes.\n  - Adapt packages to the Authority's settings.\n",
     "f.yml:2:10: YAML cannot read this line: the single quote (') that starts this value is not closed on this line, so YAML reads on until the next ', on line 5 — add the closing ' at the end of the value, on this line"),
    ('first key of a block indented 3 spaces', ROLE_HEAD + 'competencies:\n   listening: 2\n  empathy: 3\n  writing: 2\n',
     'f.yml:4:4: YAML cannot read this line: this line is indented 3 spaces, but the line below it has 2 spaces, so YAML cannot tell what they belong to — indent it by 2 spaces, in line with the lines below it'),
    ('level key without its colon', 'name: L\nlevels:\n  1:\n    - Listens.\n  2\n    - Summarises.\n',
     "f.yml:5:3: YAML cannot read this line: '2' has no colon after it — write '2:', with a colon after the field name"),
]

DATA: list[tuple[str, dict[str, str | bytes | None], list[str]]] = [
    ('dedented note read as a competency', {'roles/leader.yml': 'name: Team leader\nsummary: Leads.\ncompetencies:\n  listening:\n    level: 2\n  note: Sets the example.\n'},
     ["roles/leader.yml:6:3: competencies › note: 'note:' is lined up with the competency ids, so it is read as a competency, but it is a field of the requirement of 'listening' above — indent 'note:' further, in line with 'level:' below the competency it belongs to (write that competency's level as 'level: …' on its own line)"]),
    ('dedented note after a short requirement', {'roles/leader.yml': 'name: Team leader\nsummary: Leads.\ncompetencies:\n  listening: 2\n  note: Sets the example.\n'},
     ["roles/leader.yml:5:3: competencies › note: 'note:' is lined up with the competency ids, so it is read as a competency, but it is a field of the requirement of 'listening' above — indent 'note:' further, in line with 'level:' below the competency it belongs to (write that competency's level as 'level: …' on its own line)"]),
    ('misspelt field', {'values/customer-focused.yml': 'name: V\nstatement: s\nwe_doo:\n  - Ask.\n'},
     ["values/customer-focused.yml:1:1: 'we_do' is missing — add a line 'we_do: …'", "values/customer-focused.yml:3:1: 'we_doo' is not a field of a value — did you mean 'we_do'?"]),
    ('field name with a space', {'values/customer-focused.yml': 'name: V\nstatement: s\nwe do:\n  - Ask.\n'},
     ["values/customer-focused.yml:1:1: 'we_do' is missing — add a line 'we_do: …'", "values/customer-focused.yml:3:1: 'we do' is not a field of a value — did you mean 'we_do'?"]),
    ('capitalised field', {'values/customer-focused.yml': 'Name: V\nstatement: s\nwe_do:\n  - Ask.\n'},
     ["values/customer-focused.yml:1:1: 'Name' is not a field of a value — did you mean 'name'?", "values/customer-focused.yml:1:1: 'name' is missing — add a line 'name: …'"]),
    ('only item without a space after the dash', {'values/customer-focused.yml': 'name: V\nstatement: s\nwe_do:\n  -Ask.\n'},
     ["values/customer-focused.yml:4:3: we_do: should be a list, but it is text: a '-' starts a list item only when a space follows it — write '- Ask.', with a space after the '-'"]),
    ('list written as text', {'values/customer-focused.yml': 'name: V\nstatement: s\nwe_do: Ask.\n'},
     ["values/customer-focused.yml:3:8: we_do: should be a list, but it is text — write each item on its own line, starting with '- '"]),
    ('level misspelt', {'roles/leader.yml': 'name: Team leader\nsummary: Leads.\ncompetencies:\n  listening: Practioner\n'},
     ["roles/leader.yml:4:14: competencies › listening › level: 'Practioner' is not a level — did you mean 'Practitioner'? The levels are 1 Foundation, 2 Practitioner, 3 Expert"]),
    ('competency id misspelt', {'roles/leader.yml': 'name: Team leader\nsummary: Leads.\ncompetencies:\n  listenning: 2\n'},
     ["roles/leader.yml:4:3: competencies › listenning: there is no competency 'listenning' — did you mean 'listening'?"]),
    ('required field left empty', {'values/customer-focused.yml': 'name: V\nstatement:\nwe_do:\n  - Ask.\n'},
     ['values/customer-focused.yml:2:11: statement: is empty — write the text, or remove the line if the field is optional']),
    ('competencies left empty', {'roles/leader.yml': 'name: Team leader\nsummary: Leads.\ncompetencies:\n'},
     ["roles/leader.yml:3:14: competencies: is empty — write its entries on the lines below it, indented, one 'key: value' a line"]),
    ('requirements written as a list', {'roles/leader.yml': 'name: Team leader\nsummary: Leads.\ncompetencies:\n  - listening: 2\n'},
     ["roles/leader.yml:4:3: competencies: should be a set of 'key: value' lines, but it is a list (its lines start with '- ') — remove the '- ' at the start of each entry, keeping the indentation"]),
    ('ids separated by commas without brackets', {'roles/leader.yml': 'name: Team leader\nsummary: Leads.\ncompetencies:\n  listening: 2\ntraining: foundations, visits\n'},
     ["roles/leader.yml:5:11: training: should be a list, but it is text: 'foundations, visits' — put it in square brackets, [foundations, visits], or write each item on its own line starting with '- '"]),
]


def test_there_are_at_least_thirty_slips() -> None:
    assert len(SYNTAX) + len(DATA) >= 30


@pytest.mark.parametrize(("text", "expected"), [case[1:] for case in SYNTAX], ids=[case[0] for case in SYNTAX])
def test_syntax_slip(text: str, expected: str) -> None:
    document, problems = parse(Path("f.yml"), text.encode("utf-8"))
    assert document is None
    assert [problem.format() for problem in problems] == [expected]


@pytest.mark.parametrize(("changes", "expected"), [case[1:] for case in DATA], ids=[case[0] for case in DATA])
def test_data_slip(tmp_path: Path, changes: dict[str, str | bytes | None], expected: list[str]) -> None:
    assert problems_of(write_data(tmp_path, changes)) == expected
