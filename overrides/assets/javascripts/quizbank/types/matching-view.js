/*
 * Matching questions in the page (markup: hooks/quizbank/types/matching.py): a <select> per prompt.
 * After an answer each pair says whether it is right (and, where the site shows right answers,
 * which answer belongs there), as text only. selfcheck.js records, restores and frames the
 * feedback; this module knows the selects. Logic: matching.js.
 */

import { firstUnchosen, matching, nothingChosen, pairsNote, pairsRight } from "./matching.js";

const TEXT = { chooseFirst: "Choose an answer first.", choosePrompts: "Choose an answer for every prompt." };

let h = null; // the helpers selfcheck.js hands over
const selects = (quiz) => [...quiz.querySelectorAll("select.quiz-match-select")];
const offered = (quiz) => [...(selects(quiz)[0] || { options: [] }).options].map((o) => o.value).filter(Boolean);
const feedbackOf = (select) => select.parentElement.querySelector(".quiz-match-feedback");

/** The student's answer: for each prompt, the chosen answer's key, "" where none. */
export function values(quiz) {
  return selects(quiz).map((s) => s.value);
}

/** Nothing chosen is not an answer. */
export function empty(quiz) {
  return nothingChosen(values(quiz)) ? TEXT.chooseFirst : "";
}

/** A prompt left without an answer: half an answer is refused, and the focus goes to that prompt. */
export function incomplete(quiz) {
  const at = firstUnchosen(values(quiz));
  return at < 0 ? null : { message: TEXT.choosePrompts, focus: selects(quiz)[at] };
}

function answerText(select, key) {
  const option = [...select.options].find((o) => o.value === key);
  return option ? option.textContent : "";
}

/** Mark each pair; the feedback's content (the count). Returns {correct, content}. */
export function show(quiz, chosen, grade) {
  const all = selects(quiz);
  const known = offered(quiz);
  if (matching.fits(chosen, grade) && chosen.every((v) => v === "" || known.includes(v))) all.forEach((s, i) => (s.value = chosen[i]));
  const now = values(quiz);
  const right = grade && Array.isArray(grade.pairs) ? grade.pairs : [];
  const results = pairsRight(now, right);
  const reveal = quiz.hasAttribute("data-show-correct");
  all.forEach((select, i) => {
    select.classList.toggle("correct", results[i]);
    select.classList.toggle("wrong", !results[i]);
    const note = feedbackOf(select);
    if (!note) return;
    note.textContent = results[i] ? "Right." : reveal ? `Not right: it is “${answerText(select, right[i])}”.` : "Not right.";
    note.className = `quiz-match-feedback ${results[i] ? "correct" : "wrong"}`;
    note.hidden = false;
  });
  const result = matching.mark(now, grade);
  return { correct: Boolean(result && result.correct), content: [h.el("p", { text: pairsNote(now, right) })] };
}

/** Clear the marks (a changed choice is no longer the one marked). */
function unmark(select) {
  select.classList.remove("correct", "wrong");
  const note = feedbackOf(select);
  if (note) {
    note.hidden = true;
    note.textContent = "";
  }
}

/** "Try again": every select back to "Choose…". */
export function clear(quiz) {
  for (const select of selects(quiz)) {
    select.value = "";
    unmark(select);
  }
}

export function first(quiz) {
  return selects(quiz)[0] || null;
}

/** Once per quiz element: a changed choice is no longer the one marked; `changed` after each. */
export function mount(quiz, helpers) {
  h = helpers;
  for (const select of selects(quiz)) {
    select.addEventListener("change", () => {
      unmark(select);
      h.changed(quiz);
    });
  }
}
