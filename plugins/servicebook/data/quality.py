"""Content checks: a framework can be valid and still be poor. These find what a careful reviewer would.

Each finding is a warning by default: the site still builds. `servicebook check --strict`, or
`checks: {content: error}` in framework.yml, makes them errors. They need only the linked
handbook; the files are read again (only for positions) so that each finding names its line.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .link import Handbook
from .located import Document, Loc, parse
from .messages import where
from .model import Checks
from .problems import Problem

# Words and phrases that say nothing a reader can see or check. A framework adds its own in
# framework.yml (checks › vague_words).
VAGUE = ("appropriate", "appropriately", "effective", "effectively", "efficient", "efficiently", "as needed",
         "as required", "as necessary", "where necessary", "when necessary", "where appropriate", "properly",
         "adequate", "adequately", "suitable", "suitably", "satisfactory", "various", "etc")
SIMILAR = 0.92  # two behaviours this alike count as the same line


@dataclass(frozen=True, order=True)
class Finding:
    """One content finding: where, what, why it matters, and what to do."""

    problem: Problem
    why: str
    rule: str

    def format(self, base: Path | None = None, *, severity: str = "warning") -> str:
        """`path:line:col: warning: what (why) — what to do`."""
        p = self.problem
        return f"{p.relative_file(base)}:{p.line}:{p.column}: {severity}: {p.message} ({self.why}) — {p.hint}"

    def as_error(self) -> Problem:
        """The finding as a problem, for a framework that treats content findings as errors."""
        p = self.problem
        return Problem(p.file, p.line, p.column, f"{p.message} ({self.why})", p.hint)


def settings(handbook: Handbook) -> Checks:
    """The framework's content-check settings, or the defaults."""
    return handbook.framework.checks or Checks()


def as_errors(handbook: Handbook) -> bool:
    return settings(handbook).content == "error"


def findings(handbook: Handbook, documents: Callable[[Path], Document | None] | None = None) -> list[Finding]:
    """Every content finding of a handbook, sorted by file and line.

    `documents` gives the documents a load already parsed (the serve cache's); other files are
    parsed again, and only those a finding is about.
    """
    checker = _Checker(handbook, documents)
    checker.run()
    return sorted(set(checker.found))


@dataclass(frozen=True)
class Covered:
    """One line of the coverage report: a role's required competency and the modules on its path for it."""

    role: str
    competency: str
    level: int
    modules: list[str]
    elsewhere: list[str]


def coverage(handbook: Handbook) -> list[Covered]:
    """For each role and each competency it needs, the modules on its training path that develop it."""
    report = []
    for rid, role in handbook.roles.items():
        for need in handbook.needs[rid]:
            developing = handbook.modules_developing.get(need.competency, [])
            on_path = [mid for mid in role.training if mid in developing]
            report.append(Covered(rid, need.competency, need.level, on_path,
                                  [mid for mid in developing if mid not in on_path]))
    return report


def _alike(one: str, two: str) -> bool:
    """Almost the same line: most words shared, then most characters in order (the slow test last)."""
    words_one, words_two = set(one.split()), set(two.split())
    if len(words_one & words_two) < 0.6 * max(len(words_one), len(words_two), 1):
        return False
    matcher = difflib.SequenceMatcher(None, one, two, autojunk=False)
    return matcher.real_quick_ratio() >= SIMILAR and matcher.quick_ratio() >= SIMILAR and matcher.ratio() >= SIMILAR


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


