"""The handbook in another language: every text replaced by its current translation, or kept and marked.

A translated handbook has the same ids, links and order as the source one; only its texts differ.
Each text is a `Translated` (which remembers the source text it stands for) or an `Untranslated`
(the source text itself, which remembers its language), so that pages can mark text shown in the
source language, and check-ins can key answers on the source words whatever language they were
given in.
"""

from __future__ import annotations


class Translated(str):
    """A text in the page's language; `source` is the framework's own text that it translates."""

    source: str

    def __new__(cls, text: str, source: str) -> Translated:
        made = super().__new__(cls, text)
        made.source = str(source)
        return made


class Untranslated(str):
    """A source text shown where its translation is missing or stale; `lang` is the source language."""

    lang: str

    def __new__(cls, text: str, lang: str) -> Untranslated:
        made = super().__new__(cls, text)
        made.lang = lang
        return made

    @property
    def source(self) -> str:
        return str(self)


def source_of(text: str) -> str:
    """The framework's own words for a text, whatever language it is shown in."""
    return getattr(text, "source", text) if isinstance(text, Translated | Untranslated) else text
