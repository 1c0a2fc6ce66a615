"""The service worker's precache list: every file of a built site a page may ask for, with its digest.

Pure: it reads a built site's folder, whichever engine wrote it. hooks/offline.py (MkDocs) and
`python -m quizbank site` (any engine, quizbank/postbuild.py) both write `sw.js` with it, last,
once every other file is in place.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

WORKER = "sw.js"  # at the site's root: a worker controls only pages under its own folder
SOURCE = "assets/javascripts/quizbank/sw.js"  # in the theme's custom_dir; not served as it is
RETIRE = "assets/javascripts/quizbank/sw-retire.js"  # what a preview answers for sw.js (hooks/offline.py says why)
# Never asked for by a page: source maps (developer tools only), the compressed sitemap (search
# engines) and the worker itself (the browser fetches it past any cache).
SKIPPED_SUFFIXES = (".map", ".gz")
# Material's search loads these word-splitting and stemming scripts only for languages other than
# English (its search worker's `setupSearchLanguages`): about 1 MB a student of an English course
# would download for nothing.
SEARCH_LANGUAGE_FILES = "assets/javascripts/lunr/"
DIGEST_CHARS = 16
# Hosts may rewrite the sitemap to their own address (the tests' server does): fetched unchecked.
UNCHECKED = ("sitemap.xml",)


def precache_list(site: Path, *, english_search_only: bool = True) -> dict[str, str]:
    """Every file of a built site a page may ask for, each with the start of its SHA-256.

    Keys are URL paths relative to the site's root ("" and "part-1/" for index pages); values
    the first 16 hex digits of the digest ("" for the sitemap: see UNCHECKED).
    """
    files: dict[str, str] = {}
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if not path.is_file() or not wanted(rel, english_search_only=english_search_only):
            continue
        url = rel.removesuffix("index.html") if rel == "index.html" or rel.endswith("/index.html") else rel
        files[url] = "" if rel in UNCHECKED else hashlib.sha256(path.read_bytes()).hexdigest()[:DIGEST_CHARS]
    return files


def wanted(rel: str, *, english_search_only: bool = True) -> bool:
    """Whether the built file at `rel` (relative to the site's root, with slashes) is precached."""
    if rel == WORKER or rel.endswith(SKIPPED_SUFFIXES) or any(p.startswith(".") for p in rel.split("/")):
        return False
    return not (english_search_only and rel.startswith(SEARCH_LANGUAGE_FILES))


def version(files: dict[str, str]) -> str:
    """A digest of the whole list: any file added, removed or changed gives another version."""
    listing = "\n".join(f"{url}\t{sha}" for url, sha in sorted(files.items()))
    return hashlib.sha256(listing.encode("utf-8")).hexdigest()[:DIGEST_CHARS]


def render_worker(source: str, files: dict[str, str]) -> str:
    data = json.dumps({"version": version(files), "files": files}, ensure_ascii=False, sort_keys=True)
    return f"// Written by the build (quizbank/offline.py): this build's files. The worker's source follows.\nself.QUIZBANK_OFFLINE = {data};\n{source}"


def english_only(langs: list[str]) -> bool:
    """Whether the search's languages are all English (then its other languages' scripts are never fetched)."""
    return all(str(lang).split("-")[0] == "en" for lang in langs)
