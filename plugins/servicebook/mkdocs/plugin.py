"""The MkDocs adapter: the only module besides `config` that knows MkDocs. It hands each event to the core."""

from __future__ import annotations

import html
import logging
import posixpath
import re
import sys
import threading
from functools import partial
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils.yaml import yaml_load

from ..data import catalogue, quality, translation
from ..data.link import Handbook, load_handbook
from ..data.load import ReadCache
from ..data.located import HAS_LIBYAML
from ..data.problems import DataError, Problem
from ..data.review import due_for_review, today
from ..site import messages
from ..site.checkins import CHECKIN_CSS, CHECKIN_SCRIPTS
from ..site.finder import MARKER, role_finder
from ..site.generated import GeneratedFile
from ..site.pages import ASSETS, generate, is_item_page, untranslated_page_note
from ..site.preview import preview_script as _preview_script
from ..site.preview import preview_status
from ..site.reuse import PageCache
from . import languages
from .config import ServicebookConfig
from .languages import Edition

log = logging.getLogger(f"mkdocs.plugins.{__name__}")
STYLESHEET, SCRIPT, WORKER_SHIM = ASSETS
SHOWN_FINDINGS = 30  # content findings printed by a build; `servicebook check` lists them all
PREVIEW_SCRIPT = "assets/servicebook/preview.js"  # only while serving
PREVIEW_STATUS = "assets/servicebook/preview.json"
SITE_WORDS = "translations"  # in the docs folder, not published: the site's own words in each language


