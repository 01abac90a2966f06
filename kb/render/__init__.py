"""Pure renderers, split by the data they render, and the page macros built on them (see kb.macro).

Models in, Markdown out; no I/O. Every piece of data text goes through kb.markdown. Every module in this
package is imported here, so a new kb/render/NAME.py registers its macros with no other change.
"""

import importlib
import pkgutil

for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")
