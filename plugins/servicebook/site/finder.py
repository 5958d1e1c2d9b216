"""A role finder for any hand-written page: type a role's name, or a word of it, and open its page in one step.

A site places it with the comment `<!-- servicebook:role-finder -->` (the handbook's home page
does). Without JavaScript the form stays hidden and the page's own links remain.
"""

from __future__ import annotations

import gettext
import html
import posixpath

from ..data.link import Handbook
from .messages import N_
from .pages import page_path
from .qr import page_url
from .tree import reporting_order

MARKER = "<!-- servicebook:role-finder -->"
# The finder's words, in the site's language (see `role_finder`).
MISSING = N_("No role has that name: pick one from the list as you type.")
LABEL = N_("Go to your role")
PLACEHOLDER = N_("Start typing your role's name")
OPEN = N_("Open")


def role_finder(handbook: Handbook, here: str, *, directory_urls: bool,
                messages: gettext.NullTranslations | None = None) -> str:
    """The finder as an HTML block, its links relative to the page `here` (a docs path such as `index.md`).

    Its words are in the site's language, from `messages` (default: English).
    """
    words = messages or gettext.NullTranslations()

    def say(message: str) -> str:
        return html.escape(words.gettext(message), quote=True)

    address = page_url(here, directory_urls=directory_urls)
    folder = address.rsplit("/", 1)[0] if "/" in address else ""
    options = []
    for rid, _ in reporting_order(handbook):
        target = page_url(page_path("roles", rid), directory_urls=directory_urls)
        href = posixpath.relpath(target, folder or ".") + ("/" if target.endswith("/") else "")
        options.append(f'<option value="{html.escape(str(handbook.roles[rid].name))}" data-href="{html.escape(href)}">'
                       "</option>")
    return "\n".join([
        '<form class="sb-role-finder" data-search-exclude hidden'
        f' data-missing="{say(MISSING)}">',
        f'<label for="sb-role-finder">{say(LABEL)}</label>',
        '<span class="sb-role-finder__row">',
        '<input id="sb-role-finder" type="text" list="sb-role-finder-names" autocomplete="off"'
        f' placeholder="{say(PLACEHOLDER)}">',
        f'<button type="submit" class="md-button">{say(OPEN)}</button>',
        "</span>",
        '<datalist id="sb-role-finder-names">', *options, "</datalist>",
        '<span class="sb-status" role="status" aria-live="polite"></span>',
        "</form>",
    ])
