"""The built site is an installable app: every page links one manifest, whose icons are built and precached.

Two copies of the site published under two paths of one origin are two apps; a bad setting stops
the build with mkdocs.yml named and the fix.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from support import SITE_URL, BuildResult, build, mkdocs_config, write_site

PAGES = {"index.md": "# Home\n\nHello.\n", "chapter.md": "# Chapter\n\nText.\n"}


def worker_files(site: Path) -> dict[str, str]:
    m = re.search(r"^self\.QUIZBANK_OFFLINE = (\{.*\});$", (site / "sw.js").read_text(encoding="utf-8"), re.M)
    assert m, "sw.js does not start with the precache list"
    return dict(json.loads(m.group(1))["files"])


def test_every_page_links_the_manifest_at_the_site_s_root(built_site: BuildResult) -> None:
    site = built_site.site
    root = urlsplit(SITE_URL).path
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 8
    for path in pages:
        if "review-pool" in path.name:
            continue  # a fragment My progress fetches, not a page
        rel = path.relative_to(site).as_posix()
        head = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").head
        assert head is not None, rel
        links = head.select('link[rel="manifest"]')
        assert len(links) == 1, rel
        page_url = "http://host" + root + rel
        assert urljoin(page_url, str(links[0]["href"])) == "http://host" + root + "manifest.webmanifest", rel
        icon = head.select_one('link[rel="apple-touch-icon"]')
        assert icon is not None and (site / urlsplit(urljoin(page_url, str(icon["href"]))).path[len(root) :]).is_file()
        themes = {str(m.get("media")): str(m["content"]) for m in head.select('meta[name="theme-color"]')}
        assert themes == {"(prefers-color-scheme: light)": "#4051b5", "(prefers-color-scheme: dark)": "#4051b5"}, rel


def test_the_manifest_and_its_icons_are_built_and_precached(built_site: BuildResult) -> None:
    site = built_site.site
    manifest = json.loads((site / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["id"] == urlsplit(SITE_URL).path
    assert (manifest["start_url"], manifest["scope"], manifest["display"]) == ("./", "./", "standalone")
    listed = worker_files(site)
    assert "manifest.webmanifest" in listed, "offline, the installed app would have no manifest"
    for icon in manifest["icons"]:
        assert (site / icon["src"]).is_file(), icon
        assert icon["src"] in listed, f"{icon['src']} is not precached: the app's icon would be missing offline"


def test_two_copies_under_two_paths_are_two_apps(tmp_path: Path, built_site: BuildResult) -> None:
    config = write_site(tmp_path, PAGES, {}, site_url="https://example.github.io/other-course/")
    result = build(config)
    assert result.code == 0, result.output
    other = json.loads((result.site / "manifest.webmanifest").read_text(encoding="utf-8"))
    ours = json.loads((built_site.site / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert other["id"] == "/other-course/" and ours["id"] != other["id"]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"app": {"short_name": ""}}, "mkdocs.yml: 'extra: app: short_name:' must be a short text"),
        ({"app": {"shortname": "X"}}, "mkdocs.yml: unknown setting 'extra: app: shortname'"),
    ],
    ids=["empty-short-name", "unknown-key"],
)
def test_a_bad_app_setting_stops_the_build_with_its_fix(tmp_path: Path, extra: dict, message: str) -> None:
    config = write_site(tmp_path, PAGES, {}, extra={**mkdocs_config()["extra"], **extra})
    result = build(config)
    assert result.code != 0
    assert message in result.output and "Fix:" in result.output
    assert "Traceback" not in result.output
