"""Content checks: planted faults in an otherwise clean framework → the exact located findings."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from conftest import BASE, ROOT, write_data
from servicebook.data.link import load_handbook
from servicebook.data.quality import coverage, findings
from servicebook.tools.cli import main
from sitebuild import copy_example, mkdocs_build

GOOD_LIB = "name: Listening\nsummary: Hears the customer out.\ncluster: serving\nvalues: [customer-focused]\nlevels:\n  1:\n    - Lets the customer finish.\n    - Notes the request.\n  Practitioner:\n    - Summarises the request.\n    - Checks the summary with the customer.\n"
GOOD_VAL = "name: Customer focused\nstatement: We start from the customer.\nwe_do:\n  - Ask what the customer needs.\nwe_avoid:\n  - Quote the rules first.\n"
base = {"library/listening.yml": GOOD_LIB, "values/customer-focused.yml": GOOD_VAL}
ROLE = 'name: Team leader\nsummary: Leads.\ncompetencies:\n  listening: 2\ntraining: [foundations]\n'
CLEAN = {**base, "roles/leader.yml": ROLE}

CHANGES: dict[str, dict[str, str | bytes | None]] = {
 "clean": {},
 "repeated": {"library/listening.yml": GOOD_LIB.replace("Checks the summary with the customer.", "Lets the customer finish!")},
 "almost": {"library/listening.yml": GOOD_LIB.replace("Checks the summary with the customer.", "Notes the requests.")},
 "few": {"library/listening.yml": GOOD_LIB.replace("    - Notes the request.\n", "")},
 "vague": {"library/listening.yml": GOOD_LIB.replace("Notes the request.", "Responds appropriately to the request.")},
 "vague phrase": {"values/customer-focused.yml": GOOD_VAL.replace("Ask what", "Escalate as needed what")},
 "no we_avoid": {"values/customer-focused.yml": GOOD_VAL.split("we_avoid")[0]},
 "unneeded": {"library/spare.yml": GOOD_LIB.replace("Listening", "Spare"), "training/foundations.yml": "name: Service foundations\nsummary: The basics.\nformat: workshop\ndevelops: [listening, spare]\n"},
 "coverage": {"roles/leader.yml": "name: Team leader\nsummary: Leads the counter team.\ncompetencies:\n  listening:\n    level: Practitioner\n    note: Sets the example.\n"},
 "idle": {"training/visits.yml": "name: Visits\nsummary: Visits.\nformat: visit\n", "roles/leader.yml": "name: Team leader\nsummary: Leads.\ncompetencies:\n  listening: 2\ntraining: [foundations]\n"},
 "develops only what no role needs": {"library/spare.yml": GOOD_LIB.replace("Listening", "Spare"), "training/visits.yml": "name: Visits\nsummary: Visits.\nformat: visit\ndevelops: [spare]\n"},
 "framework words": {"framework.yml": textwrap.dedent(BASE["framework.yml"]) + "checks:\n  min_behaviours: 3\n  vague_words: [in a timely way]\n", "library/listening.yml": GOOD_LIB.replace("Notes the request.", "Notes the request in a timely way.")},
}

EXPECTED: dict[str, list[str]] = {
    'clean': [],
    'repeated': ['library/listening.yml:11:7: warning: levels › Practitioner, item 2: repeats word for word a behaviour of level 1 · Foundation (“Lets the customer finish.”) (each level should say what is new at that level; a repeated line makes two levels look the same) — describe what someone does differently at this level, or delete the line'],
    'almost': ['library/listening.yml:11:7: warning: levels › Practitioner, item 2: repeats almost word for word a behaviour of level 1 · Foundation (“Notes the request.”) (each level should say what is new at that level; a repeated line makes two levels look the same) — describe what someone does differently at this level, or delete the line'],
    'few': ['library/listening.yml:6:3: warning: levels › 1: level 1 · Foundation has 1 behaviour; this framework asks for at least 2 (a level described in so few lines rarely shows what it looks like in daily work) — add behaviours that show the level in practice'],
    'vague': ["library/listening.yml:8:16: warning: levels › 1, item 2: 'appropriately' is vague (a reader cannot see or check it, so two people will read the line differently) — say what the person does, or what the customer notices, instead"],
    'vague phrase': ["values/customer-focused.yml:4:14: warning: we_do, item 1: 'as needed' is vague (a reader cannot see or check it, so two people will read the line differently) — say what the person does, or what the customer notices, instead"],
    'no we_avoid': ["values/customer-focused.yml:3:1: warning: the value has no 'we_avoid' list (saying what goes against a value makes it concrete, and gives reviewers something to notice) — add 'we_avoid:' with one or two behaviours that go against the value"],
    'unneeded': ['library/spare.yml:1:1: warning: no role needs this competency (it is published but never expected of anyone, so nobody is assessed or trained in it) — add it to the profiles of the roles that need it (roles/<id>.yml › competencies), or retire it'],
    'coverage': ["roles/leader.yml:4:3: warning: competencies › listening: no module on this role's training path develops 'Listening', needed at 2 · Practitioner (staff in this role have no route to the level they are expected to reach) — add a module that develops it to this role's training, such as 'foundations', or list it under develops: in a module the role already takes"],
    'idle': ['training/visits.yml:1:1: warning: the module develops no competency (staff and trainers cannot tell what it is for or who should take it) — list under develops: the competencies it builds that roles need, or retire it'],
    'develops only what no role needs': ['library/spare.yml:1:1: warning: no role needs this competency (it is published but never expected of anyone, so nobody is assessed or trained in it) — add it to the profiles of the roles that need it (roles/<id>.yml › competencies), or retire it', 'training/visits.yml:4:1: warning: the module develops nothing any role needs (staff and trainers cannot tell what it is for or who should take it) — list under develops: the competencies it builds that roles need, or retire it'],
    'framework words': ['library/listening.yml:6:3: warning: levels › 1: level 1 · Foundation has 2 behaviours; this framework asks for at least 3 (a level described in so few lines rarely shows what it looks like in daily work) — add behaviours that show the level in practice', "library/listening.yml:8:25: warning: levels › 1, item 2: 'in a timely way' is vague (a reader cannot see or check it, so two people will read the line differently) — say what the person does, or what the customer notices, instead", 'library/listening.yml:9:3: warning: levels › Practitioner: level 2 · Practitioner has 2 behaviours; this framework asks for at least 3 (a level described in so few lines rarely shows what it looks like in daily work) — add behaviours that show the level in practice'],
}


@pytest.mark.parametrize("name", list(CHANGES))
def test_planted_fault_is_found_at_its_line(tmp_path: Path, name: str) -> None:
    root = write_data(tmp_path, {**CLEAN, **CHANGES[name]})
    found = findings(load_handbook(root))
    assert [finding.format(root) for finding in found] == EXPECTED[name]


def test_the_example_handbook_passes_every_content_check() -> None:
    handbook = load_handbook(ROOT / "competencies")
    assert findings(handbook) == []
    assert all(line.modules for line in coverage(handbook))


def test_check_prints_warnings_and_strict_or_the_framework_makes_them_errors(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    root = write_data(tmp_path / "competencies", {**CLEAN, **CHANGES["vague"]})
    assert main(["check"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("competencies/library/listening.yml:8:16: warning: levels › 1, item 2: 'appropriately'")
    assert out[-1].startswith("1 content finding (warnings: the site still builds;")
    assert main(["check", "--format", "github"]) == 0
    assert capsys.readouterr().out.startswith(
        "::warning file=competencies/library/listening.yml,line=8,col=16,title=servicebook content check::levels › 1, "
        "item 2: 'appropriately' is vague")
    assert main(["check", "--format", "json"]) == 0
    [finding] = json.loads(capsys.readouterr().out)
    assert (finding["file"], finding["line"], finding["column"]) == ("competencies/library/listening.yml", 8, 16)
    assert (finding["severity"], finding["rule"]) == ("warning", "vague-wording")
    assert finding["why"].startswith("a reader cannot see or check it")
    assert main(["check", "--strict"]) == 1
    assert "listening.yml:8:16: error: " in capsys.readouterr().out
    (root / "framework.yml").write_text(textwrap.dedent(BASE["framework.yml"]) + "checks:\n  content: error\n")
    assert main(["check", "--format", "github"]) == 1
    assert capsys.readouterr().out.startswith("::error file=competencies/library/listening.yml,line=8,col=16")


def test_coverage_lists_each_role_competency_and_module(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_data(tmp_path, {**CLEAN, **CHANGES["coverage"]})
    assert main(["check", "--coverage", "--data-dir", str(root)]) == 0
    out = capsys.readouterr().out
    assert out.endswith(
        "\nFrontline staff (frontline) — path: foundations\n"
        "  Listening (listening) at 2 · Practitioner: foundations\n"
        "\n"
        "Team leader (leader) — path: no training path\n"
        "  Listening (listening) at 2 · Practitioner: NOT COVERED (developed by foundations, which the role does "
        "not take)\n"
        "\n"
        "1 of 2 required competencies are developed on the role's path; 1 is not.\n")


def test_a_build_shows_content_findings_as_information_and_publishes(tmp_path: Path) -> None:
    project = copy_example(tmp_path)
    value = project / "competencies" / "values" / "one-team.yml"
    value.write_text(value.read_text().replace("we_avoid:", "we_avoid_not:").split("we_avoid_not:")[0])
    build = mkdocs_build(project)
    assert build.returncode == 0, build.output
    assert "INFO    -  servicebook: 1 content finding to look at (the site still builds" in build.output
    assert "competencies/values/one-team.yml:" in build.output and "WARNING" not in build.output
    framework = project / "competencies" / "framework.yml"
    framework.write_text(framework.read_text() + "checks:\n  content: error\n")
    build = mkdocs_build(project)
    assert build.returncode != 0
    assert "the value has no 'we_avoid' list" in build.output and "nothing was published" in build.output


@pytest.mark.parametrize(("setting", "expected"), [
    ("min_behaviours: 0", "framework.yml:14:19: checks › min_behaviours: is 0, but it must be at least 1 — write a "
     "whole number of at least 1"),
    ("min_behaviours: two", "framework.yml:14:19: checks › min_behaviours: 'two' is not a whole number — write the "
     "number in digits, such as 2"),
    ("content: errors", "framework.yml:14:12: checks › content: 'errors' is not one of the allowed words (warning, "
     "error) — did you mean 'error'?"),
])
def test_the_checks_settings_are_checked(tmp_path: Path, setting: str, expected: str) -> None:
    from conftest import problems_of

    framework = textwrap.dedent(BASE["framework.yml"]) + f"checks:\n  {setting}\n"
    assert problems_of(write_data(tmp_path, {"framework.yml": framework})) == [expected]
