"""Text from YAML made safe for a page: plain text escaped for Markdown, rich text rendered and sanitised.

Plain text becomes Markdown in which no character can mean anything: every ASCII sign that
Markdown, its extensions, attribute lists or Jinja could read is written as a numeric
character reference, which every Markdown engine shows as the character itself.
Rich text is rendered here, with raw HTML switched off, then cleaned by an allow-list
sanitiser, and reaches the page as a finished HTML block.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

# Signs that carry meaning somewhere in Markdown, its common extensions, attribute lists,
# HTML or Jinja. `-` `+`, `1.` and indentation only matter at the start of a line.
_ALWAYS = re.compile(r"[\\`*_{}\[\]()<>#|~^=$&!:@]")
_LEADING = re.compile(r"^(?:\s+|[-+])")
_NUMBERED = re.compile(r"^(\d+)\.")
ALLOWED_SCHEMES = ("http", "https", "mailto")


def _reference(match: re.Match[str]) -> str:
    return "".join(f"&#{ord(char)};" for char in match.group())


@lru_cache(maxsize=65536)
def escape_plain(text: str) -> str:
    """Markdown that shows `text` exactly as typed, wherever on a line it lands.

    Cached: names are printed on many pages, and a large handbook escapes hundreds of thousands
    of strings per build.
    """
    text = _ALWAYS.sub(_reference, text)
    text = _LEADING.sub(_reference, text)
    return _NUMBERED.sub(r"\1&#46;", text)


@dataclass(frozen=True)
class BadLink:
    """A link or picture in rich text that may not be published, and why."""

    url: str
    reason: str
    hint: str


@dataclass(frozen=True)
class Rendered:
    html: str
    bad_links: tuple[BadLink, ...]


def check_url(url: str, *, picture: bool) -> BadLink | None:
    """Links may go to http(s), mailto or a relative address; pictures only to a relative one."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return BadLink(url, f"the link '{url}' is not a valid address", "check it for typing mistakes")
    scheme = parts.scheme.lower()
    if picture and (scheme or parts.netloc):
        return BadLink(url, f"the picture '{url}' would be loaded from another site",
                       "keep pictures in the handbook's own pages, or link to the picture instead")
    if scheme and scheme not in ALLOWED_SCHEMES:
        return BadLink(url, f"the link '{url}' uses '{parts.scheme}:', which is not allowed",
                       "links may start with http:, https: or mailto:, or be relative addresses")
    if not scheme and parts.netloc:
        return BadLink(url, f"the link '{url}' has no scheme", f"write it as https:{url}")
    if scheme in ("http", "https") and not re.fullmatch(r"[A-Za-z0-9.-]+(:\d+)?", parts.netloc):
        return BadLink(url, f"the link '{url}' has no valid site name", "check the address after https://")
    return None


class _Tidy(Treeprocessor):
    """Nests headings under the section that shows the text, and finds links that may not be published."""

    shift = 1
    bad: list[BadLink]

    def run(self, root: etree.Element) -> None:
        self.bad = []
        for element in root.iter():
            if re.fullmatch(r"h[1-6]", element.tag):
                element.tag = f"h{min(6, int(element.tag[1]) + self.shift)}"
            elif element.tag in ("a", "img"):
                url = element.get("href" if element.tag == "a" else "src", "")
                problem = check_url(url, picture=element.tag == "img")
                if problem:
                    self.bad.append(problem)
                if element.tag == "a" and not _has_words(element):
                    element.text = url  # a link with no words is announced as nothing by screen readers


def _has_words(element: etree.Element) -> bool:
    return bool("".join(element.itertext()).strip()) or any(img.get("alt", "").strip() for img in element.iter("img"))


class _RichText(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # Raw HTML is read as text: no block or inline HTML reaches the output.
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_Tidy(md), "servicebook_tidy", 0)


_TAGS = {"p", "br", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "a", "img", "hr",
         "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td"}
_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "ol": {"start"}}


@lru_cache(maxsize=4096)
def render_rich(text: str, shift: int = 1) -> Rendered:
    """Rich text as clean HTML, with the links that break the rules (cached: pages and checks share it)."""
    md = markdown.Markdown(extensions=["tables", "sane_lists", _RichText()], output_format="html")
    tidy = md.treeprocessors["servicebook_tidy"]
    assert isinstance(tidy, _Tidy)
    tidy.shift = shift
    html = md.convert(text)
    clean = nh3.clean(html, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes=set(ALLOWED_SCHEMES),
                      link_rel="noopener", strip_comments=True)
    return Rendered(clean, tuple(tidy.bad))
