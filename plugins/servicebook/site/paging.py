"""How long content is cut into pages a phone can show: the matrix, the roles index, the workshop links.

Below a threshold everything stays on one page; above it an overview page links to pages of a
fixed number of rows, so that no page grows with the size of the organisation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..data.link import Handbook
from .messages import N_

MATRIX_ROLES = 100  # rows per matrix table: above this many roles the matrix spreads over several pages
LIST_ROWS = 200  # rows per page of the roles index and of each workshop list, for the same reason


@dataclass(frozen=True)
class Group:
    """Competencies shown together in the library and the matrix: a cluster, or the unclustered rest."""

    name: str
    anchor: str
    summary: str | None
    competencies: list[str]


OTHER = N_("Other competencies")  # the unclustered rest, beside clusters
ALL = N_("All competencies")  # the unclustered rest, when there are no clusters


def groups_of(handbook: Handbook, translate: Callable[[str], str] = str) -> list[Group]:
    """The clusters in framework order, then the competencies in none; `translate` gives the rest its name."""
    clusters = handbook.framework.clusters
    groups = [Group(cluster.name, f"cluster-{cluster.id}", cluster.summary,
                    [cid for cid, competency in handbook.competencies.items() if competency.cluster == cluster.id])
              for cluster in clusters]
    rest = [cid for cid, competency in handbook.competencies.items() if competency.cluster is None]
    if rest:
        groups.append(Group(translate(OTHER if clusters else ALL), "cluster-none", None, rest))
    return groups


def by_group(handbook: Handbook) -> list[str]:
    """The roles in display order, those of each staff group together in the order framework.yml gives the groups
    (roles in no group last); with no groups (format 1.0), simply the display order."""
    rank = {gid: number for number, gid in enumerate(handbook.groups)}
    return sorted(handbook.roles, key=lambda rid: rank.get(handbook.roles[rid].group or "", len(rank)))


@dataclass(frozen=True)
class MatrixPart:
    """One table of the matrix: a cluster's competencies against a run of the roles that need them."""

    group: Group
    roles: list[str]
    path: str
    number: int
    of: int


def matrix_parts(handbook: Handbook, translate: Callable[[str], str] = str) -> list[MatrixPart]:
    """The matrix, cut into tables a phone can show: one per cluster, at most MATRIX_ROLES rows each.

    A small handbook has the whole matrix on one page; a large one has an overview page and a
    page per table, so no page grows with the number of roles times competencies.
    """
    levels = {rid: {need.competency for need in needs} for rid, needs in handbook.needs.items()}
    single = len(handbook.roles) <= MATRIX_ROLES
    parts = []
    for group in groups_of(handbook, translate):
        cids = set(group.competencies)
        rows = [rid for rid in by_group(handbook) if levels[rid] & cids]
        chunks = [rows[start:start + MATRIX_ROLES] for start in range(0, len(rows), MATRIX_ROLES)] or [[]]
        for number, chunk in enumerate(chunks, 1):
            path = "matrix.md" if single else f"matrix/{group.anchor}-{number}.md"
            parts.append(MatrixPart(group, chunk, path, number, len(chunks)))
    return parts


@dataclass(frozen=True)
class ListPart:
    """A run of one section's items on a page of a long list (roles index, workshop links)."""

    ids: list[str]
    path: str
    stem: str
    number: int
    of: int


def list_parts(ids: list[str], home: str, stem: str) -> list[ListPart]:
    """One part at `home` for a short list; pages `<stem><n>.md` of LIST_ROWS items for a long one.

    Ids never start with a digit, so `roles/2.md` cannot be a role's page.
    """
    if len(ids) <= LIST_ROWS:
        return [ListPart(ids, home, stem, 1, 1)]
    chunks = [ids[start:start + LIST_ROWS] for start in range(0, len(ids), LIST_ROWS)]
    return [ListPart(chunk, f"{stem}{number}.md", stem, number, len(chunks)) for number, chunk in enumerate(chunks, 1)]
