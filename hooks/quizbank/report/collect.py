"""The folder of handed-in files: every `*.json` in it (and in its subfolders), and inside `.zip` files.

An LMS hands files back named after the student ("Jane Doe_1234_progress.json"), so a file is
never named in the report: it is "file 7 of 30" with a short digest of its bytes (`sha256sum`
finds it; docs/instructors-sharing.md says how). What is not read is listed with the reason and
skipped; nothing stops the report. A duplicate is the same bytes twice, or the same `learner` twice (a
student who handed in twice): the newest `saved` is kept. Zip members are read in memory, each
capped, so a hostile archive cannot fill the disk or the memory.
"""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from .progress_file import Progress, Refused, read_progress

MAX_BYTES = 10 * 1024 * 1024  # a progress file is kilobytes; drafts of every task stay far below this
SKIPPED_NAMES = ("__MACOSX",)  # macOS's resource forks inside zips


@dataclass(frozen=True)
class Course:
    """What a handed-in file must name to be counted: mkdocs.yml's site_name and site_url's path."""

    name: str
    path: str


@dataclass(frozen=True)
class Item:
    """A file to read: a path, or a member of a zip (`member` set), and its neutral label."""

    path: Path
    member: str = ""
    size: int = 0
    label: str = ""


@dataclass(frozen=True)
class Handed:
    label: str
    digest: str
    progress: Progress


@dataclass(frozen=True)
class Skipped:
    label: str
    kind: str  # "format", "version", "damaged", "duplicate", "course"
    why: str


@dataclass
class Collection:
    files: list[Handed] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    other_sites: dict[str, int] = field(default_factory=dict)  # same course name, another site path
    total: int = 0


def _hidden(parts: tuple[str, ...]) -> bool:
    return any(p.startswith(".") or p in SKIPPED_NAMES for p in parts)


def _items(folder: Path) -> list[Item]:
    """Everything to read, in a stable order: files by path, zip members by name within their zip."""
    paths = [folder] if folder.is_file() else sorted(p for p in folder.rglob("*") if p.is_file())
    items: list[Item] = []
    for path in paths:
        if path != folder and _hidden(path.relative_to(folder).parts):
            continue
        if path.suffix.lower() != ".zip":
            items.append(Item(path))
            continue
        try:
            with zipfile.ZipFile(path) as archive:
                members = sorted(archive.infolist(), key=lambda i: i.filename)
        except (zipfile.BadZipFile, OSError):
            items.append(Item(path, member="?"))  # read as a damaged item below
            continue
        for info in members:
            if info.is_dir() or _hidden(tuple(info.filename.split("/"))):
                continue
            items.append(Item(path, member=info.filename, size=info.file_size))
    return [
        Item(i.path, i.member, i.size, f"file {n} of {len(items)}" + (" (in a zip)" if i.member else ""))
        for n, i in enumerate(items, 1)
    ]


class _Reader:
    """Reads items in order, keeping the current zip open (reopening it per member is quadratic)."""

    def __init__(self) -> None:
        self.path: Path | None = None
        self.archive: zipfile.ZipFile | None = None

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
            with archive.open(item.member) as f:
                return f.read(MAX_BYTES + 1)  # the header's size can lie: never read past the cap
        except (zipfile.BadZipFile, KeyError, RuntimeError, NotImplementedError, EOFError, ValueError) as err:
            raise OSError(str(err)) from None

    def close(self) -> None:
        if self.archive is not None:
            self.archive.close()
        self.archive = self.path = None


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
        if item.member == "?":
            yield Skipped(item.label, "damaged", "a zip file that cannot be opened")
            continue
        if not name.lower().endswith(".json"):
            yield Skipped(item.label, "format", "not a .json file")
            continue
        try:
            data = reader.read(item)
        except OSError:
            yield Skipped(item.label, "damaged", "damaged or too large to read")
            continue
        digest = hashlib.sha256(data).hexdigest()[:12]
        label = f"{item.label}, sha256 {digest}…"
        if len(data) > MAX_BYTES:
            yield Skipped(label, "damaged", f"too large for a progress file (over {MAX_BYTES // 2**20} MB)")
            continue
        try:
            progress = read_progress(data)
        except Refused as err:
            yield Skipped(label, err.kind, str(err))
            continue
        if progress.course != course.name:
            yield Skipped(label, "course", "from another course (its course name differs from this site's)")
            continue
        yield Handed(label, digest, progress)


def collect(folder: Path, course: Course) -> Collection:
    """Every handed-in file in `folder` (a folder, or one zip), read, checked and deduplicated."""
    items = _items(folder)
    out = Collection(total=len(items))
    readable: list[Handed] = []
    for found in _read_all(items, course):
        if isinstance(found, Handed):
            readable.append(found)
        else:
            out.skipped.append(found)
    by_digest: dict[str, Handed] = {}
    newest: dict[str, Handed] = {}
    for handed in readable:
        if handed.digest in by_digest:
            out.skipped.append(Skipped(handed.label, "duplicate", f"the same file as {by_digest[handed.digest].label}"))
            continue
        by_digest[handed.digest] = handed
        learner = handed.progress.learner
        if not learner:
            out.files.append(handed)
            continue
        kept = newest.get(learner)
        if kept is None or _when(handed.progress.saved) > _when(kept.progress.saved):
            newest[learner] = handed
    for handed in readable:
        learner = handed.progress.learner
        if not learner or by_digest.get(handed.digest) is not handed:
            continue
        if newest[learner] is handed:
            out.files.append(handed)
        else:
            why = f"an older file of the same student as {newest[learner].label} (the newer one is counted)"
            out.skipped.append(Skipped(handed.label, "duplicate", why))
    for handed in out.files:
        if handed.progress.site and handed.progress.site != course.path:
            out.other_sites[handed.progress.site] = out.other_sites.get(handed.progress.site, 0) + 1
    out.skipped.sort(key=lambda s: _number(s.label))
    out.files.sort(key=lambda h: _number(h.label))
    return out


def _number(label: str) -> int:
    return int(label.split()[1])
