/*
 * Calculated questions in the page (markup: hooks/quizbank/types/calculated.py): the question's
 * numbers are one of the variants the build drew (`data-variants`, each with its answer's text;
 * every number in the text is a `.quiz-var` span), and the student types the answer in one box.
 * Each learner is shown one variant, stably (the pools' draw, on the learner id and the question's
 * id); a review round asks with another variant than the one answered last; a saved answer is shown
 * with the numbers it was given to. Nothing is computed here: the build computed every answer.
 * selfcheck.js records, restores and frames the feedback; this module knows the numbers and the
 * box. Logic: calculated.js.
 */

import { calculated, pickVariant, rangeText, readAnswer, readGrade } from "./calculated.js";

const TEXT = { typeFirst: "Type your answer first." };

let h = null; // the helpers selfcheck.js hands over
const inputOf = (quiz) => quiz.querySelector("input.quiz-calc-input");
const idOf = (quiz) => `${quiz.getAttribute("data-bank")}#${quiz.getAttribute("data-qid")}`;

/** The variants' numbers as the build wrote them: {id: {name: text, …, answer: text}}. */
function variantsOf(quiz) {
  try {
    const variants = JSON.parse(quiz.getAttribute("data-variants"));
    return variants && typeof variants === "object" && !Array.isArray(variants) ? variants : {};
  } catch (e) {
    return {};
  }
}

/** Show variant `id`'s numbers wherever the question, its hints and its explanation name one. */
function useVariant(quiz, id) {
  const numbers = variantsOf(quiz)[id];
  if (!numbers || typeof numbers !== "object") return;
  quiz.setAttribute("data-variant", id);
  for (const span of quiz.querySelectorAll(".quiz-var[data-var]")) {
    const name = span.getAttribute("data-var");
    if (Object.hasOwn(numbers, name)) span.textContent = String(numbers[name]);
  }
}

/** The student's answer: the variant they were shown, and what they typed. */
export function values(quiz) {
  const input = inputOf(quiz);
  return [quiz.getAttribute("data-variant") || "", input ? input.value : ""];
}

/** An empty box is not an answer. */
export function empty(quiz) {
  const input = inputOf(quiz);
  return input && input.value.trim() ? "" : TEXT.typeFirst;
}

/** Mark the answer; the feedback's content (the answer for the student's numbers). Returns {correct, content}. */
export function show(quiz, answer, grade) {
  const input = inputOf(quiz);
  if (calculated.fits(answer, grade)) {
    useVariant(quiz, answer[0]);
    if (input) input.value = answer[1];
  }
  const now = values(quiz);
  const result = calculated.mark(now, grade);
  const correct = Boolean(result && result.correct);
  if (input) {
    input.classList.toggle("correct", correct);
    input.classList.toggle("wrong", !correct);
  }
  if (correct) return { correct, content: [h.el("p", { text: "Correct answer!" })] };
  const key = readGrade(grade);
  const variant = key ? key.variants[now[0]] : null;
  const shown = (variantsOf(quiz)[now[0]] || {}).answer;
  let text = "Not quite.";
  // The answer is named where the site shows right answers (as matching does).
  if (variant && shown !== undefined && quiz.hasAttribute("data-show-correct")) {
    const places = (String(shown).match(/\.(\d+)/) || ["", ""])[1].length;
    text = `Not quite. For your numbers the answer is ${shown} (anything from ${rangeText(variant, places)} is accepted).`;
  }
  const content = [h.el("p", { text })];
  // The student's text, as text: it may be anything.
  if (key && readAnswer(now[1], key.accept, key.unit) === null) content.push(h.el("p", { text: `“${now[1].trim()}” could not be read as a number in a form this question accepts.` }));
  return { correct, content };
}

/** "Try again": the box empty and unmarked; the numbers stay. */
export function clear(quiz) {
  const input = inputOf(quiz);
  if (!input) return;
  input.value = "";
  input.classList.remove("correct", "wrong");
}

export function first(quiz) {
  return inputOf(quiz);
}

/** Once per quiz element: this learner's variant (another than the one answered last, in a review round). */
export function mount(quiz, helpers) {
  h = helpers;
  const ids = Object.keys(variantsOf(quiz));
  if (!ids.length) return;
  let avoid = null;
  if (h.redraw(quiz)) {
    const saved = h.saved(quiz);
    const last = saved && saved.answer.length ? saved.answer : saved && saved.first;
    avoid = last && last.length ? last[0] : null;
  }
  useVariant(quiz, pickVariant(h.drawOrder(idOf(quiz), ids), avoid));
  quiz.setAttribute("data-drawn", ""); // the numbers may be shown (site.css)
}
