"""Extract the package's own words into servicebook.pot and bring every locale/<lang>.po in line with it.

Run after changing a word in a template or in site/*.py; tests/test_messages.py fails while the
template is out of date or a shipped catalogue misses a message. `--new LANG` starts a catalogue.
The output is byte-stable: no dates, no line numbers, entries sorted, so only real changes show
in a diff.
"""

from __future__ import annotations

import argparse
import datetime
import io
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

SITE = Path(__file__).resolve().parent.parent / "plugins" / "servicebook" / "site"
LOCALE = SITE / "locale"
TEMPLATE = LOCALE / "servicebook.pot"
METHODS = [("templates/**.j2", "jinja2.ext:babel_extract"), ("**.py", "python")]
OPTIONS = {"templates/**.j2": {"extensions": "jinja2.ext.i18n", "newstyle_gettext": "true",
                               "trim_blocks": "true", "lstrip_blocks": "true"}}
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}
HEADER = "# The servicebook package's own words: headings, labels and messages of the pages it writes.\n#"
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
_DATES = re.compile(rb'^"(POT-Creation-Date|PO-Revision-Date|Generated-By): .*"\n', re.M)


def template() -> Catalog:
    """Every message of the templates and of site/*.py, with the files it is used in."""
    catalog = Catalog(header_comment=HEADER, project="servicebook", domain="servicebook", fuzzy=False)
    for filename, _line, message, comments, context in extract_from_dir(
            SITE, METHODS, OPTIONS, KEYWORDS, comment_tags=("Translators:",), strip_comment_tags=True):
        catalog.add(message, None, [(f"site/{filename}", 0)], auto_comments=comments, context=context)
    return catalog


def render(catalog: Catalog) -> bytes:
    """A catalogue as PO bytes that do not change unless its messages do."""
    catalog.creation_date = catalog.revision_date = EPOCH  # and then left out: see _DATES
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, sort_output=True, ignore_obsolete=True, include_lineno=False)
    return _DATES.sub(b"", buffer.getvalue())


def updated(path: Path, template: Catalog) -> bytes:
    """A language's catalogue with new messages added empty, and messages no longer used dropped."""
    language = path.stem
    if path.is_file():
        with path.open("rb") as stream:
            catalog = read_po(stream, locale=language.replace("-", "_"), domain="servicebook")
    else:
        catalog = Catalog(locale=language.replace("-", "_"), domain="servicebook", header_comment=HEADER,
                          project="servicebook", fuzzy=False)
    catalog.update(template, no_fuzzy_matching=True, update_creation_date=False)
    catalog.language_team, catalog.last_translator = language, "servicebook maintainers"
    return render(catalog)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--new", metavar="LANG", action="append", default=[], help="start a catalogue for LANG")
    args = parser.parse_args(argv)
    pot = template()
    TEMPLATE.write_bytes(render(pot))
    paths = sorted(LOCALE.glob("*.po")) + [LOCALE / f"{language}.po" for language in args.new]
    for path in paths:
        path.write_bytes(updated(path, template()))
        print(f"updated {path.relative_to(SITE.parent.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
