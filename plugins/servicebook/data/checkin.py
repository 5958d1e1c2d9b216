"""Check-in files: the format people send each other, and how old answers find today's behaviours.

A check-in is one person's answers against one role's behaviours, by themselves, their
supervisor and both together. It travels as a JSON file (or CSV for spreadsheets) between
devices, so it is untrusted input wherever it is read. Answers are keyed by stable
identities (role and competency ids with their aliases, level numbers and the behaviour's
words), so that a rename or a reworded behaviour never loses them: the browser
(`checkins.js`) and `servicebook checkins summarise` follow the same rules, from the same
published framework document.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .link import Handbook
from .translation import source_of

FORMAT = "servicebook-checkin"
MAX_BYTES = 5 * 1024 * 1024  # a check-in of 200 competencies with long notes is well under 1 MB
Answer = Literal["not-yet", "sometimes", "consistently"]
ANSWERS: tuple[Answer, ...] = ("not-yet", "sometimes", "consistently")
Note = Annotated[str, Field(max_length=5000)]
Words = Annotated[str, Field(min_length=1, max_length=1000)]
IdText = Annotated[str, Field(min_length=1, max_length=100)]
VIEWS = ("self", "supervisor", "agreed")
CSV_COLUMNS = ("checkin", "name", "date", "role", "role_name", "competency", "competency_name", "level", "index",
               "behaviour", "self", "self_note", "supervisor", "supervisor_note", "agreed", "agreed_note",
               "outcome", "framework", "framework_version")


class _Closed(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, populate_by_name=True,
                              use_attribute_docstrings=True)


class FrameworkRef(_Closed):
    """The framework the check-in was made against."""

    title: Annotated[str, Field(max_length=200)] = ""
    """The handbook's title."""
    organisation: Annotated[str, Field(max_length=200)] = ""
    """The organisation it belongs to."""
    version: Annotated[str, Field(max_length=100)] = ""
    """A fingerprint of the framework's content: it changes whenever a role, competency or behaviour does."""


class RoleRef(_Closed):
    """The role the person is checked against."""

    id: IdText
    """The role's id when the check-in was made; an older id is followed through the role's aliases."""
    name: Annotated[str, Field(max_length=200)] = ""
    """The role's name then, for people reading the file."""


class Entry(_Closed):
    """The answers to one behaviour."""

    competency: IdText
    """The competency's id when answered; an older id is followed through the competency's aliases."""
    level: Annotated[int, Field(ge=1, le=7)]
    """The level number the behaviour belongs to."""
    index: Annotated[int, Field(ge=0, le=100)] = 0
    """The behaviour's position in its level's list (from 0), used only when its words have changed."""
    behaviour: Words
    """The behaviour's words when answered: the key that says whether it has changed since."""
    own: Answer | None = Field(default=None, alias="self")
    """The person's own answer: not-yet, sometimes or consistently."""
    self_note: Note = ""
    """The person's example or evidence."""
    supervisor: Answer | None = None
    """The supervisor's answer."""
    supervisor_note: Note = ""
    """The supervisor's example or evidence."""
    agreed: Answer | None = None
    """The answer both agreed in the check-in conversation."""
    agreed_note: Note = ""
    """What was agreed, such as the next step."""

    def result(self) -> Answer | None:
        """The answer that counts: agreed where given, else the supervisor's, else the person's own."""
        return self.agreed or self.supervisor or self.own


class Checkin(_Closed):
    """A check-in file (`*.checkin.json`): one person against one role, on one date."""

    format: Literal["servicebook-checkin"]
    """Always servicebook-checkin: what the file is."""
    version: Literal[1]
    """The version of this file format."""
    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9-]{1,64}$")]
    """The check-in's own id, the same on every device it travels to."""
    framework: FrameworkRef = Field(default=FrameworkRef(), title="Framework")
    """The framework it was made against."""
    role: RoleRef = Field(title="Role")
    """The role it checks against."""
    person: Annotated[str, Field(max_length=200)] = ""
    """The person's name (optional)."""
    date: Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}$")]
    """The date of the check-in, YYYY-MM-DD."""
    outcome: Note = ""
    """The outcome both agreed: strengths, what to develop next, and how."""
    entries: Annotated[list[Entry], Field(max_length=5000)] = []
    """The answers, one per behaviour answered or noted."""


