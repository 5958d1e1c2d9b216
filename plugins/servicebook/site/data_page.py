"""The Data page: the framework as downloads (a workbook and a JSON document with its schema) for other tools.

An LMS or an HR system reads these files instead of the YAML; the page says what each holds.
The bytes are the same for the same framework, so a rebuild that changed nothing changes no download.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..data.link import Handbook
from ..data.tables import layout, sheets
from .generated import GeneratedFile
from .messages import N_
from .reuse import PageCache, everything
from .workbook import SCHEMA_FILE, json_document, json_schema, xlsx_bytes

FOLDER = "data"
WORKBOOK = "handbook.xlsx"
DOCUMENT = "handbook.json"


@dataclass(frozen=True)
class Download:
    """One file offered on the page: its name, what it holds, and its size in words."""

    name: str
    holds: str
    size: str


HOLDS = {
    WORKBOOK: N_("The whole framework as an Excel workbook: one sheet per kind of item, one for requirements "
                 "(role, competency, level) and one for behaviours (competency, level, text)."),
    DOCUMENT: N_("The whole framework as one JSON document, for systems that read data."),
    SCHEMA_FILE: N_("The JSON Schema that describes the JSON document, field by field."),
}


def _size(content: str | bytes, translate: Callable[..., str]) -> str:
    count = len(content.encode("utf-8") if isinstance(content, str) else content)
    if count >= 1024:
        return translate(N_("%(count)s KB"), count=f"{count / 1024:,.0f}")
    return translate(N_("%(count)s bytes"), count=str(count))


def data_files(handbook: Handbook, cache: PageCache, render: Callable[..., GeneratedFile], *,
               made: bool = True, translate: Callable[..., str] | None = None) -> list[GeneratedFile]:
    """The page and its three downloads, made again only when the data changed.

    The files are the same in every language; `translate(message, **values)` gives the page's words.
    """
    words = translate or (lambda message, **values: message % values)
    inputs = everything(handbook)
    if not made:
        return [cache.page(f"{FOLDER}/index.md", (*inputs, "preview"),
                           lambda: render(downloads=[], sheets=layout()))]
    written: dict[str, Any] = {}

    def make(name: str, content: Callable[[], str | bytes]) -> GeneratedFile:
        return cache.page(f"{FOLDER}/{name}", inputs, lambda: GeneratedFile(f"{FOLDER}/{name}", content()))

    files = [make(WORKBOOK, lambda: xlsx_bytes(sheets(handbook))), make(DOCUMENT, lambda: json_document(handbook)),
             make(SCHEMA_FILE, json_schema)]
    for file in files:
        written[file.path.rsplit("/", 1)[-1]] = file.content
    downloads = [Download(name, words(HOLDS[name]), _size(written[name], words))
                 for name in (WORKBOOK, DOCUMENT, SCHEMA_FILE)]
    page = cache.page(f"{FOLDER}/index.md", inputs, lambda: render(downloads=downloads, sheets=layout()))
    return [page, *files]
