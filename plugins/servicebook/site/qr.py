"""QR codes of page addresses, for slides, posters and printed handouts.

Made at build time as SVG files, so the published site makes no request to a QR service.
"""

from __future__ import annotations

import io
from functools import lru_cache

import segno


def page_url(path: str, *, directory_urls: bool) -> str:
    """The address of a generated page relative to the site: `roles/x.md` → `roles/x/`."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/" if directory_urls else f"{stem}.html"


def qr_path(path: str) -> str:
    """Where the QR code of a page is written: `roles/x.md` → `assets/servicebook/qr/roles/x.svg`."""
    return f"assets/servicebook/qr/{path.removesuffix('.md')}.svg"


@lru_cache(maxsize=8192)  # `mkdocs serve` rebuilds reuse codes whose address did not change
def qr_svg(address: str) -> str:
    """A standalone SVG QR code of `address`, black on white, with a quiet zone."""
    code = segno.make_qr(address, error="m")
    out = io.BytesIO()
    code.save(out, kind="svg", scale=4, border=4, dark="#000", light="#fff", xmldecl=True,
              title=f"QR code of {address}")
    return out.getvalue().decode("utf-8")
