"""What changed between two versions of the framework, in plain words and Markdown for a pull request."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..data.link import Handbook
from ..data.load import load_sources
from ..data.markup import escape_plain
from ..data.model import KINDS
from ..data.placeholders import find as find_placeholders

SECTIONS = [("roles", "Roles", "roles"), ("competencies", "Competencies", "library"), ("values", "Values", "values"),
            ("modules", "Training modules", "training"), ("pledges", "Service pledges", "pledges")]
# Fields reported in detail, so not again among "also changed".
DETAILED = {"name", "aliases", "competencies", "levels", "watch_for", "we_do", "we_avoid", "group", "measures"}


# Fields that hold ids of other items, and the handbook attribute those items are in.
REFERENCES = {"develops": "competencies", "values": "values", "training": "modules", "reports_to": "roles"}
SHORT = 160  # text up to this long is quoted in full when it changes


def _q(text: str) -> str:
    return f"“{escape_plain(text)}”"


def _sentence(text: str) -> str:
    """End with one full stop: a quotation that ends with its own stop gets no second one."""
    return text if text.endswith((".”", "!”", "?”", ".")) else f"{text}."


def _items(handbook: Handbook | None, attribute: str) -> dict[str, Any]:
    return dict(getattr(handbook, attribute)) if handbook is not None else {}


def describe(before: Handbook | None, after: Handbook) -> str:
    """Markdown listing every change a reviewer cares about; empty when the framework is the same."""
    parts = []
    for attribute, title, _ in SECTIONS:
        lines = list(_section(before, after, attribute))
        if lines:
            parts.append(f"### {title}\n\n" + "\n".join(lines))
    framework = list(_framework(before, after))
    if framework:
        parts.insert(0, "### Framework\n\n" + "\n".join(framework))
    return "## What changed in the framework\n\n" + "\n\n".join(parts) + "\n" if parts else ""


def _renamed(before: Handbook | None, after: Handbook, attribute: str) -> dict[str, str]:
    """Old id → new id of the items of one kind renamed between the two versions."""
    old, new = _items(before, attribute), _items(after, attribute)
    return {alias: id_ for id_ in new.keys() - old.keys() for alias in new[id_].aliases if alias in old}


def _section(before: Handbook | None, after: Handbook, attribute: str) -> Iterable[str]:
    old, new = _items(before, attribute), _items(after, attribute)
    renamed = _renamed(before, after, attribute)
    for id_ in sorted(new.keys() - old.keys() - set(renamed.values()), key=lambda i: new[i].name.casefold()):
        yield f"- Added **{escape_plain(new[id_].name)}** (`{id_}`)."
    for id_ in sorted(old.keys() - new.keys() - renamed.keys(), key=lambda i: old[i].name.casefold()):
        yield f"- Removed **{escape_plain(old[id_].name)}** (`{id_}`)."
    for old_id, new_id in sorted(renamed.items()):
        yield f"- Renamed `{old_id}` to `{new_id}` (**{escape_plain(new[new_id].name)}**); the old address forwards."
    pairs = [(id_, id_) for id_ in new if id_ in old] + [(o, n) for o, n in sorted(renamed.items())]
    for old_id, new_id in pairs:
        details = list(_item_changes(before, after, attribute, old[old_id], new[new_id], new_id))
        if details:
            yield f"- **{escape_plain(new[new_id].name)}**:\n" + "\n".join(f"  - {line}" for line in details)


def _item_changes(before: Handbook | None, after: Handbook, attribute: str, old: Any, new: Any,
                  new_id: str) -> Iterable[str]:
    assert before is not None
    if old.name != new.name:
        yield _sentence(f"name changed from {_q(old.name)} to {_q(new.name)}")
    if attribute == "roles":
        yield from _profile(before, after, old, new, new_id)
        yield from _group_move(before, after, old, new)
    if attribute == "pledges":
        yield from _measures(old.measures, new.measures)
    if attribute == "competencies":
        old_levels = {n: list(b) for n, b in before.behaviours.get(_id_of(before, old), {}).items()}
        new_levels = after.behaviours[new_id]
        for number in sorted(old_levels.keys() | new_levels.keys()):
            yield from _behaviours(f"level {after.level_label(number) if number <= len(after.levels) else number}",
                                   old_levels.get(number, []), new_levels.get(number, []))
        yield from _behaviours("what to watch for", old.watch_for, new.watch_for)
    if attribute == "values":
        yield from _behaviours("we do", old.we_do, new.we_do)
        yield from _behaviours("we avoid", old.we_avoid, new.we_avoid)
    for field in type(new).model_fields:
        if field not in DETAILED and getattr(old, field) != getattr(new, field):
            if field in REFERENCES:
                yield from _references(before, after, field, getattr(old, field), getattr(new, field))
            else:
                yield from _field(field, getattr(old, field), getattr(new, field))


def _field(field: str, old: Any, new: Any) -> Iterable[str]:
    """A changed field other than behaviours and references, quoted when it is short enough to read."""
    words = field.replace("_", " ")
    if isinstance(old, list) or isinstance(new, list):
        yield from _behaviours(words, list(old or []), list(new or []))
        return
    old_text, new_text = (str(value) if value is not None else None for value in (old, new))
    if old_text is None and new_text is not None:
        yield _sentence(f"{words} added: {_q(new_text)}" if len(new_text) <= SHORT else f"{words} added")
    elif new_text is None:
        yield f"{words} removed."
    elif old_text is not None and max(len(old_text), len(new_text)) <= SHORT and "\n" not in old_text + new_text:
        yield _sentence(f"{words} changed from {_q(old_text)} to {_q(new_text)}")
    else:
        yield f"{words} rewritten."


def _references(before: Handbook, after: Handbook, field: str, old: Any, new: Any) -> Iterable[str]:
    """Ids added, removed, reordered, or rewritten because what they name was renamed."""
    attribute = REFERENCES[field]
    renamed = _renamed(before, after, attribute)
    was = [old] if isinstance(old, str) else list(old or [])
    now = [new] if isinstance(new, str) else list(new or [])
    words = field.replace("_", " ")
    for old_id in was:
        if old_id in renamed and renamed[old_id] in now:
            yield (f"{words}: `{old_id}` is now written `{renamed[old_id]}`, its new id (a side effect of the "
                   "rename).")
    mapped = [renamed.get(id_, id_) for id_ in was]
    added = [id_ for id_ in now if id_ not in mapped]
    removed = [id_ for id_ in mapped if id_ not in now]

    def named(ids: list[str], handbook: Handbook) -> str:
        items = getattr(handbook, attribute)
        return ", ".join(f"**{escape_plain(items[i].name)}**" if i in items else f"`{i}`" for i in ids)

    if added:
        yield f"{words}: now {'also ' if mapped else ''}{named(added, after)}."
    if removed:
        yield f"{words}: no longer {named(removed, before)}."
    if not added and not removed and mapped != now:
        yield f"{words}: order changed to {named(now, after)}."


def _group_name(handbook: Handbook, gid: str) -> str:
    return _q(handbook.groups[gid].name) if gid in handbook.groups else f"`{gid}`"


def _group_move(before: Handbook, after: Handbook, old: Any, new: Any) -> Iterable[str]:
    """A role that joins, leaves or changes its staff group (format 1.1)."""
    if old.group == new.group:
        return
    name = escape_plain(new.name)
    if new.group is None:
        yield f"{name} is no longer in a staff group (was {_group_name(before, old.group)})."
    elif old.group is None:
        yield f"{name} moved to the group {_group_name(after, new.group)}."
    else:
        was, now = _group_name(before, old.group), _group_name(after, new.group)
        yield f"{name} moved from the group {was} to the group {now}."


def _measures(old: list[Any], new: list[Any]) -> Iterable[str]:
    """A pledge's measures, matched by what they count: targets changed, measures added or removed."""
    was = {entry.measure: entry.target for entry in old}
    now = {entry.measure: entry.target for entry in new}
    for measure, target in now.items():
        if measure not in was:
            yield f"measure added: {_q(measure)}, target {_q(target)}."
        elif was[measure] != target:
            yield f"{_q(measure)}: pledge target changed from {escape_plain(was[measure])} to {escape_plain(target)}."
    for measure in was.keys() - now.keys():
        yield f"measure removed: {_q(measure)}."


