/*
 * The matching type, apart from the page. An answer is, for each prompt in bank order, the key
 * (text_key) of the answer chosen for it, "" where none was chosen; that is also how it is saved.
 * The key (grade) is {pairs: [answer key, …]}, per prompt its answer (an answer may serve several
 * prompts). Pure: tests/js/matching.test.mjs and the shared cases (tests/grading/matching.json).
 * Its view: matching-view.js.
 */

/** For each prompt, is the chosen answer its own? */
export function pairsRight(chosen, right) {
  return right.map((key, i) => chosen[i] === key);
}

/** Right when every prompt has its own answer. */
export function markMatching(chosen, right) {
  return chosen.length === right.length && pairsRight(chosen, right).every(Boolean);
}

/** Does a saved answer still fit the question: one entry per prompt, each "" or an answer offered? */
export function isMatchingOf(values, prompts, offered) {
  return Array.isArray(values) && values.length === prompts && values.every((v) => v === "" || offered.includes(v));
}

/** Nothing chosen at all: not an answer yet. */
export function nothingChosen(chosen) {
  return chosen.every((v) => v === "");
}

/** The first prompt left without an answer (-1 when every prompt has one): an answer needs them all. */
export function firstUnchosen(chosen) {
  return chosen.indexOf("");
}

/** What the feedback says: how many pairs are right. */
export function pairsNote(chosen, right) {
  const count = pairsRight(chosen, right).filter(Boolean).length;
  if (count === right.length) return `All ${right.length} pairs are right.`;
  return `${count} of ${right.length} ${right.length === 1 ? "pair is" : "pairs are"} right.`;
}

const isTexts = (list) => Array.isArray(list) && list.every((v) => typeof v === "string");

/** {correct, credit}: the share of prompts given their answer ("" is none, so not right). */
function mark(values, grade) {
  if (!grade || !isTexts(grade.pairs) || !grade.pairs.length || !isTexts(values)) return null;
  if (values.length !== grade.pairs.length) return { correct: false, credit: 0 };
  const right = pairsRight(values, grade.pairs).filter(Boolean).length;
  return { correct: right === grade.pairs.length, credit: right / grade.pairs.length };
}

/** A saved answer fits when it has one entry per prompt (the fingerprint covers the answers offered). */
function fits(values, grade) {
  return Boolean(grade) && isTexts(grade.pairs) && isTexts(values) && values.length === grade.pairs.length;
}

export const matching = { name: "matching", view: "matching", mark, fits };
