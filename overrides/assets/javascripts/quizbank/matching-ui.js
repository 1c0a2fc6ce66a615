/*
 * Matching questions in the page (markup: hooks/quizbank/matching.py): a <select> per prompt.
 * After an answer each pair says whether it is right (and, where the site shows right answers,
 * which answer belongs there), as text only. selfcheck.js records, restores and frames the
 * feedback; this module knows the selects. Logic: matching.js.
 */

import { el } from "./env.js";
import { firstUnchosen, isMatchingOf, markMatching, nothingChosen, pairsNote, pairsRight } from "./matching.js";

const selects = (quiz) => [...quiz.querySelectorAll("select.quiz-match-select")];
const rightOf = (quiz) => selects(quiz).map((s) => s.getAttribute("data-answer") || "");
const offered = (quiz) => [...(selects(quiz)[0] || { options: [] }).options].map((o) => o.value).filter(Boolean);
const feedbackOf = (select) => select.parentElement.querySelector(".quiz-match-feedback");

/** The student's answer: for each prompt, the chosen answer's key, "" where none. */
export function values(quiz) {
  return selects(quiz).map((s) => s.value);
}

/** The key, as the course manifest lists it (marking.js). */
export function grade(quiz) {
  return { pairs: rightOf(quiz) };
}

export function mark(quiz, chosen) {
  return markMatching(chosen, rightOf(quiz));
}

export function fits(quiz, chosen) {
  return isMatchingOf(chosen, selects(quiz).length, offered(quiz));
}

/** Nothing chosen is not an answer (selfcheck.js says "choose first"). */
export function empty(quiz) {
  return nothingChosen(values(quiz));
}

/** A prompt left without an answer: the first such select (selfcheck.js refuses the answer and focuses it), or null. */
export function incomplete(quiz) {
  const at = firstUnchosen(values(quiz));
  return at < 0 ? null : selects(quiz)[at];
}

function answerText(select, key) {
  const option = [...select.options].find((o) => o.value === key);
  return option ? option.textContent : "";
}

/** Mark each pair; the feedback's content (the count). Returns {correct, content}. */
export function show(quiz, chosen) {
  const all = selects(quiz);
  if (fits(quiz, chosen)) all.forEach((s, i) => (s.value = chosen[i]));
  const now = values(quiz);
  const right = rightOf(quiz);
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
  return { correct: markMatching(now, right), content: [el("p", { text: pairsNote(now, right) })] };
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
  return selects(quiz)[0];
}

/** Once per quiz element: a changed choice is no longer the one marked; `changed()` after each. */
export function mount(quiz, announce, changed) {
  for (const select of selects(quiz)) {
    select.addEventListener("change", () => {
      unmark(select);
      if (changed) changed();
    });
  }
}