def _id_of(handbook: Handbook, item: Any) -> str:
    return next(id_ for id_, other in handbook.competencies.items() if other is item)


def _profile(before: Handbook, after: Handbook, old: Any, new: Any, new_id: str) -> Iterable[str]:
    old_id = next(id_ for id_, role in before.roles.items() if role is old)
    was = {need.competency: need.level for need in before.needs[old_id]}
    now = {need.competency: need.level for need in after.needs[new_id]}
    moved = {alias: id_ for id_ in now for alias in after.competencies[id_].aliases if alias in was}
    was = {moved.get(cid, cid): level for cid, level in was.items()}
    for cid in now:
        name = escape_plain(after.competencies[cid].name)
        if cid not in was:
            yield f"{name}: now needed at {after.level_label(now[cid])}."
        elif now[cid] != was[cid]:
            verb = "raised" if now[cid] > was[cid] else "lowered"
            yield f"{name}: {verb} from {before.level_label(was[cid])} to {after.level_label(now[cid])}."
    for cid in sorted(was.keys() - now.keys()):
        name = before.competencies[cid].name if cid in before.competencies else cid
        yield f"{escape_plain(name)}: no longer needed (was {before.level_label(was[cid])})."


def _behaviours(where: str, old: list[str], new: list[str]) -> Iterable[str]:
    """Added, removed and reworded lines; a removed and an added line that are alike count as reworded."""
    removed = [line for line in old if line not in new]
    added = [line for line in new if line not in old]
    for line in list(removed):
        close = difflib.get_close_matches(line, added, n=1, cutoff=0.5)
        if close:
            removed.remove(line)
            added.remove(close[0])
            yield _sentence(f"{where}: reworded {_q(line)} to {_q(close[0])}")
    for line in added:
        yield _sentence(f"{where}: added {_q(line)}")
    for line in removed:
        yield _sentence(f"{where}: removed {_q(line)}")


