"""A site per language: the framework's own language at the root, each other one under its tag.

Each other language is a whole MkDocs build of the same mkdocs.yml, started when the source
language's build has finished, into `<site_dir>/<tag>/`: the same pages at the same addresses,
its own search index (Material's, segmented with jieba for Chinese), the theme's words in that
language. Running the build again, rather than rewriting pages, keeps every other plugin working.
"""

from __future__ import annotations

import gettext
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.config_options import Plugins
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files


@dataclass(frozen=True)
class Edition:
    """One language of the site: its tag, its own name, and where its pages live under the site's root."""

    tag: str
    name: str
    prefix: str  # "" for the framework's own language, "zh-Hant/" for another

    def site_url(self, root: str | None) -> str | None:
        return root.rstrip("/") + "/" + self.prefix if root else root


def alternates(editions: list[Edition], current: Edition) -> list[dict[str, str]]:
    """Material's `extra.alternate`: each language's root, relative to the current language's root."""
    up = "../" * current.prefix.count("/")
    return [{"name": edition.name, "link": up + edition.prefix or "./", "lang": edition.tag} for edition in editions]


def same_page(url: str, current: Edition, target: Edition) -> str:
    """The address of the page at `url` (relative to the current language's root) in `target`, relative to it."""
    here = current.prefix + url
    folder = here if here.endswith("/") or not here else posixpath.dirname(here) + "/"
    there = target.prefix + url
    relative = posixpath.relpath("/" + (there or "."), "/" + folder)
    if there.endswith("/") or not there:
        relative = relative.rstrip("/") + "/"
    return "./" if relative == "./" else relative.removeprefix("./")


def page_suffixes(tags: Iterable[str]) -> tuple[str, ...]:
    """`.zh-Hant.md`: how a hand-written page's version in another language is named."""
    return tuple(f".{tag}.md" for tag in tags)


def hide_translated_pages(files: Files, tags: Iterable[str]) -> None:
    """The source language's site does not publish `index.cy.md` and the like as pages of their own."""
    suffixes = page_suffixes(tags)
    for file in [file for file in files if file.src_uri.endswith(suffixes)]:
        files.remove(file)


def use_translated_pages(files: Files, tag: str, tags: Iterable[str]) -> set[str]:
    """In the build of `tag`, each hand-written page shows its `.<tag>.md` version where one exists.

    Returns the pages (by source path) that have one: the others are shown in the source language.
    """
    own, others = f".{tag}.md", page_suffixes(other for other in tags if other != tag)
    translated = set()
    for file in [file for file in files if file.src_uri.endswith((own, *others))]:
        files.remove(file)
        if not file.src_uri.endswith(own):
            continue
        page = files.get_file_from_path(file.src_uri.removesuffix(own) + ".md")
        if page is not None and file.abs_src_path is not None:
            page.abs_src_path = file.abs_src_path  # read from the translation; address and links stay the page's
            page.edit_uri = (page.edit_uri or "").removesuffix(page.src_uri) + file.src_uri if page.edit_uri else None
            translated.add(page.src_uri)
    return translated


def translate_nav(nav: Any, words: gettext.NullTranslations, translated: set[str]) -> Any:
    """The nav of mkdocs.yml with its titles in the language: from the site's or the package's messages,
    or, for a page translated by hand, the page's own title."""
    if isinstance(nav, list):
        return [translate_nav(entry, words, translated) for entry in nav]
    if isinstance(nav, dict):
        if len(nav) == 1:
            title, entry = next(iter(nav.items()))
            if words.gettext(title) == title and isinstance(entry, str) and entry in translated:
                return entry  # no word for the title: the translated page's own title
        return {words.gettext(title): translate_nav(entry, words, translated) for title, entry in nav.items()}
    return nav


class LanguageBuilds:
    """Each other language's build, started from the first build and kept, like it, while serving.

    MkDocs keeps one instance of each plugin that has startup or shutdown events for a whole
    `mkdocs serve`, in a cache shared by every config it loads: a language's build must not be
    handed the first build's plugins, so each language has a cache of its own.
    """

    def __init__(self) -> None:
        self.caches: dict[str, dict[str, Any]] = {}
        self.started: list[MkDocsConfig] = []

    def build(self, config: MkDocsConfig, edition: Edition, *, directory_urls: bool, serving: bool,
              prepare: Any) -> None:
        """Build the site again, in `edition`'s language, into its folder of the site.

        `prepare(config)` hands the new build's servicebook plugin what it needs (the translated
        handbook, the edition); everything else comes from mkdocs.yml as for the first build.
        """
        assert config.config_file_path is not None
        cache = self.caches.setdefault(edition.tag, {})
        first = not cache
        nested = self._load(config, edition, cache, directory_urls)
        prepare(nested)
        if first:
            nested.plugins.on_startup(command="serve" if serving else "build", dirty=False)
            self.started.append(nested)
        build(nested, serve_url=nested.site_url if serving else None)

    def _load(self, config: MkDocsConfig, edition: Edition, cache: dict[str, Any],
              directory_urls: bool) -> MkDocsConfig:
        option = dict(MkDocsConfig._schema)["plugins"]
        assert isinstance(option, Plugins)
        shared, option.plugin_cache = option.plugin_cache, cache
        try:
            nested = load_config(config.config_file_path, site_dir=str(Path(config.site_dir) / edition.tag),
                                 strict=config.strict, use_directory_urls=directory_urls,
                                 site_url=edition.site_url(config.site_url))
        finally:
            option.plugin_cache = shared
        nested.theme["language"] = _theme_language(nested, edition.tag)
        for name in ("search", "material/search"):
            search = nested.plugins.get(name)
            if search is not None:  # the search language follows the theme's language, as Material sets it
                for key in ("lang", "separator", "pipeline"):
                    search.config[key] = None
        return nested

    def shutdown(self) -> None:
        for nested in self.started:
            nested.plugins.on_shutdown()
        self.started = []


def _theme_language(config: MkDocsConfig, tag: str) -> str:
    """The theme's own words in `tag`, or in its nearest language the theme has (`zh-Hant-HK` → `zh-Hant`)."""
    parts = tag.split("-")
    for end in range(len(parts), 0, -1):
        candidate = "-".join(parts[:end])
        if any((Path(folder) / "partials" / "languages" / f"{candidate}.html").is_file()
               for folder in config.theme.dirs):
            return candidate
    return "en"


_HTML_LANG = re.compile(r'<html lang="[^"]*"')


def html_lang(output: str, tag: str) -> str:
    """The page's `lang` is the language it is written in, even where the theme has no words for it."""
    return _HTML_LANG.sub(f'<html lang="{tag}"', output, count=1)


_HEAD_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def without_head_alternates(output: str) -> str:
    """The page without the theme's `<link rel="alternate" hreflang>` lines (see the plugin's on_post_page)."""
    return _HEAD_ALTERNATE.sub("", output)
