"""Check-in files: their format, how old answers find today's behaviours, and HR's summary of many files."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import update_field_reference
from conftest import ROOT, write_data
from servicebook.data.checkin import CheckinError, framework_document, read_checkin, rebase
from servicebook.data.link import load_handbook
from servicebook.tools.checkins import csv_report, markdown, summarise
from servicebook.tools.cli import main

LISTENING = """\
    name: Listening
    summary: Hears the customer out.
    cluster: serving
    values: [customer-focused]
    levels:
      1:
        - Lets the customer finish.
      2:
        - Summarises the request.
        - Checks what matters most to the customer.
        - Notices feelings behind the words.
    """


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return write_data(tmp_path / "data", {"library/listening.yml": LISTENING})


def checkin(person: str = "Ann", role: str = "frontline", competency: str = "listening", date: str = "2026-01-10",
            answers: tuple[tuple[int, str, str | None, str | None, str | None], ...] = (), **extra: Any) -> dict[str, Any]:
    """A check-in file's content; each answer is (index, words, self, supervisor, agreed) at level 2."""
    entries = [{"competency": competency, "level": 2, "index": index, "behaviour": words, "self": own,
                "self_note": "", "supervisor": boss, "supervisor_note": "", "agreed": agreed, "agreed_note": ""}
               for index, words, own, boss, agreed in answers]
    return {"format": "servicebook-checkin", "version": 1, "id": f"id-{person.encode().hex()[:40]}-{date}",
            "framework": {"title": "Test Handbook", "organisation": "Test Council", "version": "old"},
            "role": {"id": role, "name": "Frontline staff"}, "person": person, "date": date, "outcome": "",
            "entries": entries, **extra}


ALL_THREE = ((0, "Summarises the request.", "consistently", "sometimes", None),
             (1, "Checks what matters most to the customer.", "sometimes", "sometimes", None),
             (2, "Notices feelings behind the words.", "sometimes", "not-yet", "sometimes"))


def write(folder: Path, name: str, content: dict[str, Any]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps(content), encoding="utf-8")
    return path


def statuses(data: Path, content: dict[str, Any]) -> list[tuple[str, int | None]]:
    document = framework_document(load_handbook(data))
    parsed = read_checkin(json.dumps(content).encode(), "a.json")
    return [(p.status, p.at.index if p.at else None) for p in rebase(document, "frontline", list(parsed.entries))]


# -- the framework document -------------------------------------------------------------------------


def test_the_framework_document_is_the_same_bytes_every_time_and_its_version_follows_the_words(data: Path) -> None:
    first = framework_document(load_handbook(data))
    assert first == framework_document(load_handbook(data))
    assert first["roles"]["frontline"]["needs"] == [{"competency": "listening", "level": 2}]
    assert first["competencies"]["listening"]["levels"]["2"][0] == "Summarises the request."
    path = data / "library" / "listening.yml"
    path.write_text(path.read_text().replace("Summarises the request.", "Sums up the request."))
    assert framework_document(load_handbook(data))["framework"]["version"] != first["framework"]["version"]


# -- re-basing ---------------------------------------------------------------------------------------


def test_answers_are_kept_by_their_words(data: Path) -> None:
    assert statuses(data, checkin(answers=ALL_THREE)) == [("kept", 0), ("kept", 1), ("kept", 2)]


def test_a_renamed_competency_keeps_its_answers(data: Path) -> None:
    assert main(["rename", "competency", "listening", "active-listening", "--data-dir", str(data), "--force"]) == 0
    document = framework_document(load_handbook(data))
    parsed = read_checkin(json.dumps(checkin(answers=ALL_THREE)).encode(), "a.json")
    placed = rebase(document, "frontline", list(parsed.entries))
    assert [(p.status, p.at.competency if p.at else None) for p in placed] == [("kept", "active-listening")] * 3


def test_a_reworded_behaviour_is_changed_and_keeps_the_old_words_and_a_removed_one_is_gone(data: Path) -> None:
    path = data / "library" / "listening.yml"
    path.write_text(path.read_text().replace("Summarises the request.", "Sums up the request in their words.")
                    .replace("    - Notices feelings behind the words.\n", ""))
    assert statuses(data, checkin(answers=ALL_THREE)) == [("changed", 0), ("kept", 1), ("gone", None)]


def test_a_behaviour_moved_to_another_level_keeps_its_answer(data: Path) -> None:
    path = data / "library" / "listening.yml"
    moved = path.read_text().replace("    - Notices feelings behind the words.\n", "")
    path.write_text(moved.replace("    - Lets the customer finish.\n", "    - Notices feelings behind the words.\n"))
    roles = data / "roles" / "frontline.yml"
    roles.write_text(roles.read_text().replace("listening: 2", "listening: 1"))
    assert statuses(data, checkin(answers=ALL_THREE[2:])) == [("kept", 0)]


# -- reading files -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("content", "says"), [
    (b"\x00" * (5 * 1024 * 1024 + 1), "at most 5,242,880 bytes"),
    (b"{not json", "is not JSON"),
    (b'{"format": "something-else"}', "is not a check-in"),
    (json.dumps(checkin(person="x" * 300)).encode(), "person"),
    (json.dumps(checkin(answers=((0, "Summarises the request.", "always", None, None),))).encode(), "entries.0.self"),
    (json.dumps(checkin(extra_field=1)).encode(), "extra_field"),
])
def test_a_file_that_is_not_a_check_in_is_refused_with_the_reason(content: bytes, says: str) -> None:
    with pytest.raises(CheckinError, match=says.replace(".", r"\.")):
        read_checkin(content, "a.json")


