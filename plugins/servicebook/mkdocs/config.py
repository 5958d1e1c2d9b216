"""The plugin's options in mkdocs.yml, with MkDocs' own typed config (Pydantic is for the data)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class ServicebookConfig(Config):
    data_dir = c.Type(str, default="competencies")
    """The folder of YAML files that holds the framework, relative to mkdocs.yml."""
    languages = c.Type((str, list), default="auto")
    """The languages to publish besides the framework's own: `auto` (one for each catalogue in the data
    folder's translations/), or a list of language tags such as [zh-Hant, cy]; [] publishes one language."""
    messages_dir = c.Type(str, default="")
    """A folder of the site's own `<lang>.po` files, relative to mkdocs.yml (by default `translations/` in the
    docs folder, which is not published): the words of mkdocs.yml (nav titles, site name) in each language,
    and any of the handbook's own words reworded."""
