"""The class report's reader: handed-in progress files, in a folder and in zips, checked as the site checks them.

Every file that is not counted is listed with its reason, under a neutral label (never its name),
and nothing stops the report.
"""

from __future__ import annotations

import importlib
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from quizbank.report.collect import MAX_BYTES, Course, collect
from quizbank.report.progress_file import Refused, read_progress

COURSE = Course("Test course", "/test-course/")
RECORD = {"fp": "f1", "key": "k1", "kind": "single", "answer": ["a"], "correct": True}


def progress(version: int = 2, learner: str = "0123456789abcdef", **over: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format": "quizbank-progress",
        "version": version,
        "course": COURSE.name,
        "site": COURSE.path,
        "saved": "2026-11-20T10:00:00.000Z",
        "results": {"bank#q": {**RECORD, "first": ["b"]}},
        "drafts": {"bank#task": {"v": 2, "fields": {"answer": "Some words here."}, "rubric": {}}},
    }
    if version >= 2:
        data["learner"] = learner
    data.update(over)
    return data


def dump(data: object) -> bytes:
    return json.dumps(data).encode("utf-8")


def test_version_1_and_2_read_with_the_sites_defaults() -> None:
    one = read_progress(dump(progress(1, results={"bank#q": RECORD})))
    assert one.version == 1 and one.learner == ""
    record = one.results["bank#q"]
    assert record.first is None, "version 1 has no first answers"
    assert (record.attempts, record.wrong, record.hinted, record.hints, record.confidence) == (1, 0, False, 0, None)
    two = read_progress(dump(progress(2)))
    assert two.learner == "0123456789abcdef"
    # The site writes `learner: null` when the browser's storage gave it no id: read, not refused.
    assert read_progress(dump({**progress(2), "learner": None})).learner == ""
    assert two.results["bank#q"].first == ("b",)
    assert two.drafts == {"bank#task": {"answer": "Some words here."}}
    wrong = read_progress(dump(progress(2, results={"bank#q": {**RECORD, "correct": False, "first": None}})))
    assert wrong.results["bank#q"].wrong == 1 and wrong.results["bank#q"].first is None


@pytest.mark.parametrize(
    ("data", "kind", "message"),
    [
        (b"\xff\xfe not text", "format", "not readable as JSON"),
        (b'{"format": "quizbank-progress", "version": NaN}', "format", "not readable as JSON"),
        (dump({"format": "something-else", "version": 1}), "format", "another format"),
        (dump([1, 2]), "format", "another format"),
        (dump(progress(4)), "version", "newer version"),
        (dump({**progress(2), "version": "2"}), "damaged", "version"),
        (dump(progress(2, learner="Pat Placeholder")), "damaged", "learner"),
        (dump(progress(2, results={"bank#q": {**RECORD, "first": "b"}})), "damaged", "result"),
        (dump(progress(2, results={"bank#q": {**RECORD, "kind": "essay"}})), "damaged", "result"),
        (dump(progress(2, results={"no-hash": RECORD})), "damaged", "result"),
        (dump(progress(2, results={"bank#q": {**RECORD, "answer": [1]}})), "damaged", "result"),
        (dump(progress(2, drafts={"bank#t": {"fields": "text"}})), "damaged", "draft"),
        (dump(progress(2, results=[])), "damaged", "missing"),
    ],
)
def test_a_file_the_site_would_refuse_is_refused_whole(data: bytes, kind: str, message: str) -> None:
    with pytest.raises(Refused, match=message) as err:
        read_progress(data)
    assert err.value.reason == kind


def test_ordering_and_matching_records_are_read_in_version_2() -> None:
    data = progress(2, results={"b#o": {**RECORD, "kind": "ordering"}, "b#m": {**RECORD, "kind": "matching"}})
    assert set(read_progress(dump(data)).results) == {"b#o", "b#m"}


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_folder_of_files_and_zips_skips_what_it_cannot_count_and_says_why(tmp_path: Path) -> None:
    files = {
        "a.json": dump(progress(2, learner="a" * 16)),
        "b.json": dump(progress(1)),
        "c.json": dump(progress(1)),  # the same bytes as b.json: handed in twice
        "d.json": dump(progress(2, learner="d" * 16, saved="2026-11-19T10:00:00.000Z")),
        "e.json": dump(progress(2, learner="d" * 16, saved="2026-11-21T09:00:00+01:00")),  # newer: kept
        "f.json": dump(progress(4)),
        "g.json": dump(progress(2, learner="9" * 16, course="Another course")),
        "h.json": b"{not json",
        "notes.txt": b"my notes",
        "sub/i.json": dump(progress(2, learner="1" * 16)),
        ".hidden.json": b"ignored",
        "lms.zip": zipped(
            {
                "x/j.json": dump(progress(2, learner="2" * 16)),
                "x/k.json": b"[]",
                "__MACOSX/._j.json": b"resource fork",
            }
        ),
        "broken.zip": b"PK\x03\x04 not really a zip",
    }
    for name, data in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    found = collect(tmp_path, COURSE)
    counted = sorted(h.progress.learner or "v1" for h in found.files)
    assert counted == sorted(["a" * 16, "v1", "d" * 16, "1" * 16, "2" * 16])
    kept = next(h for h in found.files if h.progress.learner == "d" * 16)
    assert kept.progress.saved.startswith("2026-11-21"), "the newest file of a student is the one counted"
    reasons = sorted(s.reason for s in found.skipped)
    assert reasons == sorted(["duplicate", "duplicate", "version", "course", "format", "format", "format", "damaged"])
    assert found.total == 13, "10 files outside zips (the hidden one left out) + 2 members of lms.zip + 1 broken zip"
    for skipped in found.skipped:
        assert skipped.label.startswith("file ") and " of 13" in skipped.label
        assert not any(name.split("/")[-1] in f"{skipped.label} {skipped.why}" for name in files), skipped
    same = next(s for s in found.skipped if "same file" in s.why)
    assert "sha256" in same.why, "a duplicate names the file it repeats, by label"


