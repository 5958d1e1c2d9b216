"""Spreadsheets in and out: export, edit with openpyxl, import, and the YAML compared byte for byte."""

from __future__ import annotations

import datetime
import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from openpyxl import load_workbook

from conftest import ROOT, problems_of
from servicebook.tools.cli import main
from sitebuild import copy_example, mkdocs_build


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(ROOT / "competencies", tmp_path / "competencies")
    return tmp_path / "competencies"


@pytest.fixture
def workbook(data: Path) -> Path:
    assert main(["export", "--out", "framework.xlsx"]) == 0
    return data.parent / "framework.xlsx"


def test_export_then_import_changes_no_byte(data: Path, workbook: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _tree(data)
    assert main(["import", str(workbook)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "framework.xlsx: nothing changed"
    assert main(["export", "--format", "csv", "--out", "csv"]) == 0
    assert main(["import", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "csv: nothing changed"
    assert _tree(data) == before


def test_the_workbook_is_the_same_bytes_every_time(data: Path, workbook: Path) -> None:
    first = workbook.read_bytes()
    assert main(["export", "--out", "again.xlsx"]) == 0
    assert (data.parent / "again.xlsx").read_bytes() == first
    book = load_workbook(workbook)
    assert book.sheetnames == ["Framework", "Levels", "Clusters", "Groups", "Values", "Competencies", "Roles",
                               "Training", "Pledges", "We do", "We avoid", "Behaviours", "Watch for",
                               "Responsibilities", "Requirements", "Measures"]
    assert [cell.value for cell in book["Measures"][1]] == ["pledge", "measure", "target"]
    assert [cell.value for cell in book["Requirements"][1]] == ["role", "competency", "level", "note"]
    assert [cell.value for cell in book["Behaviours"][1]] == ["competency", "level", "behaviour"]


def test_a_pledge_target_edited_in_the_workbook(data: Path, workbook: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Entries with fields of their own (a pledge's measures) travel on a sheet of their own, both ways."""
    book = load_workbook(workbook)
    sheet = book["Measures"]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "answering-letters")
    old = row[2].value
    row[2].value = "97%"
    book.save(workbook)
    assert main(["import", str(workbook)]) == 0
    text = (data / "pledges" / "answering-letters.yml").read_text()
    assert "    target: 97%\n" in text and f"target: {old}\n" not in text.split("measures:")[1].split("\n  - ")[1]
    assert text.count("  - measure: ") == 2


def test_an_edit_in_the_workbook_changes_only_its_lines(data: Path, workbook: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    before = _tree(data)
    book = load_workbook(workbook)
    roles = book["Roles"]
    heading = [cell.value for cell in roles[1]]
    for row in roles.iter_rows(min_row=2):
        if row[0].value == "trainer":
            row[heading.index("summary")].value = "Designs and runs the service programmes: and coaches the coaches."
    roles.append([{"id": "estate-officer", "name": "Estate officer", "summary": "Looks after an estate.",
                   "training": "service-foundations"}.get(str(h)) for h in heading])
    for row in book["Requirements"].iter_rows(min_row=2):
        if (row[0].value, row[1].value) == ("frontline-officer", "listening-and-empathy"):
            row[2].value = "Advanced"
    book["Requirements"].append(["estate-officer", "listening-and-empathy", 2, "Meets tenants at home."])
    book["Behaviours"].append(["listening-and-empathy", "Foundation", "Uses the customer's name."])
    book.save(workbook)
    assert main(["import", str(workbook)]) == 0
    after = _tree(data)
    changed = {name for name in after if before.get(name) != after[name]}
    assert changed == {"roles/trainer.yml", "roles/frontline-officer.yml", "library/listening-and-empathy.yml",
                       "roles/estate-officer.yml"}
    assert after["roles/trainer.yml"] == before["roles/trainer.yml"].replace(
        b"summary: Designs and runs customer service training and supports teams during improvement projects.",
        b'summary: "Designs and runs the service programmes: and coaches the coaches."')
    assert after["roles/frontline-officer.yml"] == before["roles/frontline-officer.yml"].replace(
        b"  listening-and-empathy: Practitioner\n", b"  listening-and-empathy: Advanced\n")
    assert after["library/listening-and-empathy.yml"] == before["library/listening-and-empathy.yml"].replace(
        b"    - Shows with words and body language that they are paying attention.\n",
        b"    - Shows with words and body language that they are paying attention.\n"
        b"    - Uses the customer's name.\n")
    new = after["roles/estate-officer.yml"].decode()
    assert new.startswith("# A role. Fields left empty are optional; lines starting with # are comments.\n")
    assert "competencies:\n  listening-and-empathy:\n    level: 2\n    note: Meets tenants at home.\n" in new
    assert problems_of(data) == []


def _broken(workbook: Path, change: str) -> None:
    book = load_workbook(workbook)
    roles = book["Roles"]
    if change == "missing sheet":
        book.remove(book["Behaviours"])
    elif change == "renamed sheet":
        roles.title = "Role"
    elif change == "renamed column":
        roles["C1"].value = "Summary text"
    elif change == "missing column":
        roles.delete_cols(3)
    elif change == "merged cells":
        roles.merge_cells("G2:G4")
    elif change == "formula":
        roles["C3"].value = '=B3&" role"'
    elif change == "date typed as a date":
        roles["H2"].value = datetime.datetime(2026, 10, 1)
    elif change == "clashing ids":
        roles["A4"].value = roles["A2"].value
    elif change == "over 10,000 rows":
        for index in range(10_001):
            book["Behaviours"].append(["listening-and-empathy", "1", f"Line {index}."])
    elif change == "unknown competency":
        book["Requirements"]["B2"].value = "listenning"
    elif change == "empty summary":
        roles["C2"].value = None
    elif change == "row for no item":
        book["We do"].append(["no-such-value", "Smile."])
    elif change == "yes/no cell":
        roles["G2"].value = True
    book.save(workbook)


BAD: list[tuple[str, str]] = [
    ("missing sheet", "framework.xlsx: the sheet 'Behaviours' is missing — export the framework again "
     "(servicebook export) and copy your changes into it; the sheets are: Framework, Levels, Clusters, Groups, "
     "Values, Competencies, Roles, Training, Pledges, We do, We avoid, Behaviours, Watch for, Responsibilities, "
     "Requirements, Measures"),
    ("renamed sheet", "framework.xlsx: the sheet 'Roles' is missing — rename the sheet 'Role' back to 'Roles'"),
    ("renamed column", "framework.xlsx: Roles!C1: the column 'Summary text' is not one servicebook knows — rename it "
     "back to 'summary'"),
    ("missing column", "framework.xlsx: Roles!1:1: the column 'summary' is missing — add a column headed 'summary'; "
     "the columns are: id, name, summary, description, training, reports_to, group, owner, reviewed, aliases"),
    ("merged cells", "framework.xlsx: Roles!G2:G4: these cells are merged — unmerge them: every row needs its own "
     "value in each column"),
    ("formula", "framework.xlsx: Roles!C3: the cell holds a formula (=B3&\" role\") — type the text itself in place "
     "of the formula"),
    ("date typed as a date", "framework.xlsx: Roles!H2: the cell holds a date, which spreadsheets store as a number — "
     "format the cell as Text and type the date as YYYY-MM-DD, such as 2026-10-01"),
    ("clashing ids", "framework.xlsx: Roles!A4: the id 'back-office-specialist' is also used at Roles!A2 — give each "
     "role its own id, or delete one of the rows"),
    ("over 10,000 rows", "framework.xlsx: Behaviours: the sheet has 10,107 rows; the limit is 10,000 — remove the "
     "empty or extra rows below the data"),
    ("unknown competency", "framework.xlsx: Requirements!B2: competencies › listenning: there is no competency "
     "'listenning' — the competency ids are: clear-communication, coaching-and-feedback, improvement-projects, "
     "improving-processes, keeping-service-promises, knowing-our-customers, leading-for-service, "
     "listening-and-empathy, service-recovery, serving-internal-customers, setting-service-standards, "
     "using-customer-feedback and 1 more"),
    ("empty summary", "framework.xlsx: Roles!C2: summary: is empty — write the text, or remove the line if the field "
     "is optional"),
    ("row for no item", "framework.xlsx: We do!A18: there is no value 'no-such-value' on the sheet Values — add a row "
     "for it to Values, or correct the id"),
    ("yes/no cell", "framework.xlsx: Roles!G2: the cell holds TRUE, a yes/no value — format the cell as Text and "
     "type the words"),
]


@pytest.mark.parametrize(("change", "message"), BAD, ids=[case[0] for case in BAD])
def test_a_broken_workbook_is_refused_with_the_cell_named(data: Path, workbook: Path, change: str, message: str,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    before = _tree(data)
    _broken(workbook, change)
    capsys.readouterr()
    assert main(["import", str(workbook)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == message
    assert err[-1].endswith("found; nothing was written.")
    assert _tree(data) == before


def test_a_file_that_is_not_a_workbook(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (data.parent / "notes.xlsx").write_text("name,summary\n")
    assert main(["import", "notes.xlsx"]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "notes.xlsx: this file is not an Excel workbook (.xlsx) — save it from your spreadsheet program as "
        "'Excel Workbook (.xlsx)', or give the folder of CSV files")


def test_a_folder_without_csv_files(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (data.parent / "notes").mkdir()
    assert main(["import", "notes"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "notes: the folder holds none of the CSV files of an export — give the folder that 'servicebook export "
        "--format csv' wrote, or the .xlsx workbook", "1 problem found; nothing was written."]


def test_a_csv_edit_is_told_at_its_cell(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "csv", "--out", "csv"]) == 0
    roles = data.parent / "csv" / "roles.csv"
    roles.write_text(roles.read_text().replace(",2026-10-01,", ",1 Oct 2026,", 1))
    assert main(["import", "csv"]) == 1
    assert capsys.readouterr().err.splitlines()[0].startswith(
        "csv: Roles!I3: reviewed: '1 Oct 2026' is not a date written as YYYY-MM-DD")


def test_json_export_follows_its_published_schema(data: Path) -> None:
    assert main(["export", "--format", "json", "--out", "out/framework.json"]) == 0
    document = json.loads((data.parent / "out" / "framework.json").read_text())
    schema = json.loads((data.parent / "out" / "handbook.schema.json").read_text())
    jsonschema.validate(document, schema)
    assert document["roles"]["trainer"]["competencies"]["clear-communication"] == {"level": "Leading"}
    assert sorted(document) == ["$schema", "format", "framework", "library", "pledges", "roles", "training", "values",
                                "version"]


def test_the_site_offers_the_workbook_and_json_on_a_data_page(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "handbook")
    first = mkdocs_build(project)
    assert first.returncode == 0, first.output
    page = first.page("data")
    for name in ("handbook.xlsx", "handbook.json", "handbook.schema.json"):
        assert f'href="{name}"' in page
    downloads = {name: (first.site / "data" / name).read_bytes()
                 for name in ("handbook.xlsx", "handbook.json", "handbook.schema.json")}
    jsonschema.validate(json.loads(downloads["handbook.json"]), json.loads(downloads["handbook.schema.json"]))
    assert load_workbook(first.site / "data" / "handbook.xlsx")["Roles"]["A2"].value == "back-office-specialist"
    second = mkdocs_build(project, "--site-dir", str(tmp_path / "again"))
    assert second.returncode == 0, second.output
    assert {name: (tmp_path / "again" / "data" / name).read_bytes() for name in downloads} == downloads


def test_a_changed_list_keeps_its_style_and_comments(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from conftest import write_data

    data = write_data(tmp_path / "data", {"roles/frontline.yml": (
        "name: Frontline staff\nsummary: Serve customers.   # who\ncompetencies:\n  listening: 2\n"
        "training:\n  - foundations\naliases: [front-line]   # old address\n")})
    assert main(["export", "--data-dir", str(data), "--out", str(tmp_path / "e.xlsx")]) == 0
    book = load_workbook(tmp_path / "e.xlsx")
    heading = [cell.value for cell in book["Roles"][1]]
    row = next(row for row in book["Roles"].iter_rows(min_row=2) if row[0].value == "frontline")
    row[heading.index("training")].value = "foundations, foundations-two"
    row[heading.index("aliases")].value = "front-line, counter"
    row[heading.index("summary")].value = "Serves customers: at the counter."
    book["Training"].append(["foundations-two", "Foundations two", "More basics.", None, "workshop", None,
                             "listening", None])
    book.save(tmp_path / "e.xlsx")
    assert main(["import", "--data-dir", str(data), str(tmp_path / "e.xlsx")]) == 0
    assert (data / "roles/frontline.yml").read_text() == (
        "name: Frontline staff\nsummary: \"Serves customers: at the counter.\"   # who\ncompetencies:\n"
        "  listening: 2\ntraining:\n  - foundations\n  - foundations-two\n"
        "aliases: [front-line, counter]   # old address\n")
    assert "develops: [listening]" in (data / "training/foundations-two.yml").read_text()


def test_a_deleted_row_removes_its_file_and_dry_run_writes_nothing(data: Path, workbook: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    book = load_workbook(workbook)
    heading = [cell.value for cell in book["Roles"][1]]
    book["Roles"].append([{"id": "estate-officer", "name": "Estate officer", "summary": "Looks after an estate."}
                          .get(str(h)) for h in heading])
    book["Requirements"].append(["estate-officer", "listening-and-empathy", "1", None])
    book.save(workbook)
    assert main(["import", "--dry-run", str(workbook)]) == 0
    assert "framework.xlsx: would change 1 file" in capsys.readouterr().out
    assert not (data / "roles" / "estate-officer.yml").exists()
    assert main(["import", str(workbook)]) == 0
    assert (data / "roles" / "estate-officer.yml").is_file()
    book = load_workbook(workbook)
    row = next(row for row in book["Roles"].iter_rows(min_row=2) if row[0].value == "estate-officer")
    book["Roles"].delete_rows(row[0].row)
    book["Requirements"].delete_rows(book["Requirements"].max_row)
    book.save(workbook)
    capsys.readouterr()
    assert main(["import", str(workbook)]) == 0
    assert capsys.readouterr().out.startswith("removed roles/estate-officer.yml\n")
    assert not (data / "roles" / "estate-officer.yml").exists()
