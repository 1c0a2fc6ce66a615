"""Search works however a student reaches it, and its index is fetched only when it is wanted.

Material fetches its search index (about 65 KB on the wire) as every page loads; overrides/main.html
holds that one request until the student reaches for search. These tests load the real site and
count the requests for the index.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from support import PagesServer, wait_for_material, watch

INDEX = "search/search_index.json"


class Counted:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.urls: list[str] = []
        page.on("request", lambda request: self.urls.append(request.url))

    def index_requests(self) -> int:
        return sum(url.endswith(INDEX) for url in self.urls)


@pytest.fixture
def counted(page: Page) -> Counted:
    return Counted(page)


def loaded(counted: Counted, server: PagesServer, path: str) -> Page:
    page = counted.page
    page.goto(server.url(path), wait_until="networkidle")
    wait_for_material(page)
    return page


def results(page: Page) -> None:
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15_000)


def test_a_page_loads_without_the_index_and_clicking_search_fetches_it(counted: Counted, server: PagesServer) -> None:
    page = loaded(counted, server, "part-1/")
    assert counted.index_requests() == 0, "the search index was fetched before anyone searched"
    page.get_by_role("textbox", name="Search").first.click()
    page.keyboard.type("adapter")
    results(page)
    assert counted.index_requests() == 1


@pytest.mark.parametrize("key", ["/", "s", "f"])
def test_a_shortcut_key_opens_search_and_fetches_the_index(counted: Counted, server: PagesServer, key: str) -> None:
    page = loaded(counted, server, "")
    page.locator("body").press(key)
    expect(page.get_by_role("textbox", name="Search").first).to_be_focused()
    page.keyboard.type("LoRA")
    results(page)
    assert counted.index_requests() == 1


def test_instant_navigation_keeps_one_index(counted: Counted, server: PagesServer) -> None:
    page = loaded(counted, server, "")
    page.get_by_role("textbox", name="Search").first.click()
    page.keyboard.type("fine-tuning")
    results(page)
    page.locator(".md-search-result__link").first.click()
    page.wait_for_load_state("networkidle")
    page.get_by_role("textbox", name="Search").first.click()
    page.keyboard.type("overfitting")
    results(page)
    assert counted.index_requests() == 1


def test_a_highlight_link_fetches_the_index_by_itself(counted: Counted, server: PagesServer) -> None:
    # A search result opens its page with ?h=term; Material marks the term there using the index.
    page = loaded(counted, server, "part-1/?h=adapter")
    expect(page.locator("article mark[data-md-highlight]").first).to_be_visible(timeout=15_000)
    assert counted.index_requests() == 1


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    errors: list[str] = []
    watch(page, errors)
    yield page
    context.close()
    assert not errors, "\n".join(errors)


def test_on_a_phone_tapping_the_search_icon_fetches_the_index(phone: Page, server: PagesServer) -> None:
    counted = Counted(phone)
    loaded(counted, server, "part-2/")
    assert counted.index_requests() == 0
    phone.locator("label.md-header__button[for=__search]").tap()
    expect(phone.get_by_role("textbox", name="Search").first).to_be_focused()
    phone.keyboard.type("dataset")
    results(phone)
    assert counted.index_requests() == 1