def test_a_check_in_file_matches_its_json_schema() -> None:
    schema = json.loads((ROOT / "schemas" / "checkin.schema.json").read_text())
    jsonschema.validate(checkin(answers=ALL_THREE), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(checkin(answers=((0, "x", "always", None, None),)), schema)


def test_the_staff_guide_describes_the_file_format_from_the_model() -> None:
    page = update_field_reference.CHECKIN_PAGE.read_text(encoding="utf-8")
    assert page == update_field_reference.updated_checkin(page), "run: .venv/bin/python scripts/update_field_reference.py"
    assert "| `self` | no | one of: not-yet, sometimes, consistently |" in page


def test_a_csv_export_reads_back_and_a_formula_stays_text() -> None:
    rows = [["checkin", "name", "date", "role", "role_name", "competency", "competency_name", "level", "index",
             "behaviour", "self", "self_note", "supervisor", "supervisor_note", "agreed", "agreed_note", "outcome",
             "framework", "framework_version"],
            ["abc", "Ann", "2026-01-10", "frontline", "Frontline", "listening", "Listening", "2", "0",
             "Summarises the request.", "sometimes", "'=HYPERLINK(\"x\")", "", "", "", "", "", "T", "v1"]]
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    parsed = read_checkin(out.getvalue().encode(), "ann.csv")
    assert parsed.person == "Ann" and parsed.entries[0].own == "sometimes"
    assert parsed.entries[0].self_note == '=HYPERLINK("x")'


# -- the summary -------------------------------------------------------------------------------------


def test_the_summary_counts_people_by_their_weakest_answer_and_names_nobody(data: Path, tmp_path: Path) -> None:
    files = [write(tmp_path / "in", "ann.json", checkin("Ann", answers=ALL_THREE)),
             write(tmp_path / "in", "bo.json", checkin("Bo", answers=tuple((i, w, "consistently", None, None)
                                                                          for i, w, *_ in ALL_THREE))),
             write(tmp_path / "in", "cy.json", checkin("Cy", answers=ALL_THREE[:1]))]
    handbook = load_handbook(data)
    summary = summarise(handbook, files)
    text = markdown(handbook, summary, with_names=False)
    # Ann: sometimes, sometimes (supervisor), sometimes (agreed) → sometimes; Bo: consistently; Cy: sometimes.
    assert "| Listening | 0 | 2 | 1 | 0 | 0 / 4 / 3 | 3 of 4 |" in text
    assert "Ann" not in text and "Bo" not in text
    assert "Listening in Frontline staff: 0 not yet, 2 sometimes. Developed by: Service foundations" in text
    report = list(csv.DictReader(io.StringIO(csv_report(handbook, summary))))
    assert report[0]["competency"] == "listening" and report[0]["sometimes"] == "2" and report[0]["people"] == "3"
    assert (report[0]["behaviours_sometimes"], report[0]["behaviours_consistently"]) == ("4", "3")
    assert "Ann (2026-01-10)" in markdown(handbook, summary, with_names=True)


def test_the_summary_rebases_files_from_an_older_framework_and_lists_what_it_cannot_place(data: Path,
                                                                                     tmp_path: Path) -> None:
    old = write(tmp_path / "in", "ann.json", checkin("Ann", answers=ALL_THREE))
    assert main(["rename", "competency", "listening", "active-listening", "--data-dir", str(data), "--force"]) == 0
    assert main(["rename", "role", "frontline", "counter-staff", "--data-dir", str(data), "--force"]) == 0
    path = data / "library" / "active-listening.yml"
    path.write_text(path.read_text().replace("    - Notices feelings behind the words.\n", ""))
    handbook = load_handbook(data)
    text = markdown(handbook, summarise(handbook, [old]), with_names=False)
    assert "## Frontline staff (1 person)" in text
    assert "| Listening | 0 | 1 | 0 | 0 | 0 / 2 / 0 | 1 of 2 |" in text  # the two behaviours still asked
    assert "- listening, level 2: “Notices feelings behind the words.”: sometimes" in text


def test_the_latest_check_in_of_a_person_counts_once(data: Path, tmp_path: Path) -> None:
    early = write(tmp_path / "in", "a1.json", checkin("Ann", date="2026-01-01", answers=((0, "Summarises the request.", "not-yet", None, None),)))
    late = write(tmp_path / "in", "a2.json", checkin("ANN", date="2026-06-01", answers=ALL_THREE))
    handbook = load_handbook(data)
    summary = summarise(handbook, [late, early])
    assert len(summary.people) == 1 and summary.people[0].checkin.date == "2026-06-01" and summary.superseded == 1


def test_the_command_skips_bad_files_by_name_and_writes_both_reports(data: Path, tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    good = write(tmp_path / "in", "ann.json", checkin("Ann", answers=ALL_THREE))
    broken = tmp_path / "in" / "broken.json"
    broken.write_text("{")
    stranger = write(tmp_path / "in", "other.json", checkin("Di", role="astronaut"))
    code = main(["checkins", "summarise", str(good), str(broken), str(stranger), "--data-dir", str(data),
                 "--out", str(tmp_path / "out")])
    assert code == 1
    err = capsys.readouterr().err
    assert f"skipped {broken.as_posix()}: is not JSON" in err
    assert f"skipped {stranger.as_posix()}: is a check-in against 'astronaut'" in err
    text = (tmp_path / "out" / "checkins-summary.md").read_text()
    assert "1 check-in(s) counted" in text and "## Files skipped" in text
    assert (tmp_path / "out" / "checkins-summary.csv").read_text().startswith("role,role_name,competency")
    assert main(["checkins", "summarise", str(good), "--data-dir", str(data)]) == 0
    assert "# Check-in summary: Test Handbook" in capsys.readouterr().out
