"""The plugin's options in mkdocs.yml, with MkDocs' own typed config (Pydantic is for the data)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class ServicebookConfig(Config):
    data_dir = c.Type(str, default="competencies")
    """The folder of YAML files that holds the framework, relative to mkdocs.yml."""
