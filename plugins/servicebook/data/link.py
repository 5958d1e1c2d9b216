"""Validated items → one linked handbook: references resolved, levels numbered, reverse indexes built.

Every check that needs more than one file lives here, and reports through the same
located problems as the loader.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from .layout import check_id_text
from .load import Loaded, ReadCache, Source, load_sources
from .located import Loc
from .messages import where
from .model import KINDS, Competency, Framework, Group, Item, Level, Pledge, Requirement, Role, Training, Value
from .placeholders import find as find_placeholders
from .problems import DataError, Problem
from .translated import Untranslated

T = TypeVar("T", bound=Item)


@dataclass(frozen=True)
class Need:
    """A role's requirement, resolved: which competency, at which level number, and why."""

    competency: str
    level: int
    note: str | None


# Where the handbook keeps each kind's items, where that is not the folder's own name.
ITEM_ATTRIBUTES = {"library": "competencies", "training": "modules"}


@dataclass(frozen=True)
class Handbook:
    """The whole framework, linked both ways. Items are in display order (by name, then id)."""

    root: Path
    framework: Framework
    values: dict[str, Value]
    competencies: dict[str, Competency]
    roles: dict[str, Role]
    modules: dict[str, Training]
    files: dict[tuple[str, str], Path]
    behaviours: dict[str, dict[int, list[str]]]
    needs: dict[str, list[Need]]
    roles_needing: dict[str, list[tuple[str, int]]]
    competencies_expressing: dict[str, list[str]]
    roles_taking: dict[str, list[str]]
    modules_developing: dict[str, list[str]]
    reporting_to: dict[str, list[str]]
    aliases: dict[str, dict[str, str]]
    # Format 1.1: staff groups and service pledges, and what they are linked to.
    pledges: dict[str, Pledge] = field(default_factory=dict)
    roles_in_group: dict[str, list[str]] = field(default_factory=dict)
    pledges_of_role: dict[str, list[str]] = field(default_factory=dict)
    pledges_of_group: dict[str, list[str]] = field(default_factory=dict)
    pledges_helped_by: dict[str, list[str]] = field(default_factory=dict)
    modules_for_group: dict[str, list[str]] = field(default_factory=dict)
    variants: dict[str, list[str]] = field(default_factory=dict)
    required_by: dict[str, list[str]] = field(default_factory=dict)
    group_profile: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def groups(self) -> dict[str, Group]:
        """The staff groups, in the order framework.yml gives them."""
        return {group.id: group for group in self.framework.groups}

    @property
    def levels(self) -> list[Level]:
        return self.framework.levels

    def level_label(self, number: int) -> str:
        """`2 · Practitioner`: how a level is shown everywhere; a name not yet translated stays marked."""
        name = self.levels[number - 1].name
        label = f"{number} · {name}"
        return Untranslated(label, name.lang) if isinstance(name, Untranslated) else label

    def items(self, kind: str) -> dict[str, Item]:
        """One kind's items by id, the kind named by its folder (`library`, `training`, …); not a copy."""
        items: dict[str, Item] = getattr(self, ITEM_ATTRIBUTES.get(kind, kind))
        return items


def load_handbook(root: Path, cache: ReadCache | None = None, *, placeholders: bool = True) -> Handbook:
    """The one entry point: read, validate and link a data folder, or raise every problem at once.

    `placeholders=False` lets through the TODO text a new file starts with (for `new` itself).
    """
    loaded = load_sources(root, cache)
    handbook, problems = link(loaded, placeholders=placeholders)
    problems = loaded.problems + problems
    if problems or handbook is None:
        raise DataError(problems)
    return handbook


def link(loaded: Loaded, *, placeholders: bool = True) -> tuple[Handbook | None, list[Problem]]:
    """Check everything that spans files, and that no placeholder is left; build the handbook when all is well.

    Warnings (things that are allowed but probably not meant) travel on the handbook.
    """
    linker = _Linker(loaded)
    if placeholders:
        linker.problems += [problem for source in _all_sources(loaded) for problem in find_placeholders(source)]
    return linker.run(), linker.problems


def _all_sources(loaded: Loaded) -> list[Source]:
    framework = [loaded.framework] if loaded.framework is not None else []
    return framework + [source for kind in KINDS for source in loaded.sources[kind].values()]


