"""What a preview (`mkdocs serve`) tells the editor about the saved data, in every served page.

The status is a small JSON file that the preview script reads after each build; the pages
themselves stay the last good ones.
"""

from __future__ import annotations

import json
from importlib import resources

TITLE = "The handbook data has problems. These pages are the last good ones until they are fixed:"
HINT = "Fix each file at the line named, save it, and this page reloads without this message."


def preview_script() -> str:
    return resources.files("servicebook.site").joinpath("assets", "preview.js").read_text(encoding="utf-8")


def preview_status(problems: list[str]) -> str:
    """The status file: the problems as plain text (the script shows them as text, never as markup)."""
    return json.dumps({"title": TITLE, "problems": problems, "hint": HINT}, ensure_ascii=False, indent=1) + "\n"
