"""The macro registry: page macros register with @macro and return what they show through `shown()`.

A macro cannot show records without citing them: `shown(text, records)` carries the records, and the build
context adds every source of every record to the page's sources list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from kb.models import KnowledgeBase


class Cited(Protocol):
    """A record that names its sources."""

    @property
    def sources(self) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class Shown:
    """A macro's output and the records it shows."""

    text: str
    records: tuple[Cited, ...] = ()


@dataclass(frozen=True)
class PageScope:
    """What a macro may know about the page it renders on."""

    kb: KnowledgeBase
    path: str  # the page's path under docs/
    titles: Mapping[str, str] = field(default_factory=dict)  # page path -> title, for every page
    backlinks: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # criterion ID -> {page: title}


Macro = Callable[..., Shown]
MACROS: dict[str, Macro] = {}


def macro(name: str) -> Callable[[Macro], Macro]:
    """Register a page macro: `{{ name(...) }}` in a page calls the function with the PageScope first."""

    def register(function: Macro) -> Macro:
        if name in MACROS:
            raise RuntimeError(f"two macros are named {name}")
        MACROS[name] = function
        return function

    return register


def shown(text: str, records: Iterable[Cited] = ()) -> Shown:
    return Shown(text, tuple(records))


def refuse_number(name: str, value: object) -> str:
    """Criterion IDs in macro calls are quoted text: criterion(4.10) would reach us as the number 4.1."""
    if not isinstance(value, str):
        raise ValueError(f'{name}({value!r}): write the ID in quotes, e.g. {name}("4.10"); unquoted, '
                         "4.10 is read as the number 4.1")
    return value