class ServicebookPlugin(BasePlugin[ServicebookConfig]):
    """Reads the data folder before every build and adds its pages, in memory, to the site."""

    def __init__(self) -> None:
        self.handbook: Handbook | None = None
        self.base = Path.cwd()
        self.titles: dict[str, str] = {}
        self.serving = False
        self.cache: ReadCache | None = None
        self.page_cache: PageCache | None = None
        self.watcher: Any = None
        self.warned = False
        self.shown_findings = ""  # printed once while serving, until they change
        self.written: dict[str, str | bytes] = {}  # what the last build generated, by path
        self.pages: list[str] = []  # every page of this build, in order, by URL
        self.item_pages: set[str] = set()  # role, competency, value and module pages, by URL
        self.directory_urls = True  # the URL style of mkdocs.yml, before an offline build changes it
        self.compiled = _Compiled()  # the theme's templates, compiled once per `mkdocs serve`
        self.edit_paths: dict[tuple[Path, str], str] = {}
        self.problems: list[str] = []  # while serving: the problems of the saved data, shown on every page
        self.site_url: str | None = None  # the published address, which `mkdocs serve` replaces with its own
        # Languages: the first build is the framework's own language, and starts one build per other language.
        self.editions: list[Edition] = []  # every language of the site, the framework's own first
        self.translated: dict[str, Handbook] = {}  # the handbook in each other language, by tag
        self.edition: Edition | None = None  # in another language's build: which one
        self.parent: ServicebookPlugin | None = None  # in another language's build: the first build's plugin
        self.translated_pages: set[str] = set()  # hand-written pages with a version in this build's language
        self.words: Any = None  # this build's language's messages (gettext), for the site's own words
        self.other_builds = languages.LanguageBuilds()
        self.words_by_tag: dict[str, Any] = {}  # each language's words, read by the first build
        self.messages_folder = Path(SITE_WORDS)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this one plugin object for every rebuild of `mkdocs serve`,
        # so the last good handbook is still at hand when an edit breaks the data, and files whose
        # bytes did not change are not read again.
        self.serving = command == "serve"
        self.cache = ReadCache() if self.serving else None
        self.page_cache = PageCache() if self.serving else None
        if self.serving:
            _quiet_success(self)

    def data_dir(self, config: MkDocsConfig) -> Path:
        return self.base / self.config.data_dir

    @event_priority(100)  # before Material's offline plugin switches to file URLs
    def _configure(self, config: MkDocsConfig) -> MkDocsConfig:
        self.directory_urls = config.use_directory_urls
        self.site_url = _published_site_url(config) if self.serving else config.site_url
        if self.parent is not None and self.edition is not None:
            self.site_url = self.edition.site_url(self.parent.site_url)
        self.base = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        self.messages_folder = self.base / self.config.messages_dir if self.config.messages_dir else \
            Path(config.docs_dir) / SITE_WORDS
        if not HAS_LIBYAML:
            log.warning("PyYAML was installed without libyaml, so reading the handbook data is about ten times "
                        "slower; reinstall PyYAML from a wheel that includes libyaml")
        # Section anchors like #competency-<id> are set with attribute lists.
        if "attr_list" not in config.markdown_extensions:
            config.markdown_extensions.append("attr_list")
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        for script in (SCRIPT, *CHECKIN_SCRIPTS):
            if script not in config.extra_javascript:
                config.extra_javascript.append(script)
        if CHECKIN_CSS not in config.extra_css:
            config.extra_css.append(CHECKIN_CSS)
        if self.serving and PREVIEW_SCRIPT not in config.extra_javascript:
            config.extra_javascript.append(PREVIEW_SCRIPT)
        _weigh_search_fields(config)
        logging.getLogger("jieba").setLevel(logging.WARNING)  # Material's search imports it; it tells of its dictionary
        # Below a custom_dir of the site's own, above Material: the search dialog's accessible name,
        # tag names escaped.
        overrides = str(resources.files("servicebook.mkdocs").joinpath("overrides"))
        if overrides not in config.theme.dirs:
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, overrides)
        return config

    @event_priority(-100)  # after Material's offline plugin has added its worker shim
    def _configure_offline(self, config: MkDocsConfig) -> MkDocsConfig:
        _local_worker_shim(config)
        return config

    on_config = CombinedEvent(_configure, _configure_offline)

    def on_pre_build(self, config: MkDocsConfig) -> None:
        if self.parent is not None:  # another language's build: the first build has read and checked the data
            self._edition_pre_build(config)
            return
        # Loaded before MkDocs cleans the site folder, so that bad data publishes nothing.
        try:
            handbook = load_handbook(self.data_dir(config), self.cache)
            self._content_checks(handbook)  # may raise: a framework can make its findings errors
            checked = self._translations(handbook)  # may raise: a broken catalogue publishes nothing
            translated = translation.editions(handbook, self.config.languages, checked.reads)
            source = handbook.framework.language or "en"
            # Every language's words are read now: a broken catalogue of the site's publishes nothing.
            words = {tag: self._messages(tag) for tag in (source, *translated)}
            self.handbook, self.problems, self.translated, self.words_by_tag = handbook, [], translated, words
        except DataError as error:
            self.problems = [problem.format(self.base) for problem in error.problems]
            report = "The handbook data has problems:\n" + error.report(self.base)
            if not (self.serving and self.handbook is not None):
                self.handbook = None
                raise PluginError(report) from None
            # While serving, a broken edit keeps the last good pages on screen until it is fixed. Printed
            # rather than logged: a logged error would abort a strict build and leave the server stuck.
            report = report.replace("nothing was published.", "the last good pages stay served until this is fixed.")
            print(f"ERROR    -  {report}", file=sys.stderr, flush=True)
            return
        self._tell_warnings()
        self._set_editions(config)

    def _set_editions(self, config: MkDocsConfig) -> None:
        """The site's languages, and Material's language switcher leading to each."""
        assert self.handbook is not None
        source = self.handbook.framework.language or "en"
        self.editions = [Edition(source, messages.language_name(source), "")] + [
            Edition(tag, messages.language_name(tag), f"{tag}/") for tag in self.translated] if self.translated else []
        self.edition = self.editions[0] if self.editions else None
        self.words = self.words_by_tag[source]
        self._alternate(config)

    def _edition_pre_build(self, config: MkDocsConfig) -> None:
        parent, edition = self.parent, self.edition
        assert parent is not None and edition is not None and parent.handbook is not None
        # While serving broken data, each language shows the first build's problems as well.
        self.handbook, self.problems, self.editions = parent.translated[edition.tag], parent.problems, parent.editions
        self.words = parent.words_by_tag[edition.tag]
        config.site_name = self.words.gettext(config.site_name)
        if config.site_description:
            config.site_description = self.words.gettext(config.site_description)
        toc = config.mdx_configs.get("toc")
        if isinstance(toc, dict):  # the ¶ link's title beside every heading
            toc["permalink_title"] = self.words.gettext(toc.get("permalink_title", messages.PERMALINK_TITLE))
        self._alternate(config)

    def _known_languages(self) -> set[str]:
        """Every language the site has words for, published or not: `index.<tag>.md` is never a page of its own."""
        assert self.handbook is not None
        listed = self.config.languages if isinstance(self.config.languages, list) else []
        words = self.messages_folder.glob("*.po") if self.messages_folder.is_dir() else []
        return {path.stem for path in [*catalogue.catalogues(self.handbook.root), *words]} | set(map(str, listed))

    def _messages(self, tag: str) -> Any:
        folder = self.messages_folder
        return messages.load(tag, folder if folder.is_dir() else None)

    def _alternate(self, config: MkDocsConfig) -> None:
        """Material's language switcher, unless mkdocs.yml sets one of its own."""
        if self.editions and self.edition is not None and not config.extra.get("alternate"):
            config.extra["alternate"] = languages.alternates(self.editions, self.edition)

    def _tell_warnings(self) -> None:
        """Allowed but probably unmeant: warnings (a strict build stops). Reviews due: information only,
        since a build must not start failing because a date has passed."""
        assert self.handbook is not None
        for problem in self.handbook.warnings:
            log.warning(f"servicebook: {problem.format(self.base)}")
        for problem in due_for_review(self.handbook, today()):
            log.info(f"servicebook: due for review: {problem.format(self.base)}")

    def _translations(self, handbook: Handbook) -> catalogue.Checked:
        """A broken catalogue is an error like a broken YAML file; texts still to translate are information."""
        checked = catalogue.check_all(handbook.root, handbook)
        if checked.errors:
            raise DataError(checked.errors)
        for status in checked.statuses:
            if status.missing or status.stale:
                log.info(f"servicebook: translations/{status.language}.po: {status.translated} of {status.total} "
                         f"texts translated, {len(status.missing)} missing, {len(status.stale)} stale")
        return checked

    def _content_checks(self, handbook: Handbook) -> None:
        """Content findings are information in a build, as reviews due are: a strict build fails only on errors.

        `servicebook check` (and its pull-request annotations) is where HR meets them as warnings. A
        framework that sets `checks: {content: error}` makes them errors, and then nothing is published.
        """
        found = quality.findings(handbook, documents=self.cache.document if self.cache is not None else None)
        if found and quality.as_errors(handbook):
            raise DataError([finding.as_error() for finding in found])
        lines = [finding.format(self.base) for finding in found[:SHOWN_FINDINGS]]
        if len(found) > SHOWN_FINDINGS:
            lines.append(f"… and {len(found) - SHOWN_FINDINGS} more: run 'servicebook check' to see them all")
        shown = "\n".join(lines)
        if shown and shown != self.shown_findings:
            log.info(f"servicebook: {len(found)} content finding{'s' if len(found) != 1 else ''} to look at "
                     f"(the site still builds; servicebook check lists them):\n{shown}")
        self.shown_findings = shown

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.handbook is not None
        tags = [edition.tag for edition in self.editions[1:]]
        if self.parent is not None and self.edition is not None:
            self.translated_pages = languages.use_translated_pages(files, self.edition.tag, tags)
            if config.nav:
                config.nav = languages.translate_nav(config.nav, self.words, self.translated_pages)
        else:
            languages.hide_translated_pages(files, self._known_languages())
        for file in [file for file in files if file.abs_src_path and file.src_uri.endswith(".po")
                     and Path(file.abs_src_path).parent == self.messages_folder]:
            files.remove(file)  # the site's words are for the build, not for readers
        if not self.site_url and not self.warned:
            # Printed, not logged: a missing QR code is worth knowing about, not worth failing a strict build.
            print("WARNING  -  servicebook: mkdocs.yml has no site_url, so role and competency pages carry no "
                  "QR code; set site_url to the handbook's published address to add them", file=sys.stderr)
            self.warned = True
        tag_index = _has_tags(config) and files.get_file_from_path("tags.md") is None
        source = self.parent.handbook if self.parent is not None else None
        generated = generate(self.handbook, directory_urls=config.use_directory_urls, site_url=self.site_url,
                             cache=self.page_cache, tag_index=tag_index, published_directory_urls=self.directory_urls,
                             downloads=not self.serving, language=self.language, messages=self.words, source=source)
        self.titles = {page.path: page.title for page in generated if page.title}
        if config.nav:
            config.nav = _without_absent_sections(config.nav, {page.path for page in generated}, files)
        in_nav = _nav_paths(config.nav) if config.nav else None
        new = [(self._file(config, page, in_nav), page.source) for page in generated]
        taken = {file.dest_uri: file for file in files}
        problems = [self._clash(existing, file, source) for file, source in new
                    if (existing := taken.get(file.dest_uri)) is not None]
        if problems:
            raise PluginError("The handbook data has problems:\n" + DataError(problems).report(self.base))
        for file, _ in new:
            files.append(file)
        self.item_pages = {file.url.removeprefix("./") for (file, _), page in zip(new, generated, strict=True)
                           if is_item_page(page.path)}
        if self.serving:
            files.append(File.generated(config, PREVIEW_SCRIPT, content=_preview_script()))
        self.written = {page.path: page.content for page in generated}
        return files

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        # A hand-written page asks for the role finder with a comment; generated pages never do.
        if MARKER in markdown and self.handbook is not None and page.file.src_uri not in self.written:
            finder = role_finder(self.handbook, page.file.src_uri, directory_urls=config.use_directory_urls,
                                 messages=self.words)
            if self._in_source_language(page):  # its words are the page's language, not the text's around it
                finder = finder.replace("<form ", f'<form lang="{self.language}" ', 1)
            markdown = markdown.replace(MARKER, "\n" + finder + "\n", 1)
        return markdown

    def on_page_content(self, html_: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        # A hand-written page shown in the source language says so to screen readers and browsers,
        # and says so to readers, in their language, under its title.
        if self._in_source_language(page):
            return _marked_as(html_, self.editions[0].tag, self._untranslated_note())
        return html_

    def _in_source_language(self, page: Page) -> bool:
        """A hand-written page of another language's build that has no version in that language."""
        return self.parent is not None and page.file.src_uri not in self.written \
            and page.file.src_uri not in self.translated_pages

    def _untranslated_note(self) -> str:
        assert self.edition is not None
        return untranslated_page_note(self.words, self.edition.tag, self.editions[0].tag)

    @property
    def language(self) -> str:
        """The language of this build's pages."""
        if self.edition is not None:
            return self.edition.tag
        return (self.handbook.framework.language if self.handbook is not None else None) or "en"

    def on_env(self, env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        # MkDocs makes a new template environment for every build, and compiling Material's
        # templates again takes about 0.4 s of each rebuild while serving.
        if self.serving and env.bytecode_cache is None:
            env.bytecode_cache = self.compiled
        env.globals["servicebook_alternates"] = self._alternates_of
        return env

    def _alternates_of(self, page: Page | None) -> list[dict[str, str]]:
        """The language switcher's entries for `page`: the same page in each language (partials/alternate.html)."""
        current = self.edition
        if current is None:
            return []
        url = page.url if page is not None else ""
        return [{"name": edition.name, "lang": edition.tag, "href": languages.same_page(url, current, edition),
                 "current": "true" if edition == current else ""} for edition in self.editions]

    def on_nav(self, nav: Any, config: MkDocsConfig, files: Files) -> Any:
        # As the search index writes them: the home page's "./" is "".
        self.pages = [file.url.removeprefix("./") for file in files.documentation_pages()
                      if not file.inclusion.is_excluded()]
        return nav

    @event_priority(50)  # before the search plugin writes its index
    def _post_build(self, config: MkDocsConfig) -> None:
        if self.serving:
            status = Path(config.site_dir) / PREVIEW_STATUS
            status.parent.mkdir(parents=True, exist_ok=True)
            status.write_text(preview_status(self.problems), encoding="utf-8")
        search = _search_plugin(config)
        if search is not None:
            _complete_search_index(search, self.pages)
            search.search_index.entries = one_entry_per_item(search.search_index.entries, self.item_pages)

    @event_priority(-100)  # when every plugin has finished the first language's site
    def _build_editions(self, config: MkDocsConfig) -> None:
        """Each other language's site, built again from the same mkdocs.yml into its own folder."""
        if self.parent is not None or self.handbook is None:
            return
        for edition in self.editions[1:]:
            log.info(f"servicebook: building the site in {edition.name} ({edition.tag}) into {edition.prefix}")
            self.other_builds.build(config, edition, directory_urls=self.directory_urls, serving=self.serving,
                                    prepare=partial(_prepare_edition, self, edition))

    on_post_build = CombinedEvent(_post_build, _build_editions)

    def _file(self, config: MkDocsConfig, page: GeneratedFile, in_nav: set[str] | None) -> File:
        # Role, competency, value and module pages are reached through their section's index page.
        # Listed in the navigation, every page of the site would carry every other one, and a
        # build would grow with the square of the roles. A hand-written nav may still name them.
        listed = page.path in in_nav if in_nav is not None else page.title is None
        inclusion = InclusionLevel.UNDEFINED if listed else InclusionLevel.NOT_IN_NAV
        # `mkdocs serve --dirty` rebuilds only the pages whose Markdown changed.
        file = _Generated.make(config, page.path, page.content, self.written, inclusion)
        source = page.source
        if source is not None:
            file.edit_uri = self._edit_path(source, config.docs_dir)
        return file

    def _edit_path(self, source: Path, docs_dir: str) -> str:
        """The edit link leads to the YAML file, relative to the docs folder as edit_uri expects."""
        key = (source, docs_dir)
        if key not in self.edit_paths:
            self.edit_paths[key] = posixpath.relpath(source.resolve().as_posix(), Path(docs_dir).resolve().as_posix())
        return self.edit_paths[key]

    def _clash(self, existing: File, new: File, source: Path | None) -> Problem:
        """A generated address that a hand-written file already has is an error, never a silent replace."""
        where = Path(existing.abs_src_path or existing.src_uri)
        origin = Problem(source, 1, 1, "").relative_file(self.base) if source else "the servicebook plugin"
        return Problem(where, 1, 1, f"this page has the address '{new.url or new.dest_uri}', which the handbook "
                       f"also gives to the page made from {origin}",
                       f"rename or move this page: the handbook writes {new.src_uri} itself")

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        if self.parent is not None:
            output = languages.html_lang(output, self.language)
        if self.editions and _offline(config):
            # From a folder, Material's script would fetch each language's sitemap.xml to map pages, which a
            # browser refuses on file:// (errors in the console); the switcher links to the same page anyway.
            output = languages.without_head_alternates(output)
        # Material prints `page.title | striptags` in <title>, which decodes the escaped name once:
        # a name typed as "&lt;b" would show as "<b". Put the name back exactly as typed.
        name = self.titles.get(page.file.src_uri)
        if name is None or page.title is None:
            return output
        decoded = " ".join(html.unescape(page.title).split())
        return output.replace(f"<title>{decoded}", f"<title>{html.escape(name, quote=False)}", 1)

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        self.watcher = _watch_natively(server, self.data_dir(config))
        if self.watcher is None:
            server.watch(str(self.data_dir(config)))
        return server

    def on_shutdown(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()
        self.other_builds.shutdown()


def _prepare_edition(parent: ServicebookPlugin, edition: Edition, config: MkDocsConfig) -> None:
    """Hand another language's build its servicebook plugin what the first build already knows."""
    for plugin in config.plugins.values():
        if isinstance(plugin, ServicebookPlugin):
            plugin.parent, plugin.edition = parent, edition


_TITLE = re.compile(r"<h1\b([^>]*)>.*?</h1>\n?", re.S)


def _marked_as(html_: str, tag: str, note: str) -> str:
    """A page's text marked as written in `tag`, its title too, with `note` (in the page's language) under the title."""
    title = _TITLE.search(html_)
    head, rest = (html_[:title.end()], html_[title.end():]) if title else ("", html_)
    head = head.replace("<h1", f'<h1 lang="{tag}"', 1)
    return f'{head}{note}\n<div lang="{tag}">\n{rest}\n</div>'


class _NotBuilt(logging.Filter):
    """While the saved data has problems, MkDocs' closing line must not read as if all were well."""

    def __init__(self, plugin: ServicebookPlugin) -> None:
        super().__init__()
        self.plugin = plugin

    def filter(self, record: logging.LogRecord) -> bool:
        if self.plugin.problems and str(record.msg).startswith("Documentation built"):
            count = len(self.plugin.problems)
            record.msg = (f"Pages NOT updated: the handbook data has {count} problem{'s' if count != 1 else ''} "
                          "(listed above and on every page); the last good pages stay served")
            record.args = ()
        return True


def _quiet_success(plugin: ServicebookPlugin) -> None:
    logger = logging.getLogger("mkdocs.commands.build")
    if not any(isinstance(existing, _NotBuilt) for existing in logger.filters):
        logger.addFilter(_NotBuilt(plugin))


def _published_site_url(config: MkDocsConfig) -> str | None:
    """The site_url of mkdocs.yml: `mkdocs serve` sets config.site_url to its own local address,
    which must not end up in the printed addresses and QR codes of a preview."""
    if not config.config_file_path:
        return None
    try:
        with open(config.config_file_path, "rb") as file:
            raw = yaml_load(file)
    except (OSError, ValueError, yaml.YAMLError):
        return None
    value = raw.get("site_url") if isinstance(raw, dict) else None
    return str(value) if value else None


def _watch_natively(server: Any, folder: Path) -> Any:
    """Have a saved YAML file start the rebuild at once.

    MkDocs polls the watched folders every half second. The file system's own notifications
    (inotify, FSEvents) see a save immediately. This uses the server's rebuild signal, which is not
    a public API: when it is missing, MkDocs' own polling (set up above) still does the job.
    """
    condition = getattr(server, "_rebuild_cond", None)
    if not isinstance(condition, threading.Condition) or not hasattr(server, "_want_rebuild"):
        return None
    signal: threading.Condition = condition
    from watchdog.events import FileSystemEvent, FileSystemEventHandler
    from watchdog.observers import Observer

    class Changed(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            if event.is_directory or event.event_type in ("opened", "closed_no_write"):
                return
            with signal:
                server._want_rebuild = True
                signal.notify_all()

    observer = Observer()
    observer.daemon = True
    observer.schedule(Changed(), str(folder), recursive=True)
    observer.start()
    return observer


class _Compiled(jinja2.BytecodeCache):
    """Compiled templates kept in memory between rebuilds; Jinja checks each against its source."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


class _Generated(File):
    """A generated file that counts as unchanged when its content is what the last build wrote."""

    unchanged = False

    @classmethod
    def make(cls, config: MkDocsConfig, path: str, content: str | bytes, previous: dict[str, str | bytes],
             inclusion: InclusionLevel = InclusionLevel.UNDEFINED) -> _Generated:
        file = cls.generated(config, path, content=content, inclusion=inclusion)
        assert isinstance(file, _Generated)
        file.unchanged = previous.get(path) == content
        return file

    def is_modified(self) -> bool:
        return not self.unchanged


def _local_worker_shim(config: MkDocsConfig) -> None:
    """Material's offline plugin loads its worker shim from unpkg.com: a request to another host,
    which fails in a workshop room without a network. The package ships the same file."""
    polyfills = config.extra.get("polyfills")
    if isinstance(polyfills, list):
        config.extra["polyfills"] = [WORKER_SHIM if "iframe-worker" in str(url) else url for url in polyfills]


def _offline(config: MkDocsConfig) -> bool:
    """Whether Material's offline plugin makes this build a copy that opens from a folder."""
    plugin = config.plugins.get("offline") or config.plugins.get("material/offline")
    return bool(plugin is not None and getattr(plugin, "config", {}).get("enabled"))


def _has_tags(config: MkDocsConfig) -> bool:
    """Whether Material's tags plugin is on, which lists tagged pages where a page asks for it.

    A site with a `tags.md` of its own keeps it, and chooses where its listings go.
    """
    return any(name in config.plugins for name in ("tags", "material/tags"))


TITLE_BOOST = 3  # Material's default is 1,000: a heading that shares one common word outranks every behaviour


def _weigh_search_fields(config: MkDocsConfig) -> None:
    """Let the words of a behaviour lead to the competency that defines it.

    With Material's weights, any page whose title shares one word with the query ("team",
    "customer") comes before the section whose text holds all of them. A site that sets the
    search plugin's `fields` itself keeps its own weights. Runs before Material's search plugin
    fills in its defaults.
    """
    for name in ("search", "material/search"):
        plugin = config.plugins.get(name)
        fields = getattr(plugin, "config", {}).get("fields") if plugin is not None else None
        if isinstance(fields, dict) and not fields:
            fields["title"] = {"boost": TITLE_BOOST}


def _search_plugin(config: MkDocsConfig) -> Any:
    """Material's search plugin, when it keeps its index between dirty rebuilds."""
    for plugin in config.plugins.values():
        if hasattr(plugin, "search_index") and hasattr(plugin, "search_index_prev"):
            return plugin
    return None


def _complete_search_index(search: Any, pages: list[str]) -> None:
    """Make a dirty rebuild's search index whole.

    In a dirty rebuild only the changed pages are indexed. Material keeps the previous index and
    merges on the assumption that one page changed, and drops every page under a changed
    section index. Here every page of the site keeps its previous entries unless it was rebuilt,
    and pages that are gone lose theirs.
    """
    previous = search.search_index_prev
    if previous is None:
        return
    fresh: dict[str, list[Any]] = {}
    for entry in search.search_index.entries:
        fresh.setdefault(entry["location"].split("#")[0], []).append(entry)
    kept: dict[str, list[Any]] = {}
    for entry in previous.entries:
        kept.setdefault(entry["location"].split("#")[0], []).append(entry)
    search.search_index.entries = [entry for url in pages for entry in fresh.get(url, kept.get(url, []))]
    search.search_index_prev = None  # Material's own merge would undo this


def one_entry_per_item(entries: list[dict[str, Any]], items: set[str]) -> list[dict[str, Any]]:
    """The search entries of a role, competency, value or module page, merged into the page's own.

    Material ranks a hit in a page's first section well above the same hit in a later one, so a
    behaviour found under a competency's "Level 2" heading lost to any page whose opening
    paragraph shared one of its words. One entry per item also keeps the index small: a result
    leads to the item's page, which opens with its profile or levels.
    """
    merged: list[dict[str, Any]] = []
    heads: dict[str, dict[str, Any]] = {}
    for entry in entries:
        url, _, anchor = entry["location"].partition("#")
        head = heads.get(url)
        if url not in items or (not anchor and head is None):
            if url in items:
                heads[url] = entry = dict(entry)
            merged.append(entry)
        elif head is None:  # a section before the page's own entry: it becomes the page's entry
            heads[url] = entry = {**entry, "location": url}
            merged.append(entry)
        else:
            head["text"] = " ".join(part for part in (head.get("text", ""), entry.get("text", "")) if part)
    return merged


def _nav_paths(nav: Any) -> set[str]:
    """Every page path named anywhere in a hand-written nav."""
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, dict):
        nav = list(nav.values())
    if isinstance(nav, list):
        return set().union(*(_nav_paths(entry) for entry in nav)) if nav else set()
    return set()


# Sections that only a handbook with staff groups or pledges (format 1.1) has.
OPTIONAL_SECTIONS = ("groups/index.md", "pledges/index.md")


def _without_absent_sections(nav: Any, generated: set[str], files: Files) -> Any:
    """The nav without the groups and pledges sections when this handbook has none.

    One mkdocs.yml can then serve a version 1 framework and a 1.1 one: no entry leads nowhere.
    """
    absent = {path for path in OPTIONAL_SECTIONS if path not in generated and files.get_file_from_path(path) is None}
    if not absent:
        return nav

    def keep(entry: Any) -> bool:
        if isinstance(entry, dict) and len(entry) == 1:
            entry = next(iter(entry.values()))
        return not (isinstance(entry, str) and entry in absent)

    def prune(entry: Any) -> Any:
        if isinstance(entry, list):
            return [prune(item) for item in entry if keep(item)]
        if isinstance(entry, dict):
            return {key: prune(value) for key, value in entry.items()}
        return entry

    return prune(nav)
