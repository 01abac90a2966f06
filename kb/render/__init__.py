"""Pure renderers: models in, Markdown out. No I/O; every piece of data text goes through kb.markdown."""
