"""The course offline, in Chromium, after one visit online.

Every page, search and My progress open with the network cut, answers keep saving, a new deploy is
offered as "Updated: reload" and loads whole, and two copies of the site on one origin keep their
own caches.

These contexts allow the service worker (conftest.py blocks it elsewhere). The network is cut twice
over: the browser is set offline, and the server's request log must not grow while it is.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, FloatRect, Page, Route, expect

from support import (
    AXE_JS,
    SITE_PATH,
    BuildResult,
    PagesServer,
    build,
    free_port,
    mkdocs_serve,
    quiz_ready,
    require_npm_package,
    site_pages,
    wait_for_material,
    watch,
    write_site,
)

MISSING = "no-such-chapter/"


@pytest.fixture
def online(
    browser: Browser, console_errors: list[str], request: pytest.FixtureRequest
) -> Iterator[tuple[BrowserContext, Page]]:
    """A context that allows the worker; every request it sees, the worker's included, stays on loopback."""
    # A test may ask for the dark palette (indirect parametrize); Material follows the system's.
    scheme: Literal["light", "dark"] = getattr(request, "param", "light")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="allow", color_scheme=scheme)
    seen: list[str] = []
    context.on("request", lambda request: seen.append(request.url))
    page = watch(context.new_page(), console_errors)
    try:
        yield context, page
    finally:
        context.close()
    elsewhere = [u for u in seen if not u.startswith(("http://127.0.0.1:", "data:", "blob:"))]
    assert not elsewhere, f"requests to another host: {elsewhere}"
    assert any(u.endswith("/sw.js") for u in seen), "the worker's requests were not seen: the check above is blind"
    # Offline, Chromium reports each refused request (the worker's update check) as a console error,
    # and the 404 page's status as another.
    real = [e for e in console_errors if "ERR_INTERNET_DISCONNECTED" not in e and f"{MISSING}: " not in e]
    assert not real, "\n".join(real)


def installed(page: Page, url: str) -> Page:
    """Open `url` and wait until the site's worker has cached this version and answers this page."""
    page.goto(url)
    page.wait_for_function("() => window.quizbank && window.quizbank.offline && window.quizbank.offline.ready")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    return page


def axe_violations(page: Page, selector: str) -> list[str]:
    require_npm_package(AXE_JS, "axe-core")
    page.add_script_tag(path=str(AXE_JS))
    found: list[str] = page.evaluate(
        """([selector, tags]) => axe.run({include: [selector]}, {runOnly: {type: 'tag', values: tags}})
            .then(r => r.violations.map(v => `${v.id}: ${v.help}`))""",
        [selector, ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]],
    )
    return found


def cache_names(page: Page) -> list[str]:
    names: list[str] = page.evaluate("() => caches.keys()")
    return sorted(names)


