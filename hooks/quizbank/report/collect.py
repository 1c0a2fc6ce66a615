"""The folder of handed-in files: every `*.json` in it (and in its subfolders), and inside `.zip` files.

An LMS hands files back named after the student ("Jane Doe_1234_progress.json"), so a file is
never named in the report: it is "file 7 of 30" with a short digest of its bytes (`sha256sum`
finds it; docs/instructors-sharing.md says how). What is not read is listed with the reason and
skipped; nothing stops the report. A duplicate is the same bytes twice, or an older file of the same
student: the same `learner` id, and answers the newer file grew from (`_students`). Files with one
learner id whose answers contradict each other are two students (one restored the other's file):
both are counted, and listed as a possible shared file. Zip members are read in memory, never
extracted, within bounds whatever the headers claim: each member capped (MAX_BYTES), each zip's
members capped in number and in bytes inflated all together (ZIP_BUDGET), and a zip whose members
overlap (a zip bomb's trick) not read at all. What the bounds leave out is listed with the reason.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path

from .progress_file import Progress, Refused, read_progress

MAX_BYTES = 10 * 1024 * 1024  # a progress file is kilobytes; drafts of every task stay far below this
SKIPPED_NAMES = ("__MACOSX",)  # macOS's resource forks inside zips
# A zip is read within bounds, whatever its headers claim: a class's download is a few megabytes in at
# most a file and a folder per student, where a zip bomb inflates kilobytes to gigabytes.
ZIP_BUDGET = 1024**3  # bytes inflated from one zip, all its members together
MAX_MEMBERS = 20_000  # members of one zip
MAX_DIRECTORY = MAX_MEMBERS * 400  # bytes of its central directory, which is read whole when the zip opens
MAX_HISTORIES = 50  # students told apart under one learner id; a file beyond them is counted as one more


@dataclass(frozen=True)
class Course:
    """What a handed-in file must name to be counted: mkdocs.yml's site_name and site_url's path."""

    name: str
    path: str

    def names(self, progress: Progress) -> bool:
        """Is the file this course's? Version 3 names the whole site_name (the page's meta, env.js courseName).

        Version 2 and older named what the page title ends with, "<page> - <site_name>", after its last
        " - ": all of site_name only when it holds no " - " of its own.
        """
        if progress.course == self.name:
            return True
        title_end = " ".join(self.name.split()).split(" - ")[-1]  # the browser's document.title collapses spaces
        return progress.version <= 2 and progress.course == title_end


@dataclass(frozen=True)
class Item:
    """A file to read: a path, or a member of a zip (`member` set), and its neutral label.

    `problem` is set when it is known before reading that it cannot be read (a whole zip, then, when `member` is "").
    """

    path: Path
    member: str = ""
    size: int = 0
    label: str = ""
    problem: str = ""

    @property
    def where(self) -> str:
        """Its path, as the terminal shows it: `folder/file.json`, or `folder/download.zip: member.json`."""
        return f"{self.path}: {self.member}" if self.member else str(self.path)


@dataclass(frozen=True)
class Handed:
    label: str
    digest: str
    progress: Progress
    where: str = ""  # its path, for the terminal only (a file name may hold a student's name)


@dataclass(frozen=True)
class Skipped:
    label: str
    reason: str  # "format", "version", "damaged", "duplicate", "course"
    why: str
    where: str = ""  # its path, for the terminal only
    twin: str = ""  # a duplicate's: the path of the file it repeats, or of its newer file


@dataclass(frozen=True)
class Shared:
    """Files that carry one learner id but are not one student's history: each is counted."""

    labels: tuple[str, ...]
    contradictions: int  # answers that contradict each other, at the least, between two of them
    where: tuple[str, ...] = ()  # their paths, for the terminal only


@dataclass
class Collection:
    files: list[Handed] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    shared: list[Shared] = field(default_factory=list)
    other_sites: dict[str, int] = field(default_factory=dict)  # same course name, another site path
    total: int = 0


def _hidden(parts: Sequence[str]) -> bool:
    return any((p.startswith(".") and p not in (".", "..")) or p in SKIPPED_NAMES for p in parts)


def _items(folder: Path) -> list[Item]:
    """Everything to read, in a stable order: files by path, zip members by name within their zip."""
    paths = [folder] if folder.is_file() else sorted(p for p in folder.rglob("*") if p.is_file())
    items: list[Item] = []
    for path in paths:
        if path != folder and _hidden(path.relative_to(folder).parts):
            continue
        items += _zip_items(path) if path.suffix.lower() == ".zip" else [Item(path)]
    return [replace(i, label=f"file {n} of {len(items)}" + _where(i)) for n, i in enumerate(items, 1)]


def _where(item: Item) -> str:
    if item.member:
        return " (in a zip)"
    return " (a zip)" if item.problem else ""


