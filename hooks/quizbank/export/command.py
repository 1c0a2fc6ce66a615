"""`make export`: every file written into one folder, and what each format cannot hold."""

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
