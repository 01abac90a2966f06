"""Pure renderers, split by the data they render, and the page macros built on them (see kb.macro).

Models in, Markdown out; no I/O. Every piece of data text goes through kb.markdown.
"""

from kb.render import criteria, glossary, program, sources, tools

__all__ = ["criteria", "glossary", "program", "sources", "tools"]
