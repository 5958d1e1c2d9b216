"""Pages kept from the previous generation while `mkdocs serve` runs.

A page is made again only when one of the items it shows is a different object from last
time. Unchanged files give back the very same item objects (see `load.ReadCache`), so after
one edit only the pages that show the edited item are rendered again.
"""

from __future__ import annotations

from collections.abc import Callable

from ..data.link import Handbook
from .generated import GeneratedFile

Inputs = tuple[object, ...]


class PageCache:
    """The last generation's pages, each with the items it was made from."""

    def __init__(self) -> None:
        self._pages: dict[str, tuple[Inputs, GeneratedFile]] = {}
        self._seen: set[str] = set()
        self._settings: object = None

    def settings(self, settings: object) -> None:
        """Pages made with other settings (site address, URL style) are never reused."""
        if settings != self._settings:
            self._pages = {}
        self._settings = settings

    def page(self, path: str, inputs: Inputs, make: Callable[[], GeneratedFile]) -> GeneratedFile:
        self._seen.add(path)
        found = self._pages.get(path)
        if found is not None and len(found[0]) == len(inputs) and all(
                a is b for a, b in zip(found[0], inputs, strict=True)):
            return found[1]
        page = make()
        self._pages[path] = (inputs, page)
        return page

    def forget_unseen(self) -> None:
        """Drop pages that the last generation no longer made."""
        self._pages = {path: found for path, found in self._pages.items() if path in self._seen}
        self._seen = set()


def everything(hb: Handbook) -> Inputs:
    """What a page that shows any item at all (the matrix on one page, the data downloads) is made from."""
    return (hb.framework, *hb.values.values(), *hb.competencies.values(), *hb.roles.values(), *hb.modules.values(),
            *hb.pledges.values())


def index_inputs(hb: Handbook, section: str) -> Inputs:
    """A section's index page shows the framework and that section's items."""
    return (hb.framework, *hb.items(section).values())


def matrix_inputs(hb: Handbook, competencies: list[str], roles: list[str]) -> Inputs:
    """One matrix table shows its competencies and its roles (their order and membership included)."""
    return (hb.framework, *(hb.competencies[cid] for cid in competencies), *(hb.roles[rid] for rid in roles))


def growth_inputs(hb: Handbook, role: str, target: str) -> Inputs:
    """A growth page shows both roles, the competencies of either, and the next role's training."""
    competencies = dict.fromkeys(need.competency for rid in (role, target) for need in hb.needs[rid])
    return (hb.framework, hb.roles[role], hb.roles[target], *(hb.competencies[cid] for cid in competencies),
            *(hb.modules[mid] for mid in hb.roles[target].training))


def group_inputs(hb: Handbook, gid: str | None = None) -> Inputs:
    """A group's page shows its roles and their profiles, its training and pledges; the index, every group's roles."""
    if gid is None:
        return (hb.framework, *hb.roles.values())
    roles = [hb.roles[rid] for rid in hb.roles_in_group.get(gid, [])]
    competencies = [hb.competencies[cid] for cid, _ in hb.group_profile.get(gid, [])]
    modules = [hb.modules[mid] for mid in hb.modules_for_group.get(gid, [])]
    originals = [hb.modules[module.variant_of] for module in modules if module.variant_of]
    return (hb.framework, *roles, *competencies, *modules, *originals,
            *(hb.pledges[pid] for pid in hb.pledges_of_group.get(gid, [])))


def _more_inputs(hb: Handbook, section: str, id_: str) -> Inputs:
    """What format 1.1 adds to an item's page: pledges, groups, and the modules a module is linked to."""
    if section == "roles":
        variants = [hb.modules[vid] for mid in hb.roles[id_].training for vid in hb.variants.get(mid, [])]
        return (*(hb.pledges[pid] for pid in hb.pledges_of_role.get(id_, [])), *variants)
    if section == "library":
        return tuple(hb.pledges[pid] for pid in hb.pledges_helped_by.get(id_, []))
    if section == "training":
        module = hb.modules[id_]
        linked = [*module.requires, *([module.variant_of] if module.variant_of else []),
                  *hb.variants.get(id_, []), *hb.required_by.get(id_, []),
                  *(vid for rid in hb.roles_taking.get(id_, []) for mid in hb.roles[rid].training
                    for vid in hb.variants.get(mid, []))]
        return tuple(hb.modules[mid] for mid in linked)
    return ()


def inputs_of(hb: Handbook, section: str, id_: str) -> Inputs:
    """Every item whose text or links the page of one item shows."""
    return _inputs_of(hb, section, id_) + _more_inputs(hb, section, id_)


def _inputs_of(hb: Handbook, section: str, id_: str) -> Inputs:
    fw = hb.framework
    if section == "pledges":
        pledge = hb.pledges[id_]
        delivering = [*pledge.roles, *(rid for gid in pledge.groups for rid in hb.roles_in_group.get(gid, []))]
        return (fw, pledge, *(hb.roles[rid] for rid in delivering), *(hb.competencies[c] for c in pledge.competencies),
                *(hb.values[vid] for cid in pledge.competencies for vid in hb.competencies[cid].values))
    if section == "roles":
        role = hb.roles[id_]
        competencies = [hb.competencies[need.competency] for need in hb.needs[id_]]
        values = sorted({vid for competency in competencies for vid in competency.values})
        boss = [hb.roles[role.reports_to]] if role.reports_to else []
        return (fw, role, *competencies, *(hb.values[vid] for vid in values), *(hb.modules[m] for m in role.training),
                *boss, *(hb.roles[rid] for rid in hb.reporting_to.get(id_, [])))
    if section == "library":
        competency = hb.competencies[id_]
        return (fw, competency, *(hb.values[vid] for vid in competency.values),
                *(hb.roles[rid] for rid, _ in hb.roles_needing.get(id_, [])),
                *(hb.modules[mid] for mid in hb.modules_developing.get(id_, [])))
    if section == "values":
        return (fw, hb.values[id_], *(hb.competencies[cid] for cid in hb.competencies_expressing.get(id_, [])))
    module = hb.modules[id_]
    return (fw, module, *(hb.competencies[cid] for cid in module.develops),
            *(hb.roles[rid] for rid in hb.roles_taking.get(id_, [])))
