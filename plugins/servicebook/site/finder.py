"""A role finder for any hand-written page: type a role's name, or a word of it, and open its page in one step.

A site places it with the comment `<!-- servicebook:role-finder -->` (the handbook's home page
does). Without JavaScript the form stays hidden and the page's own links remain.
"""

from __future__ import annotations

import html
import posixpath

from ..data.link import Handbook
from .pages import page_path
from .qr import page_url
from .tree import reporting_order

MARKER = "<!-- servicebook:role-finder -->"


def role_finder(handbook: Handbook, here: str, *, directory_urls: bool) -> str:
    """The finder as an HTML block, its links relative to the page `here` (a docs path such as `index.md`)."""
    address = page_url(here, directory_urls=directory_urls)
    folder = address.rsplit("/", 1)[0] if "/" in address else ""
    options = []
    for rid, _ in reporting_order(handbook):
        target = page_url(page_path("roles", rid), directory_urls=directory_urls)
        href = posixpath.relpath(target, folder or ".") + ("/" if target.endswith("/") else "")
        options.append(f'<option value="{html.escape(handbook.roles[rid].name)}" data-href="{html.escape(href)}">'
                       "</option>")
    return "\n".join([
        '<form class="sb-role-finder" data-search-exclude hidden'
        ' data-missing="No role has that name: pick one from the list as you type.">',
        '<label for="sb-role-finder">Go to your role</label>',
        '<span class="sb-role-finder__row">',
        '<input id="sb-role-finder" type="text" list="sb-role-finder-names" autocomplete="off"'
        ' placeholder="Start typing your role\'s name">',
        '<button type="submit" class="md-button">Open</button>',
        "</span>",
        '<datalist id="sb-role-finder-names">', *options, "</datalist>",
        '<span class="sb-status" role="status" aria-live="polite"></span>',
        "</form>",
    ])
