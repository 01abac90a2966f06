"""The Downloads page (every generated file with its format, size and purpose) and the download links of the
entity pages. The files themselves are made by kb.postbuild.downloads and kb.exports after the build; their sizes
here come from the same functions, with the site_url the build uses (mkdocs.yml, or SITE_URL in the preview).
"""

from __future__ import annotations

from pathlib import Path

from kb import exports
from kb.macro import Cited, PageScope, Shown, macro, shown
from kb.models import KnowledgeBase
from kb.render import html as h

PAGE = "tools/downloads.md"
PROJECT = Path(__file__).resolve().parent.parent.parent
TYPE_FORMATS = (("xlsx", "XLSX"), ("csv", "CSV"), ("json", "JSON"))


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def built_files(kb: KnowledgeBase) -> dict[str, str | bytes]:
    """Every generated download, as the post-build step writes it."""
    from kb.postbuild import configured_site_url, downloads  # kb.postbuild imports the renderers

    return downloads(kb, configured_site_url(PROJECT) or "/")


def _size(files: dict[str, str | bytes], path: str) -> str:
    content = files[path]
    return human_size(len(content.encode("utf-8") if isinstance(content, str) else content))


def _file_link(files: dict[str, str | bytes], path: str, label: str, from_page: str) -> str:
    """'XLSX, 63 KB', linked; the link names the file, so that a list of them reads well."""
    return (h.link(h.text(label), h.href(path, from_page), download=Path(path).name)
            + f' <span class="kb-size">({_size(files, path)})</span>')


def type_table(kb: KnowledgeBase, files: dict[str, str | bytes], from_page: str) -> str:
    """All criteria, then one row per entity type: XLSX, CSV, JSON and the OSCAL profile (the catalog for all)."""
    rows = [["<strong>All entity types</strong> (a status column per type)",
             *[_file_link(files, exports.download_path(None, ext), label, from_page) for ext, label in TYPE_FORMATS],
             _file_link(files, exports.CATALOG_PATH, "OSCAL catalog", from_page)]]
    for slug, entity in kb.entities.items():
        rows.append([h.link(h.text(entity.name), h.href(entity.page, from_page)),
                     *[_file_link(files, exports.download_path(slug, ext), label, from_page)
                       for ext, label in TYPE_FORMATS],
                     _file_link(files, exports.profile_path(slug), "OSCAL profile", from_page)])
    return h.table(["Criteria for", "Spreadsheet", "CSV", "JSON", "OSCAL"], rows, "kb-downloads",
                   searchable=False)


def other_table(kb: KnowledgeBase, files: dict[str, str | bytes], from_page: str) -> str:
    """Every other generated file, one row each: the file, its format and size, what it is for."""
    from kb.feed import FEED_PATH
    from kb.render import tools

    rows = [[_file_link(files, exports.SCHEMA_PATH, Path(exports.SCHEMA_PATH).name, from_page), "JSON Schema",
             "The contract of the JSON files above (draft 2020-12): every field, its values and what they mean."],
            [_file_link(files, "downloads/criteria.csv", "criteria.csv", from_page), "CSV (UTF-8)",
             "Compact: one row per criterion with its general designation, confidence, source ids and a status "
             "column per entity type (status keys, not labels), for quick comparisons across types."]]
    for item in kb.checklists.checklists if kb.checklists else ():
        path = tools.checklist_download(item.slug)
        rows.append([_file_link(files, path, Path(path).name, from_page), "CSV (UTF-8)",
                     f"The printable checklist {h.text(item.title)}: one row per point, with OK and Notes columns."])
    if kb.risk_worksheet is not None:
        rows.append([_file_link(files, tools.WORKSHEET_DOWNLOAD, Path(tools.WORKSHEET_DOWNLOAD).name, from_page),
                     "CSV (UTF-8)", "The five-step risk assessment worksheet: one row per threat type, a column "
                                    "per step's field."])
    rows.append([_file_link(files, FEED_PATH, FEED_PATH, from_page), "Atom feed",
                 "Criterion changes and program events, newest first, for a feed reader."])
    rows.append([offline_copy_cell(from_page), "ZIP",
                 "The whole site for a computer with no network: unzip it and open <code>index.html</code> in the "
                 "folder. Pages, search, the criteria explorer and these downloads all work from the files; "
                 "nothing is fetched from the internet."])
    return h.table(["File", "Format", "What it is for"], rows, "kb-downloads", searchable=False)


def offline_copy_cell(from_page: str) -> str:
    """The offline copy's file: linked with its size where the build publishes it (`make build`), named as the
    copy being read inside it, and named as left out of other builds (`mkdocs build`, the preview)."""
    from kb.offline import OFFLINE_ZIP_PATH, ZIP_NAME, in_offline_copy, offline_zip

    if in_offline_copy():
        return f"{h.text(ZIP_NAME)} <span class=\"kb-size\">(the copy you are reading)</span>"
    zipped = offline_zip()
    if zipped is None:
        return (f"{h.text(ZIP_NAME)} <span class=\"kb-size\">(not in this build: <code>make build</code> "
                "adds it)</span>")
    return (h.link(h.text(ZIP_NAME), h.href(OFFLINE_ZIP_PATH, from_page), download=ZIP_NAME)
            + f' <span class="kb-size">({human_size(zipped.stat().st_size)})</span>')


def entity_links(kb: KnowledgeBase, slug: str, from_page: str) -> str:
    """The line on an entity page that offers its criteria as files."""
    links = [h.link(label, h.href(exports.download_path(slug, ext), from_page)) for ext, label in TYPE_FORMATS]
    links.append(h.link("OSCAL profile", h.href(exports.profile_path(slug), from_page)))
    return (f"<p><strong>Take this list with you:</strong> {' · '.join(links)} "
            f"({h.link('all downloads and what each is for', h.href(PAGE, from_page))}).</p>")


@macro("downloads_by_type")
def downloads_by_type_macro(page: PageScope) -> Shown:
    """The criteria downloads, all types and each type: XLSX, CSV, JSON and OSCAL, each with its size."""
    return shown(h.block(type_table(page.kb, built_files(page.kb), page.path)))


@macro("downloads_other")
def downloads_other_macro(page: PageScope) -> Shown:
    """Every other generated file (schema, compact CSV, checklists, worksheet, feed, offline copy) and its use."""
    kb = page.kb
    shows: list[Cited] = [*(kb.checklists.checklists if kb.checklists else ())]
    shows += [kb.risk_worksheet] if kb.risk_worksheet else []
    return shown(h.block(other_table(kb, built_files(kb), page.path)), shows)


@macro("data_version")
def data_version_macro(page: PageScope) -> Shown:
    """The data version and date the downloads carry, as text."""
    return shown(f"data version `{exports.data_version(page.kb)}`, data as of {exports.data_as_of(page.kb)}")
