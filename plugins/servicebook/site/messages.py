"""The package's own words in every language: gettext catalogues read from PO files at run time.

Every word the templates, the check-in script and the page helpers write is an English `msgid`
looked up here. The package ships `locale/<lang>.po` (no compiled `.mo`: Babel reads the PO and
compiles it in memory), and a site may keep its own `<lang>.po` files in a folder of overrides:
an entry there wins over the package's, so a site can reword a heading or add a language we do
not ship. A language we know nothing of gets the English words.
"""

from __future__ import annotations

import gettext
import io
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from ..data import catalogue
from ..data.problems import DataError, Problem

DOMAIN = "servicebook"
SOURCE_LANGUAGE = "en"  # the language of every msgid
_OWN_NAMES = {"en": "English", "zh-Hant": "中文（繁體）", "zh-Hans": "中文（简体）", "cy": "Cymraeg"}


def N_(message: str) -> str:  # noqa: N802 (gettext's own name for "mark, do not translate yet")
    """Marks a message for extraction where it is defined; it is translated where it is shown."""
    return message


# The menu `servicebook init` writes into mkdocs.yml: a new site's navigation comes translated
# (the plugin looks every nav title up in the build's words; see tools/init.py's NAV).
NAV_TITLES = (N_("Home"), N_("Using the handbook"), N_("As staff"), N_("Running a check-in"), N_("As a trainer"),
              N_("As an HR editor"), N_("Summarising check-ins"), N_("As a site owner"), N_("As a translator"),
              N_("Roles"), N_("Growth paths"), N_("Competency library"), N_("Service values"), N_("Training"),
              N_("Staff groups"), N_("Service pledges"), N_("Matrix"), N_("Clusters and values"),
              N_("Workshop links"), N_("About the framework"), N_("The data format"))

# The title of the ¶ link beside each heading (Python-Markdown's toc), in the pages' language.
PERMALINK_TITLE = N_("Permanent link")


def chain(language: str) -> list[str]:
    """The tags to look for, most specific first: `zh-Hant-HK` → `zh-Hant-HK`, `zh-Hant`, `zh`."""
    parts = language.split("-")
    return ["-".join(parts[:end]) for end in range(len(parts), 0, -1)]


def load(language: str, overrides: Path | None = None) -> gettext.NullTranslations:
    """The translations of the package's words into `language` (a BCP 47 tag), a site's own first.

    Lookup falls back through the tag's parents; what no catalogue translates stays English.
    Fuzzy and empty entries are ignored. A site's catalogue that cannot be read raises a
    `DataError` located in that file; the package's own are tested and trusted.
    """
    files = tuple(_files(language, overrides))
    return _load(language, tuple((path, trusted, path.stat().st_mtime_ns) for path, trusted in files))


def _files(language: str, overrides: Path | None) -> list[tuple[Path, bool]]:
    """The catalogues that apply, highest priority first: for each tag, the site's then the package's."""
    shipped = Path(str(resources.files("servicebook.site").joinpath("locale")))
    found = []
    for tag in chain(language):
        if overrides is not None and (overrides / f"{tag}.po").is_file():
            found.append((overrides / f"{tag}.po", False))
        if (shipped / f"{tag}.po").is_file():
            found.append((shipped / f"{tag}.po", True))
    return found


@lru_cache(maxsize=32)
def _load(language: str, files: tuple[tuple[Path, bool, int], ...]) -> gettext.NullTranslations:
    """Cached per language and per catalogue file and modification time (`mkdocs serve` sees an edit)."""
    if not files:
        return gettext.NullTranslations()
    chosen: dict[str, Any] = {}
    for path, trusted, _ in reversed(files):  # lowest priority first: later entries replace earlier ones
        for message in _read(path, trusted):
            chosen[message.id if isinstance(message.id, str) else message.id[0]] = message
    merged = Catalog(locale=_locale(language) or _locale(SOURCE_LANGUAGE), domain=DOMAIN)
    for message in chosen.values():  # Babel's catalogue merges a repeated entry into the first: add each once
        merged[message.id] = message
    buffer = io.BytesIO()
    write_mo(buffer, merged)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def _read(path: Path, trusted: bool) -> list[Any]:
    """The translated, not fuzzy, entries of one catalogue; a site's catalogue is checked first."""
    if not trusted:
        problems = catalogue.read(path).problems  # size, encoding and syntax, each at its line
        if problems:
            raise DataError(problems)
    with path.open("rb") as stream:
        try:
            parsed = read_po(stream, locale=None, domain=DOMAIN, ignore_obsolete=True, abort_invalid=True)
        except Exception as error:  # Babel's own errors carry no common base beyond this
            raise DataError([Problem(path, getattr(error, "lineno", 0) + 1, 1,
                                     f"the catalogue cannot be read here: {error}",
                                     "check the entry's keywords: msgid, then msgstr; a PO editor shows the fault")]
                            ) from None
    kept = [message for message in parsed if message.id and not message.fuzzy and _translated(message.string)]
    if not trusted:
        problems = [problem for message in kept if (problem := _placeholders(path, message) or _markup(path, message))]
        if problems:
            raise DataError(problems)
    return kept


def _markup(path: Path, message: Any) -> Problem | None:
    """A site's words are text: a tag in one would reach a page's title and menu as markup."""
    strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
    if any("<" in string or ">" in string for string in strings):
        return Problem(path, message.lineno or 1, 1, "the translation contains < or >, which the site's words may not",
                       "write the words without tags; the page sets their style")
    return None


def _translated(string: Any) -> bool:
    return all(string) if isinstance(string, tuple | list) else bool(string)


def _placeholders(path: Path, message: Any) -> Problem | None:
    """A translation may only use the `%(name)s` values its message has: any other would stop the page."""
    sources = message.id if isinstance(message.id, tuple | list) else (message.id,)
    strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
    allowed = {name for source in sources for name in _names(source)} | {"num"}
    for string in strings:
        try:
            used = _names(string)
        except ValueError:
            return Problem(path, message.lineno or 1, 1, "the translation has a % that is not a value's place",
                           "write %% for a percent sign, and %(name)s only for the values the English text has")
        unknown = sorted(used - allowed)
        if unknown:
            return Problem(path, message.lineno or 1, 1,
                           f"the translation uses {', '.join(f'%({name})s' for name in unknown)}, "
                           "which the English text does not have",
                           "use only the %(…)s values of the msgid, spelt as there")
    return None


def _names(text: str) -> set[str]:
    """The `%(name)s` values a message uses; ValueError for a lone % (which would stop the page)."""

    class Names(dict[str, str]):
        def __missing__(self, key: str) -> str:
            self[key] = ""
            return ""

    names = Names()
    try:
        text % names
    except (ValueError, TypeError) as error:
        raise ValueError(str(error)) from None
    return set(names)


def _locale(tag: str) -> Locale | None:
    try:
        return Locale.parse(tag, sep="-")
    except (UnknownLocaleError, ValueError, TypeError):
        return None


def language_name(tag: str) -> str:
    """The language's own name, for a language switcher: English, 中文（繁體）, Cymraeg, or Babel's name."""
    if tag in _OWN_NAMES:
        return _OWN_NAMES[tag]
    locale = _locale(tag)
    name = locale.get_display_name(locale) if locale is not None else None
    return (name[:1].upper() + name[1:]) if name else tag


def name_in(tag: str, language: str) -> str:
    """The name of the language `tag` in `language` (Saesneg, 英文), for a sentence on a page."""
    locale, where = _locale(tag), _locale(language)
    name = locale.get_display_name(where) if locale is not None and where is not None else None
    return name or language_name(tag)
