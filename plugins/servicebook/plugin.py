"""The MkDocs adapter: the only module besides `config` that knows MkDocs. It hands each event to the core."""

from __future__ import annotations

import html
import logging
import posixpath
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
from .pages import generate
from .problems import DataError, Problem

log = logging.getLogger(f"mkdocs.plugins.{__name__}")
STYLESHEET = "assets/servicebook/servicebook.css"


class ServicebookPlugin(BasePlugin[ServicebookConfig]):
    """Reads the data folder before every build and adds its pages, in memory, to the site."""

    def __init__(self) -> None:
        self.handbook: Handbook | None = None
        self.base = Path.cwd()
        self.titles: dict[str, str] = {}

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
        self.handbook = None
        try:
            self.handbook = load_handbook(self.data_dir(config))
        except DataError as error:
            raise PluginError("The handbook data has problems:\n" + error.report(self.base)) from None

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.handbook is not None
        generated = generate(self.handbook, directory_urls=config.use_directory_urls)
        self.titles = {page.path: page.title for page in generated if page.title}
        in_nav = _nav_paths(config.nav) if config.nav else None
        new = [(self._file(config, page.path, page.content, page.source, in_nav), page.source) for page in generated]
        new.append((File.generated(config, STYLESHEET, content=_stylesheet()), None))
        taken = {file.dest_uri: file for file in files}
        problems = [self._clash(existing, file, source) for file, source in new
                    if (existing := taken.get(file.dest_uri)) is not None]
        if problems:
            raise PluginError("The handbook data has problems:\n" + DataError(problems).report(self.base))
        for file, _ in new:
            files.append(file)
        return files

    def _file(self, config: MkDocsConfig, path: str, content: str, source: Path | None,
              in_nav: set[str] | None) -> File:
        # With a hand-written nav, pages it leaves out are reached through the index pages: say so,
        # rather than have MkDocs list every role as "not included in the nav" on every build.
        inclusion = InclusionLevel.NOT_IN_NAV if in_nav is not None and path not in in_nav else InclusionLevel.UNDEFINED
        file = File.generated(config, path, content=content, inclusion=inclusion)
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
