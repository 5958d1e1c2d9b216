"""Which items are due for review: a `reviewed` date older than framework.yml's `review_every_months`.

This depends on the day it is asked, so it is never an error: the checks list it and the pages show it.
"""

from __future__ import annotations

import datetime
import os

from .link import Handbook
from .model import KINDS
from .problems import Problem


def today() -> datetime.date:
    """The day the build stands for: SOURCE_DATE_EPOCH when set (reproducible builds), else today (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date()
    return datetime.datetime.now(datetime.timezone.utc).date()


def due_date(reviewed: datetime.date, months: int) -> datetime.date:
    """`months` after `reviewed`, on the same day of the month or the month's last day."""
    total = reviewed.year * 12 + reviewed.month - 1 + months
    year, month = divmod(total, 12)
    for day in range(reviewed.day, 27, -1):
        try:
            return datetime.date(year, month + 1, day)
        except ValueError:
            continue
    return datetime.date(year, month + 1, min(reviewed.day, 28))


def is_due(handbook: Handbook, reviewed: datetime.date | None, on: datetime.date) -> bool:
    months = handbook.framework.review_every_months
    return months is not None and reviewed is not None and due_date(reviewed, months) <= on


def due_for_review(handbook: Handbook, on: datetime.date) -> list[Problem]:
    """One notice per item whose last review is older than the framework asks, at its `reviewed` line."""
    months = handbook.framework.review_every_months
    if months is None:
        return []
    found = []
    for folder in KINDS:
        for id_, item in handbook.items(folder).items():
            reviewed = getattr(item, "reviewed", None)
            if reviewed is not None and due_date(reviewed, months) <= on:
                path = handbook.files[folder, id_]
                line, column = _place_of(path, "reviewed")
                found.append(Problem(path, line, column,
                                     f"reviewed: last reviewed on {reviewed.isoformat()}, and reviews are due every "
                                     f"{months} months (since {due_date(reviewed, months).isoformat()})",
                                     "review the item, then set reviewed: to the day of the review"))
    return found


def _place_of(path: os.PathLike[str] | str, key: str) -> tuple[int, int]:
    """Line and column of a top-level key's value, for a notice not worth parsing the file again for."""
    try:
        with open(path, encoding="utf-8-sig") as file:
            for number, line in enumerate(file, 1):
                if line.startswith(f"{key}:"):
                    value = line[len(key) + 1:]
                    return number, len(key) + 2 + len(value) - len(value.lstrip())
    except OSError:
        pass
    return 1, 1
