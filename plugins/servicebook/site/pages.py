"""The linked handbook → the Markdown pages and redirects of the site, from the package's Jinja templates.

Every value a template prints is escaped for Markdown unless it is `Markdown` that this
module built itself (links, rendered rich text). YAML text is only ever data here.
"""

from __future__ import annotations

import contextvars
import datetime
import gettext
import html
import json
import posixpath
import re
from dataclasses import dataclass, replace
from functools import lru_cache, partial
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from ..data import review
from ..data.layout import FRAMEWORK
from ..data.link import Handbook
from ..data.markup import escape_plain, render_rich
from ..data.translation import Untranslated
from . import messages as catalogues
from .checkins import checkin_box, checkin_files
from .data_page import data_files
from .generated import GeneratedFile
from .growth import Growth, growth, next_level
from .messages import N_
from .paging import LIST_ROWS, MATRIX_ROLES, Group, groups_of, list_parts, matrix_parts
from .qr import page_url, qr_path, qr_svg
from .reuse import PageCache, everything, group_inputs, growth_inputs, index_inputs, inputs_of, matrix_inputs
from .tree import reporting_order

SECTIONS = ("roles", "library", "values", "training", "pledges")


class Markdown(str):
    """Markdown or HTML written by servicebook itself, which templates print as it is."""


def _finalize(value: Any) -> str:
    if isinstance(value, Markdown):
        return value
    if isinstance(value, bool) or value is None:
        raise TypeError(f"a template printed {value!r}; test it with 'if' instead")
    if isinstance(value, Untranslated):
        return _marked(value, escape_plain(str(value)))
    return escape_plain(str(value))


def _marked(text: Untranslated, content: str) -> str:
    """Text shown in the framework's language on a page in another: its language said, and the page told."""
    return f"<span {_lang(text)}>{content}</span>"


def _lang(text: Untranslated) -> str:
    """The `lang` attribute of an untranslated text, counted for the page's note (see `_render`)."""
    seen = _UNTRANSLATED.get(None)
    if seen is not None:
        seen.add(text.lang)
    return f'lang="{html.escape(text.lang, quote=True)}"'


def _plain(value: Any) -> Markdown:
    """A text escaped, never marked: for places where HTML is not allowed (attributes, alt texts)."""
    return Markdown(escape_plain(str(value)))


# The pages' language and its words, for one generation (see `generate`).
_WORDS: contextvars.ContextVar[tuple[str, gettext.NullTranslations] | None] = contextvars.ContextVar(
    "servicebook_words", default=None)
# The source languages of the Untranslated texts printed on the page being rendered.
_UNTRANSLATED: contextvars.ContextVar[set[str] | None] = contextvars.ContextVar("servicebook_untranslated",
                                                                                 default=None)


def _words() -> tuple[str, gettext.NullTranslations]:
    return _WORDS.get(None) or ("en", catalogues.load("en"))


def _(message: str, **values: Any) -> str:
    """A message of the package in the pages' language, as plain text (titles, JSON, attributes)."""
    found = _words()[1].gettext(message)
    return found % values if values else found


_PLACE = re.compile(r"%\((\w+)\)s|%%")


class _Message(str):
    """A message looked up for a template, which Jinja's i18n extension then fills in with `%`.

    Taking over `%` lets a translation be escaped for Markdown (it is data, from a catalogue a site
    may write) while each value put into it is printed on its own, as every value is: a link stays
    a link and an untranslated name keeps its marking. The English text is the template's own and
    prints as it is, so English pages are what they were before they had translations.
    """

    translated: bool

    def __new__(cls, text: str, translated: bool) -> _Message:
        made = super().__new__(cls, text)
        made.translated = translated
        return made

    def __mod__(self, values: Any) -> Markdown:
        values = values if isinstance(values, dict) else {}
        pieces: list[str] = []

        def place(match: re.Match[str]) -> str:
            pieces.append("%" if match.group(0) == "%%" else _finalize(values[match.group(1)]))
            return f"\ue000{len(pieces) - 1}\ue001"

        text = _PLACE.sub(place, str(self))
        if self.translated:
            text = escape_plain(text)
        return Markdown(re.sub("\ue000(\\d+)\ue001", lambda found: pieces[int(found.group(1))], text))