def test_every_page_search_and_my_progress_open_offline_and_answers_save(
    project_site: BuildResult, server: PagesServer, online: tuple[BrowserContext, Page]
) -> None:
    context, page = online
    installed(page, server.url())  # the home page only: no other page was visited online
    before = len(server.requests)
    context.set_offline(True)

    for path in site_pages(project_site.site, server.base):
        response = page.goto(server.url(path))
        assert response is not None and response.status == 200, f"{path} offline: {response and response.status}"
        expect(page.locator("h1").first).to_be_visible()
        expect(page.locator("link[rel=stylesheet][href*='course.css']")).to_have_count(1)
        # The page's own styles applied: Material's stylesheet came from the cache too.
        assert page.evaluate("() => getComputedStyle(document.querySelector('.md-header')).position") in (
            "sticky",
            "fixed",
        ), path

    # Instant navigation (Material fetches the next page into this one) answers from the cache too.
    page.goto(server.url("part-1/"))
    wait_for_material(page).evaluate("() => { window.__sameDocument = true; }")
    page.locator(".md-footer__link--next").click()
    expect(page).to_have_url(server.url("part-2/"))
    expect(page.locator(".md-content h1")).to_contain_text("Part 2")
    assert page.evaluate("() => window.__sameDocument === true"), "navigation was not instant"

    # Search: the index and Material's search worker come from the cache.
    page.goto(server.url("part-1/"))
    wait_for_material(page).get_by_role("textbox", name="Search").first.click()
    page.keyboard.type("LoRA")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15_000)

    # Every question type's code comes from the cache (each is a bundle of its own, loaded where
    # such a question is: the worker's list is every built file, so it holds them).
    for path in ("part-2/", "part-1/"):
        page.goto(server.url(path))
        quiz_ready(page)
        expect(page.locator(".md-content .quiz[data-fp]").first).to_have_attribute("data-quizbank", "")
        expect(page.locator(".quizbank-unavailable")).to_have_count(0)
    kinds = page.locator(".md-content .quiz[data-fp]").evaluate_all(
        "qs => [...new Set(qs.map(q => q.dataset.quizKind))]"
    )
    assert "ordering" in kinds, kinds  # Part 1 has an ordering question: its view came from the cache

    # An answer saves offline (localStorage: the worker is not involved).
    quiz = page.locator(".md-content .quiz:has(input[type=radio][name=answer])").first
    bank, qid = quiz.get_attribute("data-bank"), quiz.get_attribute("data-qid")
    quiz.locator("input[name=answer]:not([data-correct])").first.check()  # missed: due for review
    quiz.locator("form button[type=submit]").first.click()
    key = f"quizbank:2:{SITE_PATH}:results"
    page.wait_for_function(
        "([key, id]) => { const v = JSON.parse(localStorage.getItem(key) || 'null');"
        " return !!(v && v.questions[id] && v.questions[id].attempts === 1); }",
        arg=[key, f"{bank}#{qid}"],
    )

    # My progress reads it, offline, and its review round brings it back (its questions are a file
    # of their own, fetched when the round starts: from the cache).
    page.goto(server.url("progress/"))
    expect(page.locator(f'tr[data-question="{bank}#{qid}"] .status')).to_have_text("Not yet right")
    page.get_by_role("button", name="Start a review round (1 question)").click()
    expect(page.locator(".quizbank-review-item:not([hidden])")).to_have_attribute("data-question", f"{bank}#{qid}")
    expect(page.locator(".quizbank-review-item:not([hidden]) .quiz")).to_be_focused()

    # A page that does not exist: the site's 404 page, from the cache, with its status.
    response = page.goto(server.url(MISSING))
    assert response is not None and response.status == 404
    expect(page.locator(".md-content h1")).to_have_text("404 - Not found")

    # Nothing the pages asked for reached the server. Chromium itself re-checks the worker's script
    # after navigations, from the browser process, which DevTools' offline emulation does not cover
    # (truly offline, that check fails and the installed worker goes on answering): it is left out.
    update_check = urlsplit(server.url("sw.js")).path
    reached = [path for path in server.requests[before:] if path != update_check]
    assert reached == [], f"requests reached the server while offline: {reached}"


# ── A redeploy, and two copies on one origin: a small throwaway site, built twice ──────────────

PAGES = {
    "index.md": "# Home\n\n[Chapter](chapter.md)\n",
    "chapter.md": "# Chapter\n\nVersion one of the chapter.\n",
}
NAV = [{"Home": "index.md"}, {"Chapter": "chapter.md"}]


def build_version(base: Path, text: str) -> Path:
    config = write_site(base, {**PAGES, "chapter.md": f"# Chapter\n\n{text}\n"}, {}, nav=NAV)
    result = build(config)
    assert result.code == 0, result.output
    return result.site


def redeploy(new: Path, served_dir: Path, server: PagesServer) -> None:
    """Put a new build where the old one is served, as a deploy does."""
    shutil.rmtree(served_dir)
    shutil.copytree(new, served_dir)
    server.point_sitemap_here()


