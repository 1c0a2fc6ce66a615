"""Every page's HTML stays well inside a phone's first-paint budget (tests/page_budget.py says why).

Deterministic, not timed: the built site's HTML, compressed as it is served, against a line that
comes from Lighthouse's own model of a phone's connection.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from page_budget import BUDGET, TCP_SEGMENT_SIZE, TWO_ROUND_TRIPS, page_weights
from support import ROOT, BuildResult, require_npm_package

LANTERN = ROOT / "node_modules" / "@paulirish" / "trace_engine" / "models" / "trace" / "lantern" / "simulation"


@pytest.fixture(scope="module")
def site(built_site: BuildResult) -> BuildResult:
    return built_site  # read only


def test_every_page_is_at_least_ten_percent_under_the_line_of_a_third_round_trip(site: BuildResult) -> None:
    weights = page_weights(site.site)
    assert {"index.html", "part-1/index.html", "404.html"} <= {w.page for w in weights}
    assert "progress/index.html" in {w.page for w in weights}
    assert not any(w.page.startswith("progress/review-pool.") for w in weights)  # a fragment, fetched later
    over = [w for w in weights if not w.within]
    assert not over, "\n".join(w.message() for w in over)


def test_the_line_is_lighthouses_model_of_a_phone(tmp_path: Path) -> None:
    """Two round trips of TCP slow start on Lighthouse's simulated mobile link, from its installed source."""
    tcp, constants = LANTERN / "TCPConnection.js", LANTERN / "Constants.js"
    require_npm_package(tcp, "lighthouse")
    source = tcp.read_text(encoding="utf-8")
    window = int(re.search(r"INITIAL_CONGESTION_WINDOW = (\d+);", source).group(1))  # type: ignore[union-attr]
    segment = int(re.search(r"TCP_SEGMENT_SIZE = (\d+);", source).group(1))  # type: ignore[union-attr]
    mobile = re.search(r"mobileSlow4G: \{(.*?)\}", constants.read_text(encoding="utf-8"), re.S).group(1)  # type: ignore[union-attr]
    rtt_ms = float(re.search(r"rttMs: ([\d.]+)", mobile).group(1))  # type: ignore[union-attr]
    kbps = re.search(r"throughputKbps: ([\d.]+) \* 1024", mobile).group(1)  # type: ignore[union-attr]
    # As its TCPConnection: the window grows to what the link carries in one round trip.
    most = int(float(kbps) * 1024 * 1024 / 8 * rtt_ms / 1000 // segment)
    assert segment == TCP_SEGMENT_SIZE
    assert window * segment + min(2 * window, most) * segment == TWO_ROUND_TRIPS == 43_800
    assert BUDGET == 39_420


def test_a_page_over_the_budget_is_named_with_its_size_the_line_and_the_fix(tmp_path: Path) -> None:
    (tmp_path / "long").mkdir()
    # Hex digits, which gzip shrinks to about half: 100 KB of them weigh about 55 KB.
    noise = "".join(hashlib.sha256(str(i).encode()).hexdigest() for i in range(1600))
    (tmp_path / "long" / "index.html").write_text(f"<!DOCTYPE html><p>{noise}</p>", encoding="utf-8")
    (tmp_path / "index.html").write_text("<!doctype html><p>short</p>", encoding="utf-8")
    (tmp_path / "long" / "part.html").write_text(f"<p>{noise}</p>", encoding="utf-8")  # a fragment: no page
    weights = {w.page: w for w in page_weights(tmp_path)}
    assert set(weights) == {"index.html", "long/index.html"}
    assert weights["index.html"].within and not weights["long/index.html"].within
    message = weights["long/index.html"].message()
    assert message.startswith(f"long/index.html: {weights['long/index.html'].gzip_bytes:,} bytes of HTML (gzip)")
    assert "39,420" in message and "43,800" in message and "Fix: split the chapter" in message
