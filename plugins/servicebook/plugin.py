"""The MkDocs adapter: the only module besides `config` that knows MkDocs. It hands each event to the core."""

from __future__ import annotations

import html
import logging
import posixpath
import sys
from importlib import resources
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from .config import ServicebookConfig
from .link import Handbook, load_handbook
from .located import HAS_LIBYAML
from .pages import GeneratedFile, generate
from .problems import DataError, Problem

log = logging.getLogger(f"mkdocs.plugins.{__name__}")
STYLESHEET = "assets/servicebook/servicebook.css"


class ServicebookPlugin(BasePlugin[ServicebookConfig]):
    """Reads the data folder before every build and adds its pages, in memory, to the site."""

    def __init__(self) -> None:
        self.handbook: Handbook | None = None
        self.base = Path.cwd()
        self.titles: dict[str, str] = {}
        self.serving = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this one plugin object for every rebuild of `mkdocs serve`,
        # so the last good handbook is still at hand when an edit breaks the data.
        self.serving = command == "serve"

    def data_dir(self, config: MkDocsConfig) -> Path:
        return self.base / self.config.data_dir

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.base = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        if not HAS_LIBYAML:
            log.warning("PyYAML was installed without libyaml, so reading the handbook data is about ten times "
                        "slower; reinstall PyYAML from a wheel that includes libyaml")
        # Section anchors like #competency-<id> are set with attribute lists.
        if "attr_list" not in config.markdown_extensions:
            config.markdown_extensions.append("attr_list")
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        # Loaded before MkDocs cleans the site folder, so that bad data publishes nothing.
        try:
            self.handbook = load_handbook(self.data_dir(config))
        except DataError as error:
            report = "The handbook data has problems:\n" + error.report(self.base)
            if not (self.serving and self.handbook is not None):
                self.handbook = None
                raise PluginError(report) from None
            # While serving, a broken edit keeps the last good pages on screen until it is fixed. Printed
            # rather than logged: a logged error would abort a strict build and leave the server stuck.
            report = report.replace("nothing was published.", "the last good pages stay served until this is fixed.")
            print(f"ERROR    -  {report}", file=sys.stderr, flush=True)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.handbook is not None
        generated = generate(self.handbook, directory_urls=config.use_directory_urls)
        self.titles = {page.path: page.title for page in generated if page.title}
        in_nav = _nav_paths(config.nav) if config.nav else None
        new = [(self._file(config, page, in_nav), page.source) for page in generated]
        new.append((File.generated(config, STYLESHEET, content=_stylesheet()), None))
        taken = {file.dest_uri: file for file in files}
        problems = [self._clash(existing, file, source) for file, source in new
                    if (existing := taken.get(file.dest_uri)) is not None]
        if problems:
            raise PluginError("The handbook data has problems:\n" + DataError(problems).report(self.base))
        for file, _ in new:
            files.append(file)
        return files

    def _file(self, config: MkDocsConfig, page: GeneratedFile, in_nav: set[str] | None) -> File:
        # Role, competency, value and module pages are reached through their section's index page.
        # Listed in the navigation, every page of the site would carry every other one, and a
        # build would grow with the square of the roles. A hand-written nav may still name them.
        listed = page.path in in_nav if in_nav is not None else page.title is None
        inclusion = InclusionLevel.UNDEFINED if listed else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, page.path, content=page.content, inclusion=inclusion)
        source = page.source
        if source is not None:
            # The edit link leads to the YAML file, relative to the docs folder as edit_uri expects.
            file.edit_uri = posixpath.relpath(source.resolve().as_posix(), Path(config.docs_dir).resolve().as_posix())
        return file

    def _clash(self, existing: File, new: File, source: Path | None) -> Problem:
        """A generated address that a hand-written file already has is an error, never a silent replace."""
        where = Path(existing.abs_src_path or existing.src_uri)
        origin = Problem(source, 1, 1, "").relative_file(self.base) if source else "the servicebook plugin"
        return Problem(where, 1, 1, f"this page has the address '{new.url or new.dest_uri}', which the handbook "
                       f"also gives to the page made from {origin}",
                       f"rename or move this page: the handbook writes {new.src_uri} itself")

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        # Material prints `page.title | striptags` in <title>, which decodes the escaped name once:
        # a name typed as "&lt;b" would show as "<b". Put the name back exactly as typed.
        name = self.titles.get(page.file.src_uri)
        if name is None or page.title is None:
            return output
        decoded = " ".join(html.unescape(page.title).split())
        return output.replace(f"<title>{decoded}", f"<title>{html.escape(name, quote=False)}", 1)

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(self.data_dir(config)))
        return server


def _nav_paths(nav: Any) -> set[str]:
    """Every page path named anywhere in a hand-written nav."""
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, dict):
        nav = list(nav.values())
    if isinstance(nav, list):
        return set().union(*(_nav_paths(entry) for entry in nav)) if nav else set()
    return set()


def _stylesheet() -> str:
    return resources.files("servicebook").joinpath("assets/servicebook.css").read_text(encoding="utf-8")
