"""The two kinds of text a handbook in another language is made of; a module of its own so the linked
handbook can keep the marking without depending on how a handbook is translated."""

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
    return text.source if isinstance(text, Translated | Untranslated) else text
