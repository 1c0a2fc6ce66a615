"""What the browser needs to know about the whole course, written once per build as JSON.

The course manifest lists every placed question (its page, type, a short title, the
fingerprint and answer key its saved results are checked against, what a re-keyed result is marked
against, and its pool if it is a variant) and every written task, in bank order, and each pool's variants and draw. A part lists
each idea once: a pool by its first variant. The progress page and the completion counts in the navigation read it, so they
know about questions a student has never opened.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NotRequired, TypedDict, cast

from .ids import question_key, text_key
from .markers import Source, find_markers, resolve
from .model import Bank
from .types.written_task import WrittenTask

MANIFEST_VERSION = 1


class BoxEntry(TypedDict):
    id: str
    label: str
    min: int | None
    max: int | None


class TaskEntry(TypedDict, total=False):
    key: str
    title: str
    min: int | None
    max: int | None
    fields: list[BoxEntry]
    rubric: list[str]
    page: str


class QuestionEntry(TypedDict):
    page: str
    type: str
    title: str
    fp: str
    key: str
    # What a saved answer is marked against when the key has changed (quizbank/marking.js): for
    # choices the right options' keys, for blanks what each accepts, the right order, each pair.
    grade: dict[str, Any]
    pool: NotRequired[str]  # "bank#pool-id" for a variant of a pool


class PoolEntry(TypedDict):
    draw: int
    variants: list[str]  # "bank#id" of every placed variant, in bank order


class PartEntry(TypedDict):
    url: str
    title: str
    questions: list[str]
    tasks: list[str]


class Manifest(TypedDict):
    v: int
    parts: list[PartEntry]
    questions: dict[str, QuestionEntry]
    tasks: list[TaskEntry]
    pools: dict[str, PoolEntry]


@dataclass(frozen=True)
class Chapter:
    """A page of the site as the manifest needs it: where it is, its title, its Markdown."""

    url: str
    title: str
    markdown: str


def written_tasks(banks: dict[str, Bank]) -> list[TaskEntry]:
    """Every written task of the site in bank order (the brief's order): the order of the downloaded answers."""
    return [
        TaskEntry(
            key=question_key(bank.name, q.id),
            title=q.heading,
            min=q.words.min,
            max=q.words.max,
            fields=[BoxEntry(id=f.id, label=f.label, min=f.words.min, max=f.words.max) for f in q.boxes],
            rubric=[text_key(item) for item in q.rubric],
        )
        for bank in banks.values()
        for q in _written(bank)
        if not bank.is_export_only(q)  # one kept for the export is on no page
    ]


def _written(bank: Bank) -> list[WrittenTask]:
    """A bank's written tasks (the questions whose role is answer boxes)."""
    return [cast(WrittenTask, q) for q in bank.questions if q.role == "written-task"]


def written_tasks_json(banks: dict[str, Bank]) -> str:
    return json.dumps(written_tasks(banks), ensure_ascii=False)


TAG = re.compile(r"<[^>]+>")
EMPHASIS = re.compile(r"(?<!\\)[*_]+")
ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>])")
CODE = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)", re.S)
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
BLANK = re.compile(r"\[\[.*?\]\]", re.S)


def _emphasis(run: re.Match[str]) -> str:
    """A run of `*` or `_` as Markdown reads it: emphasis goes; a lone symbol, or `_` inside a word, is text."""
    text, start, end = run.string, run.start(), run.end()
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if before.isspace() and after.isspace():
        return run[0]  # "2 * 3": not emphasis
    if run[0][0] == "_" and before.isalnum() and after.isalnum():
        return run[0]  # train_test_split
    return ""


def _plain(markdown: str) -> str:
    """Markdown outside code spans as the text it shows: links, tags and emphasis go, escapes resolve."""
    text = LINK.sub(r"\1", markdown)
    text = TAG.sub("", text)
    text = EMPHASIS.sub(_emphasis, text)
    return ESCAPED.sub(r"\1", text)


def short_title(question: str, limit: int = 90) -> str:
    """A question's first sentence as plain text, for lists: no Markdown, blanks as "…", at most `limit` characters.

    A code span keeps every character it holds (`train_loss`, `**kwargs`): only its backticks go.
    """
    text = BLANK.sub("…", question)
    parts, at = [], 0
    for code in CODE.finditer(text):
        parts += [_plain(text[at : code.start()]), code[2].strip() if code[2].strip() else code[2]]
        at = code.end()
    text = "".join([*parts, _plain(text[at:])])
    text = " ".join(text.split())
    # Whole sentences, enough of them to say something ("Concept check from the brief." alone does not).
    sentences = re.findall(r".+?[.?!:](?=\s|$)|.+$", text)
    title = ""
    for sentence in sentences:
        title = f"{title} {sentence.strip()}".strip()
        if len(title) >= 40:
            break
    text = title or text
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def nav_titles(nav: list[object]) -> dict[str, str]:
    """Page source path → its title in mkdocs.yml's nav, in nav order (nested sections included)."""
    out: dict[str, str] = {}
    for item in nav:
        if isinstance(item, dict):
            for title, target in item.items():
                if isinstance(target, str):
                    out[target] = str(title)
                elif isinstance(target, list):
                    out.update(nav_titles(target))
    return out


