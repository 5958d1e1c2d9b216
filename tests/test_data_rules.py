"""The spec's layout, field and cross-reference rules: a one-mistake copy of a valid folder → exact messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import problems_of, write_data

ROLE = "name: F\nsummary: s\ncompetencies:\n  listening: 2\n"

CASES: list[tuple[str, dict[str, str | bytes | None], list[str]]] = [
    # -- layout -------------------------------------------------------------------------------
    ("framework.yml missing", {"framework.yml": None},
     ["framework.yml:1:1: framework.yml is missing from the data folder — create it with the handbook's title, "
      "organisation and levels"]),
    ("framework.yaml instead", {"framework.yml": None, "framework.yaml": "title: T\n"},
     ["framework.yml:1:1: framework.yml is missing from the data folder — rename framework.yaml to framework.yml"]),
    ("stray file in a folder", {"roles/notes.txt": "x"},
     ["roles/notes.txt:1:1: 'notes.txt' is not a YAML file, but roles/ holds only YAML files — rename it to end in "
      ".yml, or delete it (names starting with _ or . are ignored)"]),
    ("editor leftovers", {"roles/frontline.yml.txt": "x", "roles/leader.ym": "x"},
     ["roles/frontline.yml.txt:1:1: 'frontline.yml.txt' is not a YAML file, but roles/ holds only YAML files — "
      "rename it to end in .yml, or delete it (names starting with _ or . are ignored)",
      "roles/leader.ym:1:1: 'leader.ym' is not a YAML file, but roles/ holds only YAML files — rename it to end in "
      ".yml, or delete it (names starting with _ or . are ignored)"]),
    ("ignored names", {"roles/.frontline.yml.swp": "x", "roles/_draft.yml": "x: y", "library/.DS_Store": "x"}, []),
    ("bad id", {"roles/Front Line.yml": ROLE},
     ["roles/Front Line.yml:1:1: the file name 'Front Line.yml' is not a valid id (an item's id is its file name "
      "without .yml) — rename the file: use lower-case letters, digits and single hyphens, starting with a letter, "
      "for example front-line"]),
    ("name differing only in case", {"roles/Leader.yml": ROLE},
     ["roles/Leader.yml:1:1: 'Leader.yml' and 'leader.yml' differ only in capital letters, and Windows and macOS "
      "treat them as the same file — keep leader.yml and delete Leader.yml, moving anything you need from it"]),
    ("very long line", {"values/customer-focused.yml": "name: V\nstatement: s\nwe_do: [" + "a" * 300_000 + "]\n"},
     ["values/customer-focused.yml:3:509: we_do, item 1: is 300000 characters long; the limit is 500 — shorten it"]),
    ("reserved index", {"roles/index.yml": ROLE},
     ["roles/index.yml:1:1: the file name 'index.yml' cannot be an id: it is the address of the list page (an item's "
      "id is its file name without .yml) — rename the file: choose another name"]),
    ("id too long", {f"roles/{'a' * 65}.yml": ROLE},
     [f"roles/{'a' * 65}.yml:1:1: the file name '{'a' * 65}.yml' is 65 characters long; an id may have at most 64 "
      f"(an item's id is its file name without .yml) — rename the file: shorten it, for example to {'a' * 64}"]),
    ("a.yml beside a.yaml", {"roles/leader.yaml": ROLE},
     ["roles/leader.yml:1:1: 'leader.yml' and 'leader.yaml' both define the id 'leader' — keep one of the two files"]),
    ("unknown root file", {"frontline.yml": "name: x\ncompetencies:\n  a: 1\n"},
     ["frontline.yml:1:1: 'frontline.yml' is not read: only framework.yml belongs at the top of the data folder — "
      "did you mean roles/frontline.yml?"]),
    ("readme at the root", {"README.md": "# notes", "README.yml": "a: b"}, []),
    ("misspelt folder", {"role/x.yml": ROLE},
     ["role:1:1: the folder 'role' is not one the handbook reads — did you mean roles/?"]),
    ("sub-folder", {"roles/old/x.yml": ROLE},
     ["roles/old:1:1: 'old' is a folder, but roles/ holds only YAML files — move its files up into roles/, or "
      "rename it to start with _ to have it ignored"]),
    # -- fields -------------------------------------------------------------------------------
    ("unknown key", {"roles/frontline.yml": "name: F\nsumary: x\nsummary: y\ncompetencies:\n  listening: 2\n"},
     ["roles/frontline.yml:2:1: 'sumary' is not a field of a role — did you mean 'summary'?"]),
    ("unknown nested key", {"roles/frontline.yml": "name: F\nsummary: y\ncompetencies:\n  listening:\n"
                                                   "    level: 2\n    notes: x\n"},
     ["roles/frontline.yml:6:5: competencies › listening: 'notes' is not a field of this entry — did you mean 'note'?"]),
    ("missing field", {"roles/frontline.yml": "name: F\ncompetencies:\n  listening: 2\n"},
     ["roles/frontline.yml:1:1: 'summary' is missing — add a line 'summary: …'"]),
    ("empty required text", {"roles/frontline.yml": "name: F\nsummary:\ncompetencies:\n  listening: 2\n"},
     ["roles/frontline.yml:2:9: summary: is empty — write the text, or remove the line if the field is optional"]),
    ("empty optional text is absent", {"roles/frontline.yml": ROLE + "owner:\ndescription: ''\naliases:\n"}, []),
    ("wrong shapes", {"values/customer-focused.yml": "name: [a]\nstatement:\n  x: y\nwe_do: text\n"},
     ["values/customer-focused.yml:1:7: name: should be text, but it is a list — write the text on the same line, "
      "after the colon",
      "values/customer-focused.yml:3:3: statement: should be text, but YAML read it as 'key: value' because of a "
      "colon followed by a space — put the whole text in quotes, or remove the colon",
      "values/customer-focused.yml:4:8: we_do: should be a list, but it is text — write each item on its own line, "
      "starting with '- '"]),
    ("empty list", {"values/customer-focused.yml": "name: V\nstatement: s\nwe_do:\n"},
     ["values/customer-focused.yml:3:7: we_do: is empty — give at least one item, each on its own line starting "
      "with '- '"]),
    ("too many", {"values/customer-focused.yml": "name: V\nstatement: s\nwe_do: [" + ", ".join("abcdefghijklmnopqrstu")
                  + "]\n"},
     ["values/customer-focused.yml:3:8: we_do: has 21 items; the limit is 20 — remove some, or split the item into "
      "two"]),
    ("too few levels", {"framework.yml": "title: T\norganisation: O\nlevels:\n  - name: A\n    summary: s\n"},
     ["framework.yml:4:3: levels: needs at least 2 items, but has 1 — add the missing items"]),
    ("too long", {"values/customer-focused.yml": "name: " + "x" * 81 + "\nstatement: s\nwe_do: [a]\n"},
     ["values/customer-focused.yml:1:87: name: is 81 characters long; the limit is 80 — shorten it"]),
    ("angle brackets in a name", {"values/customer-focused.yml": "name: A <b>\nstatement: s\nwe_do: [a]\n"},
     ["values/customer-focused.yml:1:9: name: may not contain < or > (names become page titles and menu entries) — "
      "reword it without angle brackets"]),
    ("bidi override", {"values/customer-focused.yml": "name: V\nstatement: \"abc\\u202Edef\"\nwe_do: [a]\n"},
     ["values/customer-focused.yml:2:16: statement: contains a right-to-left override (U+202E), which is not allowed "
      "in text — delete it; it often comes from text copied out of another program"]),
    ("tab in text", {"values/customer-focused.yml": "name: V\nstatement: \"a\\tb\"\nwe_do: [a]\n"},
     ["values/customer-focused.yml:2:14: statement: contains a tab (U+0009), which is not allowed in text — delete it; "
      "it often comes from text copied out of another program"]),
    ("line separator", {"values/customer-focused.yml": "name: V\nstatement: s\nwe_do: [\"a\\u2028b\"]\n"},
     ["values/customer-focused.yml:3:11: we_do, item 1: contains a line separator (U+2028), which is not allowed in "
      "text — delete it; it often comes from text copied out of another program"]),
    ("several lines in plain text", {"values/customer-focused.yml": "name: |\n  two\n  lines\nstatement: s\n"
                                                                    "we_do: [a]\n"},
     ["values/customer-focused.yml:2:1: name: must be one line, but it runs over several lines — join the lines, or "
      "write '>-' after the colon to fold a long text"]),
    ("folded plain text is fine", {"values/customer-focused.yml": "name: >\n  one\n  line\nstatement: s\nwe_do: [a]\n"},
     []),
    ("link scheme", {"values/customer-focused.yml": "name: V\nstatement: s\ndescription: |\n  Hello\n"
                                                    "  [x](javascript:alert(1))\nwe_do: [a]\n"},
     ["values/customer-focused.yml:5:1: description: the link 'javascript:alert(1)' uses 'javascript:', which is not "
      "allowed — links may start with http:, https: or mailto:, or be relative addresses"]),
    ("picture from another site", {"values/customer-focused.yml": "name: V\nstatement: s\ndescription: "
                                                                  "'![logo](https://cdn.example.com/a.png)'\nwe_do: [a]\n"},
     ["values/customer-focused.yml:3:23: description: the picture 'https://cdn.example.com/a.png' would be loaded "
      "from another site — keep pictures in the handbook's own pages, or link to the picture instead"]),
    ("training format", {"training/foundations.yml": "name: T\nsummary: s\nformat: workshops\n"},
     ["training/foundations.yml:3:9: format: 'workshops' is not one of the allowed words (workshop, e-learning, "
      "coaching, visit, project, reading) — did you mean 'workshop'?"]),
    ("date", {"roles/leader.yml": ROLE + "reviewed: 2026-02-30\n"},
     ["roles/leader.yml:5:11: reviewed: '2026-02-30' is not a date written as YYYY-MM-DD — write the date of the last "
      "review like 2026-10-01"]),
    ("date written another way", {"roles/leader.yml": ROLE + "reviewed: 1/10/2026\n"},
     ["roles/leader.yml:5:11: reviewed: '1/10/2026' is not a date written as YYYY-MM-DD — write the date of the last "
      "review like 2026-10-01"]),
    ("invalid alias", {"roles/leader.yml": ROLE + "aliases: [Old Name]\n"},
     ["roles/leader.yml:5:11: aliases, item 1: 'Old Name' is not a valid id — use lower-case letters, digits and "
      "single hyphens, starting with a letter (like 'front-desk')"]),
    # -- cross-references ---------------------------------------------------------------------
    ("unknown references", {"roles/frontline.yml": "name: F\nsummary: s\ncompetencies:\n  listenin: 2\n"
                                                   "training: [foundation]\nreports_to: leadr\n"},
     ["roles/frontline.yml:4:3: competencies › listenin: there is no competency 'listenin' — did you mean 'listening'?",
      "roles/frontline.yml:5:12: training, item 1: there is no training module 'foundation' — did you mean "
      "'foundations'?",
      "roles/frontline.yml:6:13: reports_to: there is no role 'leadr' — did you mean 'leader'?"]),
    ("unknown value", {"library/listening.yml": "name: L\nsummary: s\nvalues: [customer-focus, nothing-like-it]\n"
                                                "levels:\n  1: [a]\n  2: [b]\n"},
     ["library/listening.yml:3:10: values, item 1: there is no value 'customer-focus' — did you mean "
      "'customer-focused'?",
      "library/listening.yml:3:26: values, item 2: there is no value 'nothing-like-it' — the value ids are: "
      "customer-focused"]),
    ("repeated reference", {"training/foundations.yml": "name: T\nsummary: s\nformat: workshop\n"
                                                        "develops: [listening, listening]\n"},
     ["training/foundations.yml:4:23: develops, item 2: 'listening' is listed twice — remove the second one"]),
    ("level number out of range", {"roles/frontline.yml": "name: F\nsummary: s\ncompetencies:\n  listening: 9\n"},
     ["roles/frontline.yml:4:14: competencies › listening › level: there is no level 9 — the levels are 1 Foundation, "
      "2 Practitioner, 3 Expert"]),
    ("level name misspelt", {"roles/frontline.yml": "name: F\nsummary: s\ncompetencies:\n  listening: Practicioner\n"},
     ["roles/frontline.yml:4:14: competencies › listening › level: 'Practicioner' is not a level — did you mean "
      "'Practitioner'? The levels are 1 Foundation, 2 Practitioner, 3 Expert"]),
    ("level name in any case", {"roles/frontline.yml": "name: F\nsummary: s\ncompetencies:\n  listening: pRACTITIONER\n"},
     []),
    ("level not described", {"roles/frontline.yml": "name: F\nsummary: s\ncompetencies:\n  listening: Expert\n"},
     ["roles/frontline.yml:4:14: competencies › listening › level: 'listening' describes no behaviours at level 3 "
      "(Expert) — choose a level it describes (1, 2), or add behaviours for level 3 to library/listening.yml"]),
    ("level described twice", {"library/listening.yml": "name: L\nsummary: s\nlevels:\n  2: [a]\n  practitioner: [b]\n"},
     ["library/listening.yml:5:3: levels › practitioner: level 2 is described twice (also as '2') — put all the "
      "behaviours of a level under one key"]),
    ("unknown cluster", {"library/listening.yml": "name: L\nsummary: s\ncluster: servng\nlevels:\n  1: [a]\n  2: [b]\n"},
     ["library/listening.yml:3:10: cluster: there is no cluster 'servng' — did you mean 'serving'?"]),
    ("duplicate level names", {"framework.yml": "title: T\norganisation: O\nlevels:\n  - name: Foundation\n"
                                                "    summary: s\n  - name: foundation\n    summary: t\n"
                                                "  - name: Expert\n    summary: u\nclusters:\n  - id: serving\n"
                                                "    name: S\n"},
     ["framework.yml:6:11: levels, item 2 › name: the level name 'foundation' is already used by level 1 — give every "
      "level its own name",
      "library/listening.yml:8:3: levels › Practitioner: 'Practitioner' is not a level — the levels are 1 Foundation, "
      "2 foundation, 3 Expert",
      "roles/frontline.yml:4:14: competencies › listening › level: 'listening' describes no behaviours at level 2 "
      "(foundation) — choose a level it describes (1), or add behaviours for level 2 to library/listening.yml",
      "roles/leader.yml:5:12: competencies › listening › level: 'Practitioner' is not a level — the levels are "
      "1 Foundation, 2 foundation, 3 Expert"]),
    ("reports_to itself", {"roles/leader.yml": ROLE + "reports_to: leader\n"},
     ["roles/leader.yml:5:13: reports_to: a role cannot report to itself — give the role it reports to, or remove "
      "the line"]),
    ("reports_to cycle", {"roles/leader.yml": ROLE + "reports_to: frontline\n",
                          "roles/frontline.yml": ROLE + "reports_to: leader\n"},
     ["roles/frontline.yml:5:13: reports_to: reports_to goes round in a circle: frontline → leader → frontline — "
      "change reports_to in one of these roles so that the chain ends"]),
    ("alias equals an id", {"roles/leader.yml": ROLE + "aliases: [frontline]\n"},
     ["roles/leader.yml:5:11: aliases, item 1: 'frontline' is the id of another role, so it cannot be an alias — "
      "remove it from aliases"]),
    ("alias used twice", {"roles/leader.yml": ROLE + "aliases: [old]\n", "roles/frontline.yml": ROLE + "aliases: [old]\n"},
     ["roles/leader.yml:5:11: aliases, item 1: 'old' is already an alias of 'frontline' — an earlier id can lead to "
      "one page only"]),
    ("reference to an alias", {"roles/leader.yml": "name: L\nsummary: s\ncompetencies:\n  hearing: 1\n",
                               "library/listening.yml": "name: L\nsummary: s\naliases: [hearing]\nlevels:\n  1: [a]\n"
                                                        "  2: [b]\n"},
     ["roles/leader.yml:4:3: competencies › hearing: 'hearing' is the earlier id of the competency 'listening' — "
      "write 'listening' instead"]),
    ("a broken file does not cascade", {"library/listening.yml": "name: L\nlevels: [oops\n"},
     ["library/listening.yml:2:9: YAML cannot read this line: the '[' that starts this list is never closed — add ']' "
      "at the end of this line, or put the value in quotes if the '[' is part of the text"]),
]


@pytest.mark.parametrize(("changes", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_one_mistake_gives_exactly_its_messages(tmp_path: Path, changes: dict[str, str | bytes | None],
                                                expected: list[str]) -> None:
    assert problems_of(write_data(tmp_path / "data", changes)) == expected


def test_the_valid_base_has_no_problems(data: Path) -> None:
    assert problems_of(data) == []


def test_every_problem_of_every_file_is_collected(tmp_path: Path) -> None:
    root = write_data(tmp_path / "data", {
        "roles/frontline.yml": "name: F\nsumary: s\ncompetencies:\n  listening: 9\n",
        "values/customer-focused.yml": "name: Team #1\nstatement: s\nwe_do: [a]\n",
        "training/foundations.yml": "name: T\nsummary: s\nformat: talk\n",
    })
    files = [line.split(":")[0] for line in problems_of(root)]
    assert files == ["roles/frontline.yml", "roles/frontline.yml", "training/foundations.yml",
                     "values/customer-focused.yml"]


@pytest.mark.parametrize("kind", ["missing", "file", "empty"])
def test_a_bad_data_folder_is_one_clear_problem(tmp_path: Path, kind: str) -> None:
    root = tmp_path / "data"
    if kind == "file":
        root.write_text("x")
    elif kind == "empty":
        root.mkdir()
    expected = {
        "missing": ".:1:1: the data folder 'data' does not exist — create it with a framework.yml, or set the "
                   "plugin's data_dir to the folder that holds the data",
        "file": ".:1:1: the data folder 'data' is a file, not a folder — point data_dir at the folder that holds "
                "framework.yml",
        "empty": "framework.yml:1:1: framework.yml is missing from the data folder — create it with the "
                 "handbook's title, organisation and levels",
    }[kind]
    assert problems_of(root) == [expected]


def test_a_link_out_of_the_data_folder_is_not_followed(tmp_path: Path) -> None:
    secret = tmp_path / "secret.yml"
    secret.write_text("name: S\nsummary: s\ncompetencies:\n  listening: 1\n")
    root = write_data(tmp_path / "data")
    (root / "roles" / "stolen.yml").symlink_to(secret)
    assert problems_of(root) == ["roles/stolen.yml:1:1: 'stolen.yml' links to a file outside the data folder — copy "
                                 "the file into the data folder instead of linking to it"]
