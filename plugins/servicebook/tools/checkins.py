"""`servicebook checkins summarise`: many people's check-in files → HR's picture of training needs.

Reads files that staff and supervisors exported (JSON or CSV), re-bases them onto today's
framework through aliases and behaviour words, and counts per role and competency how many
people are at not yet, sometimes or consistently. It names nobody unless asked, and lists every
answer it could not place and every file it could not read, never dropping one silently.
"""

from __future__ import annotations

import csv
import io
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..data.checkin import (
    ANSWERS,
    Answer,
    Checkin,
    CheckinError,
    Entry,
    FrameworkRef,
    Placed,
    RoleRef,
    current_role,
    framework_document,
    read_checkin,
    rebase,
    role_behaviours,
)
from ..data.link import Handbook, load_handbook
from .reference import field_table

WEAKEST = 5  # competencies named in the training-needs section
LABELS = {"not-yet": "not yet", "sometimes": "sometimes", "consistently": "consistently"}


@dataclass
class Person:
    """One person's latest check-in against one role, re-based."""

    file: str
    checkin: Checkin
    role: str
    placed: list[Placed]


@dataclass
class Tally:
    """People at each answer in one competency of one role, and where self and supervisor differ."""

    people: Counter[str] = field(default_factory=Counter)
    answers: Counter[str] = field(default_factory=Counter)  # behaviours, across people
    both: int = 0
    differ: int = 0
    reworded: int = 0


@dataclass
class Summary:
    files: int
    people: list[Person]
    bad: list[tuple[str, str]]
    superseded: int
    unplaced: list[tuple[Person, Placed]]
    tallies: dict[tuple[str, str], Tally]


def read_files(paths: list[Path]) -> tuple[list[tuple[str, Checkin]], list[tuple[str, str]]]:
    """Every readable check-in, and (file, reason) for each file that is not one."""
    good, bad = [], []
    for path in paths:
        try:
            size = path.stat().st_size
            if size > 5 * 1024 * 1024:
                raise CheckinError(f"is {size:,} bytes; a check-in file is at most {5 * 1024 * 1024:,} bytes")
            good.append((path.as_posix(), read_checkin(path.read_bytes(), path.name)))
        except CheckinError as error:
            bad.append((path.as_posix(), str(error)))
        except OSError as error:
            bad.append((path.as_posix(), f"could not be read ({error.strerror or error})"))
    return good, bad


def person_rating(answers: list[Answer]) -> Answer:
    """A person's place in a competency: the weakest answer among its behaviours, as training needs go."""
    return min(answers, key=ANSWERS.index)


def summarise(handbook: Handbook, paths: list[Path]) -> Summary:
    document = framework_document(handbook)
    read, bad = read_files(paths)
    latest: dict[tuple[str, str], Person] = {}
    superseded = 0
    people: list[Person] = []
    for name, checkin in read:
        role = current_role(document, checkin.role.id)
        if role is None:
            bad.append((name, f"is a check-in against '{checkin.role.id}', a role the framework does not have "
                              "(not even as an alias)"))
            continue
        person = Person(name, checkin, role, rebase(document, role, list(checkin.entries)))
        if not checkin.person.strip():
            people.append(person)  # nobody to match it with: it counts on its own
            continue
        who = (checkin.person.strip().casefold(), role)
        if who in latest:
            superseded += 1
            if (latest[who].checkin.date, latest[who].file) > (checkin.date, name):
                continue
        latest[who] = person
    people += latest.values()
    people.sort(key=lambda p: (p.role, p.checkin.person.casefold(), p.checkin.date, p.file))
    tallies: dict[tuple[str, str], Tally] = defaultdict(Tally)
    unplaced: list[tuple[Person, Placed]] = []
    for person in people:
        answers: dict[str, list[Answer]] = defaultdict(list)
        for item in person.placed:
            if item.at is None:
                unplaced.append((person, item))
                continue
            tally = tallies[person.role, item.at.competency]
            if (value := item.entry.result()) is not None:
                answers[item.at.competency].append(value)
                tally.answers[value] += 1
            if item.entry.own and item.entry.supervisor:
                tally.both += 1
                tally.differ += item.entry.own != item.entry.supervisor
            tally.reworded += item.status == "changed"
        for cid in dict.fromkeys(b.competency for b in role_behaviours(document, person.role)):
            tally = tallies[person.role, cid]
            tally.people[person_rating(answers[cid]) if answers[cid] else "unanswered"] += 1
    return Summary(len(paths), people, bad, superseded, unplaced, dict(tallies))