def site_chapters(pages: dict[str, tuple[str, str]], nav: list[object]) -> list[Chapter]:
    """The site's pages (source path → (url, Markdown)) as chapters in nav order, then the pages outside the nav.

    A chapter's title is its title in the nav, else its first heading, else its source path.
    """
    titles = nav_titles(nav)
    ordered = [src for src in titles if src in pages] + [src for src in pages if src not in titles]
    chapters = []
    for src in ordered:
        url, text = pages[src]
        heading = re.search(r"^#\s+(.+?)\s*$", text, re.M)
        chapters.append(Chapter(url, titles.get(src) or (heading.group(1) if heading else src), text))
    return chapters


def placed_on(chapters: Iterable[Chapter], banks: dict[str, Bank]) -> dict[str, Chapter]:
    """`bank#id` → the first chapter that places it (marker problems are reported by the build itself)."""
    where: dict[str, Chapter] = {}
    for chapter in chapters:
        markers, _ = find_markers(chapter.markdown, Source(chapter.url))
        for marker in markers:
            found = resolve(marker, banks, Source(chapter.url))
            if isinstance(found, tuple):
                bank, questions = found
                for q in questions:
                    where.setdefault(question_key(bank.name, q.id), chapter)
    return where


def course_manifest(banks: dict[str, Bank], chapters: list[Chapter]) -> Manifest:
    """The manifest: chapters in site order with what they place, then every question and task."""
    where = placed_on(chapters, banks)
    tasks = written_tasks(banks)
    questions: dict[str, QuestionEntry] = {}
    pools: dict[str, PoolEntry] = {}
    for bank in banks.values():
        for q in bank.questions:
            key = question_key(bank.name, q.id)
            if key not in where or q.role != "quiz":
                continue
            fp, answers = q.identity()
            questions[key] = QuestionEntry(
                page=where[key].url,
                type=q.type,
                title=short_title(q.question),
                fp=fp,
                key=answers,
                grade=q.grade() or {},
            )
            if q.pool is not None:
                pool_key = question_key(bank.name, q.pool.id)
                questions[key]["pool"] = pool_key
                pools.setdefault(pool_key, PoolEntry(draw=q.pool.draw, variants=[]))["variants"].append(key)
    # A part lists each idea once: a pool by its first placed variant, which stands for all of them.
    firsts = {p["variants"][0] for p in pools.values()}
    parts = [
        PartEntry(
            url=chapter.url,
            title=chapter.title,
            questions=[k for k in questions if where[k] is chapter and ("pool" not in questions[k] or k in firsts)],
            tasks=[t["key"] for t in tasks if where.get(t["key"]) is chapter],
        )
        for chapter in chapters
    ]
    return Manifest(
        v=MANIFEST_VERSION,
        parts=[p for p in parts if p["questions"] or p["tasks"]],
        questions=questions,
        tasks=[TaskEntry(**t, page=where[t["key"]].url) for t in tasks if t["key"] in where],
        pools=pools,
    )


# Written once per build, read by every page for the navigation counts (quizbank/nav.js).
COUNTS_FILE = "assets/quizbank/course.json"


def navigation_counts(course: Manifest, progress_url: str | None) -> str:
    """course.json: what every page needs of the manifest for its navigation counts, as compact JSON.

    Only that: the progress page carries the whole manifest in its HTML. `progress_url` is where a
    student restores a progress file (quizbank/keep-ui.js links to it when work was lost).
    """
    counts: dict[str, Any] = {
        "v": course["v"],
        "parts": [{"url": p["url"], "questions": p["questions"]} for p in course["parts"]],
        # Each count marks a re-keyed saved answer against the current key (quizbank/results.js `marked`).
        "questions": {
            k: {
                "fp": q["fp"],
                "key": q["key"],
                "type": q["type"],
                "grade": q["grade"],
                **({"pool": q["pool"]} if "pool" in q else {}),
            }
            for k, q in course["questions"].items()
        },
        # A pool counts once (quizbank/pools.js): the counts need its variants.
        "pools": {k: {"variants": p["variants"]} for k, p in course["pools"].items()},
    }
    if progress_url is not None:
        counts["progress"] = progress_url
    return json.dumps(counts, separators=(",", ":"))
