"""The linked handbook → the Markdown pages and redirects of the site, from the package's Jinja templates.

Every value a template prints is escaped for Markdown unless it is `Markdown` that this
module built itself (links, rendered rich text). YAML text is only ever data here.
"""

from __future__ import annotations

import html
import posixpath
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from .layout import FRAMEWORK
from .link import Handbook
from .markup import escape_plain, render_rich

SECTIONS = ("roles", "library", "values", "training")


class Markdown(str):
    """Markdown or HTML written by servicebook itself, which templates print as it is."""


@dataclass(frozen=True)
class GeneratedFile:
    """One file of the site that exists only in memory: a page (`.md`) or a redirect (`.html`)."""

    path: str
    content: str
    source: Path | None = None
    title: str | None = None


def _finalize(value: Any) -> str:
    if isinstance(value, Markdown):
        return value
    if isinstance(value, bool) or value is None:
        raise TypeError(f"a template printed {value!r}; test it with 'if' instead")
    return escape_plain(str(value))


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("servicebook", "templates"),
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(url=_url, rich=_rich, links=_links, groups=_groups, role_values=_role_values,
                       needed_levels=_needed_levels)
    return env


@jinja2.pass_context
def _url(context: Any, target: str, anchor: str = "") -> Markdown:
    """A link from the page being written to `target` (a page path), which MkDocs then checks."""
    here = posixpath.dirname(context["page_path"])
    relative = "" if target == context["page_path"] else posixpath.relpath(target, here or ".")
    return Markdown(relative + (f"#{anchor}" if anchor else ""))


@jinja2.pass_context
def _links(context: Any, section: str, ids: list[str]) -> list[Markdown]:
    """Links to several pages of one section, each titled with the item's name."""
    items = _items(context["hb"], section)
    return [Markdown(f"[{escape_plain(items[id_].name)}]({_url(context, page_path(section, id_))})") for id_ in ids]


@dataclass(frozen=True)
class Group:
    """Competencies shown together in the library and the matrix: a cluster, or the unclustered rest."""

    name: str
    anchor: str
    summary: str | None
    competencies: list[str]


@jinja2.pass_context
def _groups(context: Any) -> list[Group]:
    handbook: Handbook = context["hb"]
    clusters = handbook.framework.clusters
    groups = [Group(cluster.name, f"cluster-{cluster.id}", cluster.summary,
                    [cid for cid, competency in handbook.competencies.items() if competency.cluster == cluster.id])
              for cluster in clusters]
    rest = [cid for cid, competency in handbook.competencies.items() if competency.cluster is None]
    if rest:
        groups.append(Group("Other competencies" if clusters else "All competencies", "cluster-none", None, rest))
    return groups


@jinja2.pass_context
def _role_values(context: Any, rid: str) -> list[str]:
    """The values behind a role: those of its competencies, in profile order, once each."""
    handbook: Handbook = context["hb"]
    found = (vid for need in handbook.needs[rid] for vid in handbook.competencies[need.competency].values)
    return list(dict.fromkeys(found))


@jinja2.pass_context
def _needed_levels(context: Any, rid: str) -> dict[str, int]:
    return {need.competency: need.level for need in context["hb"].needs[rid]}


def _items(handbook: Handbook, section: str) -> Any:
    return {"roles": handbook.roles, "library": handbook.competencies, "values": handbook.values,
            "training": handbook.modules}[section]


def _rich(text: str) -> Markdown:
    """Rich text as a sanitised HTML block that Markdown passes through untouched."""
    return Markdown(f'<div class="sb-rich" markdown="0">\n{render_rich(text).html.strip()}\n</div>')


def page_path(section: str, id_: str | None = None) -> str:
    """Where a page lives among the docs: `roles/index.md`, `roles/<id>.md`, `matrix.md`."""
    if section == "matrix":
        return "matrix.md"
    return f"{section}/{id_ or 'index'}.md"


def _render(template: str, path: str, handbook: Handbook, source: Path | None = None, **context: Any) -> GeneratedFile:
    content = _environment().get_template(template).render(page_path=path, hb=handbook, page=page_path, **context)
    return GeneratedFile(path, content, source)


def generate(handbook: Handbook, *, directory_urls: bool = True) -> list[GeneratedFile]:
    """Every generated page and redirect of the handbook, in a fixed order."""
    framework = handbook.root / FRAMEWORK
    files = [
        _render("roles.md.j2", page_path("roles"), handbook),
        _render("library.md.j2", page_path("library"), handbook, framework),
        _render("values.md.j2", page_path("values"), handbook),
        _render("training.md.j2", page_path("training"), handbook),
        _render("matrix.md.j2", page_path("matrix"), handbook, framework),
    ]
    templates = {"roles": "role.md.j2", "library": "competency.md.j2", "values": "value.md.j2",
                 "training": "module.md.j2"}
    for section, template in templates.items():
        for id_, item in _items(handbook, section).items():
            page = _render(template, page_path(section, id_), handbook, handbook.files[section, id_],
                           id=id_, item=item)
            files.append(replace(page, title=item.name))
    files += redirects(handbook, directory_urls=directory_urls)
    return files


def redirects(handbook: Handbook, *, directory_urls: bool) -> list[GeneratedFile]:
    """A small HTML page at every alias's address that forwards to the current page, anchor and all."""
    result = []
    for section in SECTIONS:
        for alias, target in sorted(handbook.aliases[section].items()):
            if directory_urls:
                path, href = f"{section}/{alias}/index.html", f"../{target}/"
            else:
                path, href = f"{section}/{alias}.html", f"{target}.html"
            result.append(GeneratedFile(path, _redirect_page(href, _items(handbook, section)[target].name),
                                        handbook.files[section, target]))
    return result


def _redirect_page(href: str, title: str) -> str:
    href, title = html.escape(href), html.escape(title)
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n"
        f'<link rel="canonical" href="{href}">\n'
        f'<script>location.replace("{href}" + location.search + location.hash);</script>\n'
        f'<meta http-equiv="refresh" content="0; url={href}">\n'
        "</head>\n<body>\n"
        f'<p>This page has moved to <a href="{href}">{title}</a>.</p>\n'
        "</body>\n</html>\n"
    )
