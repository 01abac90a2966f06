"""What's new: criterion history entries and program update events, newest first, and their Atom feed.

Dates in the data are as precise as their sources (YYYY, YYYY-MM or YYYY-MM-DD). Newest first sorts the date
text in reverse, which puts a month before its year ("2023-04" before "2023"); in the feed a partial date
stands for the first day of its period. The feed is dated by its newest entry, never by the clock, so two
builds of one commit write the same file (RFC 4287; dates in RFC 3339).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

from kb.models import Criterion, KnowledgeBase, UpdateEvent

FEED_PATH = "feed.xml"
PAGE = "program/whats-new.md"
ATOM = "http://www.w3.org/2005/Atom"
FEED_TITLE = "CTPAT Security Knowledge Base: what's new"
AUTHOR = "CTPAT Security Knowledge Base contributors"
TAG_YEAR = "2026"  # the year in every tag: URI; never change it, or every entry gets a new id


@dataclass(frozen=True)
class Change:
    """One dated entry of the What's new page and the feed."""

    date: str
    kind: Literal["criterion", "program"]
    key: str  # a stable key: "3.9/2019-11/1" for a history entry, the event's date and title slug for an event
    title: str
    summary: str
    criterion: Criterion | None = None
    event: UpdateEvent | None = None

    @property
    def anchor(self) -> str:
        """A stable anchor on the What's new page."""
        return "change-" + re.sub(r"[^a-z0-9]+", "-", f"{self.kind} {self.key}".lower()).strip("-")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


def changes(kb: KnowledgeBase) -> list[Change]:
    """Every criterion history entry and program event, newest first; ties in a fixed order."""
    found = []
    for c in kb.criteria.values():
        for i, h in enumerate(c.history, start=1):
            found.append(Change(h.date, "criterion", f"{c.id}/{h.date}/{i}", f"Criterion {c.id}: {c.title}",
                                h.change, criterion=c))
    for e in kb.updates.events if kb.updates else ():
        found.append(Change(e.date, "program", f"{e.date}/{_slug(e.title)}", e.title, e.summary, event=e))
    found.sort(key=lambda ch: (ch.kind, ch.criterion.sort_key if ch.criterion else (0, 0), ch.key))
    return sorted(found, key=lambda ch: ch.date, reverse=True)


def rfc3339(date: str) -> str:
    """A partial date as an RFC 3339 timestamp: the first day of its period, midnight UTC."""
    parts = [*date.split("-"), "01", "01"]
    return f"{parts[0]}-{parts[1]}-{parts[2]}T00:00:00Z"


def page_url(site_url: str, page: str) -> str:
    """The published address of a docs page (directory URLs, as MkDocs writes them)."""
    stem = page.removesuffix(".md")
    stem = stem.removesuffix("index") if stem == "index" or stem.endswith("/index") else stem + "/"
    return site_url.rstrip("/") + "/" + stem


def atom_feed(kb: KnowledgeBase, site_url: str) -> str:
    """The Atom feed of every change, newest first."""
    entries = changes(kb)
    host = urlsplit(site_url).hostname or "localhost"
    base = f"tag:{host},{TAG_YEAR}:"
    page = page_url(site_url, PAGE)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")

    def add(parent: ET.Element, name: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{name}", attrs)
        element.text = text
        return element

    add(feed, "id", base + "whats-new")
    add(feed, "title", FEED_TITLE)
    add(feed, "subtitle", "Changes to the CTPAT Minimum Security Criteria data and CTPAT program events, "
        "newest first. Independent; not affiliated with CBP.")
    add(feed, "updated", rfc3339(entries[0].date) if entries else "1970-01-01T00:00:00Z")
    add(add(feed, "author"), "name", AUTHOR)
    add(feed, "link", rel="self", href=site_url.rstrip("/") + "/" + FEED_PATH, type="application/atom+xml")
    add(feed, "link", rel="alternate", href=page, type="text/html")
    for change in entries:
        entry = add(feed, "entry")
        add(entry, "id", f"{base}{change.kind}/{change.key}")
        add(entry, "title", change.title)
        add(entry, "updated", rfc3339(change.date))
        add(entry, "link", rel="alternate", href=f"{page}#{change.anchor}", type="text/html")
        add(entry, "summary", f"{change.date}: {change.summary}", type="text")
    ET.indent(feed)
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"
