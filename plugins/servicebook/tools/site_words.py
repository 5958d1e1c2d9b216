"""The site's own words: mkdocs.yml's site name, description and navigation titles, one catalogue per language.

`translate update LANG` keeps `<docs_dir>/translations/<LANG>.po` in step with mkdocs.yml beside
the framework's catalogue, so a translator never types a title's `msgid` by hand. Titles the
package already translates into the language (the navigation `servicebook init` writes) are left
out: an entry for one is only needed to reword it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from babel.messages.pofile import escape, read_po

from ..data import catalogue
from ..data.problems import DataError, Problem
from ..site import messages

FOLDER = "translations"  # in the docs folder, as the plugin reads it (its messages_dir setting)


@dataclass(frozen=True)
class Updated:
    path: Path
    added: int
    changed: bool


class _Tolerant(yaml.SafeLoader):
    """mkdocs.yml as plain data: MkDocs' own tags (`!ENV`, `!relative`) read as nothing."""


_Tolerant.add_multi_constructor("!", lambda loader, suffix, node: None)
_Tolerant.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def _read(config: Path) -> dict[str, Any]:
    try:
        raw = yaml.load(config.read_text(encoding="utf-8"), Loader=_Tolerant)  # noqa: S506 (a safe loader)
    except (OSError, yaml.YAMLError) as error:
        raise DataError([Problem(config, 1, 1, f"mkdocs.yml cannot be read: {error}",
                                 "fix it so that mkdocs build reads it")]) from None
    return raw if isinstance(raw, dict) else {}


def publishes(config: Path, data_dir: Path) -> bool:
    """Whether the site of `config` is made from the framework in `data_dir` (its servicebook plugin's data_dir)."""
    options = _servicebook_options(_read(config))
    if options is None:
        return False
    return (config.parent / str(options.get("data_dir", "competencies"))).resolve() == data_dir.resolve()


def _servicebook_options(raw: dict[str, Any]) -> dict[str, Any] | None:
    plugins = raw.get("plugins") or []
    if isinstance(plugins, dict):
        plugins = [{name: options} for name, options in plugins.items()]
    for entry in plugins if isinstance(plugins, list) else []:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) and entry else (entry, None)
        if name == "servicebook":
            return options if isinstance(options, dict) else {}
    return None


def words_of(config: Path) -> tuple[list[str], Path]:
    """The site's words in mkdocs.yml, in the order a reader meets them, and the folder of their catalogues."""
    raw = _read(config)
    found = [str(raw[key]) for key in ("site_name", "site_description") if raw.get(key)]
    found += _titles(raw.get("nav"))
    docs = config.parent / str(raw.get("docs_dir") or "docs")
    return list(dict.fromkeys(found)), docs / FOLDER


def _titles(nav: Any) -> list[str]:
    if isinstance(nav, list):
        return [title for entry in nav for title in _titles(entry)]
    if isinstance(nav, dict):
        return [title for key, value in nav.items() for title in (str(key), *_titles(value))]
    return []


def update(config: Path, language: str) -> Updated | None:
    """Create the site's catalogue for `language`, or add to it the words it lacks; None when it needs none.

    An existing file is only ever added to, at its end: its entries, order and comments are the
    translator's, and running again without a change to mkdocs.yml leaves it byte for byte.
    """
    words, folder = words_of(config)
    shipped = messages.load(language)
    path = folder / f"{language}.po"
    have = _msgids(path)
    new = [word for word in words if shipped.gettext(word) == word and word not in have]
    if not new and (path.exists() or not words):
        return Updated(path, 0, False) if path.exists() else None
    text = path.read_text(encoding="utf-8") if path.exists() else _header(language)
    text = text.rstrip("\n") + "\n" + "".join(f"\nmsgid {escape(word)}\nmsgstr \"\"\n" for word in new)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
    return Updated(path, len(new), True)


def _msgids(path: Path) -> set[str]:
    if not path.exists():
        return set()
    problems = catalogue.read(path).problems
    if problems:
        raise DataError(problems)
    with path.open("rb") as stream:
        return {str(message.id) for message in read_po(stream) if message.id}


def _header(language: str) -> str:
    return (f"# The site's own words in {language}: mkdocs.yml's site name, description and navigation\n"
            "# titles, kept in step by `servicebook translate update`. An entry may also reword any of\n"
            "# the handbook's own words (its msgid is the English text).\n"
            'msgid ""\nmsgstr ""\n'
            '"Content-Type: text/plain; charset=UTF-8\\n"\n'
            f'"Language: {language}\\n"\n')
