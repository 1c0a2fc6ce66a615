"""Export the banks for a learning management system, and a printable answer key (`make export`).

Writes into one folder (dist/ by default: outside docs/, so the site never publishes it):

- `qti-1.2.zip`, `qti-2.1.zip`: every self-check, built by mkdocs-quiz's own exporter
  (`mkdocs_quiz.qti`) fed from the banks; Canvas, Blackboard and Brightspace import these;
- `moodle.gift`: every question, one category per bank (Moodle: Question bank > Import > GIFT);
- `answer-key.md`: every question with its answers, accepted forms, feedback, hints and
  explanation, for instructors only.

What a format cannot hold is never dropped silently: the command prints one line per kind of loss
(hints, tolerances, …) with how many questions it touches, and `export-losses.txt` lists each one,
"not exported to <format>: <bank#id> (<why>)". Bank text is Markdown. QTI 1.2 declares its text as HTML and GIFT is written
with `[html]`, so both get the same HTML, rendered once here: an LMS shows HTML alike
everywhere, whereas Moodle's own Markdown dialect differs from Python-Markdown in details.
QTI 2.1 gets plain text: mkdocs-quiz writes it into the item body as text, not as markup, so
HTML there would show its tags.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from ..errors import BankError, display_path
from ..load import load_banks
from ..model import Bank
from ..siteconfig import read_config, settings
from .answer_key import answer_key
from .gift import gift_file
from .losses import GIFT_FILE, KEY_FILE, LOSSES_FILE, Loss, Report
from .qti import QTI_USES, QTI_VERSIONS, write_qti
from .text import plain_text, to_html

__all__ = ["Loss", "Report", "export_banks", "export_course", "plain_text", "to_html"]

# ── The command ─────────────────────────────────────────────────────────────────────────────


def export_banks(banks: Sequence[Bank], out: Path, title: str) -> Report:
    """Write every file into `out` (created if missing); what was written, and what a format could not hold."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[tuple[Path, str]] = []
    losses: list[Loss] = []
    for fmt in QTI_VERSIONS:
        count, lost = write_qti(banks, out / f"{fmt}.zip", fmt, title)
        written.append((out / f"{fmt}.zip", f"{count} self-checks as QTI {fmt[4:]}, for {QTI_USES[fmt]}"))
        losses += lost
    gift, count, lost = gift_file(banks, title)
    (out / GIFT_FILE).write_text(gift, encoding="utf-8")
    written.append((out / GIFT_FILE, f"{count} Moodle questions, one category per bank"))
    losses += lost
    (out / KEY_FILE).write_text(answer_key(banks, title), encoding="utf-8")
    total = sum(len(b.questions) for b in banks)
    written.append((out / KEY_FILE, f"{total} questions with their answers, for instructors only: never publish it"))
    report = Report(tuple(written), tuple(losses))
    if losses:
        head = [
            f"What each format of `make export` cannot hold, question by question ({KEY_FILE} has everything).",
            "",
        ]
        (out / LOSSES_FILE).write_text("\n".join([*head, *report.loss_lines()]) + "\n", encoding="utf-8")
        report = Report(
            (*written, (out / LOSSES_FILE, "what each format cannot hold, question by question")), report.losses
        )
    else:
        (out / LOSSES_FILE).unlink(missing_ok=True)  # a list from an earlier export would mislead
    return report


def export_course(config_path: Path, out: Path) -> int:
    """Load the banks as `check` does, export them into `out`, and print what was written and what was lost."""
    root = config_path.resolve().parent
    config = read_config(config_path)
    try:
        banks = load_banks(settings(config, root)[0], root)
    except BankError as err:
        print(err.report(), file=sys.stderr)
        return 1
    try:
        report = export_banks(list(banks.values()), out, str(config.get("site_name") or "Quiz banks"))
    except OSError as err:
        print(
            f"{out}: the export cannot be written there ({err}).\n    Fix: pass another folder with -o.",
            file=sys.stderr,
        )
        return 1
    for path, what in report.written:
        print(f"Wrote {display_path(path.resolve(), Path.cwd().resolve())}: {what}.")
    if report.losses:
        shown = display_path((out / LOSSES_FILE).resolve(), Path.cwd().resolve())
        print(f"\nWhat the formats cannot hold, by kind ({shown} lists each question; {KEY_FILE} has everything):")
        print("\n".join(f"  {line}" for line in report.summary_lines()))
    return 0