class _Checker:
    def __init__(self, handbook: Handbook, known: Callable[[Path], Document | None] | None) -> None:
        self.handbook = handbook
        self.found: list[Finding] = []
        self.documents: dict[Path, Document | None] = {}
        self.known = known
        extra = [word.strip().casefold() for word in settings(handbook).vague_words if word.strip()]
        words = sorted({*VAGUE, *extra}, key=len, reverse=True)
        self.vague = re.compile(r"(?<!\w)(" + "|".join(re.escape(word) for word in words) + r")(?!\w)", re.IGNORECASE)

    def document(self, path: Path) -> Document | None:
        if path not in self.documents and self.known is not None and self.known(path) is not None:
            self.documents[path] = self.known(path)
        if path not in self.documents:
            try:
                self.documents[path] = parse(path, path.read_bytes())[0]
            except OSError:
                self.documents[path] = None
        return self.documents[path]

    def add(self, kind: str, id_: str, loc: Loc, rule: str, message: str, why: str, hint: str, *,
            key: bool = False, offset: int | None = None, about_field: bool = True) -> None:
        path = self.handbook.files[kind, id_]
        document = self.document(path)
        line, column = 1, 1
        if document is not None:
            at = (document.key_mark(loc) if key else
                  document.text_mark(loc, offset) if offset is not None else document.mark(loc))
            line, column = at.line, at.column
        text = f"{where(loc)}: {message}" if loc and about_field else message
        self.found.append(Finding(Problem(path, line, column, text, hint), why, rule))

    def run(self) -> None:
        for cid, competency in self.handbook.competencies.items():
            self.competency(cid, competency.levels)
            for index, line in enumerate(competency.watch_for):
                self.wording("library", cid, ("watch_for", index), line)
        for vid, value in self.handbook.values.items():
            self.value(vid, value.we_do, value.we_avoid)
        self.unneeded_competencies()
        self.training_coverage()
        self.idle_modules()

    # -- one competency ---------------------------------------------------------------------

    def competency(self, cid: str, levels: dict[str, list[str]]) -> None:
        least = settings(self.handbook).min_behaviours
        seen: list[tuple[str, str, str]] = []  # (normalised, level key, text)
        for key, behaviours in levels.items():
            label = self.label(key)
            if len(behaviours) < least:
                self.add("library", cid, ("levels", key), "few-behaviours",
                         f"level {label} has {len(behaviours)} behaviour{'s' if len(behaviours) != 1 else ''}; "
                         f"this framework asks for at least {least}",
                         "a level described in so few lines rarely shows what it looks like in daily work",
                         "add behaviours that show the level in practice", key=True)
            for index, text in enumerate(behaviours):
                loc = ("levels", key, index)
                self.wording("library", cid, loc, text)
                normal = _normal(text)
                for other, other_key, other_text in seen:
                    if other_key == key:
                        continue
                    if other == normal or _alike(other, normal):
                        same = "word for word" if other == normal else "almost word for word"
                        self.add("library", cid, loc, "repeated-behaviour",
                                 f"repeats {same} a behaviour of level {self.label(other_key)} "
                                 f"(“{other_text}”)",
                                 "each level should say what is new at that level; a repeated line makes two "
                                 "levels look the same",
                                 "describe what someone does differently at this level, or delete the line")
                        break
                seen.append((normal, key, text))

    def label(self, key: str) -> str:
        levels = self.handbook.levels
        word = key.strip()
        if word.isdigit() and 1 <= int(word) <= len(levels):
            return self.handbook.level_label(int(word))
        for number, level in enumerate(levels, 1):
            if level.name.strip().casefold() == word.casefold():
                return self.handbook.level_label(number)
        return key

    def wording(self, kind: str, id_: str, loc: Loc, text: str) -> None:
        found = self.vague.search(text)
        if found is None:
            return
        self.add(kind, id_, loc, "vague-wording", f"'{found.group(0)}' is vague",
                 "a reader cannot see or check it, so two people will read the line differently",
                 "say what the person does, or what the customer notices, instead", offset=found.start())

    # -- values -------------------------------------------------------------------------------

    def value(self, vid: str, we_do: list[str], we_avoid: list[str]) -> None:
        for index, line in enumerate(we_do):
            self.wording("values", vid, ("we_do", index), line)
        for index, line in enumerate(we_avoid):
            self.wording("values", vid, ("we_avoid", index), line)
        if not we_avoid:
            self.add("values", vid, ("we_do",), "no-we-avoid", "the value has no 'we_avoid' list",
                     "saying what goes against a value makes it concrete, and gives reviewers something to notice",
                     "add 'we_avoid:' with one or two behaviours that go against the value", key=True,
                     about_field=False)

    # -- across files ---------------------------------------------------------------------------

    def unneeded_competencies(self) -> None:
        for cid in self.handbook.competencies:
            if not self.handbook.roles_needing.get(cid):
                self.add("library", cid, ("name",), "unneeded-competency", "no role needs this competency",
                         "it is published but never expected of anyone, so nobody is assessed or trained in it",
                         "add it to the profiles of the roles that need it (roles/<id>.yml › competencies), or "
                         "retire it", key=True, about_field=False)

    def training_coverage(self) -> None:
        for line in coverage(self.handbook):
            if line.modules:
                continue
            name = self.handbook.competencies[line.competency].name
            role = self.handbook.roles[line.role]
            if line.elsewhere:
                hint = (f"add a module that develops it to this role's training, such as "
                        f"'{line.elsewhere[0]}', or list it under develops: in a module the role already takes")
            elif role.training:
                hint = ("list it under develops: in a module the role already takes, or add a module that "
                        "develops it")
            else:
                hint = "give the role a training path (training:) with modules that develop it"
            self.add("roles", line.role, ("competencies", self.requirement_key(line.role, line.competency)),
                     "training-coverage",
                     f"no module on this role's training path develops '{name}', needed at "
                     f"{self.handbook.level_label(line.level)}",
                     "staff in this role have no route to the level they are expected to reach", hint, key=True)

    def requirement_key(self, rid: str, cid: str) -> str:
        """The key the role's file uses for a competency (an earlier id, if it still uses one)."""
        keys = list(self.handbook.roles[rid].competencies)
        if cid in keys:
            return cid
        aliases = set(self.handbook.competencies[cid].aliases)
        return next((key for key in keys if key in aliases), cid)

    def idle_modules(self) -> None:
        needed = {cid for cid, roles in self.handbook.roles_needing.items() if roles}
        for mid, module in self.handbook.modules.items():
            if needed.intersection(module.develops):
                continue
            what = "develops no competency" if not module.develops else "develops nothing any role needs"
            self.add("training", mid, ("develops",) if module.develops else ("name",), "idle-module",
                     f"the module {what}",
                     "staff and trainers cannot tell what it is for or who should take it",
                     "list under develops: the competencies it builds that roles need, or retire it", key=True,
                     about_field=False)


