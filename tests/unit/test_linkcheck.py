"""The built-site link checker on tiny hand-made sites: it must catch what MkDocs' own validation misses."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.linkcheck import check_site, external_links

PAGE = '<html><body><h2 id="{id}">x</h2>{body}</body></html>'


def make_site(root: Path, pages: dict[str, str]) -> Path:
    for rel, body in pages.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body if rel.endswith(".css") else PAGE.format(id="top", body=body), encoding="utf-8")
    return root


def test_good_links_pass(tmp_path: Path) -> None:
    site = make_site(tmp_path, {
        "index.html": '<a href="guide/">g</a><a href="guide/#top">a</a><a href="#top">self</a>'
                      '<a href="https://cbp.gov/x">ext</a><a href="mailto:a@b.c">m</a><img src="img/x.png">',
        "guide/index.html": '<a href="../">home</a><a href="../index.html#top">top</a>',
        "img/x.png": "",
    })
    assert check_site(site) == []


def test_broken_page_and_anchor_are_named_with_their_page(tmp_path: Path) -> None:
    site = make_site(tmp_path, {
        "index.html": '<a href="missing/">m</a><a href="guide/#nowhere">a</a>',
        "guide/index.html": "",
    })
    assert [str(p) for p in check_site(site)] == [
        "index.html: broken link (no such file): missing/",
        "index.html: broken anchor (no id 'nowhere' in the target): guide/#nowhere",
    ]


def test_links_outside_the_site_are_broken(tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", {"index.html": '<a href="../../etc/passwd">x</a>'})
    assert [p.reason for p in check_site(site)] == ["broken link (no such file)"]


def test_external_assets_are_reported(tmp_path: Path) -> None:
    site = make_site(tmp_path, {
        "index.html": '<script src="https://cdn.example/x.js"></script>'
                      '<link rel="stylesheet" href="//fonts.example/css">'
                      '<link rel="canonical" href="https://example.org/">'
                      '<iframe src="https://video.example/embed"></iframe>'
                      '<div style="background: url(https://img.example/bg.png)"></div>',
        "assets/site.css": "@import 'https://fonts.example/a.css'; body { background: url(local.png) }",
    })
    problems = {(p.page, p.target) for p in check_site(site) if p.reason == "loads a file from another host"}
    assert problems == {("index.html", "https://cdn.example/x.js"), ("index.html", "//fonts.example/css"),
                        ("index.html", "https://video.example/embed"), ("index.html", "https://img.example/bg.png"),
                        ("assets/site.css", "https://fonts.example/a.css")}


def test_absolute_links_under_the_site_url_path_resolve(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"404.html": '<a href="/kb/guide/">g</a><a href="/kb/gone/">x</a>',
                                "guide/index.html": ""})
    problems = check_site(site, "https://example.org/kb/")
    assert [str(p) for p in problems] == ["404.html: broken link (no such file): /kb/gone/"]


def test_external_links_are_collected_with_their_pages(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"index.html": '<a href="https://cbp.gov/a#x">a</a><a href="guide/">g</a>',
                                "guide/index.html": '<a href="https://cbp.gov/a">a</a>'})
    assert external_links(site) == {"https://cbp.gov/a": ["guide/index.html", "index.html"]}


def test_the_scan_reads_tags_as_a_browser_does(tmp_path: Path) -> None:
    """The focused scan (no HTML parser): quoted values may hold '>', values may be unquoted or hold entities,
    and comments and script bodies hold no elements."""
    site = make_site(tmp_path, {
        "index.html": '<a title="a > b" href="missing/">quoted &gt;</a>'
                      "<a href=gone.html>unquoted</a>"
                      '<a href="#r&eacute;sum&eacute;">entity</a><p id="résumé">x</p>'
                      '<!-- <a href="in-a-comment/">no</a> -->'
                      '<script>var s = "<a href=\\"in-a-script/\\">"; if (a<b) {}</script>'
                      '<script src="https://cdn.example/x.js"></script>'
                      "<div style=\"background: url('https://img.example/b.png')\"></div>"
                      '<P ID="dup"></P><p id="dup"></p>',
    })
    found = {(p.target, p.reason.split(" (")[0]) for p in check_site(site)}
    assert found == {("missing/", "broken link"), ("gone.html", "broken link"),
                     ("https://cdn.example/x.js", "loads a file from another host"),
                     ("https://img.example/b.png", "loads a file from another host"),
                     ("#dup", "duplicate id")}


@pytest.mark.parametrize("html", [
    "<!-- a <script>x</script> -->b", "<SCRIPT src=x>a<!--</script >c", "<!-- unclosed <a id=x>",
    "<script>never closed <a id=y>", "<scripts>x</scripts>", "<script\n>y</script\n>",
    "a<script>1</script><!--2--><script>3</script>z", "<!--<!-- x -->-->", "no markup at all"])
def test_comments_and_script_bodies_go_as_the_plain_pattern_takes_them_out(html: str) -> None:
    """The scan finds comments and scripts with str.find; what it takes out is what _HIDDEN.sub takes out."""
    from kb.linkcheck import _HIDDEN, _without_hidden

    assert _without_hidden(html) == _HIDDEN.sub(r"\1", html)
