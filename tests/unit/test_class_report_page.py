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
from pathlib import Path
from typing import Any

import pytest
import yaml

from class_files import HAND_COURSE, small_class
from quizbank import load_banks
from quizbank.__main__ import main
from quizbank.report.table import COLUMNS
from support import CORPUS

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
    with contextlib.chdir(elsewhere):  # paths come from mkdocs.yml, not from where the command runs
        assert main(["class-report", str(handed), "-f", str(config), "-o", str(out)]) == 0
    return out / "index.html", out / "questions.csv"


def test_the_csv_holds_the_hand_computed_figures(written: tuple[Path, Path]) -> None:
    rows = list(csv.DictReader(io.StringIO(written[1].read_text(encoding="utf-8"))))
    assert list(rows[0]) == [c.name for c in COLUMNS]
    k = next(r for r in rows if r["Question"] == "all-types#key-benefit")
    assert (k["Answered"], k["Changed since answered"], k["Re-marked"]) == ("3", "1", "0")
    assert (k["Right at first try (%)"], k["Right in the end (%)"]) == ("66.7", "100.0")
    assert (k["Sure (%)"], k["Right when Sure (%)"], k["Right when Guessing (%)"]) == ("66.7", "100.0", "")
    assert k["Discrimination (r)"] == "0.866"
    assert k["Bank line"] == "quizzes/all-types.yml:3"
    t = next(r for r in rows if r["Question"] == "all-types#no-eval-needed")
    assert (t["Right at first try (%)"], t["Hint used (%)"], t["Discrimination (r)"]) == ("25.0", "25.0", "-0.333")


def test_no_name_from_a_file_name_reaches_the_report(written: tuple[Path, Path]) -> None:
    page, table = (p.read_text(encoding="utf-8") for p in written)
    for text in (page, table):
        for part in ("Placeholder", "placeholder", "4321", "example.invalid", "@example"):
            assert part not in text, part
    assert re.search(r"file \d of 5, sha256 [0-9a-f]{12}…: damaged", page), "the damaged file is listed by label"


def test_what_students_typed_is_shown_as_text(written: tuple[Path, Path]) -> None:
    page = written[0].read_text(encoding="utf-8")
    assert page.count("<script") == 1, "the page's one script is its own sorting script"
    assert "<img" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;" in page


def test_the_page_needs_nothing_from_the_network(written: tuple[Path, Path]) -> None:
    page = written[0].read_text(encoding="utf-8")
    assert not re.search(r"<(link|img|iframe|object|embed)\b|<[^>]+\ssrc=|@import|url\(\s*['\"]?[a-z]+:", page)
    for href in re.findall(r'href="([^"]*)"', page):
        assert not re.match(r"[a-z]+:", href), href  # relative: the bank files, the CSV, the page's own sections
    targets = re.findall(r'href="([^"#]+)#L\d+"', page)
    assert targets, "questions link to their bank's line"
    for target in targets:
        assert (written[0].parent / target).resolve().is_file(), target


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