class CheckinError(Exception):
    """A file that is not a check-in, in words for the person who chose it."""


# -- the published framework document ---------------------------------------------------------


def framework_document(handbook: Handbook) -> dict[str, Any]:
    """What a browser needs to place answers: roles, competencies, levels, behaviours, aliases.

    Deterministic: the version is a fingerprint of this content, never a clock. Answers are keyed on
    the framework's own words (`source_of`), so a check-in made on the page in one language opens
    on the page in another with every answer kept, and the version is the same in every language.
    A translated handbook adds the words it shows: `shown` beside a competency's `levels`, and the
    names of roles, competencies and levels in its language.
    """
    fw = handbook.framework
    body: dict[str, Any] = {
        "levels": [source_of(level.name) for level in fw.levels],
        "roles": {rid: {"name": source_of(role.name), "aliases": list(role.aliases), "reports_to": role.reports_to,
                        "needs": [{"competency": need.competency, "level": need.level} for need in handbook.needs[rid]]}
                  for rid, role in handbook.roles.items()},
        "competencies": {cid: {"name": source_of(comp.name), "aliases": list(comp.aliases),
                               "levels": {str(n): [source_of(words) for words in behaviours]
                                          for n, behaviours in sorted(handbook.behaviours[cid].items())}}
                         for cid, comp in handbook.competencies.items()},
    }
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    version = hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]
    _add_shown(handbook, body)
    return {"format": "servicebook-checkin-framework", "version": 1,
            "framework": {"title": str(fw.title), "organisation": str(fw.organisation), "version": version}, **body}


def _add_shown(handbook: Handbook, body: dict[str, Any]) -> None:
    """The words a translated handbook shows, where they differ from the framework's own.

    Names are always the shown ones (a source handbook's are its own); behaviours only when translated.
    """
    body["levels"] = [str(level.name) for level in handbook.framework.levels]
    for rid, role in handbook.roles.items():
        body["roles"][rid]["name"] = str(role.name)
    for cid, comp in handbook.competencies.items():
        entry = body["competencies"][cid]
        entry["name"] = str(comp.name)
        shown = {str(n): [str(words) for words in behaviours]
                 for n, behaviours in sorted(handbook.behaviours[cid].items())}
        if shown != entry["levels"]:
            entry["shown"] = shown


def _current(document: dict[str, Any], section: str, id_: str) -> str | None:
    items: dict[str, Any] = document[section]
    if id_ in items:
        return id_
    return next((cid for cid, item in items.items() if id_ in item["aliases"]), None)


def current_role(document: dict[str, Any], role_id: str) -> str | None:
    """The role's id today, following its aliases; None when no role has it."""
    return _current(document, "roles", role_id)


# -- re-basing answers onto today's behaviours ----------------------------------------------------


@dataclass(frozen=True)
class Behaviour:
    """One behaviour the role asks for today."""

    competency: str
    level: int
    index: int
    words: str


@dataclass(frozen=True)
class Placed:
    """An answer and where it lands today: kept, changed (words reworded since) or gone."""

    entry: Entry
    status: Literal["kept", "changed", "gone"]
    at: Behaviour | None


def _plain(words: str) -> str:
    return re.sub(r"\s+", " ", words).strip()


def role_behaviours(document: dict[str, Any], role_id: str) -> list[Behaviour]:
    """The behaviours a role asks for, in page order."""
    found = []
    for need in document["roles"][role_id]["needs"]:
        words = document["competencies"][need["competency"]]["levels"].get(str(need["level"]), [])
        found += [Behaviour(need["competency"], need["level"], index, _plain(text)) for index, text in enumerate(words)]
    return found


