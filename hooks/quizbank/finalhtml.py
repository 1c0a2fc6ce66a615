"""What the site does to a page's final HTML, whichever engine rendered it.

Pure string work on a whole document: the MkDocs hooks (defer_bundle.py, continued.py) call it as
each page is written, and `python -m quizbank site` (quizbank/postbuild.py) over the pages any
engine wrote. Each step leaves a page it has already changed as it is, so running both changes nothing.
"""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path

# ── Material's bundle after the first paint (hooks/defer_bundle.py says why) ─────────────────
BUNDLE = re.compile(r'<script src="([^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>')
LOADER = "partials/inline/material.html"  # in the theme's custom_dir, written by `make bundle`
SCRIPT = re.compile(r"<script>(.*)</script>", re.S)
BEFORE = "bundles/search-index.js"  # beside Material's bundle, under assets/javascripts/


def loader_code(custom_dir: Path) -> str | None:
    """The minified loader's code (overrides/partials/inline/material.html), or None when it is missing."""
    path = custom_dir / LOADER
    found = SCRIPT.search(path.read_text(encoding="utf-8")) if path.is_file() else None
    return found.group(1) if found else None


def after_first_paint(html: str, code: str) -> str | None:
    """The page with Material's `<script src>` for its bundle replaced by the loader; None if it has none."""
    if "bundle." not in html:
        return None

    def loader(match: re.Match[str]) -> str:
        src = match.group(1)
        before = src[: src.rindex("bundle.")] + BEFORE
        return f'<script data-bundle="{escape(src)}" data-before="{escape(before)}">{code}</script>'

    changed = BUNDLE.sub(loader, html, count=1)
    return None if changed == html else changed


# ── A chapter's continuation: old links sent on (hooks/continued.py says why) ────────────────
CONTINUES = "continues"  # the front-matter key
# What a link can name: sections, and the self-checks' and answer boxes' containers (not each input).
ID = re.compile(r'<(?:h[1-6]|div|section|details)\b[^>]*?\bid="([^"]+)"')
# A built page's content: Material's article, up to the footer of the page (the navigation's
# previous/next links, the feedback form) which holds no section of the chapter.
ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">(.*?)</article>', re.S)


def content_ids(html: str) -> set[str]:
    """Every id a link may name in a built page's content (its article; the whole page if it has none)."""
    article = ARTICLE.search(html)
    return set(ID.findall(article.group(1) if article else html))


def redirect_script(moved: list[str], to: str) -> str:
    """An inline script: an address naming one of `moved` goes on to `to`, with its fragment."""
    data = json.dumps([moved, to], separators=(",", ":")).replace("</", "<\\/")
    return (
        "<script>(function(d){var h=location.hash.slice(1);try{h=decodeURIComponent(h)}catch(e){return}"
        'if(h&&d[0].indexOf(h)>=0)location.replace(d[1]+"#"+encodeURIComponent(h))})(' + data + ")</script>"
    )


def with_redirect(html: str, moved: list[str], to: str) -> str | None:
    """The first page with its redirect script before `</head>`; None if nothing moved or it has one already."""
    script = redirect_script(moved, to)
    if not moved or "</head>" not in html or script in html:
        return None
    return html.replace("</head>", script + "</head>", 1)


# ── The head's links that the template renders from values the MkDocs hooks set ──────────────
COURSE_META = re.compile(r'<meta name="quizbank-course" content="[^"]*">')


def with_head_tags(html: str, tags: list[str]) -> str | None:
    """The page with `tags` (each a whole tag) after its course meta, those it lacks; None if it lacks none.

    overrides/main.html renders them under MkDocs (from what hooks/offline.py and web_app.py set);
    an engine that runs no hooks renders none, and the site command adds them here, in the same place.
    """
    missing = [tag for tag in tags if tag not in html]
    anchor = COURSE_META.search(html)
    if not missing or anchor is None:
        return None
    at = anchor.end()
    return html[:at] + "".join("\n  " + tag for tag in missing) + html[at:]


# ── A page the site step has not finished yet ─────────────────────────────────────────────────
# An engine that runs no hooks (Zensical) writes each page before `python -m quizbank site` finishes
# the site (its stylesheet, mkdocs-quiz's script, the navigation counts, the offline copy). Run alone,
# `zensical build` or `zensical serve` would publish a site that looks whole and half works, without a
# word. So the page extension writes this notice at the top of such a page, and the site command takes
# it out: it is seen only where the site step did not run. Styled inline: the site's stylesheet is one
# of the things missing. Dark text on a pale ground in either palette (contrast 12:1).
UNFINISHED_ID = "quizbank-unfinished"
UNFINISHED = re.compile(rf'<div id="{UNFINISHED_ID}"[^>]*>.*?</div>\n?', re.S)


def unfinished_notice() -> str:
    """The notice a page carries until the site step has run over it (the page extension adds it)."""
    return (
        f'<div id="{UNFINISHED_ID}" role="note" data-search-exclude style="background:#fff4ce;color:#3d2e00;'
        'border:2px solid #8a6d00;border-radius:4px;padding:0.6em 0.9em;margin:0 0 1em">'
        "<p><strong>This copy of the course is unfinished.</strong> Its pages were built, but not the site "
        "around them (its styles, the self-checks' script, the navigation counts, the offline copy), so the "
        "self-checks will not all work. Fix: build it with <code>make build ENGINE=zensical</code>, or "
        "preview it with <code>make serve ENGINE=zensical</code>; after <code>zensical build</code> alone, "
        "run <code>python -m quizbank site</code>.</p></div>\n"
    )


def without_unfinished_notice(html: str) -> str | None:
    """The page without the notice (the site step has run); None if it has none."""
    changed = UNFINISHED.sub("", html, count=1)
    return None if changed == html else changed
