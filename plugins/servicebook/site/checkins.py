"""What role pages need for check-ins: the box's place and words, the script, and the framework document.

The words live here, in one table, and reach the browser as a data attribute so that a translated
site changes them without touching the script. The framework document (of which
a role page loads the part it needs as a script, which also works from a folder opened without a
server) lets the browser follow renamed ids and reworded behaviours.
"""

from __future__ import annotations

import gettext
import html
import json
from importlib import resources
from typing import Any

from ..data.checkin import framework_document
from ..data.link import Handbook
from .generated import GeneratedFile
from .messages import N_

CHECKIN_CSS = "assets/servicebook/checkins.css"
CHECKIN_JS = "assets/servicebook/checkins.js"
CHECKIN_FOLDER = "assets/servicebook/checkins"  # beside checkins.js, which loads from it on role pages
CHECKIN_SCRIPTS = (CHECKIN_JS,)

STRINGS: dict[str, str] = {
    "heading": N_("Check-ins"),
    "intro": N_("A check-in goes through each behaviour below: the person answers, their supervisor answers, "
                "then both agree. Check-ins stay in this browser; nothing leaves it unless you export a file "
                "and send it."),
    "new.name": N_("Name (optional)"),
    "new.date": N_("Date"),
    "new.start": N_("Start a check-in"),
    "import.choose": N_("Import a check-in file"),
    "import.drop": N_("or drop the file here."),
    "against.label": N_("Check against another role"),
    "against.open": N_("Open a check-in there"),
    "saved.none": N_("No check-ins for this role are saved in this browser."),
    "saved.title": N_("Check-ins for this role saved in this browser:"),
    "saved.item": N_("{name}, {date}"),
    "saved.unnamed": N_("No name"),
    "open.title": N_("Check-in: {name}, {date}, against {role}"),
    "open.framework": N_("Framework: {title}, version {version}."),
    "open.name": N_("Name"),
    "open.date": N_("Date"),
    "open.competency": N_("{name} (level {level})"),
    "open.outcome": N_("Agreed outcome: strengths, what to develop next, and how"),
    "stage.legend": N_("Who is answering"),
    "stage.self": N_("Self"),
    "stage.supervisor": N_("Supervisor"),
    "stage.agreed": N_("Agreed"),
    "answer.legend": N_("{who}"),
    "answer.not-yet": N_("Not yet"),
    "answer.sometimes": N_("Sometimes"),
    "answer.consistently": N_("Consistently"),
    "answer.none": N_("Not answered"),
    "note.self": N_("Example or evidence (self)"),
    "note.supervisor": N_("Example or evidence (supervisor)"),
    "note.agreed": N_("What was agreed"),
    "changed.mark": N_("Changed since you answered."),
    "changed.old": N_("The answers were given to: “{words}”"),
    "gone.title": N_("No longer in this role's profile"),
    "gone.intro": N_("These behaviours were answered but the role no longer asks for them. The answers are kept here."),
    "gone.where": N_("({competency}, level {level})"),
    "tools.export-json": N_("Export file"),
    "tools.export-csv": N_("Export CSV"),
    "tools.print": N_("Print"),
    "tools.close": N_("Close"),
    "tools.delete": N_("Delete"),
    "delete.ask-label": N_("Confirm deleting"),
    "delete.ask": N_("Delete the check-in of {name}, {date}, from this browser?"),
    "delete.yes": N_("Yes, delete it"),
    "delete.no": N_("Keep it"),
    "delete.undo": N_("Undo"),
    "status.started": N_("A new check-in was started."),
    "status.started-from": N_("A new check-in was started. Answers carried over from the check-in against {role}: "
                              "{count}."),
    "status.migrated": N_("Answers from this page's earlier self-assessment were moved into a check-in with no "
                          "name and today's date: {count}."),
    "status.storage-full": N_("This browser refused to save the check-in (storage is full or switched off). "
                              "Export it as a file to keep it."),
    "status.deleted": N_("The check-in of {name}, {date}, was deleted."),
    "status.kept": N_("Nothing was deleted."),
    "status.restored": N_("The check-in was restored."),
    "status.exported-json": N_("The check-in was exported as a file."),
    "status.exported-csv": N_("The check-in was exported as a CSV file."),
    "summary.title": N_("Summary"),
    "summary.rule": N_("Each behaviour counts with the agreed answer where there is one, else the supervisor's, "
                       "else the person's own."),
    "chart.title": N_("Answers per competency"),
    "chart.differ": N_("Self and supervisor differ on: {count}"),
    "table.caption": N_("Answers per competency"),
    "table.competency": N_("Competency"),
    "table.differ": N_("Self and supervisor differ"),
    "words.answered": N_("{done} of {total} behaviours answered."),
    "words.strong": N_("Shown consistently: {list}."),
    "words.not-yet": N_("Not yet shown in: {list}."),
    "words.differ": N_("Behaviours where self and supervisor differ: {count}."),
    "words.agree": N_("Self and supervisor do not differ on any behaviour both answered."),
    "compare.label": N_("Compare with an earlier check-in"),
    "compare.none": N_("Choose a date"),
    "compare.caption": N_("Behaviours shown consistently, {before} and {now}"),
    "compare.before": N_("{before}"),
    "compare.now": N_("{now}"),
    "compare.cell": N_("{count} of {total}"),
    "compare.moved": N_("{words}: {before} → {now}"),
    "print.head": N_("{name}, {date}, against {role}. {title}, version {version}."),
    "print.behaviour": N_("Behaviour"),
    "import.too-big": N_("{name} is {size} MB; a check-in file is at most {max} MB."),
    "import.unreadable": N_("{name} could not be read."),
    "import.not-json": N_("{name} is not a check-in file (it is not JSON)."),
    "import.refused": N_("{name} was refused:"),
    "import.not-checkin": N_("it is not a check-in exported from this handbook."),
    "import.version": N_("it was made by a newer version of the handbook."),
    "import.shape": N_("the field {field} is missing or wrong."),
    "import.unknown-role": N_("{name} is a check-in against {role}, a role this handbook does not have."),
    "import.other-role": N_("{name} is a check-in against {role}, not this role."),
    "import.open-role": N_("Open it on the {role} page"),
    "import.nothing": N_("Nothing saved was changed."),
    "import.done": N_("The check-in of {person} was imported from {name}."),
    "import.replaced": N_("The check-in of {person} was imported from {name}, replacing the copy saved here."),
    "import.older": N_("It was made against framework version {version}, and is shown against today's."),
    "import.rebased": N_("Answers given to behaviours that have changed or gone since, marked below: {count}."),
}


def checkin_box(role_id: str, messages: gettext.NullTranslations | None = None) -> str:
    """The empty box the script fills on a role page, its words in the page's language; hidden without JavaScript.

    The script shows the words as text, never as HTML, so a translation needs no escaping but the attribute's.
    """
    strings = {key: messages.gettext(text) for key, text in STRINGS.items()} if messages else STRINGS
    words = html.escape(json.dumps(strings, ensure_ascii=False, separators=(",", ":")), quote=True)
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