def rebase(document: dict[str, Any], role_id: str, entries: list[Entry]) -> list[Placed]:
    """Each entry on today's behaviours of the role, by the same rules as the browser.

    Same competency (through aliases) and same words: kept, preferring the same level. Otherwise
    the behaviour at the same competency, level and position, if nothing else claimed it:
    changed. Otherwise gone.
    """
    behaviours = role_behaviours(document, role_id)
    claimed: set[Behaviour] = set()
    placed: dict[int, Placed] = {}
    resolved = [_current(document, "competencies", entry.competency) for entry in entries]
    for number, (entry, cid) in enumerate(zip(entries, resolved, strict=True)):
        words = _plain(entry.behaviour)
        same = [b for b in behaviours if b.competency == cid and b.words == words and b not in claimed]
        same.sort(key=lambda b: b.level != entry.level)
        if same:
            claimed.add(same[0])
            placed[number] = Placed(entry, "kept", same[0])
    for number, (entry, cid) in enumerate(zip(entries, resolved, strict=True)):
        if number in placed:
            continue
        spot = next((b for b in behaviours if b.competency == cid and b.level == entry.level
                     and b.index == entry.index and b not in claimed), None)
        if spot is not None:
            claimed.add(spot)
            placed[number] = Placed(entry, "changed", spot)
        else:
            placed[number] = Placed(entry, "gone", None)
    return [placed[number] for number in range(len(entries))]


# -- reading files ----------------------------------------------------------------------------


def read_checkin(data: bytes, name: str) -> Checkin:
    """A check-in from a JSON or CSV file's bytes, or a CheckinError saying what is wrong with it."""
    if len(data) > MAX_BYTES:
        raise CheckinError(f"is {len(data):,} bytes; a check-in file is at most {MAX_BYTES:,} bytes")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CheckinError("is not UTF-8 text; export the check-in again from the handbook") from None
    if name.lower().endswith(".csv"):
        return _from_csv(text)
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        raise CheckinError(f"is not JSON (line {error.lineno}, column {error.colno}: {error.msg})") from None
    return _validated(raw)


def _validated(raw: Any) -> Checkin:
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise CheckinError(f"is not a check-in: its \"format\" is not \"{FORMAT}\"")
    try:
        return Checkin.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise CheckinError(f"has a wrong field {where}: {first['msg']} ({len(error.errors())} problem(s) in all)"
                           ) from None


def _unguard(cell: str) -> str:
    """Undo the quote put before a cell that a spreadsheet would take for a formula."""
    return cell[1:] if len(cell) > 1 and cell[0] == "'" and cell[1] in "=+-@\t\r" else cell


def _from_csv(text: str) -> Checkin:
    rows = list(csv.DictReader(io.StringIO(text)))
    if not rows or any(column not in rows[0] for column in ("checkin", "role", "competency", "level", "behaviour")):
        raise CheckinError("is not a check-in CSV: it needs the columns " + ", ".join(CSV_COLUMNS))
    rows = [{key: _unguard(value or "") for key, value in row.items() if key is not None} for row in rows]
    first = rows[0]
    entries = [{"competency": row["competency"], "level": _number(row["level"]),
                "index": _number(row.get("index") or "0"),
                "behaviour": row["behaviour"], **{view: row.get(view) or None for view in VIEWS},
                **{f"{view}_note": row.get(f"{view}_note", "") for view in VIEWS}} for row in rows]
    return _validated({"format": FORMAT, "version": 1, "id": first["checkin"], "person": first.get("name", ""),
                       "date": first.get("date", ""), "outcome": first.get("outcome", ""),
                       "role": {"id": first["role"], "name": first.get("role_name", "")},
                       "framework": {"title": first.get("framework", ""),
                                     "version": first.get("framework_version", "")},
                       "entries": entries})


def _number(text: str) -> int | str:
    return int(text) if text.strip().isdigit() else text
