"""What role pages need for check-ins: the box's place and words, the script, and the framework document.

The words live here, in one table, and reach the browser as a data attribute so that a translated
site changes them without touching the script. The framework document (of which
a role page loads the part it needs as a script, which also works from a folder opened without a
server) lets the browser follow renamed ids and reworded behaviours.
"""

from __future__ import annotations

import html
import json
from importlib import resources
from typing import Any

from ..data.checkin import framework_document
from ..data.link import Handbook
from .generated import GeneratedFile

CHECKIN_CSS = "assets/servicebook/checkins.css"
CHECKIN_JS = "assets/servicebook/checkins.js"
CHECKIN_FOLDER = "assets/servicebook/checkins"  # beside checkins.js, which loads from it on role pages
CHECKIN_SCRIPTS = (CHECKIN_JS,)

STRINGS: dict[str, str] = {
    "heading": "Check-ins",
    "intro": "A check-in goes through each behaviour below: the person answers, their supervisor answers, "
             "then both agree. Check-ins stay in this browser; nothing leaves it unless you export a file "
             "and send it.",
    "new.name": "Name (optional)",
    "new.date": "Date",
    "new.start": "Start a check-in",
    "import.choose": "Import a check-in file",
    "import.drop": "or drop the file here.",
    "against.label": "Check against another role",
    "against.open": "Open a check-in there",
    "saved.none": "No check-ins for this role are saved in this browser.",
    "saved.title": "Check-ins for this role saved in this browser:",
    "saved.item": "{name}, {date}",
    "saved.unnamed": "No name",
    "open.title": "Check-in: {name}, {date}, against {role}",
    "open.framework": "Framework: {title}, version {version}.",
    "open.name": "Name",
    "open.date": "Date",
    "open.competency": "{name} (level {level})",
    "open.outcome": "Agreed outcome: strengths, what to develop next, and how",
    "stage.legend": "Who is answering",
    "stage.self": "Self",
    "stage.supervisor": "Supervisor",
    "stage.agreed": "Agreed",
    "answer.legend": "{who}",
    "answer.not-yet": "Not yet",
    "answer.sometimes": "Sometimes",
    "answer.consistently": "Consistently",
    "answer.none": "Not answered",
    "note.self": "Example or evidence (self)",
    "note.supervisor": "Example or evidence (supervisor)",
    "note.agreed": "What was agreed",
    "changed.mark": "Changed since you answered.",
    "changed.old": "The answers were given to: “{words}”",
    "gone.title": "No longer in this role's profile",
    "gone.intro": "These behaviours were answered but the role no longer asks for them. The answers are kept here.",
    "gone.where": "({competency}, level {level})",
    "tools.export-json": "Export file",
    "tools.export-csv": "Export CSV",
    "tools.print": "Print",
    "tools.close": "Close",
    "tools.delete": "Delete",
    "delete.ask-label": "Confirm deleting",
    "delete.ask": "Delete the check-in of {name}, {date}, from this browser?",
    "delete.yes": "Yes, delete it",
    "delete.no": "Keep it",
    "delete.undo": "Undo",
    "status.started": "A new check-in was started.",
    "status.started-from": "A new check-in was started. Answers carried over from the check-in against {role}: "
                           "{count}.",
    "status.migrated": "Answers from this page's earlier self-assessment were moved into a check-in with no "
                       "name and today's date: {count}.",
    "status.storage-full": "This browser refused to save the check-in (storage is full or switched off). "
                           "Export it as a file to keep it.",
    "status.deleted": "The check-in of {name}, {date}, was deleted.",
    "status.kept": "Nothing was deleted.",
    "status.restored": "The check-in was restored.",
    "status.exported-json": "The check-in was exported as a file.",
    "status.exported-csv": "The check-in was exported as a CSV file.",
    "summary.title": "Summary",
    "summary.rule": "Each behaviour counts with the agreed answer where there is one, else the supervisor's, "
                    "else the person's own.",
    "chart.title": "Answers per competency",
    "chart.differ": "Self and supervisor differ on: {count}",
    "table.caption": "Answers per competency",
    "table.competency": "Competency",
    "table.differ": "Self and supervisor differ",
    "words.answered": "{done} of {total} behaviours answered.",
    "words.strong": "Shown consistently: {list}.",
    "words.not-yet": "Not yet shown in: {list}.",
    "words.differ": "Behaviours where self and supervisor differ: {count}.",
    "words.agree": "Self and supervisor do not differ on any behaviour both answered.",
    "compare.label": "Compare with an earlier check-in",
    "compare.none": "Choose a date",
    "compare.caption": "Behaviours shown consistently, {before} and {now}",
    "compare.before": "{before}",
    "compare.now": "{now}",
    "compare.cell": "{count} of {total}",
    "compare.moved": "{words}: {before} → {now}",
    "print.head": "{name}, {date}, against {role}. {title}, version {version}.",
    "print.behaviour": "Behaviour",
    "import.too-big": "{name} is {size} MB; a check-in file is at most {max} MB.",
    "import.unreadable": "{name} could not be read.",
    "import.not-json": "{name} is not a check-in file (it is not JSON).",
    "import.refused": "{name} was refused:",
    "import.not-checkin": "it is not a check-in exported from this handbook.",
    "import.version": "it was made by a newer version of the handbook.",
    "import.shape": "the field {field} is missing or wrong.",
    "import.unknown-role": "{name} is a check-in against {role}, a role this handbook does not have.",
    "import.other-role": "{name} is a check-in against {role}, not this role.",
    "import.open-role": "Open it on the {role} page",
    "import.nothing": "Nothing saved was changed.",
    "import.done": "The check-in of {person} was imported from {name}.",
    "import.replaced": "The check-in of {person} was imported from {name}, replacing the copy saved here.",
    "import.older": "It was made against framework version {version}, and is shown against today's.",
    "import.rebased": "Answers given to behaviours that have changed or gone since, marked below: {count}.",
}


