"""Writing the handbook's pages from the linked handbook: Jinja templates → Markdown, assets, QR codes.

Uses `servicebook.data`; knows nothing of MkDocs, so the pages can be written to disk for another builder.
"""
