"""One source, two engines: the course built with MkDocs and with Zensical is the same course (#35).

Zensical (Material for MkDocs' successor) renders the pages with the same Markdown extension
(`quizbank.extension`) and runs no MkDocs hook; `python -m quizbank site` then does the site-level
steps the hooks do under MkDocs, through the same functions (quizbank/postbuild.py). Here both
builds of the real site are compared page by page: each self-check (bank, id, key, fingerprint,
kind), each answer box, the glossary's terms, the scripts a page loads; then the course manifest,
the review round's questions and the offline worker's list. Every difference is listed by page.
What only the engines' own theme files make differ (Material's bundle, stylesheets and search
files under their own names) is compared by role, not by name: ENGINE_FILES says which.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterable
from pathlib import Path

from bs4 import BeautifulSoup, Tag

from support import BuildResult

# Files each engine names after its own theme build: compared by what they are, not by name.
ENGINE_FILES = (
    (re.compile(r"^assets/javascripts/bundle\.[0-9a-f]+\.min\.js$"), "Material's bundle"),
    (re.compile(r"^assets/javascripts/workers/search\.[0-9a-f]+\.min\.js$"), "the search worker"),
    (re.compile(r"^assets/stylesheets/(?:classic/|modern/)?main\.[0-9a-f]+\.min\.css$"), "the theme's stylesheet"),
    (re.compile(r"^assets/stylesheets/(?:classic/|modern/)?palette\.[0-9a-f]+\.min\.css$"), "the theme's palette"),
    (re.compile(r"^(?:search/search_index|search)\.json$"), "the search index"),
    # Named by its content's digest, which the engines' markup changes (Zensical drops the
    # data-search-exclude attributes once its index is written): its questions are compared below.
    (re.compile(r"^progress/review-pool\.[0-9a-f]+\.html$"), "the review pool"),
)
REDIRECT = re.compile(r"location\.replace\(d\[1\]\+\"#\"\+encodeURIComponent\(h\)\)\}\)\((.*?)\)</script>")
ASSETS = (".js", ".css", ".json", ".webmanifest", ".png", ".svg")
# What one engine ships and the other does not, and why no student can notice it.
ONE_ENGINE_ONLY = {
    # Material's bundle licence notice (Zensical ships it beside the bundle; MkDocs' Material has it in the bundle).
    "assets/javascripts/LICENSE",
    # Zensical ships both of its theme variants' stylesheets; a page links only the variant mkdocs.yml names.
    "assets/stylesheets/classic/main.94dd801d.min.css",
    "assets/stylesheets/classic/palette.813d4b3f.min.css",
    "assets/stylesheets/modern/main.4ab2de0c.min.css",
    "assets/stylesheets/modern/palette.b60ce83d.min.css",
}


def role(rel: str) -> str:
    """A built file's path, or the role of an engine's own theme file (the same in both builds)."""
    for pattern, name in ENGINE_FILES:
        if pattern.match(rel):
            return f"<{name}>"
    return rel


def pages_of(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(site.rglob("*.html"))
        if p.read_text(encoding="utf-8").lstrip()[:15].lower() == "<!doctype html>"
    }


def _attrs(tag: Tag, names: Iterable[str]) -> tuple[str, ...]:
    return tuple(str(tag.get(n, "")) for n in names)


def page_facts(html: str, here: str) -> dict[str, object]:
    """What a student meets on a page, engine-independent: checks, answer boxes, terms, scripts."""
    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article.md-content__inner") or soup
    scripts = []
    for script in soup.find_all("script"):
        for name in ("src", "data-bundle", "data-before"):
            if script.get(name):
                scripts.append(role(_resolve(here, str(script[name]))) + f" [{script.get('type', 'classic')}]")
    return {
        "self-checks": [
            _attrs(q, ("data-bank", "data-qid", "data-key", "data-fp", "data-quiz-kind", "data-grade"))
            for q in article.select("[data-qid]")
        ],
        "answer boxes": [_attrs(t, ("data-task", "data-min", "data-max")) for t in article.select("[data-task]")],
        "glossary terms": sorted({(a.get_text(), str(a.get("title", ""))) for a in article.find_all("abbr")}),
        "scripts": scripts,
        # A chapter's continuation: the addresses its first page sends on (quizbank/finalhtml.py).
        "redirect": REDIRECT.findall(html),
        "headings": [(h.get("id"), h.get_text(" ", strip=True)) for h in article.find_all(re.compile("^h[1-6]$"))],
        "words": len(article.get_text().split()),
        "head": sorted(
            str(tag)
            for tag in (soup.head.find_all(["meta", "link"]) if soup.head else [])
            if tag.get("name", "").startswith(("quizbank", "apple", "theme-color"))
            or tag.get("rel") in (["manifest"], ["apple-touch-icon"])
        ),
    }


def _resolve(here: str, url: str) -> str:
    """A link on the page at `here` as a path from the site's root (the 404 page's start at the site's path)."""
    if "://" in url:
        return url
    if url.startswith("/"):
        return url.split("/", 2)[-1] if url.count("/") > 1 else url.lstrip("/")
    parts = here.split("/")[:-1]
    for part in url.split("/"):
        if part == ".." and not parts:
            return f"{url} (outside the site)"
        if part == "..":
            parts.pop()
        elif part not in (".", ""):
            parts.append(part)
    return "/".join(parts)


