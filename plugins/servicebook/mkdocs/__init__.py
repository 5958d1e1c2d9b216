"""The MkDocs adapter: the plugin, its options and the theme overrides.

The only place that imports MkDocs or Material.
"""
