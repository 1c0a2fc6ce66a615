/*
 * Self-check results: one record per question, keyed "bank#id", for the whole course. The
 * chapters, the progress page and the review round all read and write these records; mkdocs-quiz's
 * own per-page storage is derived from them before it starts. Pure functions: tests/js/results.test.mjs.
 *
 * The stored value (quizbank:2:<scope>:results):
 *   {v: 2, questions: {"bank#id": Record}}
 * A Record:
 *   fp, key      the question's fingerprint and answer key when it was answered (see hooks/quizbank/ids.py)
 *   kind         the question's type (a name in types/index.js: "single", "fill-blank", "calculated", …);
 *                stored under this name since the first version, read as the type
 *   answer       the latest answer, in its type's form (option keys, the blanks' texts, …); [] after "Try again"
 *   first        the first answer given to this wording of the question, in the same form; kept
 *                through "Try again" and later answers (a class report counts first choices);
 *                null where it is not known (saved before the progress file's version 2)
 *   correct      the latest answer's mark
 *   attempts     answers submitted; wrong: how many of them were wrong
 *   hinted       a hint was open when the question was last answered right
 *   hints        hints revealed (the most ever)
 *   confidence   "sure" | "unsure" | "guess" | null, given with the latest answer
 *   firstConfidence  the confidence given with the first answer (kept as `first` is), "none" when
 *                it was given with none; null where it is not known (saved before the progress
 *                file's version 3): calibration is judged on first answers, before any retry
 *   box, due     Leitner box (0–4) and when the question is due again (ms; 0 = now)
 *   updated      when the record last changed (ms)
 */

import { KINDS, markAnswer } from "./marking.js";

export { KINDS };
export const RESULTS_VERSION = 2;
export const CONFIDENCE = ["sure", "unsure", "guess"];
const FIRST_CONFIDENCE = [...CONFIDENCE, "none"];
// A question answered right comes back after 1, then 3, then 7, then 21 days.
export const INTERVAL_DAYS = [1, 3, 7, 21];
const DAY = 24 * 60 * 60 * 1000;

const isCount = (n) => Number.isInteger(n) && n >= 0;
const isTime = (n) => typeof n === "number" && Number.isFinite(n) && n >= 0;
const isTexts = (list) => Array.isArray(list) && list.every((a) => typeof a === "string");

/** A record, checked; null when it is damaged (only that question is dropped, never its neighbours). */
export function parseRecord(value) {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const { fp, key, kind, answer, correct } = value;
  if (typeof fp !== "string" || !fp || typeof kind !== "string" || !KINDS.includes(kind)) return null;
  if (!isTexts(answer) || typeof correct !== "boolean") return null;
  if (value.first !== undefined && value.first !== null && !isTexts(value.first)) return null;
  return {
    fp,
    key: typeof key === "string" ? key : "",
    kind,
    answer: [...answer],
    first: isTexts(value.first) ? [...value.first] : null,
    firstConfidence: FIRST_CONFIDENCE.includes(value.firstConfidence) ? value.firstConfidence : null,
    correct,
    attempts: isCount(value.attempts) ? value.attempts : 1,
    wrong: isCount(value.wrong) ? value.wrong : correct ? 0 : 1,
    hinted: value.hinted === true,
    hints: isCount(value.hints) ? value.hints : 0,
    confidence: CONFIDENCE.includes(value.confidence) ? value.confidence : null,
    box: isCount(value.box) && value.box <= INTERVAL_DAYS.length ? value.box : 0,
    due: isTime(value.due) ? value.due : 0,
    updated: isTime(value.updated) ? value.updated : 0,
  };
}

/** The stored results, checked record by record. `damaged` counts the records left out. */
export function parseResults(value) {
  const questions = {};
  let damaged = 0;
  const source = value && typeof value === "object" && value.questions && typeof value.questions === "object" ? value.questions : {};
  for (const [id, raw] of Object.entries(source)) {
    const record = parseRecord(raw);
    if (record && id.includes("#")) questions[id] = record;
    else damaged += 1;
  }
  return { v: RESULTS_VERSION, questions, damaged };
}

export function emptyResults() {
  return { v: RESULTS_VERSION, questions: {} };
}

/**
 * The record after an answer. `question`: {fp, key, type}; `answer`: {values, correct,
 * confidence, hintsOpen}; `now` in ms. Right answers move the question up a box and schedule it
 * 1, 3, 7 or 21 days on; a wrong answer, or a right one given as a guess, keeps it due now.
 */
