"""The one shape every generated file has, shared by the page writer, the page cache and the adapters."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class GeneratedFile:
    """One file of the site that exists only in memory: a page (`.md`) or a redirect (`.html`)."""

    path: str
    content: str
    source: Path | None = None
    title: str | None = None