# -- the file format's reference -------------------------------------------------------------------


def format_reference() -> str:
    """The check-in file's fields, from the model, for the staff guide."""
    parts = [(title, model) for title, model in (("The file", Checkin), ("framework", FrameworkRef),
                                                   ("role", RoleRef), ("entries: (each entry)", Entry))]
    return "\n".join(f"#### `{title}`\n\n{(model.__doc__ or '').strip()}\n\n{field_table(model)}\n"
                     for title, model in parts)


# -- the report -----------------------------------------------------------------------------------


def _weakest(summary: Summary) -> list[tuple[str, str, Tally]]:
    def need(item: tuple[tuple[str, str], Tally]) -> tuple[float, float]:
        people = item[1].people
        answered = sum(people[a] for a in ANSWERS) or 1
        return (-people["not-yet"] / answered, -people["sometimes"] / answered)
    ranked = sorted((item for item in summary.tallies.items() if sum(item[1].people[a] for a in ANSWERS)), key=need)
    return [(rid, cid, tally) for (rid, cid), tally in ranked if tally.people["not-yet"] or tally.people["sometimes"]
            ][:WEAKEST]


def _cell(text: str) -> str:
    text = text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def markdown(handbook: Handbook, summary: Summary, *, with_names: bool) -> str:
    roles, comps = handbook.roles, handbook.competencies
    lines = [f"# Check-in summary: {handbook.framework.title}", "",
             f"{summary.files} file(s) read; {len(summary.people)} check-in(s) counted"
             + (f"; {summary.superseded} earlier check-in(s) of the same person and role left out"
                if summary.superseded else "") + (f"; {len(summary.bad)} file(s) skipped" if summary.bad else "") + ".",
             "", "Each behaviour counts with the agreed answer where given, else the supervisor's, else the person's "
             "own. A person's place in a competency is the weakest answer among its behaviours; the behaviours "
             "column counts every answered behaviour of every person.", ""]
    for rid in sorted({p.role for p in summary.people}, key=lambda r: roles[r].name.casefold()):
        group = [p for p in summary.people if p.role == rid]
        lines += [f"## {_cell(roles[rid].name)} ({len(group)} {'person' if len(group) == 1 else 'people'})", ""]
        if with_names:
            lines += ["People: " + ", ".join(f"{_cell(p.checkin.person or '(no name)')} ({p.checkin.date})"
                                            for p in group), ""]
        lines += ["| Competency | Not yet | Sometimes | Consistently | Unanswered | Behaviours: not yet / sometimes / "
                  "consistently | Self and supervisor differ |", "| --- | --- | --- | --- | --- | --- | --- |"]
        for need in handbook.needs[rid]:
            tally = summary.tallies.get((rid, need.competency), Tally())
            people = tally.people
            differ = f"{tally.differ} of {tally.both}" if tally.both else "–"
            lines.append(f"| {_cell(comps[need.competency].name)} | {people['not-yet']} | {people['sometimes']} | "
                         f"{people['consistently']} | {people['unanswered']} | "
                         + " / ".join(str(tally.answers[a]) for a in ANSWERS) + f" | {differ} |")
        lines.append("")
    lines += _differ_section(handbook, summary) + _training_section(handbook, summary)
    lines += _unplaced_section(summary, with_names) + _bad_section(summary)
    return "\n".join(lines).rstrip("\n") + "\n"


def _differ_section(handbook: Handbook, summary: Summary) -> list[str]:
    ranked = sorted(((tally.differ / tally.both, rid, cid, tally) for (rid, cid), tally in summary.tallies.items()
                     if tally.differ), key=lambda item: (-item[0], item[1], item[2]))[:WEAKEST]
    lines = ["## Where self and supervisor differ most", ""]
    if not ranked:
        return lines + ["Self and supervisor do not differ on any behaviour both answered.", ""]
    return lines + [f"- {_cell(handbook.competencies[cid].name)} in {_cell(handbook.roles[rid].name)}: "
                    f"{tally.differ} of {tally.both} behaviours answered by both"
                    for _, rid, cid, tally in ranked] + [""]


