"""The built site: the Atom feed at its stable address, linked from What's new; the coverage grid's links."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from bs4 import BeautifulSoup

from kb import KnowledgeBase
from kb.feed import changes
from tests.support import site_url

A = "{http://www.w3.org/2005/Atom}"


def test_the_feed_is_published_and_linked_from_whats_new(built_site: Path, kb: KnowledgeBase) -> None:
    feed = ET.parse(built_site / "feed.xml").getroot()
    assert feed.find(f"{A}link[@rel='self']").get("href") == site_url().rstrip("/") + "/feed.xml"
    assert len(feed.findall(f"{A}entry")) == len(changes(kb))
    page = BeautifulSoup((built_site / "program/whats-new/index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select_one("a.kb-feed")["href"] == "../../feed.xml"
    first = feed.find(f"{A}entry/{A}link").get("href").split("#")[1]
    assert page.select_one(f"span#{first}") is not None


def test_the_coverage_grid_links_to_entity_category_headings(built_site: Path, kb: KnowledgeBase) -> None:
    page = BeautifulSoup((built_site / "criteria/coverage/index.html").read_text(encoding="utf-8"), "html.parser")
    cells = page.select(".kb-coverage td a")
    assert len(cells) == len(kb.entities) * len(kb.categories)
    entity_page = BeautifulSoup((built_site / "criteria/entities/importers/index.html").read_text(encoding="utf-8"),
                                "html.parser")
    for a in cells:
        path, anchor = a["href"].split("#")
        if path == "../entities/importers/":
            assert entity_page.find("h3", id=anchor) is not None, anchor
