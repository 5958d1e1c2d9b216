"""servicebook: a customer-service competency framework kept as YAML, published as a MkDocs handbook."""

from __future__ import annotations

__version__ = "0.1.0"