def test_a_member_larger_than_the_cap_is_never_read_whole(tmp_path: Path) -> None:
    big = b" " * (MAX_BYTES + 10)
    (tmp_path / "big.zip").write_bytes(zipped({"big.json": big, "ok.json": dump(progress(2))}))
    (tmp_path / "big.json").write_bytes(big)
    found = collect(tmp_path, COURSE)
    assert len(found.files) == 1
    assert [s.reason for s in found.skipped] == ["damaged", "damaged"]
    assert any("too large" in s.why for s in found.skipped)


def test_files_from_another_site_path_of_the_same_course_are_counted_and_noted(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_bytes(dump(progress(2, site="/fork/")))
    found = collect(tmp_path, COURSE)
    assert len(found.files) == 1 and found.other_sites == {"/fork/": 1}


def test_one_zip_can_be_the_whole_input(tmp_path: Path) -> None:
    archive = tmp_path / "download.zip"
    archive.write_bytes(zipped({"1.json": dump(progress(2, learner="1" * 16)), "2.json": dump(progress(1))}))
    assert len(collect(archive, COURSE).files) == 2


@pytest.mark.parametrize(
    "saved",
    [
        ("0001-01-01T00:30:00+01:00", "9999-12-31T23:30:00-01:00"),
        ("9999-12-31T23:30:00-01:00", "0001-01-01T00:30:00+01:00"),
        ("not a date", "0001-01-01T00:00:00+00:00"),
        ("", "9999-12-31T23:59:59.999999-23:59"),
    ],
)
def test_any_saved_date_a_file_can_hold_orders_without_a_crash(tmp_path: Path, saved: tuple[str, str]) -> None:
    """Two files of one learner are ordered by `saved`: dates at the ends of the calendar, with an offset, included."""
    for n, when in enumerate(saved):
        (tmp_path / f"{n}.json").write_bytes(dump(progress(2, learner="c" * 16, saved=when)))
    found = collect(tmp_path, COURSE)
    assert len(found.files) == 1 and [s.reason for s in found.skipped] == ["duplicate"]


def overlapping_zip(copies: int, size: int) -> bytes:
    """A zip bomb's trick: one deflated member of `size` zeros, listed `copies` times over the same bytes."""
    one = zipped({"a.json": b"0" * size})
    start = one.index(b"PK\x01\x02")  # the central directory: one entry, then the end record
    end = one.index(b"PK\x05\x06")
    entry, record = one[start:end], bytearray(one[end:])
    record[8:10] = record[10:12] = copies.to_bytes(2, "little")
    record[12:16] = (len(entry) * copies).to_bytes(4, "little")
    return one[:start] + entry * copies + bytes(record)


def test_members_that_overlap_are_not_inflated_and_the_zip_says_why(tmp_path: Path) -> None:
    """60 listings of one 10 MB member: 600 MB from 10 KB, read as none."""
    bomb = overlapping_zip(60, MAX_BYTES)
    assert len(bomb) < 40_000
    (tmp_path / "bomb.zip").write_bytes(bomb)
    (tmp_path / "ok.json").write_bytes(dump(progress(2)))
    found = collect(tmp_path, COURSE)
    assert len(found.files) == 1
    assert [s.reason for s in found.skipped] == ["damaged"], "one entry for the whole zip, not one per listing"
    assert "overlap" in found.skipped[0].why and "60" in found.skipped[0].why


def test_a_zip_inflates_within_a_budget_and_the_rest_is_listed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    collecting = importlib.import_module(
        "quizbank.report.collect"
    )  # the module: the package exports a function of that name
    monkeypatch.setattr(collecting, "ZIP_BUDGET", 250_000)
    padded = {f"{n}.json": dump(progress(2, learner=f"{n:016x}", padding=" " * 100_000)) for n in range(5)}
    (tmp_path / "lms.zip").write_bytes(zipped(padded))
    found = collect(tmp_path, COURSE)
    assert len(found.files) == 3, "100 KB each: the first three fit the budget"
    assert [s.reason for s in found.skipped] == ["damaged", "damaged"]
    assert all("inflated" in s.why for s in found.skipped), found.skipped


def test_a_zip_with_more_members_than_a_class_holds_is_not_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    collecting = importlib.import_module(
        "quizbank.report.collect"
    )  # the module: the package exports a function of that name
    monkeypatch.setattr(collecting, "MAX_MEMBERS", 5)

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("the central directory was read")

    (tmp_path / "many.zip").write_bytes(zipped({f"{n}.json": dump(progress(2)) for n in range(8)}))
    monkeypatch.setattr(collecting.zipfile, "ZipFile", never)
    found = collect(tmp_path, COURSE)
    assert found.total == 1 and not found.files
    assert "8 members" in found.skipped[0].why


def test_members_whose_path_leaves_the_zip_are_listed_not_dropped(tmp_path: Path) -> None:
    members = {"../up.json": dump(progress(2)), "/abs.json": dump(progress(2)), "x/../../y.json": dump(progress(2))}
    members |= {"..\\\\win.json": dump(progress(2)), "ok/./z.json": dump(progress(2, learner="e" * 16))}
    (tmp_path / "lms.zip").write_bytes(zipped(members))
    found = collect(tmp_path, COURSE)
    assert found.total == 5 and len(found.files) == 1
    assert len(found.skipped) == 4 and all("leaves the zip" in s.why for s in found.skipped), found.skipped


def answers(first: str, questions: range, **over: Any) -> dict[str, Any]:
    return {f"bank#q{n}": {**RECORD, "answer": [first], "first": [first], **over} for n in questions}


def test_two_students_sharing_a_learner_id_are_both_counted_and_listed(tmp_path: Path) -> None:
    """B restored A's file (and adopted A's id): both kept answering, and 19 first answers now contradict."""
    shared = answers("a", range(5))
    a = progress(2, learner="5" * 16, results=shared | answers("a", range(5, 24)), saved="2026-11-20T10:00:00Z")
    b = progress(2, learner="5" * 16, results=shared | answers("b", range(5, 24)), saved="2026-11-21T10:00:00Z")
    (tmp_path / "a.json").write_bytes(dump(a))
    (tmp_path / "b.json").write_bytes(dump(b))
    found = collect(tmp_path, COURSE)
    assert len(found.files) == 2 and not found.skipped
    assert len(found.shared) == 1
    assert found.shared[0].labels == tuple(h.label for h in found.files)
    assert found.shared[0].contradictions == 19


def test_one_students_later_file_grows_from_the_earlier_and_replaces_it(tmp_path: Path) -> None:
    """Retries add attempts and keep the first answer; new questions are added: one student, the newer counted."""
    earlier = answers("a", range(3), correct=False, wrong=1)
    later = answers("a", range(3), correct=True, attempts=2, wrong=1) | answers("c", range(3, 6))
    (tmp_path / "1.json").write_bytes(
        dump(progress(2, learner="6" * 16, results=earlier, saved="2026-11-20T10:00:00Z"))
    )
    (tmp_path / "2.json").write_bytes(dump(progress(2, learner="6" * 16, results=later, saved="2026-11-22T10:00:00Z")))
    found = collect(tmp_path, COURSE)
    assert [len(h.progress.results) for h in found.files] == [6]
    assert [s.reason for s in found.skipped] == ["duplicate"] and not found.shared
    # The same two files, the older one saved later: the "newer" one lacks attempts the other has.
    (tmp_path / "1.json").write_bytes(
        dump(progress(2, learner="6" * 16, results=earlier, saved="2026-11-23T10:00:00Z"))
    )
    (tmp_path / "2.json").write_bytes(dump(progress(2, learner="6" * 16, results=later, saved="2026-11-22T10:00:00Z")))
    found = collect(tmp_path, COURSE)
    assert len(found.files) == 2 and len(found.shared) == 1 and found.shared[0].contradictions == 3


def test_a_course_whose_name_holds_a_dash_counts_its_files_old_and_new(tmp_path: Path) -> None:
    """Version 3 files name the whole site_name; today's version 2 files, the page title's last " - " part."""
    course = Course("Fine-Tuning - Spring 2027", "/ft/")
    files = {
        "v3.json": progress(3, learner="1" * 16, course="Fine-Tuning - Spring 2027"),
        "v2.json": progress(2, learner="2" * 16, course="Spring 2027"),  # as the site wrote it before
        "v2-whole.json": progress(2, learner="3" * 16, course="Fine-Tuning - Spring 2027"),
        "v1.json": progress(1, course="Spring 2027"),
        "v3-part.json": progress(3, learner="4" * 16, course="Spring 2027"),  # version 3 writes the whole name
        "other.json": progress(2, learner="5" * 16, course="Fine-Tuning - Autumn 2026"),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(dump(data))
    found = collect(tmp_path, course)
    assert sorted(h.progress.learner for h in found.files) == ["", "1" * 16, "2" * 16, "3" * 16]
    assert [s.reason for s in found.skipped] == ["course", "course"]