def checkin_box(role_id: str) -> str:
    """The empty box the script fills on a role page; without JavaScript it stays hidden."""
    words = html.escape(json.dumps(STRINGS, ensure_ascii=False, separators=(",", ":")), quote=True)
    return f'<div class="sb-checkins" data-role="{html.escape(role_id)}" data-strings="{words}" hidden></div>'


def checkin_files(handbook: Handbook) -> list[GeneratedFile]:
    """The script and stylesheet, and the framework document cut into what each role page loads.

    `checkins/index.js` holds every role's name and aliases (to recognise a file for another role),
    `checkins/<role>.js` that role's profile and the behaviours of its competencies at every level
    (to re-base answers): a page never loads the whole framework of a large handbook.
    """
    folder = resources.files("servicebook.site").joinpath("assets")
    document = framework_document(handbook)
    index = {"format": document["format"], "version": document["version"], "framework": document["framework"],
             "levels": document["levels"],
             "roles": {rid: {key: role[key] for key in ("name", "aliases", "reports_to")}
                       for rid, role in document["roles"].items()}}
    files = [_script(f"{CHECKIN_FOLDER}/index.js", "servicebookCheckinIndex", index)]
    for rid, role in document["roles"].items():
        needed = dict.fromkeys(need["competency"] for need in role["needs"])
        competencies = {cid: document["competencies"][cid] for cid in needed}
        files.append(_script(f"{CHECKIN_FOLDER}/{rid}.js", "servicebookCheckinRole",
                             {"role": rid, "needs": role["needs"], "competencies": competencies}))
    return files + [GeneratedFile(path, folder.joinpath(path.rsplit("/", 1)[1]).read_text(encoding="utf-8"))
                    for path in (CHECKIN_CSS, CHECKIN_JS)]


def _script(path: str, name: str, content: dict[str, Any]) -> GeneratedFile:
    """JSON as a script, which also loads from a folder opened without a server (where fetch cannot)."""
    data = json.dumps(content, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return GeneratedFile(path, f"window.{name} = {data};\n")
