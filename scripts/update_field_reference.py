"""Rewrite the field reference in content/about/data-format.md from the Pydantic models.

Run after changing a model; tests/test_docs.py fails while the page is out of date.
"""

from __future__ import annotations

import sys
from pathlib import Path

from servicebook.tools.checkins import format_reference
from servicebook.tools.reference import markdown_reference

PAGE = Path(__file__).resolve().parent.parent / "content" / "about" / "data-format.md"
START, END = "<!-- field-reference:start -->", "<!-- field-reference:end -->"
CHECKIN_PAGE = PAGE.parent.parent / "guide" / "check-ins.md"  # the check-in file's fields
CHECKIN_START, CHECKIN_END = "<!-- checkin-format:start -->", "<!-- checkin-format:end -->"


def updated(text: str, start: str = START, end: str = END, reference: str | None = None) -> str:
    """The page with the part between the markers replaced by the current reference."""
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{start}\n\n{markdown_reference() if reference is None else reference}\n{end}{tail}"


def updated_checkin(text: str) -> str:
    return updated(text, CHECKIN_START, CHECKIN_END, format_reference())


def main() -> int:
    PAGE.write_text(updated(PAGE.read_text(encoding="utf-8")), encoding="utf-8")
    CHECKIN_PAGE.write_text(updated_checkin(CHECKIN_PAGE.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"updated {PAGE} and {CHECKIN_PAGE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
