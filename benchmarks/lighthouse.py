"""Lighthouse on every page: build the site, serve it as GitHub Pages does (gzip), print the scores.

For each page of the sitemap (and the 404 page): three mobile runs (Lighthouse's default: a
mid-range phone on a slow 4G connection, simulated) and one desktop run. Prints the four category
scores, first contentful paint, largest contentful paint, total blocking time and the page's
transfer weight; mobile figures are the median of the runs. Then lists every audit that kept a category under 100, so a miss says why.

Nothing is asserted: Lighthouse varies by a point between runs, and far more when other work
competes for the CPU (its simulated timings scale what it observes): the table says how busy the
machine was (load average) and how fast Lighthouse found it (benchmark index, higher is faster).
Needs `npm ci` (lighthouse) and Chromium (Debian: `apt-get install chromium`, or set CHROMIUM_PATH).

    .venv/bin/python benchmarks/lighthouse.py [--runs 3] [--pages part-1/ index] [--no-desktop] [--against main]

`--against REF` also builds the site as it is at a git ref (from `git archive`, with this
environment) and measures it page by page in turn with this one (old, new, old, new…), so both
see the same load on a shared machine; it then prints both sides' mobile medians side by side.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "hooks")]
from page_budget import BUDGET, gzip_size  # noqa: E402
from support import CHROMIUM, CHROMIUM_ARGS, PagesServer  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
OUT = ROOT / "benchmarks" / "out"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
SHORT = {"performance": "perf", "accessibility": "a11y", "best-practices": "bp", "seo": "seo"}


@dataclass
class Run:
    scores: dict[str, int]
    fcp_ms: float
    lcp_ms: float
    tbt_ms: float
    weight_bytes: int
    benchmark_index: float = 0.0
    load: float = 0.0  # 1-minute load average when the run ended
    failing: dict[str, list[str]] = field(default_factory=dict)  # category -> "audit: why"


def build(site: Path, config: Path = ROOT / "mkdocs.yml") -> None:
    if site.exists():
        shutil.rmtree(site)
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config), "-d", str(site)],
        check=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def build_ref(ref: str, into: Path) -> Path:
    """The site as built from a git ref's files (git archive), with this environment; returns the site."""
    if into.exists():
        shutil.rmtree(into)
    source = into / "source"
    source.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(source)], input=archive, check=True)
    site = into / "site"
    build(site, source / "mkdocs.yml")
    return site


def cell(run: Run | None, show: Callable[[Run], str]) -> str:
    return show(run) if run else "-"


def comparison(old: dict[str, Run], new: dict[str, Run], ref: str, runs: int) -> str:
    """Both sides' mobile medians, page by page."""
    head = [
        "page",
        f"TBT {ref}",
        "TBT now",
        f"perf {ref}",
        "perf now",
        f"FCP {ref}",
        "FCP now",
        f"weight {ref} (KB)",
        "weight now (KB)",
        "load",
    ]
    rows = [head, ["---"] * len(head)]
    for page, now in new.items():
        was = old.get(page)
        rows.append(
            [
                page or "(home)",
                cell(was, lambda r: f"{r.tbt_ms:.0f} ms"),
                f"{now.tbt_ms:.0f} ms",
                cell(was, lambda r: str(r.scores["performance"])),
                str(now.scores["performance"]),
                cell(was, lambda r: f"{r.fcp_ms / 1000:.2f} s"),
                f"{now.fcp_ms / 1000:.2f} s",
                cell(was, lambda r: f"{r.weight_bytes / 1024:.1f}"),
                f"{now.weight_bytes / 1024:.1f}",
                f"{now.load:.1f}",
            ]
        )
    return f"Mobile, median of {runs} runs each, measured in turn:\n" + "\n".join(
        "| " + " | ".join(r) + " |" for r in rows
    )


def pages_of(site: Path, site_url: str) -> list[str]:
    locs = re.findall(r"<loc>\s*(.*?)\s*</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    pages = [loc[len(site_url) :] for loc in locs if loc.startswith(site_url)]
    if (site / "404.html").exists():
        pages.append("404.html")
    return pages


def lighthouse(url: str, report: Path, *, desktop: bool) -> Run:
    args = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=" + " ".join(CHROMIUM_ARGS),
    ]
    if desktop:
        args.append("--preset=desktop")
    proc = subprocess.run(
        args, capture_output=True, text=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=300
    )
    if proc.returncode != 0 or not report.exists():
        raise RuntimeError(f"lighthouse failed on {url}:\n{proc.stdout}\n{proc.stderr}")
    return parse(json.loads(report.read_text(encoding="utf-8")))