@pytest.mark.parametrize("online", ["light", "dark"], indirect=True)
def test_a_redeploy_is_offered_as_updated_reload_and_loads_whole(
    tmp_path: Path, online: tuple[BrowserContext, Page]
) -> None:
    _, page = online
    served_dir = build_version(tmp_path / "v1", "Version one of the chapter.")
    server = PagesServer(served_dir)
    try:
        installed(page, server.url("chapter/"))
        expect(page.locator(".quizbank-update")).to_have_count(0)  # the first version is no update
        first = cache_names(page)
        assert len(first) == 1 and SITE_PATH in first[0], first

        redeploy(build_version(tmp_path / "v2", "Version two of the chapter."), served_dir, server)
        page.goto(server.url("chapter/"))
        # The open page stays whole in the old version, and says a new one is ready.
        notice = page.get_by_role("status").filter(has_text="Updated")
        expect(notice).to_be_visible()
        expect(page.locator(".md-content")).to_contain_text("Version one of the chapter.")
        assert axe_violations(page, ".quizbank-update") == []
        notice.get_by_role("button", name="Reload").focus()  # reachable and pressed from the keyboard
        page.keyboard.press("Enter")
        expect(page.locator(".md-content")).to_contain_text("Version two of the chapter.")
        page.wait_for_function("() => window.quizbank && window.quizbank.offline && window.quizbank.offline.ready")
        expect(page.locator(".quizbank-update")).to_have_count(0)
        after = cache_names(page)
        assert len(after) == 1 and after != first, (first, after)  # the old version's cache is gone
    finally:
        server.close()


def test_two_copies_on_one_origin_keep_their_own_caches(tmp_path: Path, online: tuple[BrowserContext, Page]) -> None:
    context, page = online
    one = build_version(tmp_path / "one", "Version one of the chapter.")
    two = tmp_path / "two-served"
    shutil.copytree(one, two)
    server = PagesServer(one, "/one/", more={"/two/": two})
    try:
        installed(page, server.origin + "/one/chapter/")
        installed(page, server.origin + "/two/chapter/")
        names = cache_names(page)
        assert [n for n in names if " /one/ " in n.replace(server.origin, "")], names
        assert [n for n in names if " /two/ " in n.replace(server.origin, "")], names
        assert len(names) == 2, names
        one_cache = next(n for n in names if "/one/" in n)

        # Copy two is redeployed and updated: copy one keeps its cache, and still opens offline.
        shutil.rmtree(two)
        shutil.copytree(build_version(tmp_path / "two-v2", "Version two of the chapter."), two)
        page.goto(server.origin + "/two/chapter/")
        page.get_by_role("status").filter(has_text="Updated").get_by_role("button", name="Reload").click()
        expect(page.locator(".md-content")).to_contain_text("Version two of the chapter.")
        page.wait_for_function("() => window.quizbank && window.quizbank.offline && window.quizbank.offline.ready")
        assert one_cache in cache_names(page)
        context.set_offline(True)
        page.goto(server.origin + "/one/chapter/")
        expect(page.locator(".md-content")).to_contain_text("Version one of the chapter.")
    finally:
        server.close()


# ── The "Updated" notice in reach, and a new version with no room beside the old one ─────────

CHECKS = "questions:\n  - id: sky\n    type: true-false\n    question: The sky is blue.\n    answer: true\n"


