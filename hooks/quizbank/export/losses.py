"""What a format cannot hold, and what the export wrote."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

GIFT_FILE = "moodle.gift"
KEY_FILE = "answer-key.md"


@dataclass(frozen=True)
class Loss:
    """Something of a question that a format cannot hold, as the command lists it."""

    format: str  # "qti-1.2", "qti-2.1" or "gift"
    question: str  # "part-1#key-benefit", or a group such as "every choice question"
    why: str

    def __str__(self) -> str:
        return f"not exported to {self.format}: {self.question} ({self.why})"


@dataclass(frozen=True)
class Report:
    written: tuple[tuple[Path, str], ...]  # (file, what it holds)
    losses: tuple[Loss, ...]

    def loss_lines(self) -> list[str]:
        """One line per format and question, its reasons joined, in the order found."""
        grouped: dict[tuple[str, str], list[str]] = {}
        for loss in self.losses:
            grouped.setdefault((loss.format, loss.question), []).append(loss.why)
        return [str(Loss(fmt, question, "; ".join(whys))) for (fmt, question), whys in grouped.items()]