def parse(lhr: dict[str, Any]) -> Run:
    audits = lhr["audits"]
    if lhr.get("runtimeError"):
        raise RuntimeError(f"lighthouse: {lhr['runtimeError']}")
    scores = {c: round(100 * (lhr["categories"][c]["score"] or 0)) for c in CATEGORIES}
    failing: dict[str, list[str]] = {}
    for category in CATEGORIES:
        for ref in lhr["categories"][category]["auditRefs"]:
            audit = audits[ref["id"]]
            if ref["weight"] and audit.get("score") is not None and audit["score"] < 1:
                shown = audit.get("displayValue") or ""
                failing.setdefault(category, []).append(
                    f"{ref['id']} ({audit['score']:.2f}{', ' + shown if shown else ''})"
                )
    return Run(
        scores=scores,
        fcp_ms=audits["first-contentful-paint"]["numericValue"],
        lcp_ms=audits["largest-contentful-paint"]["numericValue"],
        tbt_ms=audits["total-blocking-time"]["numericValue"],
        weight_bytes=int(audits["total-byte-weight"]["numericValue"]),
        benchmark_index=float(lhr.get("environment", {}).get("benchmarkIndex") or 0),
        load=os.getloadavg()[0],
        failing=failing,
    )


def median_run(runs: list[Run]) -> Run:
    """Each figure is the median over the runs; failing audits are those of any run."""
    failing: dict[str, list[str]] = {}
    for run in runs:
        for category, items in run.failing.items():
            for item in items:
                if item.split(" ")[0] not in {i.split(" ")[0] for i in failing.get(category, [])}:
                    failing.setdefault(category, []).append(item)
    return Run(
        scores={c: round(statistics.median(r.scores[c] for r in runs)) for c in CATEGORIES},
        fcp_ms=statistics.median(r.fcp_ms for r in runs),
        lcp_ms=statistics.median(r.lcp_ms for r in runs),
        tbt_ms=statistics.median(r.tbt_ms for r in runs),
        weight_bytes=round(statistics.median(r.weight_bytes for r in runs)),
        benchmark_index=statistics.median(r.benchmark_index for r in runs),
        load=statistics.median(r.load for r in runs),
        failing=failing,
    )


def html_weights(site: Path, pages: list[str]) -> dict[str, int]:
    """Each page's HTML, gzip-compressed as served: the figure tests/build/test_page_budget.py holds under BUDGET."""
    files = {page: site / (page + "index.html" if page == "" or page.endswith("/") else page) for page in pages}
    return {page: gzip_size(path.read_bytes()) for page, path in files.items() if path.is_file()}


def table(results: dict[str, dict[str, Run]], runs: int, html: dict[str, int] | None = None) -> str:
    head = ["page"]
    for mode in ("mobile", "desktop"):
        if any(mode in r for r in results.values()):
            n = f" (median of {runs})" if mode == "mobile" else ""
            head += [f"{mode}{n} " + SHORT[c] for c in CATEGORIES] + [f"{mode} FCP", f"{mode} LCP", f"{mode} TBT"]
    head += ["weight (KB, gzip)", f"HTML (KB, gzip; budget {BUDGET / 1000:.1f})", "load", "bench. index"]
    rows = [head]
    for page, modes in results.items():
        row = [page or "(home)"]
        for mode in ("mobile", "desktop"):
            if mode in modes:
                r = modes[mode]
                row += [str(r.scores[c]) for c in CATEGORIES] + [
                    f"{r.fcp_ms / 1000:.2f} s",
                    f"{r.lcp_ms / 1000:.2f} s",
                    f"{r.tbt_ms:.0f} ms",
                ]
            elif any(mode in x for x in results.values()):
                row += ["-"] * (len(CATEGORIES) + 3)
        any_run = modes.get("mobile") or modes["desktop"]
        html_kb = f"{(html or {})[page] / 1000:.1f}" if page in (html or {}) else "-"
        row += [f"{any_run.weight_bytes / 1024:.1f}", html_kb, f"{any_run.load:.1f}", f"{any_run.benchmark_index:.0f}"]
        rows.append(row)
    lines = ["| " + " | ".join(r) + " |" for r in rows]
    lines.insert(1, "|" + "|".join("---" for _ in head) + "|")
    return "\n".join(lines)