def _zip_items(path: Path) -> list[Item]:
    """A zip's members to read, or one item saying why the zip is not opened."""
    try:
        count, directory = _declared(path)
        if count > MAX_MEMBERS or directory > MAX_DIRECTORY:
            return [
                Item(
                    path,
                    problem=f"a zip of {count} members ({_size(directory)} of directory), more than a class's download holds ({MAX_MEMBERS}): not opened",
                )
            ]
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except Exception:  # a hostile archive fails in ways no list of exceptions foresees; it is one skipped item
        return [Item(path, problem="a zip file that cannot be opened")]
    if len(infos) > MAX_MEMBERS:
        return [
            Item(
                path,
                problem=f"a zip of {len(infos)} members, more than a class's download holds ({MAX_MEMBERS}): not read",
            )
        ]
    if _overlap(infos):
        return [
            Item(
                path,
                problem=f"a zip whose {len(infos)} members overlap one another, the trick that inflates a zip bomb "
                "from kilobytes to gigabytes: none of them was read",
            )
        ]
    items: list[Item] = []
    for info in sorted(infos, key=lambda i: i.filename):
        parts = re.split(r"[/\\]", info.filename)
        if info.filename.startswith(("/", "\\")) or ".." in parts:
            items.append(
                Item(path, member=info.filename, problem="its path leaves the zip (“..” or a leading “/”): not read")
            )
        elif not info.is_dir() and not _hidden(parts):
            items.append(Item(path, member=info.filename, size=info.file_size))
    return items


def _declared(path: Path) -> tuple[int, int]:
    """How many members a zip's end record declares, and the size of its central directory, read before it is.

    (0, 0) when there is no end record: zipfile then refuses the file itself.
    """
    with path.open("rb") as f:
        size = f.seek(0, os.SEEK_END)
        f.seek(max(0, size - 22 - 65_535))  # the end record, after which a comment of up to 64 KB
        tail = f.read()
        at = tail.rfind(b"PK\x05\x06")
        if at < 0 or len(tail) - at < 22:
            return 0, 0
        count, directory = (
            int.from_bytes(tail[at + 10 : at + 12], "little"),
            int.from_bytes(tail[at + 12 : at + 16], "little"),
        )
        if at >= 20 and tail[at - 20 : at - 16] == b"PK\x06\x07":  # zip64: the figures are in its own record
            f.seek(int.from_bytes(tail[at - 12 : at - 4], "little"))
            record = f.read(56)
            if record[:4] == b"PK\x06\x06" and len(record) == 56:
                count, directory = int.from_bytes(record[32:40], "little"), int.from_bytes(record[40:48], "little")
    return count, directory


def _overlap(infos: list[zipfile.ZipInfo]) -> bool:
    """True when a member's data reaches into the next member's header (every local header is 30 bytes or more)."""
    ordered = sorted(infos, key=lambda i: i.header_offset)
    return any(a.header_offset + 30 + a.compress_size > b.header_offset for a, b in itertools.pairwise(ordered))


def _size(n: int) -> str:
    for unit, scale in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if n >= scale:
            return f"{n / scale:.3g} {unit}"
    return f"{n} bytes"


class OverBudget(OSError):
    """The zip has inflated as much as the report reads from one zip."""


class _Reader:
    """Reads items in order, keeping the current zip open (reopening it per member is quadratic)."""

    def __init__(self) -> None:
        self.path: Path | None = None
        self.archive: zipfile.ZipFile | None = None
        self.inflated = 0  # bytes read from the open zip's members

    def read(self, item: Item) -> bytes:
        """The item's bytes, at most MAX_BYTES + 1 of them (more means "too large"); OSError when unreadable."""
        if not item.member:
            with item.path.open("rb") as f:
                return f.read(MAX_BYTES + 1)
        if item.size > MAX_BYTES:
            raise OSError("too large")
        try:
            archive = self.archive if self.path == item.path else None
            if archive is None:
                self.close()
                archive = self.archive = zipfile.ZipFile(item.path)
                self.path = item.path
            if self.inflated >= ZIP_BUDGET:
                raise OverBudget()
            with archive.open(item.member) as f:
                data = f.read(MAX_BYTES + 1)  # the header's size can lie: never read past the cap
            self.inflated += len(data)
            return data
        except OSError:
            raise
        except Exception as err:  # whatever a damaged member raises (zlib.error, EOFError, ...): it is damaged
            raise OSError(str(err)) from None

    def close(self) -> None:
        if self.archive is not None:
            self.archive.close()
        self.archive = self.path = None
        self.inflated = 0


def _when(saved: str) -> datetime:
    """When a file was saved, in UTC; an unreadable date counts as the oldest.

    Any string a file holds gives a moment: one that its offset carries past year 1 or 9999
    ("0001-01-01T00:30+01:00") is the first or the last moment there is.
    """
    try:
        moment = datetime.fromisoformat(saved.replace("Z", "+00:00"))
    except ValueError:
        return datetime.min
    offset = moment.utcoffset()
    if offset is None:
        return moment
    try:
        return moment.replace(tzinfo=None) - offset
    except OverflowError:
        return datetime.min if offset > timedelta(0) else datetime.max


