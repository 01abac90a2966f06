"""The CTPAT knowledge base: typed models, a validating loader and pure renderers for the site."""

from kb.errors import DataError
from kb.loader import load_knowledge_base
from kb.models import KnowledgeBase

__all__ = ["DataError", "KnowledgeBase", "load_knowledge_base"]
