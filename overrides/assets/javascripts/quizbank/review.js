/*
 * The review round: the questions a student has not got right yet, got right while guessing, or
 * that are due again (results.js's schedule), mixed across the parts. Pure: tests/js/review.test.mjs.
 *
 * The round is kept (quizbank:2:<scope>:review) so a student can leave and come back to it:
 *   {v: 2, ids: ["bank#id", …], index: <the question shown>, answered: {"bank#id": true | false}, started: ms}
 */

import { standing, toReview } from "./results.js";

/** The round's questions: per part (in course order) the missed first, then the guessed, then the due; parts interleaved. */
export function roundFor(manifest, results, now) {
  const byPart = manifest.parts.map((part) =>
    part.questions
      .map((id) => ({ id, record: results[id], question: manifest.questions[id] }))
      .filter(({ record, question }) => record && question && standing(record, question) !== "stale" && toReview(record, now))
      .sort((a, b) => rank(a.record) - rank(b.record) || a.record.due - b.record.due)
      .map(({ id }) => id),
  );
  const ids = [];
  for (let i = 0; byPart.some((list) => i < list.length); i += 1) {
    for (const list of byPart) if (i < list.length) ids.push(list[i]);
  }
  return ids;
}

function rank(record) {
  if (!record.correct) return 0;
  return record.confidence === "guess" ? 1 : 2;
}

export function newRound(ids, now) {
  return { v: 2, ids: [...ids], index: 0, answered: {}, started: now };
}

/** A stored round, checked; null if there is none or it is damaged. */
export function parseRound(value) {
  if (!value || typeof value !== "object" || !Array.isArray(value.ids) || !value.ids.every((id) => typeof id === "string")) return null;
  const answered = {};
  if (value.answered && typeof value.answered === "object") {
    for (const [id, ok] of Object.entries(value.answered)) if (typeof ok === "boolean" && value.ids.includes(id)) answered[id] = ok;
  }
  const index = Number.isInteger(value.index) ? Math.min(Math.max(value.index, 0), value.ids.length) : 0;
  return { v: 2, ids: [...value.ids], index, answered, started: typeof value.started === "number" ? value.started : 0 };
}

/** The round after an answer to `id` (the latest answer to a question counts). */
export function answeredIn(round, id, correct) {
  return round.ids.includes(id) ? { ...round, answered: { ...round.answered, [id]: correct } } : round;
}

export function finished(round) {
  return round.index >= round.ids.length;
}

export function tally(round) {
  const marks = Object.values(round.answered);
  return { right: marks.filter(Boolean).length, answered: marks.length, total: round.ids.length };
}
