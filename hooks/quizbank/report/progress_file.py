"""One progress file, checked exactly as the site's "Restore" checks it (transfer.js, results.js, drafts.js).

Versions 1 to 3 are read; version 2 adds `learner` (16 lowercase hex characters, random, never a
name) and each record's `first` answer; version 3 each record's `firstConfidence` (the confidence
given with the first answer, "none" for none) and the course's whole `site_name` as `course`. A file of another format, a newer version or with
one damaged entry is refused whole, with a reason: never half-read, so no answer is ever counted
against the wrong question. The rules are the site's, edge values included (2.0 is 2, as JSON has
one kind of number; bytes that are not UTF-8 are replaced, as a browser reads them):
tests/progress_file_cases.json holds the cases both readers check. Records are kept as the site keeps them (its defaults for missing
optional fields); box, due and the rubric ticks are left out, as the report does not use them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, NamedTuple

from ..types import REGISTRY

FILE_FORMAT = "quizbank-progress"
NEWEST_VERSION = 3
CONFIDENCE = ("sure", "unsure", "guess")
FIRST_CONFIDENCE = (*CONFIDENCE, "none")  # "none": the first answer was given without one
LEARNER = re.compile(r"^[0-9a-f]{16}$")


class Record(NamedTuple):
    """A self-check's saved result (see DEVELOPERS.md: What the browser stores).

    A named tuple, not a frozen dataclass: a class of 1,000 holds 60,000 of them, made four times faster.
    """

    fp: str
    key: str
    type: str  # the question's type (stored as `kind`)
    answer: tuple[str, ...]
    correct: bool
    attempts: int
    wrong: int
    hinted: bool
    hints: int
    confidence: str | None
    first: tuple[str, ...] | None  # version 2: the first answer to this wording; None where unknown
    first_confidence: str | None = None  # version 3: the first answer's confidence, "none"; None where unknown


@dataclass(frozen=True)
class Progress:
    """A readable progress file. `learner` is "" in version 1 files; drafts keep only their texts."""

    version: int
    course: str
    site: str
    saved: str
    learner: str
    results: dict[str, Record]
    drafts: dict[str, dict[str, str]]


class Refused(ValueError):
    """Why a file is not read: `reason` is "format", "version" or "damaged"; the message says more."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")  # NaN and Infinity: Python reads them, browsers do not


def _integer(value: Any) -> int | None:
    """A JSON number that is whole, as JavaScript's Number.isInteger sees it (2.0 and 1e20 are; 1e400 is not)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():  # NaN and infinities are not
        return int(value)
    return None


def _count(value: Any, default: int) -> int:
    count = _integer(value)
    return count if count is not None and count >= 0 else default


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _strings(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    return None


def read_record(value: Any) -> Record | None:
    """results.js `parseRecord`; None when the record is damaged."""
    if not isinstance(value, dict):
        return None
    # A record's type is stored as `kind` (the name it has had since the first version).
    fp, kind, correct = value.get("fp"), value.get("kind"), value.get("correct")
    answer = _strings(value.get("answer"))
    if not isinstance(fp, str) or not fp or not _self_check(kind):
        return None
    if answer is None or not isinstance(correct, bool):
        return None
    first: tuple[str, ...] | None = None
    if value.get("first") is not None:
        first = _strings(value["first"])
        if first is None:
            return None
    key = value.get("key")
    confidence, first_confidence = value.get("confidence"), value.get("firstConfidence")
    return Record(
        fp=fp,
        key=key if isinstance(key, str) else "",
        type=str(kind),
        answer=answer,
        correct=correct,
        attempts=_count(value.get("attempts"), 1),
        wrong=_count(value.get("wrong"), 0 if correct else 1),
        hinted=value.get("hinted") is True,
        hints=_count(value.get("hints"), 0),
        confidence=confidence if confidence in CONFIDENCE else None,
        first=first,
        first_confidence=first_confidence if first_confidence in FIRST_CONFIDENCE else None,
    )


def _self_check(kind: Any) -> bool:
    """A type the site saves results of: a registry name whose questions are self-checks (results.js KINDS)."""
    return isinstance(kind, str) and kind in REGISTRY and REGISTRY[kind].role == "quiz"


def read_draft_texts(value: Any) -> dict[str, str] | None:
    """drafts.js `parseDraft`, keeping only the boxes' texts; None when the draft is unusable."""
    fields = value.get("fields") if isinstance(value, dict) else None
    if not isinstance(fields, dict | list):
        return None
    if isinstance(fields, list):
        return {}  # a list is an object to JavaScript: a draft with no texts
    return {box: text for box, text in fields.items() if isinstance(text, str)}


def read_progress(data: bytes) -> Progress:
    """A file's bytes, checked whole; raises Refused with the reason the site would give."""
    try:
        # As a browser reads a file (Blob.text()): UTF-8, a byte-order mark dropped, bad bytes replaced.
        value = json.loads(data.decode("utf-8-sig", errors="replace"), parse_constant=_reject_constant)
    except (ValueError, RecursionError):
        raise Refused("format", "not a progress file: not readable as JSON") from None
    if not isinstance(value, dict) or value.get("format") != FILE_FORMAT:
        raise Refused("format", "not a progress file (another format)")
    version = _integer(value.get("version"))
    if version is None or version < 1:
        raise Refused("damaged", "damaged: its version is not a number")
    if version > NEWEST_VERSION:
        raise Refused("version", f"saved by a newer version of the site (file version {version})")
    learner = value.get("learner", "")  # missing is not null: the site writes null, never nothing
    is_learner = isinstance(learner, str) and LEARNER.match(learner) is not None
    # The site writes null where the browser's storage gave it no id (transfer.js accepts that too).
    if version >= 2 and learner is not None and not is_learner:
        raise Refused("damaged", "damaged: its learner id is not 16 hexadecimal characters")
    raw_results, raw_drafts = value.get("results"), value.get("drafts")
    if not isinstance(raw_results, dict) or not isinstance(raw_drafts, dict):
        raise Refused("damaged", "damaged: its results or drafts are missing")
    results: dict[str, Record] = {}
    for key, raw in raw_results.items():
        record = read_record(raw)
        if record is None or "#" not in key:
            raise Refused("damaged", "damaged: a self-check's result cannot be read")
        results[key] = record
    drafts: dict[str, dict[str, str]] = {}
    for key, raw in raw_drafts.items():
        texts = read_draft_texts(raw)
        if texts is None or "#" not in key:
            raise Refused("damaged", "damaged: a written task's draft cannot be read")
        drafts[key] = texts
    return Progress(
        version=version,
        course=_text(value.get("course")),
        site=_text(value.get("site")),
        saved=_text(value.get("saved")),
        learner=learner if is_learner else "",
        results=results,
        drafts=drafts,
    )
