"""Rewrite the field reference in content/about/data-format.md from the Pydantic models.

Run after changing a model; tests/test_docs.py fails while the page is out of date.
"""

from __future__ import annotations

import sys
from pathlib import Path

from servicebook.tools.reference import markdown_reference

PAGE = Path(__file__).resolve().parent.parent / "content" / "about" / "data-format.md"
START, END = "<!-- field-reference:start -->", "<!-- field-reference:end -->"


def updated(text: str) -> str:
    """The page with the part between the markers replaced by the current reference."""
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n\n{markdown_reference()}\n{END}{tail}"


def main() -> int:
    PAGE.write_text(updated(PAGE.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"updated {PAGE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