def _gettext(words: gettext.NullTranslations, message: str) -> _Message:
    found = words.gettext(message)
    return _Message(found, found != message)


def _ngettext(words: gettext.NullTranslations, singular: str, plural: str, number: int) -> _Message:
    found = words.ngettext(singular, plural, number)
    return _Message(found, found not in (singular, plural))


@lru_cache(maxsize=16)
def _environment(language: str = "en", words: gettext.NullTranslations | None = None) -> jinja2.Environment:
    """The templates' environment for one language and its words, made once per build's language."""
    words = words or catalogues.load(language)
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("servicebook.site", "templates"),
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_callables(  # type: ignore[attr-defined]  # added by the i18n extension
        partial(_gettext, words), partial(_ngettext, words), newstyle=True)
    env.globals.update(per_page=MATRIX_ROLES, list_rows=LIST_ROWS, url=_url, rich=_rich, links=_links, groups=_groups,
                       role_values=_role_values, needed_levels=_needed_levels, next_level=_next_level,
                       role_clusters=_role_clusters, indent=_indent, level_list=_level_list, plain=_plain, link=_link,
                       code=_code, browser_strings=_browser_strings,
                       checkin_box=lambda rid: Markdown(checkin_box(rid, words)))
    env.globals.update(review_due=_review_due, shorter_versions=_shorter_versions, role_groups=_role_groups,
                       format_name=lambda kind: _gettext(words, FORMATS.get(kind) or kind) % {},
                       sep=lambda: Markdown(escape_plain(words.gettext(LIST_SEPARATOR))))
    env.filters["join"] = partial(_join, words=words)
    return env


# A module's format is one of the data format's words; a page names it in its own language.
FORMATS = {"workshop": N_("workshop"), "e-learning": N_("e-learning"), "coaching": N_("coaching"),
           "visit": N_("visit"), "project": N_("project"), "reading": N_("reading")}


def _link(text: Any, target: str) -> Markdown:
    """A Markdown link, for a message that holds one: `%(link)s` in the message, the link as a value."""
    return Markdown(f"[{_finalize(text)}]({target})")


def _code(text: str) -> Markdown:
    """A command or setting named in a message (`mkdocs build`, `site_url`), which no language changes."""
    return Markdown(f"`{text}`")


@jinja2.pass_context
def _level_list(context: Any) -> Markdown:
    """The framework's level labels in order, for a sentence that names them all."""
    handbook: Handbook = context["hb"]
    return Markdown("; ".join(_finalize(handbook.level_label(number)) for number in range(1, len(handbook.levels) + 1)))


def _indent(depth: int) -> Markdown:
    """The leading spaces of a list item nested `depth` levels deep."""
    return Markdown("    " * depth)



@jinja2.pass_context
def _review_due(context: Any, item: Any) -> str:
    """The date an item's review fell due, when that is past on the day of the build; else ''."""
    handbook: Handbook = context["hb"]
    months, reviewed = handbook.framework.review_every_months, getattr(item, "reviewed", None)
    if months is None or reviewed is None:
        return ""
    due = review.due_date(reviewed, months)
    return due.isoformat() if due <= context["today"] else ""


@jinja2.pass_context
def _shorter_versions(context: Any, mid: str, rid: str) -> list[str]:
    """The shorter versions of a module on a role's path that the role may take instead.

    Not those the path already lists, nor those meant only for other staff groups.
    """
    handbook: Handbook = context["hb"]
    role = handbook.roles[rid]
    return [vid for vid in handbook.variants.get(mid, []) if vid not in role.training
            and (not handbook.modules[vid].for_groups or role.group in handbook.modules[vid].for_groups)]


@jinja2.pass_context
def _role_groups(context: Any) -> Markdown:
    """Each role's staff group, as JSON that the matrix filter reads (no HTML can end the block)."""
    handbook: Handbook = context["hb"]
    data = {"label": _("Staff group"), "all": _("All staff groups"),
            "groups": [{"id": gid, "name": str(group.name)} for gid, group in handbook.groups.items()],
            "roles": {rid: role.group for rid, role in handbook.roles.items() if role.group}}
    return Markdown(f'<script type="application/json" class="sb-role-groups">{_json(data)}</script>')


