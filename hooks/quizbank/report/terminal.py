"""What `make class-report` prints: seen by the instructor alone, so it names each file by its path.

The page and the CSV never name a file (an LMS puts the student's name in it); the terminal lists
every file not counted, and every possible shared file, by the path that finds it. A path is shown
as text: characters a terminal would act on (escape sequences in a hostile file name) are escaped.
"""

from __future__ import annotations

from pathlib import Path

from .collect import Collection


def printable(text: str) -> str:
    r"""`text` with every character a terminal would not print as itself written as an escape (ESC as `\x1b`)."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def summary(found: Collection, out: Path) -> str:
    counted = len(found.files)
    lines = [
        f"Class report: {counted} file{'' if counted == 1 else 's'} counted, {len(found.skipped)} not counted "
        f"(of {found.total} found)."
    ]
    if found.skipped:
        lines.append("Not counted (the report lists them by number; here by path):")
        for s in found.skipped:
            twin = f" ({printable(s.twin)})" if s.twin else ""
            lines.append(f"  {printable(s.where)}: {printable(s.why)}{twin}")
    if found.shared:
        lines.append(
            "Possible shared files: one learner id, but answers that contradict each other (a student restored a "
            "classmate's file?). Each is counted as a student:"
        )
        for shared in found.shared:
            lines.append(f"  {' and '.join(map(printable, shared.where))}: {shared.contradictions} answers contradict")
    lines.append(f"Wrote {printable(str(out / 'index.html'))} and {printable(str(out / 'questions.csv'))}.")
    return "\n".join(lines)
