/*
 * Marking an answer against a question's key, kind by kind, apart from any page: what re-marks a
 * saved answer after an instructor changed the key, wherever the answer is counted (results.js
 * `marked`), whether the question is on the page or not. Pure: tests/js/marking.test.mjs.
 *
 * A key (`grade`) is what the course manifest lists for each question (hooks/quizbank/model.py
 * `grading`), and what the page's markup carries for the questions on it (selfcheck.js `gradeOf`):
 *   choices      {right: [option key, …]}           every right option and nothing else
 *   fill-blank   {blanks: [accepted, …]}            each blank as blanks.js reads data-accept
 *   ordering     {order: [item key, …]}             the right order
 *   matching     {pairs: [answer key, …]}           per prompt in bank order, its answer
 * An answer is saved in the same form (DEVELOPERS.md: the progress file).
 */

import { matches, parseAccepted } from "./blanks.js";
import { markMatching } from "./matching.js";
import { markOrdering } from "./ordering.js";

const isTexts = (list) => Array.isArray(list) && list.every((v) => typeof v === "string");

/** mkdocs-quiz's rule: every right option and nothing else. */
function choice(values, grade) {
  if (!isTexts(grade.right)) return null;
  return grade.right.length === values.length && values.every((v) => grade.right.includes(v));
}

function blanks(values, grade) {
  if (!Array.isArray(grade.blanks)) return null;
  return values.length === grade.blanks.length && grade.blanks.every((accepted, i) => matches(parseAccepted(accepted), values[i]));
}

function ordering(values, grade) {
  return isTexts(grade.order) ? markOrdering(values, grade.order) : null;
}

function matching(values, grade) {
  return isTexts(grade.pairs) ? markMatching(values, grade.pairs) : null;
}

const MARKS = { single: choice, multiple: choice, "true-false": choice, "fill-blank": blanks, ordering, matching };

/** Is `values` right by `grade`, for a question of this kind? null when the key cannot be read. */
export function markAnswer(kind, grade, values) {
  const mark = MARKS[kind];
  if (!mark || !grade || typeof grade !== "object" || !isTexts(values)) return null;
  return mark(values, grade);
}