# The words of servicebook.js, which shows them as text (never as HTML); it has the English ones itself.
BROWSER_STRINGS = {
    "copy": N_("Copy"),
    "copy.label": N_("Copy the address of {name}"),
    "copied": N_("Copied"),
    "copied.status": N_("Copied {address}"),
    "copy.refused": N_("Copying was refused: select the address and copy it by hand."),
    "filter.roles": N_("Roles whose name contains"),
    "filter.cluster": N_("Cluster"),
    "filter.all-clusters": N_("All clusters"),
    "filter.shown": N_("Roles shown: {count}."),
}


def _browser_strings() -> Markdown:
    """servicebook.js's words in the pages' language, as JSON it reads; nothing when they are its own English."""
    words = _words()[1]
    strings = {key: words.gettext(text) for key, text in BROWSER_STRINGS.items()}
    if strings == BROWSER_STRINGS:
        return Markdown("")
    return Markdown(f'<script type="application/json" class="sb-strings">{_json(strings)}</script>')


def _json(data: Any) -> str:
    """JSON for a script block in a page: no HTML can end the block, nor start a comment or entity."""
    text = json.dumps(data, ensure_ascii=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _join(items: Any, separator: str | None = None, words: gettext.NullTranslations | None = None) -> Markdown:
    """Jinja's own `join` makes a plain string of links, which would then be escaped and show as text.

    Without a separator, the list separator of the pages' language (`, `, `、`).
    """
    if separator is None:
        separator = words.gettext(LIST_SEPARATOR) if words is not None else LIST_SEPARATOR
    return Markdown(escape_plain(separator).join(_finalize(item) for item in items))


# Translators: what separates the items of a list in a sentence (", " in English, "、" in Chinese).
LIST_SEPARATOR = N_(", ")


@jinja2.pass_context
def _role_clusters(context: Any, rid: str) -> list[Any]:
    """The clusters of a role's competencies, in profile order, once each."""
    handbook: Handbook = context["hb"]
    clusters = {cluster.id: cluster for cluster in handbook.framework.clusters}
    found = (handbook.competencies[need.competency].cluster for need in handbook.needs[rid])
    return [clusters[cid] for cid in dict.fromkeys(found) if cid is not None]


@jinja2.pass_context
def _next_level(context: Any, competency: str, level: int) -> int | None:
    return next_level(context["hb"], competency, level)


@jinja2.pass_context
def _url(context: Any, target: str, anchor: str = "") -> Markdown:
    """A link from the page being written to `target` (a page path), which MkDocs then checks."""
    relative = _relative(target, context["page_path"])
    return Markdown(relative + (f"#{anchor}" if anchor else ""))


@lru_cache(maxsize=65536)
def _relative(target: str, here: str) -> str:
    """`target` relative to the page `here`: both are clean paths under the docs folder."""
    if target == here:
        return ""
    base, parts = here.split("/")[:-1], target.split("/")
    common = 0
    while common < len(base) and common < len(parts) - 1 and base[common] == parts[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + parts[common:])


@jinja2.pass_context
def _links(context: Any, section: str, ids: list[str]) -> list[Markdown]:
    """Links to several pages of one section, each titled with the item's name."""
    items = _items(context["hb"], section)
    return [Markdown(f"[{_finalize(items[id_].name)}]({_url(context, page_path(section, id_))})") for id_ in ids]


@jinja2.pass_context
def _groups(context: Any) -> list[Group]:
    return groups_of(context["hb"], _)


def role_values(handbook: Handbook, rid: str) -> list[str]:
    """The values behind a role: those of its competencies, in profile order, once each."""
    found = (vid for need in handbook.needs[rid] for vid in handbook.competencies[need.competency].values)
    return list(dict.fromkeys(found))


@jinja2.pass_context
def _role_values(context: Any, rid: str) -> list[str]:
    return role_values(context["hb"], rid)


@jinja2.pass_context
def _needed_levels(context: Any, rid: str) -> dict[str, int]:
    return {need.competency: need.level for need in context["hb"].needs[rid]}


def _items(handbook: Handbook, section: str) -> Any:
    return handbook.items(section)  # a kind's folder, or `groups`: the handbook keeps both by that name


def _rich(text: str) -> Markdown:
    """Rich text as a sanitised HTML block that Markdown passes through untouched.

    Text shown in the framework's language on a page in another says so in a `lang` attribute.
    """
    content = render_rich(text).html.strip()
    if isinstance(text, Untranslated):
        return Markdown(f'<div class="sb-rich" {_lang(text)} markdown="0">\n{content}\n</div>')
    return Markdown(f'<div class="sb-rich" markdown="0">\n{content}\n</div>')


def is_item_page(path: str) -> bool:
    """Whether `path` is the page of one role, competency, value or module (not an index or part)."""
    section, _, name = path.partition("/")
    return section in SECTIONS and name.endswith(".md") and "/" not in name and name != "index.md" \
        and not name[:1].isdigit()


def page_path(section: str, id_: str | None = None) -> str:
    """Where a page lives among the docs: `roles/index.md`, `roles/<id>.md`, `matrix.md`, `tags.md`."""
    if section in ("matrix", "workshop", "tags"):
        return f"{section}.md"
    return f"{section}/{id_ or 'index'}.md"


def _render(template: str, path: str, handbook: Handbook, source: Path | None = None, **context: Any) -> GeneratedFile:
    context.setdefault("today", _TODAY.get(None) or review.today())
    seen: set[str] = set()
    token = _UNTRANSLATED.set(seen)
    try:
        content = _environment(*_words()).get_template(template).render(
            page_path=path, hb=handbook, page=page_path, **context)
    finally:
        _UNTRANSLATED.reset(token)
    if seen:
        content = _with_note(content, sorted(seen)[0])
    return GeneratedFile(path, content, source)


_H1 = re.compile(r"^# .*\n", re.M)
UNTRANSLATED_NOTE = N_("Parts of this page are not yet translated into %(language)s and are shown in "
                       "%(source)s.")


PAGE_NOT_TRANSLATED = N_("This page is not yet translated into %(language)s and is shown in %(source)s.")


def untranslated_page_note(messages: gettext.NullTranslations, language: str, source_language: str) -> str:
    """What a hand-written page without a version in the site's language says above its text (HTML).

    The message is escaped as page text is (`_Message`), which is also safe in HTML.
    """
    note = _gettext(messages, PAGE_NOT_TRANSLATED) % {"language": catalogues.language_name(language),
                                                     "source": catalogues.name_in(source_language, language)}
    return f'<p class="sb-untranslated" data-search-exclude>{note}</p>'


def _with_note(content: str, source_language: str) -> str:
    """The page with a note under its H1 that some of it is shown in the framework's language."""
    language = _words()[0]
    note = _gettext(_words()[1], UNTRANSLATED_NOTE) % {"language": catalogues.language_name(language),
                                                   "source": catalogues.name_in(source_language, language)}
    heading = _H1.search(content)
    block = f"\n{note}\n{{: .sb-untranslated data-search-exclude }}\n"
    if heading is None:
        return block.lstrip("\n") + "\n" + content
    return content[:heading.end()] + block + content[heading.end():]


# The day a generation stands for, so that every page of one build agrees on which reviews are due.
_TODAY: contextvars.ContextVar[datetime.date | None] = contextvars.ContextVar("servicebook_today", default=None)


def generate(handbook: Handbook, *, directory_urls: bool = True, site_url: str | None = None,
             cache: PageCache | None = None, tag_index: bool = False,
             published_directory_urls: bool | None = None, today: datetime.date | None = None,
             downloads: bool = True, language: str = "en", messages: gettext.NullTranslations | None = None,
             source: Handbook | None = None) -> list[GeneratedFile]:
    """Every generated page, QR code and redirect of the handbook, in a fixed order.

    With a `site_url`, role and competency pages carry a QR code of their full address. With a
    cache (kept by `mkdocs serve`), a page whose items are all unchanged is not rendered again.
    With `tag_index` (Material's tags plugin is on), a page lists the pages of each cluster and value.
    Printed addresses and QR codes follow the URL style of the published site, which an offline copy
    built with other URLs gives as `published_directory_urls`. `today` (default: the build's day,
    see `review.today`) decides which reviews show as due. Without `downloads` (while serving, where
    every edit would make the workbook again) the Data page says the files are made by a build.

    The pages' own words are in `language` (a BCP 47 tag), from `messages` (default: the package's
    catalogues, see `messages.load`). A handbook translated into that language passes the framework
    in its own language as `source`: the downloads are made from it, the same files as on the
    source language's site.
    """
    day = today or review.today()
    token = _TODAY.set(day)
    words = _WORDS.set((language, messages or catalogues.load(language)))
    try:
        return _generate(handbook, directory_urls, site_url, cache or PageCache(), tag_index,
                         directory_urls if published_directory_urls is None else published_directory_urls, day,
                         downloads, source or handbook)
    finally:
        _WORDS.reset(words)
        _TODAY.reset(token)


def _generate(handbook: Handbook, directory_urls: bool, site_url: str | None, cache: PageCache, tag_index: bool,
              published: bool, day: datetime.date, downloads: bool, source: Handbook) -> list[GeneratedFile]:
    cache.settings((directory_urls, site_url, published, day, _words()))
    codes: list[GeneratedFile] = []
    framework = handbook.root / FRAMEWORK
    handouts = {section: {id_: _handout(page_path(section, id_), published, site_url)
                          for id_ in _items(handbook, section)} for section in ("roles", "library", "pledges")}
    indexes = {"library": ("library.md.j2", framework),
               "values": ("values.md.j2", None), "training": ("training.md.j2", None)}
    files = _roles_index(handbook, cache)
    files += [cache.page(page_path(section), index_inputs(handbook, section),
                         partial(_render, template, page_path(section), handbook, source))
              for section, (template, source) in indexes.items()]
    files += _matrix(handbook, framework, cache)
    files += _growth(handbook, cache)
    files += _groups_and_pledges(handbook, framework, cache)
    if tag_index:
        files.append(_render("tags.md.j2", page_path("tags"), handbook))
    files += _workshop(handbook, cache, handouts, bool(site_url))
    files += data_files(source, cache, partial(_render, "data.md.j2", "data/index.md", handbook), made=downloads,
                        translate=_)
    posters = _posters(handbook, cache, published, site_url)
    files += posters.pages
    codes += posters.codes
    templates = {"roles": "role.md.j2", "library": "competency.md.j2", "values": "value.md.j2",
                 "training": "module.md.j2", "pledges": "pledge.md.j2"}
    for section, template in templates.items():
        for id_, item in _items(handbook, section).items():
            path = page_path(section, id_)
            handout = handouts.get(section, {}).get(id_)
            files.append(cache.page(path, inputs_of(handbook, section, id_), partial(
                _detail, template, path, handbook, handbook.files[section, id_], id_, item, handout)))
            if handout and handout.qr:
                codes.append(GeneratedFile(handout.qr, qr_svg(handout.address), handbook.files[section, id_]))
    files += codes
    files += redirects(handbook, directory_urls=directory_urls)
    files += assets()
    files += checkin_files(handbook)
    cache.forget_unseen()
    return files


ASSETS = ("assets/servicebook/servicebook.css", "assets/servicebook/servicebook.js",
          "assets/servicebook/iframe-worker.js")


def assets() -> list[GeneratedFile]:
    """The stylesheet and script that the generated pages need, shipped inside the package."""
    folder = resources.files("servicebook.site").joinpath("assets")
    return [GeneratedFile(path, folder.joinpath(posixpath.basename(path)).read_text(encoding="utf-8"))
            for path in ASSETS]


@dataclass(frozen=True)
class Handout:
    """What a printed page shows of itself: its full address (when known) and a QR code of it."""

    address: str
    qr: str | None


def _handout(path: str, directory_urls: bool, site_url: str | None) -> Handout:
    """Role and competency pages have one; the address style is the published site's."""
    if not site_url:
        return Handout("", None)  # the address is filled in by the browser when the page is printed
    address = site_url.rstrip("/") + "/" + page_url(path, directory_urls=directory_urls)
    return Handout(address, qr_path(path))


def _detail(template: str, path: str, handbook: Handbook, source: Path, id_: str, item: Any,
            handout: Handout | None) -> GeneratedFile:
    return replace(_render(template, path, handbook, source, id=id_, item=item, handout=handout), title=str(item.name))


def _groups_and_pledges(handbook: Handbook, framework: Path, cache: PageCache) -> list[GeneratedFile]:
    """Format 1.1's index pages, and a page per staff group: only for a handbook that has them.

    The pledge pages themselves are made with the other item pages.
    """
    files = []
    if handbook.groups:
        home = page_path("groups")
        files.append(cache.page(home, group_inputs(handbook), partial(
            _render, "groups.md.j2", home, handbook, framework)))
        for gid, group in handbook.groups.items():
            path = page_path("groups", gid)
            files.append(cache.page(path, group_inputs(handbook, gid), partial(
                _detail, "group.md.j2", path, handbook, framework, gid, group, None)))
    if handbook.pledges:
        home = page_path("pledges")
        files.append(cache.page(home, (handbook.framework, *handbook.pledges.values()), partial(
            _render, "pledges.md.j2", home, handbook)))
    return files


@dataclass(frozen=True)
class _Posters:
    pages: list[GeneratedFile]
    codes: list[GeneratedFile]


def _posters(handbook: Handbook, cache: PageCache, published: bool, site_url: str | None) -> _Posters:
    """A poster of each value (one A4 page) and a pocket card of them all, for walls and wallets.

    The poster's QR code is that of the value's page, where the value is explained.
    """
    home = page_path("posters")
    address = site_url.rstrip("/") + "/" if site_url else ""
    card = partial(_titled, _("Service values: pocket card"), _render, "posters.md.j2", home, handbook,
                   address=address)
    pages = [cache.page(home, index_inputs(handbook, "values"), card)]
    codes = []
    for vid, value in handbook.values.items():
        path, handout = page_path("posters", vid), _handout(page_path("values", vid), published, site_url)
        source = handbook.files["values", vid]
        pages.append(cache.page(path, (handbook.framework, value), partial(
            _titled, _("%(name)s: poster", name=str(value.name)), _render, "poster.md.j2", path, handbook, source,
            id=vid, item=value, handout=handout)))
        if handout.qr:
            codes.append(GeneratedFile(handout.qr, qr_svg(handout.address), source))
    return _Posters(pages, codes)


def _titled(title: str, render: Any, *args: Any, **kwargs: Any) -> GeneratedFile:
    page: GeneratedFile = render(*args, **kwargs)
    return replace(page, title=title)


def _growth(handbook: Handbook, cache: PageCache) -> list[GeneratedFile]:
    """A page per role that reports to another, on the step up, and an index of them."""
    steps = [step for rid in handbook.roles if (step := growth(handbook, rid)) is not None]
    index = page_path("growth")
    files = [cache.page(index, (handbook.framework, *handbook.roles.values()), partial(
        _render, "growth-index.md.j2", index, handbook, steps=steps))]
    files += [cache.page(page_path("growth", step.role), growth_inputs(handbook, step.role, step.target),
                         partial(_step, handbook, step)) for step in steps]
    return files


def _step(handbook: Handbook, step: Growth) -> GeneratedFile:
    path = page_path("growth", step.role)
    title = _("From %(role)s to %(target)s", role=str(handbook.roles[step.role].name),
              target=str(handbook.roles[step.target].name))
    return replace(_render("growth.md.j2", path, handbook, handbook.files["roles", step.role], step=step),
                   title=title)


def _roles_index(handbook: Handbook, cache: PageCache) -> list[GeneratedFile]:
    """The roles index: one page, or an overview and pages of LIST_ROWS roles for a large handbook."""
    home = page_path("roles")
    order = reporting_order(handbook)
    parts = list_parts([rid for rid, _ in order], home, "roles/")
    fw = handbook.framework
    if len(parts) == 1:
        return [cache.page(home, index_inputs(handbook, "roles"), partial(
            _render, "roles.md.j2", home, handbook, parts=parts, tree=order))]
    ends = (handbook.roles[rid] for part in parts for rid in (part.ids[0], part.ids[-1]))
    files = [cache.page(home, (fw, *ends), partial(_render, "roles.md.j2", home, handbook, parts=parts, tree=[]))]
    for part in parts:
        shown = [handbook.roles[rid] for rid in part.ids]
        bosses = [handbook.roles[role.reports_to] for role in shown if role.reports_to]
        files.append(cache.page(part.path, (fw, *shown, *bosses), partial(
            _render, "roles-part.md.j2", part.path, handbook, part=part, home=home, pager_home=_("All roles"))))
    return files


def _workshop(handbook: Handbook, cache: PageCache, handouts: dict[str, dict[str, Handout]],
              qr: bool) -> list[GeneratedFile]:
    """Every role and competency page with its address and QR code, for trainers' slides."""
    home = page_path("workshop")
    stems = {"roles": "workshop/roles-", "library": "workshop/competencies-"}
    lists = {section: list_parts(list(_items(handbook, section)), home, stem) for section, stem in stems.items()}
    context: dict[str, Any] = {"handouts": handouts, "qr": qr, "home": home, "pager_home": _("All workshop links")}
    files = [cache.page(home, everything(handbook), partial(
        _render, "workshop.md.j2", home, handbook, lists=lists, **context))]
    for section, parts in lists.items():
        items = _items(handbook, section)
        files += [cache.page(part.path, (handbook.framework, *(items[id_] for id_ in part.ids)), partial(
            _render, "workshop-part.md.j2", part.path, handbook, part=part, section=section, **context))
            for part in parts if len(parts) > 1]
    return files


def _matrix(handbook: Handbook, framework: Path, cache: PageCache) -> list[GeneratedFile]:
    parts = matrix_parts(handbook, _)
    home = page_path("matrix")
    if all(part.path == home for part in parts):
        return [cache.page(home, everything(handbook), partial(
            _render, "matrix.md.j2", home, handbook, framework, parts=parts, overview=False))]
    # The overview names each table's first and last role.
    ends = [rid for part in parts for rid in part.roles[:1] + part.roles[-1:]]
    pages = [cache.page(home, matrix_inputs(handbook, [], ends), partial(
        _render, "matrix.md.j2", home, handbook, framework, parts=parts, overview=True))]
    pages += [cache.page(part.path, matrix_inputs(handbook, part.group.competencies, part.roles), partial(
        _render, "matrix-part.md.j2", part.path, handbook, framework, part=part)) for part in parts]
    return pages


def redirects(handbook: Handbook, *, directory_urls: bool) -> list[GeneratedFile]:
    """A small HTML page at every alias's address that forwards to the current page, anchor and all."""
    result = []
    # A renamed role's growth page moves with it.
    steps = {alias: target for alias, target in handbook.aliases["roles"].items() if handbook.roles[target].reports_to}
    for section, aliases in [*((section, handbook.aliases[section]) for section in SECTIONS), ("growth", steps)]:
        for alias, target in sorted(aliases.items()):
            if directory_urls:
                path, href = f"{section}/{alias}/index.html", f"../{target}/"
            else:
                path, href = f"{section}/{alias}.html", f"{target}.html"
            kind = "roles" if section == "growth" else section
            result.append(GeneratedFile(path, _redirect_page(href, str(_items(handbook, kind)[target].name)),
                                        handbook.files[kind, target]))
    return result


def _redirect_page(href: str, title: str) -> str:
    href, title = html.escape(href), html.escape(title)
    lang = html.escape(_words()[0], quote=True)
    moved = html.escape(_("This page has moved to %(link)s."), quote=False).replace(
        "%(link)s", f'<a href="{href}">{title}</a>')
    return (
        f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n"
        f'<link rel="canonical" href="{href}">\n'
        f'<script>location.replace("{href}" + location.search + location.hash);</script>\n'
        f'<meta http-equiv="refresh" content="0; url={href}">\n'
        "</head>\n<body>\n"
        f"<p>{moved}</p>\n"
        "</body>\n</html>\n"
    )
