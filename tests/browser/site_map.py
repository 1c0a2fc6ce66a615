"""Shared by the whole-site browser checks (accessibility, privacy, print): which pages the site has."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def site_pages(site: Path, base: str) -> list[str]:
    """Every page of a built site, as paths relative to `base`, from its sitemap (plus the 404 page).

    The sitemap is read after the test server rewrote it to its own address (`base`); the nav alone
    would miss pages that are built but kept out of the menu.
    """
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    site_url = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
    pages = []
    for loc in re.findall(r"<loc>\s*(.*?)\s*</loc>", sitemap):
        for prefix in (base, site_url):
            if loc.startswith(prefix):
                pages.append(loc[len(prefix) :])
                break
        else:
            raise AssertionError(f"sitemap.xml lists {loc}, outside the site ({base})")
    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8")).get("nav") or []
    assert len(pages) >= len(nav), f"sitemap.xml lists {len(pages)} pages but the nav has {len(nav)}: {pages}"
    if (site / "404.html").exists():
        pages.append("404.html")
    return pages


def require_npm_package(path: Path, package: str) -> None:
    """Fail (never skip) when an npm dev dependency is missing, saying how to install it."""
    if not path.exists():
        hint = "run `npm ci` in the repository root (Node.js and npm from your package manager)"
        if shutil.which("npm") is None:
            hint = "install Node.js and npm (Debian/Ubuntu: `sudo apt-get install nodejs npm`), then run `npm ci`"
        raise AssertionError(f"{package} is not installed ({path} is missing): {hint}. `make test` does this for you.")
