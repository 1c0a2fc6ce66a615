"""The class report reads a progress file exactly as the site's Restore does: the cases both readers share.

tests/progress_file_cases.json holds the files (made as its "how" says) and what reading each gives;
tests/js/progress-file-cases.test.mjs runs the same cases on the site's reader (transfer.js).
"""

from __future__ import annotations

import base64
import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest

from quizbank.report.progress_file import Progress, Refused, read_progress

TABLE = json.loads((Path(__file__).resolve().parents[1] / "progress_file_cases.json").read_text(encoding="utf-8"))
# The site's names for a record's fields, and the report's.
FIELDS = {"firstConfidence": "first_confidence", "kind": "type"}  # the file's names → the record's


def file_bytes(case: dict[str, Any]) -> bytes:
    """A case's file, made as the table's "how" says (the Node harness makes it the same way)."""
    if "base64" in case:
        return base64.b64decode(case["base64"])
    if "text" in case:
        text: str = case["text"]
    else:
        data = copy.deepcopy(TABLE["bases"][case["base"]])
        record, draft = data["results"]["b#q"], data["drafts"]["b#t"]
        data.update(case.get("set", {}))
        for key in case.get("unset", []):
            del data[key]
        record.update(case.get("record", {}))
        for key in case.get("unsetRecord", []):
            del record[key]
        draft.update(case.get("draft", {}))
        for key in case.get("raw", {}):
            data[key] = f"@@{key}@@"
        for key in case.get("rawRecord", {}):
            record[key] = f"@@record.{key}@@"
        text = json.dumps(data)
        raws = {**case.get("raw", {}), **{f"record.{k}": v for k, v in case.get("rawRecord", {}).items()}}
        text = re.sub(r'"@@([\w.]+)@@"', lambda m: raws[m[1]], text)
    if case.get("utf16"):
        return text.encode("utf-16")  # with its byte-order mark
    return (b"\xef\xbb\xbf" if case.get("bom") else b"") + text.encode("utf-8")


def reading(progress: Progress, expect: dict[str, Any]) -> dict[str, Any]:
    """What the report read, in the table's terms, for the fields the case names."""
    seen: dict[str, Any] = {"ok": True, "version": progress.version, "learner": progress.learner or None}
    seen["course"] = progress.course
    if "record" in expect:
        record = progress.results["b#q"]
        seen["record"] = {}
        for name in expect["record"]:
            value = getattr(record, FIELDS.get(name, name))
            seen["record"][name] = list(value) if isinstance(value, tuple) else value
    if "draft" in expect:
        seen["draft"] = progress.drafts["b#t"]
    return {key: seen[key] for key in expect}


@pytest.mark.parametrize("case", TABLE["cases"], ids=[c["why"] for c in TABLE["cases"]])
def test_the_report_reads_each_file_as_the_site_does(case: dict[str, Any]) -> None:
    expect = case["expect"]
    try:
        progress = read_progress(file_bytes(case))
    except Refused as err:
        assert {"ok": False, "kind": err.reason} == expect, str(err)  # the table's name for the reason
        return
    assert reading(progress, expect) == expect
