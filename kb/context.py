"""The per-build macro context: the data loaded once, the page being rendered, and what it cites."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import kb.render  # noqa: F401  # registers the macros
from kb.citing import page_sources
from kb.errors import DataErrors
from kb.macro import MACROS, PageScope, Shown
from kb.models import GlossaryTerm, KnowledgeBase
from kb.pages import PageInfo, backlinks, citation_problems, front_matter_problems, scan_docs
from kb.render import glossary, moved, sources
from kb.render import html as h
from kb.yamlio import decode_text

SOURCES_MARK = "<!-- kb:page-sources -->"
_current: BuildContext | None = None
_cache: tuple[tuple[tuple[str, int, int], ...], KnowledgeBase] | None = None


def files_fingerprint(root: Path, folders: tuple[str, ...]) -> tuple[tuple[str, int, int], ...]:
    """Name, size and modification time of every file under the folders (or of the files) named; Python's byte
    code caches do not count."""
    files = [p for folder in folders for p in ([root / folder] if (root / folder).is_file()
                                               else sorted((root / folder).rglob("*")))
             if p.is_file() and "__pycache__" not in p.parts]
    return tuple((str(p), (s := p.stat()).st_size, s.st_mtime_ns) for p in files)


def data_fingerprint(root: Path) -> tuple[tuple[str, int, int], ...]:
    """What the loaded data depends on: every data and schema file (name, size, modification time), and the
    names of the pages under docs/ (data may name a page; the pages' text plays no part in the data)."""
    pages = tuple((str(p), 0, 0) for p in sorted((root / "docs").rglob("*.md")))
    return files_fingerprint(root, ("data", "schemas")) + pages


def _cached_knowledge_base(root: Path, load: Callable[[Path], KnowledgeBase]) -> KnowledgeBase:
    """The loaded data, reused between rebuilds of the preview until a data or schema file changes, or a page
    is added, removed or renamed (data names pages; editing a page's text leaves the data as it was).

    A failed load is never cached.
    """
    global _cache
    fingerprint = data_fingerprint(root)
    if _cache is None or _cache[0] != fingerprint:
        _cache = (fingerprint, load(root))
    return _cache[1]


def repository_links(conf: Any) -> tuple[str, str]:
    """The repository's address and the edit URL of files at its root, from the MkDocs configuration."""
    repo_url = str(conf.get("repo_url") or "")
    edit_uri = str(conf.get("edit_uri") or "")
    edit_root = edit_uri.strip("/").removesuffix("docs").strip("/")
    edit_base = f"{repo_url.rstrip('/')}/{edit_root}/" if repo_url and edit_root else ""
    return repo_url, edit_base


def current() -> BuildContext:
    """The BuildContext loaded for this build (by macros.define_env)."""
    if _current is None:
        raise RuntimeError("the knowledge base is not loaded: is the macros plugin enabled in mkdocs.yml?")
    return _current


class _Recorded(Mapping[str, Any]):
    """A read-only mapping that notes each key read (and "*" when iterated): what a page's output depends on."""

    def __init__(self, data: Mapping[str, Any], note: Callable[[str], None]) -> None:
        self._data, self._note = data, note

    def __getitem__(self, key: str) -> Any:
        self._note(key)
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        self._note("*")
        return iter(self._data)

    def __len__(self) -> int:
        self._note("*")
        return len(self._data)


class BuildContext:
    """Holds the data loaded once per build, plus the page being rendered and the sources it shows."""

    def __init__(self, kb: KnowledgeBase, pages: dict[str, PageInfo], repo_url: str = "", edit_base: str = "") -> None:
        self.kb = kb
        self.repo_url, self.edit_base = repo_url, edit_base
        self.pages = pages
        self.titles = {path: info.title for path, info in pages.items()}
        self.backlinks = backlinks(pages)
        self.page = ""
        self.meta: dict[str, Any] = {}
        self.data_sources: list[str] = []
        self.shown: list[Shown] = []
        self.linked: set[str] = set()  # criterion IDs criterion() has linked in full on the page (PageScope)
        self.docs_dir: Path | None = None
        self._citations: dict[str, tuple[str, ...]] | None = None
        # page path -> what its macros read of the other pages: "backlinks:<criterion ID>" (or "backlinks:*"),
        # "citations" (every page's sources list); the preview rebuilds a page when what it read changes.
        self.reads: dict[str, set[str]] = {}

    @classmethod
    def load(cls, root: Path, repo_url: str = "", edit_base: str = "") -> BuildContext:
        """Load and check the data and every page's citations; all problems are reported in one DataErrors."""
        global _current
        from kb.loader import load_knowledge_base

        kb_, pages = _cached_knowledge_base(root, load_knowledge_base), scan_docs(root / "docs")
        problems = citation_problems(pages, set(kb_.criteria))
        if problems:
            raise DataErrors(problems)
        _current = cls(kb_, pages, repo_url, edit_base)
        _current.docs_dir = root / "docs"
        return _current

    def start_page(self, path: str, meta: dict[str, Any]) -> None:
        """Begin a page; a page without its required front matter stops the build, naming the page."""
        problems = front_matter_problems(PageInfo(path, meta))
        if problems:
            raise ValueError("; ".join(problems) + " (every page needs title, description and last_reviewed)")
        self.page, self.meta, self.data_sources, self.shown, self.linked = path, meta, [], [], set()
        self.reads[path] = set()

    def scope(self, path: str | None = None) -> PageScope:
        """What a macro knows of its page; for the page being rendered, its reads of other pages are noted."""
        if path is not None or not self.page:
            return PageScope(self.kb, self.page if path is None else path, self.titles, self.backlinks,
                             self.repo_url, self.edit_base, self.citations, self.linked if path is None else set())
        reads = self.reads.setdefault(self.page, set())

        def citations() -> dict[str, tuple[str, ...]]:
            reads.add("citations")
            return self.citations()

        backlinks = _Recorded(self.backlinks, lambda cid: reads.add(f"backlinks:{cid}"))
        return PageScope(self.kb, self.page, self.titles, backlinks, self.repo_url, self.edit_base, citations,
                         self.linked)

    def citations(self) -> dict[str, tuple[str, ...]]:
        """Every page's sources list (front matter, then what its macros show), read once per build. The macros
        run here for every page, so their HTML blocks are written in place, not kept for the page being built."""
        if self._citations is None:
            self._citations = {}
            if self.docs_dir is not None:
                with h.blocks_in_place():
                    for path, info in self.pages.items():
                        text = decode_text((self.docs_dir / path).read_bytes(), f"docs/{path}")
                        self._citations[path] = page_sources(self.kb, path, info.meta, text, self.scope)
        return self._citations

    def _cite(self, result: Shown) -> str:
        """Record what a macro showed; its records' sources join the page's sources list, once each."""
        self.shown.append(result)
        for record in result.records:
            self.data_sources += [s for s in record.sources if s not in self.data_sources]
        return result.text

    def _bind(self, function: Callable[..., Shown]) -> Callable[..., str]:
        def bound(*args: Any, **kwargs: Any) -> str:
            return self._cite(function(self.scope(), *args, **kwargs))

        bound.__name__, bound.__doc__ = function.__name__, function.__doc__
        return bound

    def macros(self) -> dict[str, Callable[..., Any]]:
        """Every registered macro bound to this context, plus page_sources."""
        bound: dict[str, Callable[..., Any]] = {name: self._bind(f) for name, f in MACROS.items()}
        bound["page_sources"] = self.page_sources
        return bound

    def page_sources(self) -> str:
        """The page's sources list: its front matter's sources, then those of every record shown."""
        ids = list(self.meta.get("sources") or [])
        unknown = [i for i in ids if i not in self.kb.sources]
        if unknown:
            raise ValueError(f"{self.page}: front matter cites unknown source(s) {unknown}; see data/sources.yml")
        ids += [s for s in self.data_sources if s not in ids]
        if not ids:
            raise ValueError(f"{self.page}: no sources; list source ids under 'sources:' in the front matter")
        # Out of the search index: the Sources page already holds every entry, searchable.
        heading = "## Sources { #sources data-search-exclude }"
        return f"{SOURCES_MARK}\n\n{heading}\n\n{sources.sources_list(self.kb, ids)}\n\n"

    def finish_page(self, markdown: str) -> str:
        """Append the sources list (unless the page placed it) and the glossary's abbreviations."""
        if SOURCES_MARK not in markdown:
            markdown = markdown.rstrip() + "\n\n" + self.page_sources()
        redirects = moved.moved_sections(self.page, self.meta.get("moved_sections"), self.pages)
        if redirects:
            markdown = markdown.rstrip() + "\n" + h.block(redirects)
        # The glossary page itself defines every abbreviation in its headings, so it needs no tooltips for them
        # (about 9 KB of <abbr> elements there).
        defines_terms = any(isinstance(r, GlossaryTerm) for result in self.shown for r in result.records)
        if self.kb.glossary is not None and not defines_terms:
            used = glossary.abbreviations(self.kb.glossary, "\n".join([markdown, *h.kept_blocks()]))
            if used:
                markdown = markdown.rstrip() + "\n\n" + used + "\n"
        return markdown
