"""Reading and validating the framework: YAML files → located parse → Pydantic models → linked handbook.

Nothing here knows about pages, commands or MkDocs.
"""