def _display_order(sources: dict[str, Source]) -> list[str]:
    return sorted(sources, key=lambda id_: (str(getattr(sources[id_].item, "name", "")).casefold(), id_))


def _listing(words: list[str], limit: int = 12) -> str:
    shown = ", ".join(words[:limit])
    return shown + (f" and {len(words) - limit} more" if len(words) > limit else "")


def _find_loop(start: str, after: object) -> list[str]:
    """A loop reachable from `start` through `after` (id → ids), as the ids along it, or []."""
    assert callable(after)
    chain: list[str] = []
    on_chain: set[str] = set()
    done: set[str] = set()

    def visit(node: str) -> list[str]:
        chain.append(node)
        on_chain.add(node)
        for nxt in after(node):
            if nxt in on_chain:
                return chain[chain.index(nxt):]
            if nxt not in done:
                loop = visit(nxt)
                if loop:
                    return loop
        chain.pop()
        on_chain.discard(node)
        done.add(node)
        return []

    return visit(start)


class _Linker:
    def __init__(self, loaded: Loaded) -> None:
        self.loaded = loaded
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.aliases: dict[str, dict[str, str]] = {kind: {} for kind in KINDS}

    # -- reporting ---------------------------------------------------------------------------

    def report(self, source: Source, loc: Loc, message: str, hint: str, *, key: bool = False,
               warning: bool = False) -> None:
        document = source.document
        at = document.key_mark(loc) if key else document.mark(loc)
        found = self.warnings if warning else self.problems
        found.append(Problem(document.path, at.line, at.column, f"{where(loc)}: {message}", hint))

    def items(self, kind: str) -> dict[str, Source]:
        return self.loaded.sources[kind]

    # -- the run -------------------------------------------------------------------------------

    def run(self) -> Handbook | None:
        framework = self.loaded.framework
        if framework is not None:
            self.check_framework(framework)
        for kind in KINDS:
            self.collect_aliases(kind)
        behaviours = {cid: self.check_competency(source) for cid, source in self.items("library").items()}
        needs = {rid: self.check_role(source, behaviours) for rid, source in self.items("roles").items()}
        for source in self.items("training").values():
            self.check_references(source, "develops", "library")
            self.check_module(source)
        for source in self.items("pledges").values():
            self.check_pledge(source)
        self.check_cycles()
        self.check_module_cycles("requires")
        self.check_module_cycles("variant_of")
        self.check_paths()
        self.check_empty_groups()
        if self.problems or self.loaded.problems or framework is None:
            return None
        assert isinstance(framework.item, Framework)
        return self.build(framework.item, behaviours, needs)

    # -- framework -----------------------------------------------------------------------------

    def check_framework(self, source: Source) -> None:
        framework = source.item
        assert isinstance(framework, Framework)
        seen: dict[str, int] = {}
        for index, level in enumerate(framework.levels):
            folded = level.name.strip().casefold()  # how a level is matched when named
            if folded in seen:
                self.report(source, ("levels", index, "name"),
                            f"the level name '{level.name}' is already used by level {seen[folded] + 1}",
                            "give every level its own name")
            seen.setdefault(folded, index)
            if level.name.strip().isdigit() and int(level.name) != index + 1:
                self.report(source, ("levels", index, "name"),
                            f"the level name '{level.name}' would be mistaken for level number {level.name}",
                            "name the level with words")
        clusters: set[str] = set()
        for index, cluster in enumerate(framework.clusters):
            if cluster.id in clusters:
                self.report(source, ("clusters", index, "id"), f"the cluster id '{cluster.id}' is used twice",
                            "give every cluster its own id")
            clusters.add(cluster.id)
        groups: set[str] = set()
        for index, group in enumerate(framework.groups):
            if group.id in groups:
                self.report(source, ("groups", index, "id"), f"the group id '{group.id}' is used twice",
                            "give every group its own id")
            groups.add(group.id)

    @property
    def framework(self) -> Framework | None:
        source = self.loaded.framework
        return source.item if source is not None and isinstance(source.item, Framework) else None

    # -- references ----------------------------------------------------------------------------

    def collect_aliases(self, kind: str) -> None:
        noun = KINDS[kind].noun
        for id_, source in self.items(kind).items():
            for index, alias in enumerate(getattr(source.item, "aliases", [])):
                loc = ("aliases", index)
                if alias in self.items(kind) or alias in self.loaded.broken[kind]:
                    self.report(source, loc, f"'{alias}' is the id of another {noun}, so it cannot be an alias",
                                "remove it from aliases")
                elif alias in self.aliases[kind]:
                    owner = self.aliases[kind][alias]
                    text = "twice in this list" if owner == id_ else f"already an alias of '{owner}'"
                    self.report(source, loc, f"'{alias}' is {text}", "an earlier id can lead to one page only")
                elif message := check_id_text(alias):
                    self.report(source, loc, f"'{alias}' {message[0]}", message[1])
                else:
                    self.aliases[kind][alias] = id_

    def resolve(self, source: Source, loc: Loc, ref: str, kind: str, *, key: bool = False) -> str | None:
        """The id that `ref` names, or None after reporting why it names nothing."""
        targets = self.items(kind)
        if ref in targets:
            return ref
        if ref in self.loaded.broken[kind]:
            return None  # its own file's problems are reported already
        noun = KINDS[kind].noun
        if ref in self.aliases[kind]:
            current = self.aliases[kind][ref]
            self.report(source, loc, f"'{ref}' is the earlier id of the {noun} '{current}'",
                        f"write '{current}' instead", key=key)
            return None
        close = difflib.get_close_matches(ref, list(targets), n=1, cutoff=0.6)
        hint = (f"did you mean '{close[0]}'?" if close
                else f"the {noun} ids are: {_listing(sorted(targets))}" if targets
                else f"create {kind}/{ref}.yml first")
        self.report(source, loc, f"there is no {noun} '{ref}'", hint, key=key)
        return None

    def check_references(self, source: Source, field: str, kind: str) -> list[str]:
        """Resolve a list of ids, reporting unknown ids and repeats; give the good ones in order."""
        found: list[str] = []
        for index, ref in enumerate(getattr(source.item, field)):
            if ref in found:
                self.report(source, (field, index), f"'{ref}' is listed twice", "remove the second one")
            elif (target := self.resolve(source, (field, index), ref, kind)) is not None:
                found.append(target)
        return found

    def level(self, source: Source, loc: Loc, text: str, *, key: bool = False) -> int | None:
        """A level given by number or name, as its number."""
        framework = self.framework
        if framework is None:
            return None
        names = [level.name for level in framework.levels]
        scale = ", ".join(f"{n} {name}" for n, name in enumerate(names, 1))
        word = text.strip()
        if word.isascii() and word.isdigit():
            if 1 <= int(word) <= len(names):
                return int(word)
            self.report(source, loc, f"there is no level {word}", f"the levels are {scale}", key=key)
            return None
        for number, name in enumerate(names, 1):
            if name.strip().casefold() == word.casefold():
                return number
        close = difflib.get_close_matches(word, names, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'? The levels are {scale}" if close else f"the levels are {scale}"
        self.report(source, loc, f"'{word}' is not a level", hint, key=key)
        return None

    # -- competencies and roles -----------------------------------------------------------------

    def check_competency(self, source: Source) -> dict[int, list[str]]:
        competency = source.item
        assert isinstance(competency, Competency)
        framework = self.framework
        if competency.cluster is not None and framework is not None:
            clusters = [cluster.id for cluster in framework.clusters]
            if competency.cluster not in clusters:
                close = difflib.get_close_matches(competency.cluster, clusters, n=1, cutoff=0.6)
                hint = (f"did you mean '{close[0]}'?" if close else
                        f"the clusters in framework.yml are: {_listing(clusters)}" if clusters else
                        "add the cluster to framework.yml under clusters:, or remove this line")
                self.report(source, ("cluster",), f"there is no cluster '{competency.cluster}'", hint)
        self.check_references(source, "values", "values")
        described: dict[int, list[str]] = {}
        given: dict[int, str] = {}
        for key, behaviours in competency.levels.items():
            number = self.level(source, ("levels", key), key, key=True)
            if number is None:
                continue
            if number in given:
                self.report(source, ("levels", key), f"level {number} is described twice (also as '{given[number]}')",
                            "put all the behaviours of a level under one key", key=True)
                continue
            given[number] = key
            described[number] = behaviours
        return dict(sorted(described.items()))

    def check_role(self, source: Source, behaviours: dict[str, dict[int, list[str]]]) -> list[Need]:
        role = source.item
        assert isinstance(role, Role)
        needs: list[Need] = []
        for cid, requirement in role.competencies.items():
            if self.misplaced_field(source, cid):
                continue
            target = self.resolve(source, ("competencies", cid), cid, "library", key=True)
            number = self.level(source, ("competencies", cid, "level"), requirement.level)
            if target is None or number is None:
                continue
            described = behaviours.get(target, {})
            if number not in described:
                name = self.framework.levels[number - 1].name if self.framework else str(number)
                have = ", ".join(str(n) for n in described) or "none"
                self.report(source, ("competencies", cid, "level"),
                            f"'{target}' describes no behaviours at level {number} ({name})",
                            f"choose a level it describes ({have}), or add behaviours for level {number} "
                            f"to library/{self.items('library')[target].path.name}")
                continue
            needs.append(Need(target, number, requirement.note))
        self.check_references(source, "training", "training")
        if role.reports_to is not None:
            if role.reports_to == source.id:
                self.report(source, ("reports_to",), "a role cannot report to itself",
                            "give the role it reports to, or remove the line")
            else:
                self.resolve(source, ("reports_to",), role.reports_to, "roles")
        if role.group is not None:
            self.resolve_group(source, ("group",), role.group)
        return needs

    def misplaced_field(self, source: Source, cid: str) -> bool:
        """`note:` or `level:` dedented to the competencies' column reads as a competency id: say so."""
        if cid not in Requirement.model_fields or cid in self.items("library") or cid in self.loaded.broken["library"]:
            return False
        at = source.document.key_mark(("competencies", cid))
        previous = [key for key in source.document.data.get("competencies", {}) if key != cid]
        above = [key for key in previous if source.document.key_mark(("competencies", key)).line < at.line]
        owner = f" of '{above[-1]}'" if above else ""
        self.report(source, ("competencies", cid), f"'{cid}:' is lined up with the competency ids, so it is read as "
                    f"a competency, but it is a field of the requirement{owner} above",
                    f"indent '{cid}:' further, in line with 'level:' below the competency it belongs to "
                    f"(write that competency's level as 'level: …' on its own line)", key=True)
        return True

    def check_cycles(self) -> None:
        roles = self.items("roles")
        settled: set[str] = set()
        for start in sorted(roles):
            chain: list[str] = []
            current: str | None = start
            while current in roles and current not in settled and current not in chain:
                chain.append(current)
                current = getattr(roles[current].item, "reports_to", None)
            cycle = chain[chain.index(current):] if current in chain else []
            if len(cycle) > 1:  # a role naming itself is reported by check_role
                first = min(cycle)
                loop = cycle[cycle.index(first):] + cycle[: cycle.index(first)] + [first]
                self.report(roles[first], ("reports_to",), f"reports_to goes round in a circle: {' → '.join(loop)}",
                            "change reports_to in one of these roles so that the chain ends")
            settled.update(chain)

    # -- staff groups, pledges and training order (1.1) -----------------------------------------

    def resolve_group(self, source: Source, loc: Loc, ref: str) -> str | None:
        """The group id that `ref` names in framework.yml, or None after reporting why it names nothing."""
        framework = self.framework
        if framework is None:
            return None
        groups = [group.id for group in framework.groups]
        if ref in groups:
            return ref
        close = difflib.get_close_matches(ref, groups, n=1, cutoff=0.6)
        hint = (f"did you mean '{close[0]}'?" if close else
                f"the groups in framework.yml are: {_listing(groups)}" if groups else
                "add the group to framework.yml under groups:, or remove this line")
        self.report(source, loc, f"there is no group '{ref}'", hint)
        return None

    def check_groups(self, source: Source, field_: str) -> list[str]:
        """A list of group ids: each must exist, none twice."""
        found: list[str] = []
        for index, ref in enumerate(getattr(source.item, field_)):
            if ref in found:
                self.report(source, (field_, index), f"'{ref}' is listed twice", "remove the second one")
            elif self.resolve_group(source, (field_, index), ref) is not None:
                found.append(ref)
        return found

    def check_module(self, source: Source) -> None:
        module = source.item
        assert isinstance(module, Training)
        self.check_groups(source, "for_groups")
        found: list[str] = []
        for index, ref in enumerate(module.requires):
            if ref == source.id:
                self.report(source, ("requires", index), "a module cannot require itself", "remove it from requires")
            elif ref in found:
                self.report(source, ("requires", index), f"'{ref}' is listed twice", "remove the second one")
            elif self.resolve(source, ("requires", index), ref, "training") is not None:
                found.append(ref)
        if module.variant_of is not None:
            if module.variant_of == source.id:
                self.report(source, ("variant_of",), "a module cannot be a version of itself",
                            "give the module this one shortens or adapts, or remove the line")
            else:
                self.resolve(source, ("variant_of",), module.variant_of, "training")

    def check_pledge(self, source: Source) -> None:
        pledge = source.item
        assert isinstance(pledge, Pledge)
        roles = self.check_references(source, "roles", "roles")
        groups = set(self.check_groups(source, "groups"))
        self.check_references(source, "competencies", "library")
        for index, ref in enumerate(pledge.roles):
            if ref not in roles:
                continue
            group = getattr(self.items("roles")[ref].item, "group", None)
            if group in groups:
                self.report(source, ("roles", index),
                            f"'{ref}' belongs to the group '{group}', which this pledge already names",
                            f"remove '{ref}' from roles: the group covers it", warning=True)

    def check_empty_groups(self) -> None:
        source = self.loaded.framework
        framework = self.framework
        if source is None or framework is None:
            return
        if self.loaded.broken["roles"]:
            return  # a role that could not be read may well be the group's member
        used = {getattr(role.item, "group", None) for role in self.items("roles").values()}
        for index, group in enumerate(framework.groups):
            if group.id not in used:
                self.report(source, ("groups", index, "id"), f"no role belongs to the group '{group.id}'",
                            f"give a role the line 'group: {group.id}', or remove the group", warning=True)

    def check_module_cycles(self, field_: str) -> None:
        """`requires` and `variant_of` must not lead back to where they started."""
        modules = self.items("training")

        def after(mid: str) -> list[str]:
            value = getattr(modules[mid].item, field_)
            listed = value if isinstance(value, list) else [value] if value else []
            return [ref for ref in listed if ref in modules and ref != mid]

        reported: set[frozenset[str]] = set()
        for start in sorted(modules):
            loop = _find_loop(start, after)
            if loop and frozenset(loop) not in reported:
                reported.add(frozenset(loop))
                first = min(loop)
                turned = loop[loop.index(first):] + loop[: loop.index(first)] + [first]
                nxt = turned[1]
                value = getattr(modules[first].item, field_)
                loc: Loc = (field_, value.index(nxt)) if isinstance(value, list) else (field_,)
                word = "requires" if field_ == "requires" else "variant_of"
                self.report(modules[first], loc, f"{word} goes round in a circle: {' → '.join(turned)}",
                            f"change {word} in one of these modules so that the chain ends")

    def check_paths(self) -> None:
        """A role's training path lists what a module requires before the module itself."""
        modules = self.items("training")
        versions: dict[str, set[str]] = {mid: {mid} for mid in modules}
        for mid, source in modules.items():
            original = getattr(source.item, "variant_of", None)
            if original in versions:
                versions[original].add(mid)  # a shorter version counts as the module it shortens
        for source in self.items("roles").values():
            path: list[str] = list(getattr(source.item, "training", []))
            for position, mid in enumerate(path):
                for needed in getattr(modules[mid].item, "requires", []) if mid in modules else []:
                    same = versions.get(needed, {needed})
                    later = [other for other in path[position + 1:] if other in same]
                    if later and not any(other in same for other in path[:position]):
                        what = "which it requires" if later[0] == needed else \
                            f"a version of '{needed}', which it requires"
                        self.report(source, ("training", position), f"'{mid}' comes before '{later[0]}', {what}",
                                    f"move '{later[0]}' above '{mid}' in training")

    # -- the linked handbook -------------------------------------------------------------------

    def ordered(self, kind: str, model: type[T]) -> dict[str, T]:
        sources = self.items(kind)
        result: dict[str, T] = {}
        for id_ in _display_order(sources):
            item = sources[id_].item
            assert isinstance(item, model)
            result[id_] = item
        return result

    def build(self, framework: Framework, behaviours: dict[str, dict[int, list[str]]],
              needs: dict[str, list[Need]]) -> Handbook:
        roles = self.ordered("roles", Role)
        competencies = self.ordered("library", Competency)
        modules = self.ordered("training", Training)
        roles_needing: dict[str, list[tuple[str, int]]] = defaultdict(list)
        roles_taking: dict[str, list[str]] = defaultdict(list)
        reporting_to: dict[str, list[str]] = defaultdict(list)
        for rid, role in roles.items():
            for need in needs[rid]:
                roles_needing[need.competency].append((rid, need.level))
            for mid in role.training:
                roles_taking[mid].append(rid)
            if role.reports_to:
                reporting_to[role.reports_to].append(rid)
        expressing: dict[str, list[str]] = defaultdict(list)
        for cid, competency in competencies.items():
            for vid in competency.values:
                expressing[vid].append(cid)
        developing: dict[str, list[str]] = defaultdict(list)
        for mid, module in modules.items():
            for cid in module.develops:
                developing[cid].append(mid)
        files = {(kind, id_): source.path for kind in KINDS for id_, source in self.items(kind).items()}
        handbook = Handbook(self.loaded.root, framework, self.ordered("values", Value), competencies, roles, modules,
                            files, {cid: behaviours[cid] for cid in competencies}, {rid: needs[rid] for rid in roles},
                            dict(roles_needing), dict(expressing), dict(roles_taking), dict(developing),
                            dict(reporting_to), self.aliases)
        return _with_groups(handbook, self.ordered("pledges", Pledge), sorted(set(self.warnings)))



def _with_groups(handbook: Handbook, pledges: dict[str, Pledge], warnings: list[Problem]) -> Handbook:
    """The 1.1 reverse indexes: group → roles, training and pledges; role and competency → pledges."""
    roles, modules = handbook.roles, handbook.modules
    in_group: dict[str, list[str]] = defaultdict(list)
    for rid, role in roles.items():
        if role.group:
            in_group[role.group].append(rid)
    of_group: dict[str, list[str]] = defaultdict(list)
    of_role: dict[str, list[str]] = defaultdict(list)
    helped: dict[str, list[str]] = defaultdict(list)
    for pid, pledge in pledges.items():
        for gid in pledge.groups:
            of_group[gid].append(pid)
        delivering = [*pledge.roles, *(rid for gid in pledge.groups for rid in in_group.get(gid, []))]
        for rid in dict.fromkeys(delivering):
            of_role[rid].append(pid)
        for cid in pledge.competencies:
            helped[cid].append(pid)
    for_group: dict[str, list[str]] = defaultdict(list)
    variants: dict[str, list[str]] = defaultdict(list)
    required_by: dict[str, list[str]] = defaultdict(list)
    for mid, module in modules.items():
        for gid in module.for_groups:
            for_group[gid].append(mid)
        if module.variant_of:
            variants[module.variant_of].append(mid)
        for needed in module.requires:
            required_by[needed].append(mid)
    for gid, mids in for_group.items():
        # In the order the group's roles take them, then by name: the group's training path.
        taken = [mid for rid in in_group.get(gid, []) for mid in roles[rid].training]
        place = {mid: index for index, mid in reversed(list(enumerate(taken)))}
        mids.sort(key=lambda mid: place.get(mid, len(taken)))
    profiles = {gid: _common_profile(handbook, members) for gid, members in in_group.items()}
    return replace(handbook, pledges=pledges, roles_in_group=dict(in_group), pledges_of_role=dict(of_role),
                   pledges_of_group=dict(of_group), pledges_helped_by=dict(helped), modules_for_group=dict(for_group),
                   variants=dict(variants), required_by=dict(required_by), group_profile=profiles, warnings=warnings)


def _common_profile(handbook: Handbook, members: list[str]) -> list[tuple[str, int]]:
    """Each competency every role of the group needs, at the lowest level any of them needs it.

    In the order of the first role's profile, so the group page reads like a role page.
    """
    levels = [{need.competency: need.level for need in handbook.needs[rid]} for rid in members]
    shared = [cid for cid in levels[0] if all(cid in profile for profile in levels[1:])]
    return [(cid, min(profile[cid] for profile in levels)) for cid in shared]
