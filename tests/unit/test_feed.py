"""What's new and its Atom feed: generated from the data, newest first, valid per RFC 4287, reproducible."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from kb.feed import atom_feed, changes, rfc3339
from kb.models import KnowledgeBase
from kb.render.whatsnew import whats_new

SITE = "https://example.org/kb/"
A = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def test_the_feed_parses_with_every_required_element(kb: KnowledgeBase) -> None:
    feed = ET.fromstring(atom_feed(kb, SITE))
    assert feed.tag == f"{A}feed"
    for name in ("id", "title", "updated"):
        assert (feed.findtext(f"{A}{name}") or "").strip(), name
    assert feed.findtext(f"{A}author/{A}name")
    assert feed.find(f"{A}link[@rel='self']").get("href") == SITE + "feed.xml"
    entries = feed.findall(f"{A}entry")
    assert len(entries) == len(changes(kb)) > 20
    ids = [e.findtext(f"{A}id") for e in entries]
    assert len(set(ids)) == len(ids) and all(i and i.startswith("tag:example.org,2026:") for i in ids)
    for e in entries:
        assert e.findtext(f"{A}title") and RFC3339.match(e.findtext(f"{A}updated") or "")
        assert e.find(f"{A}link").get("href").startswith(SITE + "program/whats-new/#change-")
    assert RFC3339.match(feed.findtext(f"{A}updated") or "")


def test_the_feed_lists_the_newest_change_first_and_is_dated_by_it(kb: KnowledgeBase) -> None:
    feed = ET.fromstring(atom_feed(kb, SITE))
    updated = [e.findtext(f"{A}updated") or "" for e in feed.findall(f"{A}entry")]
    assert updated == sorted(updated, reverse=True)
    newest = max([h.date for c in kb.criteria.values() for h in c.history]
                 + [e.date for e in (kb.updates.events if kb.updates else ())])
    assert updated[0] == rfc3339(newest) == feed.findtext(f"{A}updated")


def test_the_feed_is_reproducible(kb: KnowledgeBase) -> None:
    assert atom_feed(kb, SITE) == atom_feed(kb, SITE)


def test_partial_dates_sort_sensibly() -> None:
    dates = ["2023", "2022-12", "2023-04", "2023-04-17", "2019-11", "2023-01"]
    assert sorted(dates, reverse=True) == ["2023-04-17", "2023-04", "2023-01", "2023", "2022-12", "2019-11"]
    assert [rfc3339(d) for d in ("2023", "2023-04", "2023-04-17")] == [
        "2023-01-01T00:00:00Z", "2023-04-01T00:00:00Z", "2023-04-17T00:00:00Z"]


def test_the_page_lists_every_change_newest_first_with_history_and_events(kb: KnowledgeBase) -> None:
    out = whats_new(kb, "program/whats-new.md")
    dates = re.findall(r"^- <span id=\"change-[a-z0-9-]+\"></span>\*\*([0-9-]+)\*\*", out, flags=re.M)
    assert len(dates) == len(changes(kb)) and dates == sorted(dates, reverse=True)
    assert "change-criterion-3-9-" in out and "change-program-" in out
    assert "[Atom feed](../feed.xml)" in out