def differences(mkdocs: Path, zensical: Path) -> list[str]:
    """Every difference a student could meet, as "page: what" lines (empty: the same course)."""
    found: list[str] = []
    mk_pages, zen_pages = pages_of(mkdocs), pages_of(zensical)
    for page in sorted(set(mk_pages) | set(zen_pages)):
        if page not in zen_pages or page not in mk_pages:
            found.append(f"{page}: built by {'MkDocs' if page in mk_pages else 'Zensical'} only")
            continue
        one, other = page_facts(mk_pages[page], page), page_facts(zen_pages[page], page)
        for what in one:
            if one[what] != other[what]:
                found.append(f"{page}: {what} differ: MkDocs {_short(one[what])} / Zensical {_short(other[what])}")
    course = "assets/quizbank/course.json"
    if json.loads((mkdocs / course).read_text()) != json.loads((zensical / course).read_text()):
        found.append(f"{course}: the course manifests differ")
    pools = [
        sorted(p.relative_to(site).as_posix() for p in site.rglob("review-pool.*.html")) for site in (mkdocs, zensical)
    ]
    one, other = (_pool_facts(site, names) for site, names in ((mkdocs, pools[0]), (zensical, pools[1])))
    if len(pools[0]) != 1 or len(pools[1]) != 1:
        found.append(f"review pool: MkDocs writes {pools[0]}, Zensical {pools[1]}")
    found += [f"review pool: {what} differ" for what in one if one[what] != other[what]]
    found += _leaked(mkdocs, zensical)
    lists = [worker_list(site) for site in (mkdocs, zensical)]
    for rel in sorted(set(lists[0]) ^ set(lists[1])):
        if rel not in ONE_ENGINE_ONLY:
            found.append(f"sw.js: {rel} is precached by {'MkDocs' if rel in lists[0] else 'Zensical'}'s build only")
    # The site's own files (scripts, stylesheet, manifests, icons) are the same bytes; pages are compared above.
    ours = [r for r in set(lists[0]) & set(lists[1]) if r.endswith(ASSETS) and not r.startswith("<")]
    found += [f"{rel}: the file differs between the builds" for rel in sorted(ours) if lists[0][rel] != lists[1][rel]]
    return found


def _leaked(mkdocs: Path, zensical: Path) -> list[str]:
    """What the MkDocs build marks data-search-exclude (answers, hints, variants) that Zensical's search index holds.

    Zensical drops the attribute from its pages once its index is written, so the marks are read
    from the MkDocs build and the texts looked for in Zensical's index.
    """
    # Zensical's index (items), or MkDocs' (docs) when both sides are MkDocs builds (the test of this test).
    path = zensical / "search.json" if (zensical / "search.json").is_file() else zensical / "search/search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    items = index.get("items") or index.get("docs") or []
    indexed = " ".join(
        " ".join(BeautifulSoup(str(item.get("text", "")), "html.parser").get_text().split()) for item in items
    )
    leaked = set()
    for page, html in pages_of(mkdocs).items():
        for tag in BeautifulSoup(html, "html.parser").select("article [data-search-exclude]"):
            text = " ".join(tag.get_text().split())
            if len(text) >= 40 and text in indexed:
                leaked.add(f"{page}: search: Zensical's index holds {text[:80]!r}…, which MkDocs keeps out")
    return sorted(leaked)


def _pool_facts(site: Path, names: list[str]) -> dict[str, object]:
    return page_facts("".join((site / name).read_text(encoding="utf-8") for name in names), "progress/pool.html")


def worker_list(site: Path) -> dict[str, str]:
    text = (site / "sw.js").read_text(encoding="utf-8")
    data = json.loads(re.search(r"self\.QUIZBANK_OFFLINE = (\{.*?\});\n", text).group(1))  # type: ignore[union-attr]
    return {role(rel): sha for rel, sha in data["files"].items()}


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) < 300 else text[:300] + "…"


def test_both_engines_build_the_same_course(built_site: BuildResult, zensical_site: BuildResult) -> None:
    found = differences(built_site.site, zensical_site.site)
    assert not found, f"{len(found)} differences between the MkDocs and the Zensical build, by page:\n" + "\n".join(
        found
    )


def test_the_comparison_sees_a_difference(built_site: BuildResult, tmp_path: Path) -> None:
    """The comparison can fail: a self-check re-keyed, an answer box and a glossary term dropped, a script lost."""
    copy = shutil.copytree(built_site.site, tmp_path / "site")
    page = copy / "part-1" / "index.html"
    html = page.read_text(encoding="utf-8")
    key = re.search(r'data-key="([0-9a-f]+)"', html).group(1)  # type: ignore[union-attr]
    html = html.replace(f'data-key="{key}"', 'data-key="0000000000"', 1)
    html = re.sub(r'data-task="[^"]+"', "", html, count=1)
    html = re.sub(r"<abbr [^>]*>([^<]*)</abbr>", r"\1", html)
    html = html.replace('data-before="', 'data-later="', 1)
    page.write_text(html, encoding="utf-8")
    found = differences(built_site.site, copy)
    assert {line.split(" differ")[0] for line in found} == {
        "part-1/index.html: self-checks",
        "part-1/index.html: answer boxes",
        "part-1/index.html: glossary terms",
        "part-1/index.html: scripts",
    }, found
