"""Format 1.1 (staff groups, pledges, training order, owner and review): a one-mistake copy → exact messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import BASE, problems_of, write_data
from servicebook.data.link import load_handbook


def _base(name: str) -> str:
    """A file of the shared valid folder, ready to have indented lines added to it."""
    return BASE[name].rstrip(" ")


FRAMEWORK = _base("framework.yml") + """\
        groups:
          - id: frontline
            name: Frontline staff
            summary: Serve customers face to face.
          - id: leaders
            name: Customer service leaders
        review_every_months: 12
        language: en
        """
GROUPS: dict[str, str | bytes | None] = {
    "framework.yml": FRAMEWORK,
    "roles/frontline.yml": _base("roles/frontline.yml") + "        group: frontline\n",
    "roles/leader.yml": _base("roles/leader.yml") + "        group: leaders\n        owner: HR\n",
    "training/condensed.yml": """\
        name: Condensed foundations
        summary: The basics in half a day.
        format: workshop
        variant_of: foundations
        for_groups: [leaders]
        provider: Training Centre
        """,
    "training/recovery.yml": """\
        name: Putting things right
        summary: Service recovery.
        format: coaching
        requires: [foundations]
        for_groups: [frontline, leaders]
        owner: Training Centre
        reviewed: 2026-01-31
        """,
    "pledges/letters.yml": """\
        name: Answering letters
        statement: We reply to letters within 10 working days.
        measures:
          - measure: Letters answered within 10 working days
            target: 95%
        groups: [frontline]
        roles: [leader]
        competencies: [listening]
        owner: Customer Service Section
        reviewed: 2026-10-01
        aliases: [letters-pledge]
        """,
}
PLEDGE = "name: P\nstatement: s\n"
MODULE = "name: M\nsummary: s\nformat: workshop\n"

CASES: list[tuple[str, dict[str, str | bytes | None], list[str]]] = [
    ("the valid 1.1 base", {}, []),
    ("translations hold .po files", {"translations/cy.po": "", "translations/.x.swp": ""}, []),
    ("a stray file among translations", {"translations/cy.yml": "a: b"},
     ["translations/cy.yml:1:1: 'cy.yml' is not a .po file, but translations/ holds only .po files — keep one "
      "<language>.po catalogue per language here, such as cy.po, or rename it to start with _ to have it ignored"]),
    ("a catalogue not named for a language", {"translations/welsh_1.po": ""},
     ["translations/welsh_1.po:1:1: 'welsh_1.po' is not named for a language — name the catalogue with a BCP 47 "
      "language tag, such as cy.po or zh-Hant.po"]),
    ("a stray pledge at the root", {"answering.yml": "name: x\nmeasures: []\n"},
     ["answering.yml:1:1: 'answering.yml' is not read: only framework.yml belongs at the top of the data folder — "
      "did you mean pledges/answering.yml?"]),
    # -- framework ------------------------------------------------------------------------------
    ("group id used twice", {"framework.yml": FRAMEWORK.replace(
        "        review_every", "          - id: frontline\n            name: Again\n        review_every")},
     ["framework.yml:19:9: groups, item 3 › id: the group id 'frontline' is used twice — give every group its own "
      "id"]),
    ("unknown key in a group", {"framework.yml": FRAMEWORK.replace("    summary: Serve", "    sumary: Serve")},
     ["framework.yml:16:5: groups, item 1: 'sumary' is not a field of this entry — did you mean 'summary'?"]),
    ("a group without a name", {"framework.yml": FRAMEWORK.replace("            name: Customer service leaders\n", "")},
     ["framework.yml:17:5: groups, item 2: 'name' is missing — add a line 'name: …'"]),
    ("review interval not a number", {"framework.yml": FRAMEWORK.replace("months: 12", "months: yearly")},
     ["framework.yml:19:22: review_every_months: 'yearly' is not a number of months from 1 to 60 — write a whole "
      "number of months, such as 12"]),
    ("review interval too long", {"framework.yml": FRAMEWORK.replace("months: 12", "months: 61")},
     ["framework.yml:19:22: review_every_months: '61' is not a number of months from 1 to 60 — write a whole "
      "number of months, such as 12"]),
    ("review interval as a list", {"framework.yml": FRAMEWORK.replace("months: 12", "months: [12]")},
     ["framework.yml:19:22: review_every_months: should be a number of months from 1 to 60, written on the same "
      "line — write a whole number of months after the colon, such as 12"]),
    ("language not a tag", {"framework.yml": FRAMEWORK.replace("language: en", "language: English (UK)")},
     ["framework.yml:20:11: language: 'English (UK)' is not a language tag — write a BCP 47 language tag such as "
      "en, cy, fr or zh-Hant"]),
    ("a group with no roles is a warning", {"roles/leader.yml": _base("roles/leader.yml")}, []),
    # -- roles ----------------------------------------------------------------------------------
    ("unknown group on a role", {"roles/frontline.yml": _base("roles/frontline.yml") + "        group: frontlne\n"},
     ["roles/frontline.yml:6:8: group: there is no group 'frontlne' — did you mean 'frontline'?"]),
    ("group as a list", {"roles/frontline.yml": _base("roles/frontline.yml") + "        group: [frontline]\n"},
     ["roles/frontline.yml:6:8: group: should be text, but it is a list — write the text on the same line, after "
      "the colon"]),
    ("a module listed before what it requires",
     {"roles/frontline.yml": _base("roles/frontline.yml").replace("[foundations]", "[recovery, foundations]")
      + "        group: frontline\n"},
     ["roles/frontline.yml:5:12: training, item 1: 'recovery' comes before 'foundations', which it requires — move "
      "'foundations' above 'recovery' in training"]),
    ("a module listed before the shorter version of what it requires",
     {"roles/leader.yml": _base("roles/leader.yml") + "        group: leaders\n        training: [recovery, condensed]\n"},
     ["roles/leader.yml:8:12: training, item 1: 'recovery' comes before 'condensed', a version of 'foundations', "
      "which it requires — move 'condensed' above 'recovery' in training"]),
    ("the shorter version first is fine",
     {"roles/leader.yml": _base("roles/leader.yml") + "        group: leaders\n        training: [condensed, recovery]\n"},
     []),
    # -- training -------------------------------------------------------------------------------
    ("requires an unknown module", {"training/x.yml": MODULE + "requires: [foundatons]\n"},
     ["training/x.yml:4:12: requires, item 1: there is no training module 'foundatons' — did you mean "
      "'foundations'?"]),
    ("requires itself", {"training/x.yml": MODULE + "requires: [x]\n"},
     ["training/x.yml:4:12: requires, item 1: a module cannot require itself — remove it from requires"]),
    ("requires twice", {"training/x.yml": MODULE + "requires: [foundations, foundations]\n"},
     ["training/x.yml:4:25: requires, item 2: 'foundations' is listed twice — remove the second one"]),
    ("requires in a circle", {"training/foundations.yml": _base("training/foundations.yml") + "        requires: [recovery]\n"},
     ["training/foundations.yml:5:12: requires, item 1: requires goes round in a circle: foundations → recovery → "
      "foundations — change requires in one of these modules so that the chain ends"]),
    ("variant of an unknown module", {"training/x.yml": MODULE + "variant_of: foundation\n"},
     ["training/x.yml:4:13: variant_of: there is no training module 'foundation' — did you mean 'foundations'?"]),
    ("variant of itself", {"training/x.yml": MODULE + "variant_of: x\n"},
     ["training/x.yml:4:13: variant_of: a module cannot be a version of itself — give the module this one shortens "
      "or adapts, or remove the line"]),
    ("variants in a circle", {"training/foundations.yml": _base("training/foundations.yml")
                              + "        variant_of: condensed\n"},
     ["training/condensed.yml:4:13: variant_of: variant_of goes round in a circle: condensed → foundations → "
      "condensed — change variant_of in one of these modules so that the chain ends"]),
    ("for an unknown group", {"training/x.yml": MODULE + "for_groups: [leader]\n"},
     ["training/x.yml:4:14: for_groups, item 1: there is no group 'leader' — did you mean 'leaders'?"]),
    ("for a group twice", {"training/x.yml": MODULE + "for_groups: [leaders, leaders]\n"},
     ["training/x.yml:4:23: for_groups, item 2: 'leaders' is listed twice — remove the second one"]),
    ("provider too long", {"training/x.yml": MODULE + "provider: " + "p" * 121 + "\n"},
     ["training/x.yml:4:131: provider: is 121 characters long; the limit is 120 — shorten it"]),
    ("reviewed not a date", {"training/x.yml": MODULE + "reviewed: last May\n"},
     ["training/x.yml:4:11: reviewed: 'last May' is not a date written as YYYY-MM-DD — write the date of the last "
      "review like 2026-10-01"]),
    ("owner on a value", {"values/customer-focused.yml": _base("values/customer-focused.yml")
                          + "        owner: Comms\n        reviewed: 2026-02-30\n"},
     ["values/customer-focused.yml:6:11: reviewed: '2026-02-30' is not a date written as YYYY-MM-DD — write the "
      "date of the last review like 2026-10-01"]),
    ("owner on a competency", {"library/listening.yml": _base("library/listening.yml") + "        owner: [a]\n"},
     ["library/listening.yml:10:8: owner: should be text, but it is a list — write the text on the same line, "
      "after the colon"]),
    # -- pledges --------------------------------------------------------------------------------
    ("unknown key in a pledge", {"pledges/x.yml": PLEDGE + "role: [leader]\n"},
     ["pledges/x.yml:3:1: 'role' is not a field of a pledge — did you mean 'roles'?"]),
    ("pledge without a statement", {"pledges/x.yml": "name: P\n"},
     ["pledges/x.yml:1:1: 'statement' is missing — add a line 'statement: …'"]),
    ("measure without a target", {"pledges/x.yml": PLEDGE + "measures:\n  - measure: Calls answered\n"},
     ["pledges/x.yml:4:5: measures, item 1: 'target' is missing — add a line 'target: …'"]),
    ("unknown key in a measure", {"pledges/x.yml": PLEDGE + "measures:\n  - measure: M\n    target: 9\n    goal: 1\n"},
     ["pledges/x.yml:6:5: measures, item 1: 'goal' is not a field of this entry — the fields are: measure, target"]),
    ("target kept exactly as typed", {"pledges/x.yml": PLEDGE + "measures:\n  - measure: M\n    target: 0.90\n"}, []),
    ("too many measures", {"pledges/x.yml": PLEDGE + "measures:\n" + "  - {measure: m, target: t}\n" * 11},
     ["pledges/x.yml:4:3: measures: has 11 items; the limit is 10 — remove some, or split the item into two"]),
    ("measure too long", {"pledges/x.yml": PLEDGE + f"measures:\n  - measure: {'m' * 201}\n    target: t\n"},
     ["pledges/x.yml:4:214: measures, item 1 › measure: is 201 characters long; the limit is 200 — shorten it"]),
    ("pledge names an unknown role", {"pledges/x.yml": PLEDGE + "roles: [leadr]\n"},
     ["pledges/x.yml:3:9: roles, item 1: there is no role 'leadr' — did you mean 'leader'?"]),
    ("pledge names an unknown group", {"pledges/x.yml": PLEDGE + "groups: [front]\n"},
     ["pledges/x.yml:3:10: groups, item 1: there is no group 'front' — did you mean 'frontline'?"]),
    ("pledge names an unknown competency", {"pledges/x.yml": PLEDGE + "competencies: [listenin]\n"},
     ["pledges/x.yml:3:16: competencies, item 1: there is no competency 'listenin' — did you mean 'listening'?"]),
    ("pledge names a role twice", {"pledges/x.yml": PLEDGE + "roles: [leader, leader]\n"},
     ["pledges/x.yml:3:17: roles, item 2: 'leader' is listed twice — remove the second one"]),
    ("pledge names a renamed role", {"pledges/x.yml": PLEDGE + "roles: [front-line]\n",
                                     "roles/frontline.yml": _base("roles/frontline.yml")
                                     + "        group: frontline\n        aliases: [front-line]\n"},
     ["pledges/x.yml:3:9: roles, item 1: 'front-line' is the earlier id of the role 'frontline' — write 'frontline' "
      "instead"]),
    ("pledge alias clashes", {"pledges/x.yml": PLEDGE + "aliases: [letters]\n"},
     ["pledges/x.yml:3:11: aliases, item 1: 'letters' is the id of another pledge, so it cannot be an alias — "
      "remove it from aliases"]),
    ("pledge name with angle brackets", {"pledges/x.yml": "name: <b>P</b>\nstatement: s\n"},
     ["pledges/x.yml:1:7: name: may not contain < or > (names become page titles and menu entries) — reword it "
      "without angle brackets"]),
]


@pytest.mark.parametrize(("changes", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_one_mistake_gives_exactly_its_messages(tmp_path: Path, changes: dict[str, str | bytes | None],
                                                expected: list[str]) -> None:
    assert problems_of(write_data(tmp_path / "data", {**GROUPS, **changes})) == expected


WARNINGS: list[tuple[str, dict[str, str | bytes | None], list[str]]] = [
    ("a group with no roles", {"roles/leader.yml": _base("roles/leader.yml")},
     ["framework.yml:17:9: groups, item 2 › id: no role belongs to the group 'leaders' — give a role the line "
      "'group: leaders', or remove the group"]),
    ("a pledge naming a role and its group", {"pledges/letters.yml": GROUPS["pledges/letters.yml"].replace(  # type: ignore[union-attr]
        "roles: [leader]", "roles: [leader, frontline]")},
     ["pledges/letters.yml:7:17: roles, item 2: 'frontline' belongs to the group 'frontline', which this pledge "
      "already names — remove 'frontline' from roles: the group covers it"]),
]


@pytest.mark.parametrize(("changes", "expected"), [case[1:] for case in WARNINGS], ids=[case[0] for case in WARNINGS])
def test_allowed_but_probably_unmeant_gives_a_warning(tmp_path: Path, changes: dict[str, str | bytes | None],
                                                      expected: list[str]) -> None:
    root = write_data(tmp_path / "data", {**GROUPS, **changes})
    assert [problem.format(root) for problem in load_handbook(root).warnings] == expected


def test_a_version_1_folder_has_no_warnings(data: Path) -> None:
    handbook = load_handbook(data)
    assert handbook.warnings == [] and handbook.groups == {} and handbook.pledges == {}


def test_the_reverse_indexes(tmp_path: Path) -> None:
    changes: dict[str, str | bytes | None] = {"roles/other.yml": "name: Other\nsummary: s\ngroup: frontline\n"
                                              "competencies:\n  listening: 1\n"}
    hb = load_handbook(write_data(tmp_path / "data", {**GROUPS, **changes}))
    assert list(hb.groups) == ["frontline", "leaders"]
    assert hb.roles_in_group == {"frontline": ["frontline", "other"], "leaders": ["leader"]}
    assert hb.pledges_of_role == {"frontline": ["letters"], "other": ["letters"], "leader": ["letters"]}
    assert hb.pledges_of_group == {"frontline": ["letters"]}
    assert hb.pledges_helped_by == {"listening": ["letters"]}
    assert hb.modules_for_group == {"frontline": ["recovery"], "leaders": ["condensed", "recovery"]}
    assert hb.variants == {"foundations": ["condensed"]}
    assert hb.required_by == {"foundations": ["recovery"]}
    # Listening: the frontline role needs level 2, the other role level 1, so the group needs level 1.
    assert hb.group_profile == {"frontline": [("listening", 1)], "leaders": [("listening", 2)]}
    assert hb.pledges["letters"].measures[0].target == "95%"
    assert hb.aliases["pledges"] == {"letters-pledge": "letters"}