def _training_section(handbook: Handbook, summary: Summary) -> list[str]:
    lines = ["## Training needs: the weakest competencies", ""]
    weakest = _weakest(summary)
    if not weakest:
        return lines + ["Everyone counted shows every competency consistently.", ""]
    for rid, cid, tally in weakest:
        modules = [handbook.modules[mid].name for mid in handbook.modules_developing.get(cid, [])]
        lines.append(f"- {_cell(handbook.competencies[cid].name)} in {_cell(handbook.roles[rid].name)}: "
                     f"{tally.people['not-yet']} not yet, {tally.people['sometimes']} sometimes. Developed by: "
                     + (", ".join(_cell(m) for m in modules) if modules else "no training module yet"))
    return lines + [""]


def _unplaced_section(summary: Summary, with_names: bool) -> list[str]:
    if not summary.unplaced:
        return []
    lines = ["## Answers that could not be placed", "",
             "These behaviours were answered but today's framework no longer asks them of the role.", ""]
    for person, item in summary.unplaced:
        who = f" ({_cell(person.checkin.person or '(no name)')}, {person.file})" if with_names else ""
        lines.append(f"- {_cell(item.entry.competency)}, level {item.entry.level}: “{_cell(item.entry.behaviour)}”: "
                     f"{LABELS.get(item.entry.result() or '', 'not answered')}{who}")
    return lines + [""]


def _bad_section(summary: Summary) -> list[str]:
    if not summary.bad:
        return []
    return ["## Files skipped", ""] + [f"- {_cell(name)}: {_cell(reason)}" for name, reason in summary.bad] + [""]


def _safe(value: Any) -> str:
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_report(handbook: Handbook, summary: Summary) -> str:
    """One row per role and competency, for a spreadsheet; never a formula."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["role", "role_name", "competency", "competency_name", "people", "not_yet", "sometimes",
                     "consistently", "unanswered", "behaviours_not_yet", "behaviours_sometimes",
                     "behaviours_consistently", "answered_by_both", "self_supervisor_differ", "training"])
    for rid in sorted({p.role for p in summary.people}, key=lambda r: handbook.roles[r].name.casefold()):
        count = sum(1 for p in summary.people if p.role == rid)
        for need in handbook.needs[rid]:
            tally = summary.tallies.get((rid, need.competency), Tally())
            modules = "; ".join(handbook.modules[m].name for m in handbook.modules_developing.get(need.competency, []))
            writer.writerow([_safe(v) for v in (
                rid, handbook.roles[rid].name, need.competency, handbook.competencies[need.competency].name, count,
                tally.people["not-yet"], tally.people["sometimes"], tally.people["consistently"],
                tally.people["unanswered"], *(tally.answers[a] for a in ANSWERS), tally.both, tally.differ, modules)])
    return out.getvalue()


# -- the command line -----------------------------------------------------------------------------


def register(commands: Any) -> None:
    """`servicebook checkins summarise FILE... [--with-names] [--out DIR]`."""
    group = commands.add_parser("checkins", help="work with check-in files that staff and supervisors exported",
                                description="Work with check-in files that staff and supervisors exported.")
    actions = group.add_subparsers(dest="action", required=True, metavar="ACTION")
    summary = actions.add_parser("summarise", help="count answers across many check-in files (JSON or CSV)",
                                 description="Count, per role and competency, how many people are at not yet, "
                                             "sometimes or consistently, from exported check-in files.")
    summary.add_argument("files", nargs="+", type=Path, metavar="FILE", help="check-in files (.json or .csv)")
    summary.add_argument("--data-dir", default="competencies", type=Path,
                         help="the data folder (default: competencies)")
    summary.add_argument("--with-names", action="store_true", help="name the people in the report (default: nobody)")
    summary.add_argument("--out", type=Path, help="write checkins-summary.md and checkins-summary.csv into this folder "
                                                  "(default: print the Markdown report)")


def run(args: Any) -> int:
    handbook = load_handbook(args.data_dir)
    summary = summarise(handbook, list(args.files))
    text = markdown(handbook, summary, with_names=args.with_names)
    if args.out is None:
        print(text, end="")
    else:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "checkins-summary.md").write_text(text, encoding="utf-8", newline="\n")
        (args.out / "checkins-summary.csv").write_text(csv_report(handbook, summary), encoding="utf-8", newline="")
        written = " and ".join((args.out / name).as_posix() for name in ("checkins-summary.md", "checkins-summary.csv"))
        print(f"wrote {written} from {len(summary.people)} check-in(s)")
    for name, reason in summary.bad:
        print(f"servicebook checkins summarise: skipped {name}: {reason}", file=sys.stderr)
    return 1 if summary.bad else 0
