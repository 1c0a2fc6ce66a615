"""The first-paint budget of a page's HTML: the line, defined once, and a built page measured against it (`python -m quizbank site` and tests/build/test_page_budget.py).

Lighthouse's mobile run simulates a phone on a slow 4G link (150 ms round trip, 1.6 Mbit/s) and
TCP's slow start: a new connection's first round trip carries an initial congestion window of 10
segments of 1,460 bytes (14,600 bytes); each round trip doubles the window, up to what the link
carries in one round trip (1.6 Mbit/s × 150 ms ≈ 30 KB, 21 segments). Its simulation waits for a
page's whole HTML before the first paint, so the HTML arrives in

    14,600 + 29,200 = 43,800 bytes   two round trips,

and one byte more costs a third round trip: ~150 ms of first contentful paint, a Lighthouse point
(Part 2 was 1.35 s instead of 1.20 s and scored 99 when it crossed; see hooks/quiz_assets.py). The
constants are Lighthouse's own (`INITIAL_CONGESTION_WINDOW`, `TCP_SEGMENT_SIZE` and `mobileSlow4G`
in its Lantern simulator: tests/build/test_page_budget.py checks them against the installed
Lighthouse). The budget keeps every page 10 % under that line, which also covers the response's
headers (a few hundred bytes the line counts too), and the next paragraph an instructor writes.

Measured as the site is served: gzip at level 6, as tests/support.py's server compresses (zlib's
default, and what `benchmarks/lighthouse.py` measures), with no timestamp, so the same HTML always
weighs the same.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from pathlib import Path

INITIAL_CONGESTION_WINDOW = 10  # segments in a new connection's first round trip (RFC 6928)
TCP_SEGMENT_SIZE = 1460  # bytes: a 1,500-byte Ethernet frame less the IP and TCP headers
# First round trip: 10 segments; the second: twice that (the 1.6 Mbit/s link carries 21 per round trip).
TWO_ROUND_TRIPS = INITIAL_CONGESTION_WINDOW * TCP_SEGMENT_SIZE * (1 + 2)  # 43,800 bytes
MARGIN = 0.10
BUDGET = int(TWO_ROUND_TRIPS * (1 - MARGIN))  # 39,420 bytes of gzip-compressed HTML
GZIP_LEVEL = 6

FIX = (
    "Fix: split the chapter into sub-pages (a new docs/*.md and its entry in mkdocs.yml's nav), or "
    "serve what the page repeats once for the whole site (a shared file); do not trim the words to fit."
)


@dataclass(frozen=True)
class Weight:
    page: str  # the built file, relative to the site ("part-2/index.html")
    gzip_bytes: int

    @property
    def within(self) -> bool:
        return self.gzip_bytes <= BUDGET

    def message(self) -> str:
        return (
            f"{self.page}: {self.gzip_bytes:,} bytes of HTML (gzip), over the budget of {BUDGET:,} "
            f"({100 - round(100 * MARGIN)} % of the {TWO_ROUND_TRIPS:,} bytes a phone receives in two round trips, "
            f"the line past which its first paint waits for a third).\n    {FIX}"
        )


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


def page_weights(site: Path) -> list[Weight]:
    """Every HTML page of a built site, with its compressed size, in path order.

    A page is a whole document. A fragment a page fetches later (My progress's review questions,
    hooks/review_pool.py) is not on the way to any first paint.
    """
    return [
        Weight(path.relative_to(site).as_posix(), gzip_size(data))
        for path in sorted(site.rglob("*.html"))
        if is_document(data := path.read_bytes())
    ]


def is_document(html: bytes) -> bool:
    return html.lstrip()[:15].lower() == b"<!doctype html>"
