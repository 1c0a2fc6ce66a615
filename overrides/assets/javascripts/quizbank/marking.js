/*
 * Marking an answer against a question's key, type by type, apart from any page: what the chapter
 * marks an answer by, and what re-marks a saved answer after an instructor changed the key,
 * wherever the answer is counted (results.js `marked`), whether the question is on the page or
 * not. Every type's rule is its own pure module's (types/); the list of types is types/index.js.
 * Pure: tests/js/marking.test.mjs and the shared cases (tests/js/grading-cases.test.mjs).
 *
 * A key (`grade`) is what the course manifest lists for each question (hooks/quizbank/types/,
 * `grade`) and what the page's markup carries (`data-grade`, quiz-dom.js `gradeOf`). An answer is
 * saved in the form its type marks (DEVELOPERS.md: the progress file).
 */

import * as listed from "./types/index.js";

/** Each type by its name (the markup's data-quiz-kind, a record's kind): {name, view, mark, fits}. */
export const TYPES = Object.fromEntries(Object.values(listed).map((type) => [type.name, type]));
/** Every type's name: what a saved record may name. */
export const KINDS = Object.keys(TYPES);

/** {correct, credit} for `values` by `grade`, for a question of this type; null when the key (or the answer) cannot be read. */
export function mark(type, values, grade) {
  const t = TYPES[type];
  if (!t || !grade || typeof grade !== "object") return null;
  return t.mark(values, grade);
}

/** Is `values` right by `grade`? null when it cannot be marked. */
export function markAnswer(type, grade, values) {
  const m = mark(type, values, grade);
  return m ? m.correct : null;
}

/** Does a saved answer still fit the question (can it be shown, marked)? */
export function fits(type, values, grade) {
  const t = TYPES[type];
  return Boolean(t && grade && typeof grade === "object" && t.fits(values, grade));
}