def misses(results: dict[str, dict[str, Run]]) -> list[str]:
    out = []
    for page, modes in results.items():
        for mode, run in modes.items():
            for category in CATEGORIES:
                if run.scores[category] < 100:
                    why = "; ".join(run.failing.get(category, [])) or "no single audit below 1 (metric scores)"
                    out.append(f"- {page or '(home)'} {mode} {category} {run.scores[category]}: {why}")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="mobile runs per page (median reported)")
    parser.add_argument("--pages", nargs="*", help="only these pages (paths as in the sitemap, e.g. part-1/)")
    parser.add_argument("--no-desktop", action="store_true", help="skip the desktop run")
    parser.add_argument("--against", metavar="REF", help="also measure the site at this git ref, in turn with this one")
    options = parser.parse_args()

    if not LIGHTHOUSE.exists():
        print(f"Lighthouse is not installed ({LIGHTHOUSE} missing): run `npm ci` in {ROOT}.", file=sys.stderr)
        return 2
    if not Path(CHROMIUM).exists():
        print(f"Chromium not found at {CHROMIUM}: `apt-get install chromium` or set CHROMIUM_PATH.", file=sys.stderr)
        return 2

    site_url = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
    site = OUT / "site"
    reports = OUT / "lighthouse"
    reports.mkdir(parents=True, exist_ok=True)
    print("Building the site…", flush=True)
    build(site)
    pages = pages_of(site, site_url)
    if options.pages:
        wanted = {p.removesuffix("index") for p in options.pages}
        pages = [p for p in pages if p in wanted]
    server = PagesServer(site, urlsplit(site_url).path, gzip=True, cache="max-age=600")
    old_server = None
    old_pages: set[str] = set()
    if options.against:
        print(f"Building the site at {options.against}…", flush=True)
        # Outside the project: lint and type checks read benchmarks/, and the ref's copy is not ours to check.
        old_site = build_ref(options.against, Path(tempfile.mkdtemp(prefix="lighthouse-against-")))
        old_pages = set(pages_of(old_site, site_url))
        old_server = PagesServer(old_site, urlsplit(site_url).path, gzip=True, cache="max-age=600")
    results: dict[str, dict[str, Run]] = {}
    old_results: dict[str, Run] = {}
    try:
        for page in pages:
            url = server.base + page
            name = page.strip("/").replace("/", "_").replace(".html", "") or "home"
            mobile, old_mobile = [], []
            for i in range(options.runs):
                print(f"{page or '(home)'}: mobile run {i + 1}/{options.runs}", flush=True)
                mobile.append(lighthouse(url, reports / f"{name}-mobile-{i + 1}.json", desktop=False))
                if old_server and page in old_pages:
                    old_url = old_server.base + page
                    old_mobile.append(
                        lighthouse(old_url, reports / f"{name}-mobile-{i + 1}-against.json", desktop=False)
                    )
            results[page] = {"mobile": median_run(mobile)}
            if old_mobile:
                old_results[page] = median_run(old_mobile)
            if not options.no_desktop:
                print(f"{page or '(home)'}: desktop", flush=True)
                results[page]["desktop"] = lighthouse(url, reports / f"{name}-desktop.json", desktop=True)
    finally:
        server.close()
        if old_server:
            old_server.close()
            shutil.rmtree(old_server.directory.parent, ignore_errors=True)

    print()
    print(table(results, options.runs, html_weights(site, list(results))))
    cores = os.cpu_count() or 1
    if max(r.load for modes in results.values() for r in modes.values()) > cores:
        print(
            f"\nNote: the load average exceeded the {cores} cores during some runs: timings are inflated by other work."
        )
    if options.against:
        print()
        print(comparison(old_results, {p: m["mobile"] for p, m in results.items()}, options.against, options.runs))
    print()
    found = misses(results)
    print("Below 100:" if found else "Every page scores 100 in every category, mobile and desktop.")
    print("\n".join(found))
    summary = {p: {m: r.__dict__ for m, r in modes.items()} for p, modes in results.items()}
    (OUT / "lighthouse.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    print(f"\nFull reports: {reports.relative_to(ROOT)}/; summary: {(OUT / 'lighthouse.json').relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
