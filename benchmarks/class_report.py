"""Class-report benchmark: how long `make class-report` takes for a large class (the issue asks under 5 s for 1,000).

Generates N synthetic progress files on the real banks (tests/class_files.py: the generated
class of the tests, with its planted problems), half of them in a zip as an LMS download
would have them, then times the report in a fresh process, as `make class-report` runs it
(matplotlib's import included), and its parts in this one. Nothing is asserted.

    .venv/bin/python benchmarks/class_report.py [--students 1000] [--repeats 3]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "hooks")]
# Only what the report itself needs (requirements-report.txt): `make class-report`'s environment runs this.
from class_files import write_class  # noqa: E402
from quizbank import load_banks  # noqa: E402
from quizbank.report import class_stats, collect, render  # noqa: E402
from quizbank.report.collect import Course  # noqa: E402
from quizbank.report.render import Page  # noqa: E402
from quizbank.siteconfig import read_config  # noqa: E402


def course() -> Course:
    """The real course, as mkdocs.yml names it: the class is generated for it."""
    config = read_config(ROOT / "mkdocs.yml")
    return Course(str(config["site_name"]), urlsplit(str(config["site_url"])).path or "/")


def make_class(folder: Path, students: int) -> None:
    """N files in `folder`, every second one moved into `folder`/lms-download.zip."""
    write_class(folder, load_banks(ROOT / "quizzes", ROOT), course=course().name, site=course().path, students=students)
    with zipfile.ZipFile(folder / "lms-download.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.glob("*.json"))[::2]:
            archive.write(path, f"submissions/{path.name}")
            path.unlink()


def run_once(folder: Path, out: Path) -> tuple[float, float]:
    """Seconds of the wall clock and of CPU (on a shared machine the second is the one to compare)."""
    start, cpu = time.perf_counter(), _children_cpu()
    subprocess.run(
        [sys.executable, "-m", "quizbank", "class-report", str(folder), "-f", str(ROOT / "mkdocs.yml"), "-o", str(out)],
        check=True,
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "hooks")},
    )
    return time.perf_counter() - start, _children_cpu() - cpu


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def parts(folder: Path) -> dict[str, float]:
    """Seconds for each step, in this process (banks already imported)."""
    times: dict[str, float] = {}
    start = time.perf_counter()
    banks = load_banks(ROOT / "quizzes", ROOT)
    times["load banks"] = time.perf_counter() - start
    start = time.perf_counter()
    found = collect(folder, course())
    times["read files"] = time.perf_counter() - start
    start = time.perf_counter()
    stats = class_stats(found.files, banks)
    times["figures"] = time.perf_counter() - start
    start = time.perf_counter()
    texts = {bank.path: (ROOT / bank.path).read_text(encoding="utf-8") for bank in banks.values()}
    render(Page(course().name, found, stats, texts))
    times["page and plots"] = time.perf_counter() - start
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "handed-in"
        start = time.perf_counter()
        make_class(folder, args.students)
        size = sum(p.stat().st_size for p in folder.iterdir())
        print(
            f"Generated {args.students} progress files ({size / 2**20:.1f} MB, half in a zip) in {time.perf_counter() - start:.1f} s"
        )
        runs = [run_once(folder, Path(tmp) / "out") for _ in range(args.repeats)]
        wall, cpu = [r[0] for r in runs], [r[1] for r in runs]
        page = (Path(tmp) / "out" / "index.html").stat().st_size
        print(
            f"make class-report: median {statistics.median(wall):.2f} s over {args.repeats} runs (min {min(wall):.2f} s), "
            f"CPU {statistics.median(cpu):.2f} s; page {page / 1024:.0f} KB; load average {os.getloadavg()[0]:.1f}"
        )
        for step, seconds in parts(folder).items():
            print(f"  {step:<16} {seconds:.2f} s")


if __name__ == "__main__":
    main()
