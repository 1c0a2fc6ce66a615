"""The class report's page and CSV, written as `make class-report` writes them, for a throwaway course.

The course is a folder with its own mkdocs.yml and the corpus banks (all-types.yml and
written-task.yml); the command runs from another folder, so every path comes from the config.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from class_files import HAND_COURSE, small_class
from quizbank import load_banks
from quizbank.__main__ import main
from quizbank.report.table import COLUMNS
from support import CORPUS, ROOT

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'
# A file name such as an LMS gives a download: a made-up student's name and e-mail.
NAMED = "Pat Placeholder_4321_pat.placeholder@example.invalid_fine-tuning-course-progress.json"


def course(base: Path) -> Path:
    """A course folder: mkdocs.yml (the hand class's name and address) and two corpus banks."""
    (base / "quizzes").mkdir(parents=True)
    for name in ("all-types.yml", "written-task.yml"):
        shutil.copy(CORPUS / "good" / name, base / "quizzes" / name)
    config = {
        "site_name": HAND_COURSE.name,
        "site_url": f"https://example.invalid{HAND_COURSE.path}",
        "extra": {"quiz_banks": {"dir": "quizzes"}},
    }
    (base / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return base / "mkdocs.yml"


def hostile(files: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The small class, where the two students wrong on the blank typed a hostile answer (shared: the report shows it)."""
    files[1]["results"]["all-types#runtime-name"].update(answer=[HOSTILE], first=[HOSTILE])
    files[2]["results"]["all-types#runtime-name"].update(answer=[HOSTILE])  # version 1: no `first`
    return files


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("report")
    config = course(base / "course")
    banks = load_banks(base / "course" / "quizzes", base / "course")
    handed = base / "handed-in"
    handed.mkdir()
    for n, data in enumerate(hostile(small_class(banks)), 1):
        (handed / f"s{n}.json").write_text(json.dumps(data), encoding="utf-8")
    (handed / NAMED).write_bytes(b'{"format": "quizbank-progress", "version": 1, "results": "damaged"}')
    elsewhere = base / "elsewhere"
    elsewhere.mkdir()
    out = base / "out"
    printed = io.StringIO()
    with contextlib.chdir(elsewhere), contextlib.redirect_stdout(printed):  # paths come from mkdocs.yml
        assert main(["class-report", str(handed), "-f", str(config), "-o", str(out)]) == 0
    (base / "terminal.txt").write_text(printed.getvalue(), encoding="utf-8")
    return out / "index.html", out / "questions.csv"


def terminal(written: tuple[Path, Path]) -> str:
    return (written[0].parent.parent / "terminal.txt").read_text(encoding="utf-8")


def test_the_csv_holds_the_hand_computed_figures(written: tuple[Path, Path]) -> None:
    rows = list(csv.DictReader(io.StringIO(written[1].read_text(encoding="utf-8"))))
    assert list(rows[0]) == [c.name for c in COLUMNS if c.name != "95% interval"]
    k = next(r for r in rows if r["Question"] == "all-types#key-benefit")
    assert (k["Answered"], k["Changed since answered"], k["Re-marked"], k["First tries"]) == ("3", "1", "0", "3")
    assert (k["Right at first try (%)"], k["Right in the end (%)"]) == ("66.7", "100.0")
    # Wilson's interval for 2 of 3 (z = 1.96): centre (2/3 + z²/6) / (1 + z²/3) = 0.573, half-width
    # z·√(2/27 + z²/36) / (1 + z²/3) = 0.365: 20.8 to 93.9.
    assert (k["95% interval from (%)"], k["95% interval to (%)"]) == ("20.8", "93.9")
    # Two options: a blind guess is right half the time; first answers A, B, A: two of three parts right.
    assert (k["Random guess (%)"], k["Partial credit (%)"]) == ("50.0", "66.7")
    # Confidence of first answers: S1 and S3 Sure (both right); S2 answered twice, not known.
    assert k["Confidence given"] == "2"
    assert (k["Sure (%)"], k["Right when Sure (%)"], k["Right when Guessing (%)"]) == ("100.0", "100.0", "")
    assert (k["Discrimination (r)"], k["Students behind r"], k["Discriminative efficiency (%)"]) == (
        "0.866",
        "3",
        "100.0",
    )
    assert k["Bank line"] == "quizzes/all-types.yml:3"
    t = next(r for r in rows if r["Question"] == "all-types#no-eval-needed")
    assert (t["Right at first try (%)"], t["Hint used (%)"], t["Discrimination (r)"]) == ("25.0", "25.0", "-0.333")
    assert (t["Random guess (%)"], t["Discriminative efficiency (%)"]) == ("50.0", "-60.0")
    m = next(r for r in rows if r["Question"] == "all-types#pick-several")
    assert (m["Random guess (%)"], m["Partial credit (%)"]) == ("33.3", "83.3"), "1 of the 2² − 1 sets of ticks"


def test_each_question_links_to_its_own_lines_shown_in_the_page(written: tuple[Path, Path]) -> None:
    """A link to the YAML file would download it: the page shows the lines, numbered as in the file."""
    page = written[0].read_text(encoding="utf-8")
    targets = set(re.findall(r'<a class="where" href="#([^"]+)">quizzes/all-types.yml:(\d+)</a>', page))
    assert ("src-all-types--key-benefit", "3") in targets and ("src-all-types--runtime-name", "29") in targets
    for anchor, _ in targets:
        assert f'id="{anchor}"' in page, anchor
    excerpt = re.search(r'<div class="excerpt" id="src-all-types--key-benefit">(.*?)</div>', page, re.S)
    assert excerpt and "all-types#key-benefit: quizzes/all-types.yml, lines 3–15" in excerpt[1]
    assert "id: key-benefit" in excerpt[1] and "pick-several" not in excerpt[1], "its own lines, not the next one's"
    assert re.search(r'<span class="ln" aria-hidden="true">15</span> +It still costs training and hosting.', excerpt[1])
    assert 'id="src-written-task--application-task"' in page, "written tasks link to their lines too"


def test_each_column_says_what_it_means_beside_the_table(written: tuple[Path, Path]) -> None:
    page = written[0].read_text(encoding="utf-8")
    table = page[page.index('<section id="questions">') : page.index('<section id="figures">')]
    heads = re.findall(r'<th scope="col"[^>]*title="([^"]+)" aria-describedby="(col-\d+)">([^<]+)</th>', table)
    assert [h[2] for h in heads] == [c.name for c in COLUMNS if c.page]
    legend = table[: table.index("<table")]
    for help_text, described_by, _ in heads:
        assert f'<dd id="{described_by}">{help_text}</dd>' in legend


def test_no_name_from_a_file_name_reaches_the_report(written: tuple[Path, Path]) -> None:
    page, table = (p.read_text(encoding="utf-8") for p in written)
    for text in (page, table):
        for part in ("Placeholder", "placeholder", "4321", "example.invalid", "@example"):
            assert part not in text, part
    assert re.search(r"file \d of 5, sha256 [0-9a-f]{12}…: damaged", page), "the damaged file is listed by label"


def test_the_terminal_names_each_file_not_counted_by_its_path(written: tuple[Path, Path]) -> None:
    """The instructor alone sees the terminal: there a file is found by its path, wherever it sits."""
    lines = terminal(written).splitlines()
    assert lines[0] == "Class report: 4 files counted, 1 not counted (of 5 found)."
    listed = [line for line in lines if NAMED in line]
    assert len(listed) == 1 and listed[0].strip().endswith("damaged: its results or drafts are missing"), listed
    assert listed[0].strip().startswith(str(written[0].parent.parent / "handed-in" / NAMED))


def test_what_students_typed_is_shown_as_text(written: tuple[Path, Path]) -> None:
    page = written[0].read_text(encoding="utf-8")
    assert page.count("<script") == 1, "the page's one script is its own sorting script"
    assert "<img" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;" in page


def test_the_page_needs_nothing_from_the_network(written: tuple[Path, Path]) -> None:
    page = written[0].read_text(encoding="utf-8")
    assert not re.search(r"<(link|img|iframe|object|embed)\b|<[^>]+\ssrc=|@import|url\(\s*['\"]?[a-z]+:", page)
    for href in re.findall(r'href="([^"]*)"', page):
        assert href.startswith("#") or href == "questions.csv", href  # its own sections, and the CSV beside it


def test_a_long_answer_students_share_is_cut_and_says_so(tmp_path: Path) -> None:
    """Two students paste the same 4 MB into a blank: the page shows its start, says how long it was, stays small."""
    config = course(tmp_path / "course")
    banks = load_banks(tmp_path / "course" / "quizzes", tmp_path / "course")
    files = small_class(banks)
    pasted = "tensor " * 600_000
    files[1]["results"]["all-types#runtime-name"].update(answer=[pasted], first=[pasted])
    files[2]["results"]["all-types#runtime-name"].update(answer=[pasted])
    (tmp_path / "in").mkdir()
    for n, data in enumerate(files, 1):
        (tmp_path / "in" / f"{n}.json").write_text(json.dumps(data), encoding="utf-8")
    assert main(["class-report", str(tmp_path / "in"), "-f", str(config), "-o", str(tmp_path / "out")]) == 0
    page = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "(cut: 4,199,999 characters in all)" in page
    assert len(page) < 1_000_000


def test_a_missing_folder_or_a_broken_bank_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = course(tmp_path / "course")
    assert main(["class-report", "-f", str(config)]) == 2
    assert "no folder was given" in capsys.readouterr().err
    assert main(["class-report", str(tmp_path / "nowhere"), "-f", str(config)]) == 2
    assert "no such folder" in capsys.readouterr().err
    (tmp_path / "course" / "quizzes" / "broken.yml").write_text("questions:\n  - id: Bad Id\n", encoding="utf-8")
    (tmp_path / "in").mkdir()
    assert main(["class-report", str(tmp_path / "in"), "-f", str(config), "-o", str(tmp_path / "out")]) == 1
    assert "quizzes/broken.yml:2" in capsys.readouterr().err


def test_an_empty_folder_or_one_of_no_progress_files_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = course(tmp_path / "course")
    (tmp_path / "in" / "__MACOSX").mkdir(parents=True)
    (tmp_path / "in" / "__MACOSX" / "._x.json").write_bytes(b"resource fork")
    out = tmp_path / "out"
    assert main(["class-report", str(tmp_path / "in"), "-f", str(config), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "holds no file" in err and "Fix:" in err
    assert not out.exists(), "no report of nothing"
    # A file no report can count, its name one a terminal would act on: the report is written, the exit says so.
    hostile = "notes\x1b[2J.txt"
    (tmp_path / "in" / hostile).write_text("my notes", encoding="utf-8")
    assert main(["class-report", str(tmp_path / "in"), "-f", str(config), "-o", str(out)]) == 1
    printed = capsys.readouterr()
    assert "none of the 1 files found could be counted" in printed.err
    assert "notes\\x1b[2J.txt: not a .json file" in printed.out and "\x1b" not in printed.out
    assert (out / "index.html").is_file()


def test_files_of_two_students_under_one_learner_id_are_listed_on_the_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = course(tmp_path / "course")
    banks = load_banks(tmp_path / "course" / "quizzes", tmp_path / "course")
    first, second, *_ = small_class(banks)
    second["learner"] = first["learner"]  # the second student restored the first one's file, then answered anew
    (tmp_path / "in").mkdir()
    for n, data in enumerate((first, second), 1):
        (tmp_path / "in" / f"{n}.json").write_text(json.dumps(data), encoding="utf-8")
    assert main(["class-report", str(tmp_path / "in"), "-f", str(config), "-o", str(tmp_path / "out")]) == 0
    page = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "From <strong>2</strong> progress files" in page
    shared = re.search(r'<h3 id="shared">.*?</ul>', page, re.S)
    assert shared and re.search(
        r"file 1 of 2, sha256 \w+… and file 2 of 2, sha256 \w+…: 4 answers contradict", shared[0]
    )
    assert "Possible shared files" in capsys.readouterr().out


def test_the_benchmark_runs_on_the_reports_own_requirements() -> None:
    """benchmarks/class_report.py imports nothing the report's environment lacks (requirements-report.txt)."""
    script = (
        "import sys, runpy\n"
        "for name in ('filelock', 'playwright', 'pytest', 'bs4', 'jsonschema'):\n"
        "    sys.modules[name] = None  # test-only packages: importing one raises ImportError\n"
        "sys.argv = ['class_report.py', '--help']\n"
        "try:\n"
        f"    runpy.run_path({str(ROOT / 'benchmarks' / 'class_report.py')!r}, run_name='__main__')\n"
        "except SystemExit as done:\n"
        "    sys.exit(done.code)\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "--students" in run.stdout