@pytest.fixture(scope="module")
def two_versions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A chapter with a self-check (and so the page's count), before and after a deploy."""
    sites = []
    for n, text in enumerate(("Version one of the chapter.", "Version two of the chapter.")):
        chapter = f"# Chapter\n\n{text}\n\n## Check\n\n<!-- quiz: checks -->\n"
        config = write_site(
            tmp_path_factory.mktemp(f"v{n}"), {**PAGES, "chapter.md": chapter}, {"checks.yml": CHECKS}, nav=NAV
        )
        result = build(config)
        assert result.code == 0, result.output
        sites.append(result.site)
    return sites[0], sites[1]


def overlaps(a: FloatRect | None, b: FloatRect | None) -> bool:
    assert a and b
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
def test_the_update_notice_is_near_the_top_of_the_tab_order_covers_nothing_for_good_and_closes(
    browser: Browser, tmp_path: Path, two_versions: tuple[Path, Path], console_errors: list[str], width: int
) -> None:
    phone = width < 600
    context = browser.new_context(
        viewport={"width": width, "height": 844 if phone else 900},
        is_mobile=phone,
        has_touch=phone,
        service_workers="allow",
    )
    served_dir = tmp_path / "served"
    shutil.copytree(two_versions[0], served_dir)
    server = PagesServer(served_dir)
    try:
        page = watch(context.new_page(), console_errors)
        installed(page, server.url("chapter/"))
        redeploy(two_versions[1], served_dir, server)
        page.goto(server.url("chapter/"))
        notice = page.get_by_role("status").filter(has_text="Updated")
        expect(notice).to_be_visible()
        assert axe_violations(page, ".quizbank-update") == []

        # In reach from the keyboard: among the first stops from the top of the page.
        page.locator("body").focus()
        stops = []
        for n in range(3):
            page.keyboard.press("Tab")
            stops.append(page.evaluate("() => document.activeElement.textContent.trim()"))
            if n == 0:
                page.evaluate("() => { window.__before = document.activeElement; }")
        assert stops[1:] == ["Reload", "Not now"], stops  # right after the skip link

        count = page.locator(f'.quizbank-page-count[data-place="{"end" if phone else "toc"}"]')
        expect(count).to_be_visible()
        if phone:  # the page's end can be scrolled clear of the notice
            page.evaluate("() => window.scrollTo(0, document.documentElement.scrollHeight)")
            footer = page.locator(".md-footer").bounding_box()
            assert not overlaps(notice.bounding_box(), count.bounding_box())
            assert footer and not overlaps(notice.bounding_box(), footer)
        else:  # the page's count at the foot of the table of contents stays in sight
            assert not overlaps(notice.bounding_box(), count.bounding_box())

        # Closed from the keyboard ("Not now" has the focus): gone, the focus back where it was.
        expect(notice.get_by_role("button", name="Not now")).to_be_focused()
        page.keyboard.press("Enter")
        expect(page.locator(".quizbank-update")).to_have_count(0)
        assert page.evaluate("() => document.activeElement === window.__before")
    finally:
        context.close()
        server.close()


def test_a_new_version_with_no_room_beside_the_old_one_is_offered_and_loads_from_the_network(
    tmp_path: Path, online: tuple[BrowserContext, Page], two_versions: tuple[Path, Path]
) -> None:
    """Storage pressure: the origin's quota holds one version and a half.

    The new version is never stored beside the old one, so it is installed without a cache:
    offered as usual, said quietly, and read from the network once it takes over (the old
    version's cache goes).
    """
    context, page = online
    served_dir = tmp_path / "served"
    shutil.copytree(two_versions[0], served_dir)
    server = PagesServer(served_dir)
    try:
        installed(page, server.url("chapter/"))
        usage = page.evaluate("() => navigator.storage.estimate().then((e) => e.usage)")
        context.new_cdp_session(page).send(
            "Storage.overrideQuotaForOrigin", {"origin": server.origin, "quotaSize": int(usage * 1.5)}
        )
        first = cache_names(page)
        redeploy(two_versions[1], served_dir, server)
        page.goto(server.url("chapter/"))
        notice = page.get_by_role("status").filter(has_text="Updated")
        expect(notice).to_be_visible()
        expect(notice).to_contain_text("no room")
        expect(page.locator(".md-content")).to_contain_text("Version one of the chapter.")  # whole, until Reload
        notice.get_by_role("button", name="Reload").click()
        expect(page.locator(".md-content")).to_contain_text("Version two of the chapter.")
        page.wait_for_function("() => window.quizbank && window.quizbank.offline && window.quizbank.offline.ready")
        assert not set(first) & set(cache_names(page)), "the old version's cache is gone"
        page.reload()
        expect(page.locator(".md-content")).to_contain_text("Version two of the chapter.")
        # Its scripts come from the network too (mkdocs-quiz's among them, asked for once the
        # page is idle): the self-check works. And the server stays up until the page is done
        # loading: a script still on its way when it closed failed as the worker forwarded it,
        # a console error (seen in CI: quiz.js, net::ERR_FAILED).
        quiz_ready(page)
        expect(page.locator(".quizbank-unavailable")).to_have_count(0)
        page.wait_for_load_state("networkidle")
    finally:
        server.close()


# ── `mkdocs serve` where a built copy was served: the preview wins ─────────────────────────────


@pytest.mark.parametrize(
    ("prefix", "busy"),
    [(SITE_PATH, False), ("/", False), (SITE_PATH, True)],
    ids=["same-path", "built-copy-at-the-root", "old-worker-still-busy"],
)
def test_mkdocs_serve_after_a_built_copy_on_the_same_address_shows_the_preview_and_reloads_live(
    tmp_path: Path, online: tuple[BrowserContext, Page], console_errors: list[str], prefix: str, busy: bool
) -> None:
    """The preview wins over the worker a built copy served earlier on this address left behind.

    That worker answers its cached pages. The browser checks its script after a navigation;
    `mkdocs serve` answers with one that removes itself (hooks/offline.py), and the open page
    loads again from the preview as soon as that one is installed. The browser lets a new worker
    take over only once the old one has gone idle, which can take minutes (a page still loading
    restarts it; DevTools, attached here, keeps it running): "old-worker-still-busy" holds one of
    the old worker's requests open throughout, so the preview must win without that takeover.
    """
    context, page = online
    port = free_port()
    built = PagesServer(build_version(tmp_path / "built", "Version one of the chapter."), prefix, port=port)
    try:
        installed(page, built.url("chapter/"))
    finally:
        built.close()
    preview = write_site(tmp_path / "preview", {**PAGES, "chapter.md": "# Chapter\n\nThe preview.\n"}, {}, nav=NAV)
    held: list[Route] = []
    with (tmp_path / "serve.log").open("w") as log, mkdocs_serve(preview, port, log) as url:
        if busy:
            # A page of the site that the old worker does not list, opened in another tab: that
            # worker fetches it from the network, where it is held until the end of the test.
            context.route(built.url("not-listed/"), lambda route: held.append(route))
            context.new_page().evaluate("(url) => { location.href = url; }", built.url("not-listed/"))
            deadline = time.monotonic() + 10
            while not held and time.monotonic() < deadline:
                page.wait_for_timeout(50)
            assert held, "the old worker's request was not held: the test would not keep it busy"
        page.goto(built.url("chapter/" if prefix == SITE_PATH else ""))
        if prefix != SITE_PATH:  # the bare address: the preview's redirect, once the old worker is gone
            expect(page).to_have_url(url)
            page.goto(url + "chapter/")
        expect(page.locator(".md-content")).to_contain_text("The preview.")
        page.wait_for_function("() => navigator.serviceWorker.getRegistrations().then((r) => r.length === 0)")
        assert cache_names(page) == []
        # Live reload is alive: an edit shows without the student's (instructor's) reload.
        (preview.parent / "docs" / "chapter.md").write_text("# Chapter\n\nAn edit.\n", encoding="utf-8")
        expect(page.locator(".md-content")).to_contain_text("An edit.", timeout=30_000)
        page.goto("about:blank")  # no live-reload request left waiting as the server stops
        for route in held:
            route.abort()
    assert "Traceback" not in (tmp_path / "serve.log").read_text(encoding="utf-8")
    # The old copy's page at the bare address, in the moment between its worker's leaving and its
    # reload, asks the preview for its assets there, which the preview does not serve.
    root = f"{built.origin}/: "
    console_errors[:] = [e for e in console_errors if not (e.startswith(root) and "status of 404" in e)]
