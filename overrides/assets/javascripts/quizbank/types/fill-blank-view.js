/*
 * Fill-in-the-blank questions in the page (markup: hooks/quizbank/types/fill_blank.py): a text box
 * per blank. After an answer each blank says whether it is accepted, and the feedback lists what
 * each missed blank accepts, the student's text shown only as text (never as HTML: mkdocs-quiz,
 * which would, never sees a blank). selfcheck.js records, restores and frames the feedback; this
 * module knows the blanks. Logic: fill-blank.js.
 */

import { blanksRight, describeAccepted, fillBlank, parseAccepted } from "./fill-blank.js";

let h = null; // the helpers selfcheck.js hands over
const blanksOf = (quiz) => [...quiz.querySelectorAll("input.quiz-blank-input")];
const clean = (text) => String(text || "").replace(/\s+/g, " ").trim();

/** The student's answer: the blanks' texts, in order. */
export function values(quiz) {
  return blanksOf(quiz).map((input) => input.value);
}

/** Mark each blank; the feedback's content (what a missed blank accepts). Returns {correct, content}. */
export function show(quiz, texts, grade) {
  const blanks = blanksOf(quiz);
  const right = blanksRight(texts, grade);
  blanks.forEach((input, i) => {
    input.value = texts[i] ?? "";
    input.classList.toggle("correct", Boolean(right[i]));
    input.classList.toggle("wrong", !right[i]);
  });
  const result = fillBlank.mark(texts, grade);
  const correct = Boolean(result && result.correct);
  if (correct) return { correct, content: [h.el("p", { text: "Correct answer!" })] };
  const list = h.el("ul");
  blanks.forEach((input, i) => {
    if (right[i]) return;
    const accepted = parseAccepted(grade && Array.isArray(grade.blanks) ? grade.blanks[i] : null);
    list.append(h.el("li", {}, [h.el("del", { text: clean(texts[i]) || "(empty)" }), ` → ${describeAccepted(accepted)}`]));
  });
  return { correct, content: [h.el("p", { text: "Not quite. The accepted answers:" }), list] };
}

/** "Try again": every blank empty and unmarked. */
export function clear(quiz) {
  for (const input of blanksOf(quiz)) {
    input.value = "";
    input.classList.remove("correct", "wrong");
  }
}

export function first(quiz) {
  return blanksOf(quiz)[0] || null;
}

export function mount(quiz, helpers) {
  h = helpers;
}