def _framework(before: Handbook | None, after: Handbook) -> Iterable[str]:
    if before is None:
        yield "- The framework was created."
        return
    old_levels = [level.name for level in before.levels]
    new_levels = [level.name for level in after.levels]
    if old_levels != new_levels:
        yield f"- Levels changed from {', '.join(old_levels)} to {', '.join(new_levels)}."
    old_clusters = {c.id: c.name for c in before.framework.clusters}
    new_clusters = {c.id: c.name for c in after.framework.clusters}
    for cid in sorted(new_clusters.keys() - old_clusters.keys()):
        yield f"- Cluster added: **{escape_plain(new_clusters[cid])}**."
    for cid in sorted(old_clusters.keys() - new_clusters.keys()):
        yield f"- Cluster removed: **{escape_plain(old_clusters[cid])}**."
    old_groups = {g.id: g.name for g in before.framework.groups}
    new_groups = {g.id: g.name for g in after.framework.groups}
    for gid in [g for g in new_groups if g not in old_groups]:
        yield f"- Staff group added: **{escape_plain(new_groups[gid])}** (`{gid}`)."
    for gid in [g for g in old_groups if g not in new_groups]:
        yield f"- Staff group removed: **{escape_plain(old_groups[gid])}** (`{gid}`)."
    for gid in [g for g in new_groups if g in old_groups and old_groups[g] != new_groups[g]]:
        yield f"- Staff group `{gid}` renamed from {_q(old_groups[gid])} to {_q(new_groups[gid])}."
    if before.framework.review_every_months != after.framework.review_every_months:
        months = after.framework.review_every_months
        yield (f"- Reviews are now due every {months} months." if months else "- Reviews no longer fall due.")


def still_to_write(root: Path, shown: Path | None = None) -> str:
    """The files that still hold placeholders from `servicebook new`: the site will not build until they are filled."""
    loaded = load_sources(root)
    lines = []
    for kind in KINDS:
        for _, source in sorted(loaded.sources[kind].items()):
            count = len(find_placeholders(source))
            if count:
                lines.append(f"- `{kind}/{source.path.name}`: {count} placeholder{'s' if count != 1 else ''} (TODO) "
                             "still to replace; the site will not build until "
                             f"{'they are' if count != 1 else 'it is'} replaced.")
    return "### Still to write\n\n" + "\n".join(lines) + "\n" if lines else ""