def _read_all(items: list[Item], course: Course) -> Iterator[Handed | Skipped]:
    reader = _Reader()
    try:
        yield from _check_all(items, course, reader)
    finally:
        reader.close()


def _check_all(items: list[Item], course: Course, reader: _Reader) -> Iterator[Handed | Skipped]:
    for item in items:
        name = item.member or item.path.name
        if item.problem:
            yield Skipped(item.label, "damaged", item.problem, item.where)
            continue
        if not name.lower().endswith(".json"):
            yield Skipped(item.label, "format", "not a .json file", item.where)
            continue
        try:
            data = reader.read(item)
        except OverBudget:
            why = (
                f"not read: its zip had inflated to {_size(ZIP_BUDGET)} already, the most the report reads from one zip"
            )
            yield Skipped(item.label, "damaged", why, item.where)
            continue
        except OSError:
            yield Skipped(item.label, "damaged", "damaged or too large to read", item.where)
            continue
        digest = hashlib.sha256(data).hexdigest()[:12]
        label = f"{item.label}, sha256 {digest}…"
        if len(data) > MAX_BYTES:
            yield Skipped(label, "damaged", f"too large for a progress file (over {MAX_BYTES // 2**20} MB)", item.where)
            continue
        try:
            progress = read_progress(data)
        except Refused as err:
            yield Skipped(label, err.reason, str(err), item.where)
            continue
        if not course.names(progress):
            yield Skipped(label, "course", "from another course (its course name differs from this site's)", item.where)
            continue
        yield Handed(label, digest, progress, item.where)


def collect(folder: Path, course: Course) -> Collection:
    """Every handed-in file in `folder` (a folder, or one zip), read, checked and deduplicated."""
    items = _items(folder)
    out = Collection(total=len(items))
    by_digest: dict[str, Handed] = {}
    learners: dict[str, list[Handed]] = {}
    for found in _read_all(items, course):
        if isinstance(found, Skipped):
            out.skipped.append(found)
        elif found.digest in by_digest:
            twin = by_digest[found.digest]
            same = f"the same file as {twin.label}"
            out.skipped.append(Skipped(found.label, "duplicate", same, found.where, twin.where))
        else:
            by_digest[found.digest] = found
            if found.progress.learner:
                learners.setdefault(found.progress.learner, []).append(found)
            else:
                out.files.append(found)  # version 1: no learner id, nothing to tell it apart by
    for files in learners.values():
        _students(files, out)
    for handed in out.files:
        if handed.progress.site and handed.progress.site != course.path:
            out.other_sites[handed.progress.site] = out.other_sites.get(handed.progress.site, 0) + 1
    out.skipped.sort(key=lambda s: _number(s.label))
    out.files.sort(key=lambda h: _number(h.label))
    return out


def _students(files: list[Handed], out: Collection) -> None:
    """The files of one learner id, oldest first, as histories: each file continues one, or starts a student's own.

    A file continues a history when it contradicts none of the answers of that history's newest file. The
    newest file of each history is counted; two histories or more are most likely a classmate's file restored.
    """
    histories: list[list[Handed]] = []
    apart: list[int] = []  # per history after the first: the fewest contradictions that set it apart
    for handed in sorted(files, key=lambda h: (_when(h.progress.saved), _number(h.label))):
        # Compared with a bounded number of histories: a folder of thousands of files under one id stays linear.
        counts = [contradictions(h[-1].progress, handed.progress) for h in histories[:MAX_HISTORIES]]
        if 0 in counts:
            histories[counts.index(0)].append(handed)
            continue
        if counts:
            apart.append(min(counts))
        histories.append([handed])
    for history in histories:
        newest = history[-1]
        out.files.append(newest)
        for older in history[:-1]:
            why = f"an older file of the same student as {newest.label} (the newer one is counted)"
            out.skipped.append(Skipped(older.label, "duplicate", why, older.where, newest.where))
    if len(histories) > 1:
        kept = sorted((h[-1] for h in histories), key=lambda h: _number(h.label))
        out.shared.append(Shared(tuple(h.label for h in kept), min(apart), tuple(h.where for h in kept)))


def contradictions(older: Progress, newer: Progress) -> int:
    """How many of `older`'s answers `newer` cannot have grown from, were both one student's.

    A student's later file keeps each question's first answer (to the same wording), and its
    attempts and wrong answers only grow.
    """
    count = 0
    for key, before in older.results.items():
        after = newer.results.get(key)
        if after is None or after.fp != before.fp:
            continue
        firsts_differ = before.first is not None and after.first is not None and before.first != after.first
        count += firsts_differ or before.attempts > after.attempts or before.wrong > after.wrong
    return count


def _number(label: str) -> int:
    return int(label.split()[1])
