"""The roles in reporting order: each top role, then the roles that report to it, depth first.

The roles index, its split pages and the home page's role finder list roles this way, so a
reader finds their role under the role they report to rather than somewhere in the alphabet.
"""

from __future__ import annotations

from ..data.link import Handbook


def reporting_order(handbook: Handbook) -> list[tuple[str, int]]:
    """Every role once, with its depth below a top role (0 for a role that reports to nobody).

    The data stage refuses reporting cycles; a role left over all the same is listed at the top.
    """
    order: list[tuple[str, int]] = []
    seen: set[str] = set()

    def visit(rid: str, depth: int) -> None:
        stack = [(rid, depth)]
        while stack:
            current, level = stack.pop()
            if current in seen:
                continue
            seen.add(current)
            order.append((current, level))
            stack.extend((child, level + 1) for child in reversed(handbook.reporting_to.get(current, [])))

    for rid, role in handbook.roles.items():
        if not role.reports_to or role.reports_to not in handbook.roles:
            visit(rid, 0)
    for rid in handbook.roles:
        visit(rid, 0)
    return order
