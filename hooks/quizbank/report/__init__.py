"""The class report (`make class-report`): item analysis of the progress files students hand in, with no server.

- `progress_file`: one file, checked exactly as the site's Restore checks it (versions 1 to 3);
- `collect`: a folder (and its zips, within bounds) of files: read, deduplicated, students told apart
  under a shared learner id, the rest listed with a reason;
- `stats`: per-question and per-option figures against today's banks; `reliability`: the class as a
  whole (alpha, SEM); `flags`: what deserves a look, each a test with its p-value;
- `table`, `plots`, `render` (on `assets`, `answers`, `sources`, `written`): the CSV, the figures and
  the self-contained page; `terminal`: what the command prints, files named by their path.

Everything but `write_report` is pure; tests call the parts directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..load import load_banks
from ..siteconfig import read_config, settings
from .collect import Course, collect
from .render import Page, render
from .stats import class_stats
from .table import to_csv
from .terminal import summary

__all__ = ["Course", "NothingFound", "Written", "class_stats", "collect", "render", "write_report"]


class NothingFound(ValueError):
    """The folder holds no file to read: a message with the fix, and no report written."""


@dataclass(frozen=True)
class Written:
    counted: int  # files counted
    found: int  # files found (counted or not)
    terminal: str  # what to print: the summary, each file not counted by its path


def write_report(config_path: Path, folder: Path, out: Path) -> Written:
    """Read `folder`, write `out`/index.html and `out`/questions.csv.

    Raises BankError when today's banks do not load (the answers cannot be matched against them),
    NothingFound when the folder holds no file at all.
    """
    root = config_path.resolve().parent
    config = read_config(config_path)
    banks_dir, _, _, _ = settings(config, root)
    banks = load_banks(banks_dir, root)
    course = Course(str(config.get("site_name") or ""), urlsplit(str(config.get("site_url") or "")).path or "/")
    found = collect(folder, course)
    if not found.total:
        raise NothingFound(
            f"Class report: {folder} holds no file (hidden files and macOS's __MACOSX folders aside), so there is "
            "nothing to report. Fix: put the progress files students handed in (fine-tuning-course-progress.json, "
            "or the LMS's zip download) in it, and run make class-report IN=path/to/folder again."
        )
    stats = class_stats(found.files, banks)
    texts = {bank.path: (root / bank.path).read_text(encoding="utf-8") for bank in banks.values()}
    out.mkdir(parents=True, exist_ok=True)
    (out / "index.html").write_text(render(Page(course.name, found, stats, texts)), encoding="utf-8")
    (out / "questions.csv").write_text(to_csv(stats.items), encoding="utf-8")
    return Written(len(found.files), found.total, summary(found, out))
