/*
 * Choice questions in the page (single, multiple, true-false), through mkdocs-quiz's own script
 * (DEVELOPERS.md: the contract with mkdocs-quiz). That script shows the result of an answer,
 * restores answers from its per-page storage and makes its own "Try Again"; this view
 * - writes that storage from the course's one store of results before the script starts on a
 *   page, so both always agree (the script never saves an answer of ours that the store has not);
 * - loads the script once (and runs it again for questions added to a started page);
 * - puts our notes in front of the feedback the script writes, and keeps one "Try Again" per question.
 * The submit goes on to the script (`native`); selfcheck.js records it first. Logic: choice.js.
 */

import { multiple, partialNote } from "./choice.js";

export const native = true;

const PAGE_KEY_PREFIX = "quiz_progress_"; // mkdocs-quiz's per-page storage: quiz_progress_<path>
const SCRIPT = "script[data-quizbank-mkdocs-quiz]";
const TEXT = { chooseFirst: "Choose an answer first." };

let h = null; // the helpers selfcheck.js hands over
const mine = new WeakSet(); // the questions this view started
const optionsOf = (quiz) => [...quiz.querySelectorAll('input[name="answer"]')];

/** The student's answer: the chosen options' keys. */
export function values(quiz) {
  return optionsOf(quiz)
    .filter((i) => i.checked)
    .map((i) => i.value);
}

/** Nothing chosen is not an answer (and the script would mark it wrong). */
export function empty(quiz) {
  return values(quiz).length ? "" : TEXT.chooseFirst;
}

/** How far a partly right multiple answer got (the script says only right or wrong). */
export function notes(quiz, chosen, grade) {
  return quiz.getAttribute("data-quiz-kind") === multiple.name ? [partialNote(chosen, grade)] : [];
}

/** Where the focus goes after "Try again": the first option. */
export function first(quiz) {
  return optionsOf(quiz)[0] || null;
}

/* The script shows a saved answer itself, from its storage (`prepare`); its "Try Again" clears it. */
export function show() {
  return { correct: false, content: [] };
}
export function clear() {}

/* ── Before the script starts on a page: its storage, from the course's results ────────────── */
function valid(list) {
  return list && typeof list === "object" && !Array.isArray(list) ? list : {};
}

function writePageStorage(quizzes) {
  try {
    const store = h.store();
    const pageKey = PAGE_KEY_PREFIX + window.location.pathname;
    const saved = valid(store.readJSON(pageKey));
    const derived = {};
    // Answers the script saved that are not ours to judge (a quiz written inline in a chapter): kept.
    for (const [id, entry] of Object.entries(saved)) {
      const quiz = document.getElementById(id);
      if (!quiz || quiz.hasAttribute("data-fp")) continue;
      if (entry && typeof entry.answered === "boolean" && typeof entry.correct === "boolean" && Array.isArray(entry.selectedValues)) derived[id] = entry;
    }
    // Every choice question started on the page so far (the script restores them all when it runs).
    for (const quiz of h.quizzes()) {
      if (!mine.has(quiz) && !quizzes.includes(quiz)) continue;
      const record = h.shown(quiz);
      if (!record || !record.answer.length) continue;
      const known = optionsOf(quiz).map((i) => i.value);
      if (!record.answer.every((v) => known.includes(v))) continue;
      // The script's entry: what it restores on the page, marked by the one rule (marking.js).
      derived[quiz.id] = { answered: true, correct: h.mark(quiz, record.answer).correct, selectedValues: [...record.answer] };
    }
    store.writeJSON(pageKey, derived);
  } catch (e) {
    // Storage unavailable: the script starts empty; answering shows the notice.
  }
}

/* ── The script: loaded once, after the page's storage is written ──────────────────────────── */
let afterEachPage = null; // our subscription to document$, kept behind the script's own

/* One "Try Again" per question. The script adds one to every quiz each time it starts a page, and
   on the first page it starts twice (at once, then again as it subscribes to Material's
   document$), leaving a dead copy behind the live one (its newer button comes first in the form).
   A question of another type has selfcheck.js's button only: the script's would do nothing right. */
function oneRetryButton() {
  for (const quiz of h.quizzes()) {
    const theirs = [...quiz.querySelectorAll(".quiz-reset-button")];
    theirs.slice(mine.has(quiz) ? 1 : 0).forEach((button) => button.remove());
  }
}

/* The script starts every quiz on the page as it runs, and subscribes to later pages. Resolves
   once it has run (or could not be loaded: the questions then stay as they are without
   JavaScript). `again`: run it once more, for quizzes added to a page it has started. */
function runScript(again) {
  return new Promise((resolve) => {
    const ran = () => {
      oneRetryButton();
      // Re-subscribed after the script's newest subscription: runs after it has started each later page.
      if (afterEachPage) afterEachPage.unsubscribe();
      if (window.document$ && typeof window.document$.subscribe === "function") afterEachPage = window.document$.subscribe(() => oneRetryButton());
      resolve();
    };
    const loadedOnce = document.querySelector(SCRIPT);
    if (loadedOnce && !again) return resolve();
    // Served as a cached file by hooks/quiz_assets.py: run again, it is not downloaded again.
    const script = h.el("script", {
      src: new URL("assets/javascripts/mkdocs-quiz/quiz.js", new URL(h.scope(), window.location.href)).href,
      fetchpriority: "low",
      "data-quizbank-mkdocs-quiz": true,
    });
    script.addEventListener("load", ran, { once: true });
    script.addEventListener("error", () => resolve(), { once: true });
    if (loadedOnce) loadedOnce.replaceWith(script);
    else document.body.appendChild(script);
  });
}

/** Before the page's choice questions are mounted: the script's storage, then the script. */
export function prepare(quizzes, helpers, again) {
  h = helpers;
  writePageStorage(quizzes);
  quizzes.forEach((quiz) => mine.add(quiz));
  return runScript(again);
}

/* The script writes a question's feedback when it is answered and when it restores the page:
   each time, our notes go in front of it, from the question's record. */
export function mount(quiz, helpers) {
  h = helpers;
  mine.add(quiz);
  const feedback = quiz.querySelector(".quiz-feedback");
  if (!feedback) return;
  const apply = () => {
    if (feedback.classList.contains("hidden") || feedback.querySelector(".quizbank-note") || !feedback.firstChild) return;
    h.noted(quiz);
  };
  new MutationObserver(apply).observe(feedback, { childList: true });
  apply();
}

/* The script's "Try Again": the record forgets the answer, and the focus stays in the question
   (on its first option, once the script's own handler has hidden the button). */
document.addEventListener(
  "click",
  (event) => {
    const button = event.target && event.target.closest ? event.target.closest(".quiz-reset-button") : null;
    const quiz = button ? button.closest(".quiz[data-fp]") : null;
    if (!quiz || !mine.has(quiz) || !h) return;
    h.retried(quiz);
    window.setTimeout(() => {
      const start = first(quiz);
      if (start) start.focus();
    }, 0);
  },
  true,
);