export function answered(previous, question, answer, now) {
  const base = previous && previous.fp === question.fp ? previous : null;
  const wrong = (base ? base.wrong : 0) + (answer.correct ? 0 : 1);
  let box = base ? base.box : 0;
  let due = now;
  if (!answer.correct) box = 0;
  else if (answer.confidence !== "guess") {
    box = Math.min(box + 1, INTERVAL_DAYS.length);
    due = now + INTERVAL_DAYS[box - 1] * DAY;
  }
  return {
    fp: question.fp,
    key: question.key,
    kind: question.type,
    answer: [...answer.values],
    // The first answer is kept once given; a record with no answer yet (hints only) gets this one.
    first: base && base.attempts > 0 ? base.first : [...answer.values],
    firstConfidence: base && base.attempts > 0 ? base.firstConfidence : CONFIDENCE.includes(answer.confidence) ? answer.confidence : "none",
    correct: answer.correct,
    attempts: (base ? base.attempts : 0) + 1,
    wrong,
    hinted: answer.correct ? answer.hintsOpen > 0 : base ? base.hinted : false,
    hints: Math.max(base ? base.hints : 0, answer.hintsOpen || 0),
    confidence: CONFIDENCE.includes(answer.confidence) ? answer.confidence : null,
    box,
    due,
    updated: now,
  };
}

/** "Try again": the answer is cleared from the page; what the student achieved is kept. */
export function cleared(previous, now) {
  return previous ? { ...previous, answer: [], confidence: null, updated: now } : null;
}

/** Hints revealed (kept even if the page is left before an answer: a record with no attempt yet). */
export function hintsShown(previous, question, count, now) {
  const base = previous && previous.fp === question.fp ? previous : null;
  if (base) return count > base.hints ? { ...base, hints: count, updated: now } : base;
  return {
    fp: question.fp,
    key: question.key,
    kind: question.type,
    answer: [],
    first: null,
    firstConfidence: null,
    correct: false,
    attempts: 0,
    wrong: 0,
    hinted: false,
    hints: count,
    confidence: null,
    box: 0,
    due: 0,
    updated: now,
  };
}

/**
 * How far a page's (or a part's) questions have got, by the one rule every count on the site uses:
 * a question is answered once it has a record with an answer submitted to its current wording
 * (a "Try again" keeps it answered: what the student achieved is kept); right if that record's
 * latest mark, against the current key (`marked`), is right. `questions`: [{id, fp, key, type,
 * grade}] (manifest entries); `records`: {"bank#id": Record}.
 */
export function countAnswered(questions, records) {
  let answered = 0;
  let right = 0;
  for (const q of questions) {
    const record = marked(records[q.id], q);
    if (!record || record.attempts === 0 || standing(record, q) === "stale") continue;
    answered += 1;
    if (record.correct) right += 1;
  }
  return { total: questions.length, answered, right };
}

/**
 * Where a record stands against the question now on the site: "current", "rekeyed" (same
 * question, new answer key: re-mark it), or "stale" (reworded, options changed: it never counts).
 */
export function standing(record, question) {
  if (!record) return "none";
  if (record.fp !== question.fp) return "stale";
  return record.key && question.key && record.key !== question.key ? "rekeyed" : "current";
}

/**
 * The record as it stands against the question now on the site (`question`: {fp, key, grade}, a
 * manifest entry or the page's own): a re-keyed record marked again against the current key, so
 * that every count, status and review round gives the mark the chapter would give. The answer
 * marked is the latest one; after "Try again" (answer []) that is the first answer when it was the
 * only one. When the latest answer is not on record any more, it is not counted right: the
 * question goes back to review rather than keep a mark the current key never gave. `wrong` is
 * exact for a single answer; otherwise it counts at least one wrong answer if the first or the
 * latest is wrong by the current key (the answers in between are not kept). Any other record is
 * returned as it is (a stale one never counts; `standing`).
 */
export function marked(record, question) {
  if (!record || !question || standing(record, question) !== "rekeyed") return record;
  if (record.attempts === 0) return { ...record, key: question.key }; // hints only: nothing to mark
  const type = question.type || record.kind; // a record names its type as `kind`
  const latest = record.answer.length ? record.answer : record.attempts === 1 ? record.first : null;
  const checked = markAnswer(type, question.grade, latest || []);
  if (checked === null) return record; // no key to mark against: as it was saved
  const mark = Boolean(latest) && checked;
  const firstRight = record.first ? markAnswer(type, question.grade, record.first) : null;
  const wrong = record.attempts === 1 ? (mark ? 0 : 1) : Math.max(record.wrong, firstRight === false || !mark ? 1 : 0);
  return { ...record, key: question.key, correct: mark, wrong, box: mark ? record.box : 0 };
}

/**
 * A question's status for the progress page:
 *   "none"    not tried (or only tried in an earlier wording)
 *   "first"   right first time (never wrong, no hint)
 *   "later"   right after a retry or with hints
 *   "wrong"   not yet right
 */
export function status(record) {
  if (!record || record.attempts === 0) return "none";
  if (!record.correct) return "wrong";
  return record.wrong === 0 && !record.hinted ? "first" : "later";
}

/** Should the question be in the review round: not yet right, right while guessing, or due again. */
export function toReview(record, now) {
  if (!record || record.attempts === 0) return false;
  return !record.correct || record.confidence === "guess" || record.due <= now;
}
