"""How a role grows: what the next level of a competency adds, and what the role above asks for more.

Plain data worked out from the linked handbook, so that templates only lay it out.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..data.link import Handbook


def next_level(handbook: Handbook, competency: str, level: int) -> int | None:
    """The first level above `level` at which the competency describes behaviours, if any.

    A competency need not describe every level; skipping the undescribed ones means the reader
    always sees behaviours, never an empty step.
    """
    described = handbook.behaviours[competency]
    return next((number for number in range(level + 1, len(handbook.levels) + 1) if number in described), None)


@dataclass(frozen=True)
class Step:
    """One competency on the way from a role to the role it reports to."""

    competency: str
    now: int | None  # the level the role needs today; None when it does not need the competency
    then: int  # the level the next role needs
    adds: list[int]  # the levels whose behaviours change: those described above `now` up to `then`,
    # or only `then` for a competency the role does not need yet


@dataclass(frozen=True)
class Growth:
    """From a role to the role it reports to."""

    role: str
    target: str
    steps: list[Step]  # where the next role asks for more, in the next role's profile order
    kept: list[tuple[str, int]]  # competencies the role already has at the level the next role needs
    training: list[str]  # the next role's training that the role's own path does not include


def growth(handbook: Handbook, role: str) -> Growth | None:
    """The step from `role` to the role it reports to, or None for a role that reports to no one."""
    target = handbook.roles[role].reports_to
    if target is None:
        return None
    now = {need.competency: need.level for need in handbook.needs[role]}
    steps, kept = [], []
    for need in handbook.needs[target]:
        current = now.get(need.competency)
        if current is not None and current >= need.level:
            kept.append((need.competency, current))
            continue
        adds = [need.level] if current is None else [
            level for level in range(current + 1, need.level + 1) if level in handbook.behaviours[need.competency]]
        steps.append(Step(need.competency, current, need.level, adds))
    own = set(handbook.roles[role].training)
    training = [mid for mid in handbook.roles[target].training if mid not in own]
    return Growth(role, target, steps, kept, training)
