/*
 * Self-checks in the page, on top of mkdocs-quiz's own script (see DEVELOPERS.md: the
 * contract with mkdocs-quiz). mkdocs-quiz grades choice questions, shows their feedback and
 * restores them from its per-page storage; this module
 * - keeps the course's one store of results (results.js) and, before mkdocs-quiz starts on a
 *   page, writes its per-page storage from that store, so both always agree;
 * - grades fill-in-the-blanks itself (alternatives, numbers, tolerances; never through innerHTML);
 * - adds what mkdocs-quiz lacks: hints revealed one at a time, "how sure are you?" used in the
 *   feedback, a note on partly right answers, keyboard focus kept in the question after
 *   "Try again", a spoken result, and a visible notice when an answer cannot be saved.
 */

import { describeAccepted, matches, parseAccepted } from "./blanks.js";
import { el, onEveryPage, quizbank, siteScope, siteStore } from "./env.js";
import { markAnswer } from "./marking.js";
import * as matching from "./matching-ui.js";
import * as ordering from "./ordering-ui.js";
import { gradeOf, questionOf } from "./quiz-dom.js";
import { answered, cleared, emptyResults, hintsShown, marked, pageEntry, parseResults, standing } from "./results.js";

/* Types this module grades itself, each through its own module (like blanks, mkdocs-quiz never sees them). */
const GRADED_HERE = { ordering, matching };
const gradedHere = (quiz) => GRADED_HERE[quiz.getAttribute("data-quiz-kind")] || null;

const PAGE_KEY_PREFIX = "quiz_progress_"; // mkdocs-quiz's per-page storage: quiz_progress_<path>
const V1_PRINTS_PREFIX = "quizbank_fingerprints_"; // the first site version's fingerprints per page
const TEXT = {
  chooseFirst: "Choose an answer first.",
  choosePrompts: "Choose an answer for every prompt.",
  notSaved: "Your answer could not be saved in this browser (storage is full or disabled): it will be gone when you leave this page.",
  right: "Correct.",
  wrong: "Incorrect.",
  tryAgain: "Try Again",
};

/** What a student said about how sure they were, set against the mark. */
function confidenceNote(confidence, correct) {
  if (confidence === "sure") return correct ? "You were sure, and you were right." : "You were sure, and this is not right: read why below.";
  if (confidence === "unsure") return correct ? "You thought so, and you were right: the explanation below says why." : "You thought so, but this is not right: read why below.";
  if (confidence === "guess") return correct ? "Right, but you were guessing: this question will come back in your review." : "You were guessing, and this is not right: read why below.";
  return "";
}

const ours = () => [...document.querySelectorAll(".quiz[data-qid][data-bank][data-fp]")];
/* The student typed, chose or ticked something in this question before this module was ready
   (the inline loader in overrides/main.html marks it): what they did stands, and a saved answer
   is not painted over it (the saved record is kept, and counts, until they answer again). */
const touched = (quiz) => Boolean(quiz.querySelector("[data-quizbank-typed]"));
const optionsOf = (quiz) => [...quiz.querySelectorAll('input[name="answer"]')];
const blanksOf = (quiz) => [...quiz.querySelectorAll("input.quiz-blank-input")];

/** mkdocs-quiz's rule: every right option and nothing else (marking.js, as every count marks). */
function markChoice(quiz, values) {
  return markAnswer(questionOf(quiz).kind, gradeOf(quiz), values) === true;
}

function markBlanks(quiz, texts) {
  return markAnswer("fill-blank", gradeOf(quiz), texts) === true;
}

/* ── The store of results ──────────────────────────────────────────────────────────────────── */
function readResults(store) {
  const raw = store.readJSON(store.key("results"));
  if (raw === undefined) {
    // Unreadable as a whole: keep the text aside rather than overwrite it, and start afresh.
    store.set(store.key("damaged", String(Date.now())), store.get(store.key("results")));
    store.writeJSON(store.key("results"), emptyResults());
    return emptyResults();
  }
  return parseResults(raw);
}

/** Change one question's record (read, change, write: another tab may have changed others). */
function updateRecord(id, change) {
  const store = siteStore();
  const results = readResults(store);
  const next = change(results.questions[id] || null);
  if (next) results.questions[id] = next;
  else delete results.questions[id];
  store.writeJSON(store.key("results"), { v: results.v, questions: results.questions });
  // The progress page and the navigation counts follow.
  document.dispatchEvent(new CustomEvent("quizbank:results", { detail: { id, record: next } }));
  return next;
}

/* On the progress page, the review round's questions start unanswered: only an answer given in
   the current round is shown again (after a reload, say). */
function shownInReview(quiz, id) {
  if (!quiz.closest(".quizbank-review-item")) return true;
  try {
    const round = siteStore().readJSON(siteStore().key("review"));
    return Boolean(round && round.answered && typeof round.answered[id] === "boolean");
  } catch (e) {
    return false;
  }
}

function recordOf(id) {
  try {
    return readResults(siteStore()).questions[id] || null;
  } catch (e) {
    return null;
  }
}

/* ── Before mkdocs-quiz starts on a page: its storage, from the course's results ───────────── */
function valid(list) {
  return list && typeof list === "object" && !Array.isArray(list) ? list : {};
}

function beforeQuizzes() {
  const quizzes = ours();
  if (!quizzes.length) return;
  const path = window.location.pathname;
  try {
    const store = siteStore();
    const pageKey = PAGE_KEY_PREFIX + path;
    const legacy = valid(store.readJSON(pageKey));
    const prints = valid(store.readJSON(V1_PRINTS_PREFIX + path));
    const results = readResults(store);
    let changed = results.damaged > 0;
    const now = Date.now();
    const derived = {};
    // Answers mkdocs-quiz saved that are not ours to judge (a quiz written inline in a chapter): kept.
    for (const [id, entry] of Object.entries(legacy)) {
      if (!document.getElementById(id) || document.getElementById(id).hasAttribute("data-fp")) continue;
      if (entry && typeof entry.answered === "boolean" && typeof entry.correct === "boolean" && Array.isArray(entry.selectedValues)) derived[id] = entry;
    }
    for (const quiz of quizzes) {
      const q = questionOf(quiz);
      let record = results.questions[q.id] || null;
      if (!record) {
        record = imported(quiz, q, legacy[quiz.id], prints[quiz.id], now);
        if (record) {
          results.questions[q.id] = record;
          changed = true;
        }
      }
      if (record && standing(record, q) === "rekeyed") {
        // The answer key changed since: the saved answer is marked again, against the new key, by
        // the rule every count uses (results.js `marked`), a cleared answer ("Try again") too.
        record = marked(record, q);
        results.questions[q.id] = record;
        changed = true;
      }
      if (!record || standing(record, q) === "stale" || !record.answer.length || !shownInReview(quiz, q.id)) continue;
      if (q.blank || gradedHere(quiz) || touched(quiz)) continue; // mkdocs-quiz never sees these: this module shows them
      const known = optionsOf(quiz).map((i) => i.value);
      if (record.answer.every((v) => known.includes(v))) derived[quiz.id] = pageEntry(record, markChoice(quiz, record.answer));
    }
    if (changed) store.writeJSON(store.key("results"), { v: results.v, questions: results.questions });
    store.writeJSON(pageKey, derived);
    store.remove(V1_PRINTS_PREFIX + path);
  } catch (e) {
    // Storage unavailable: mkdocs-quiz starts empty; answering shows the notice.
  }
}

/* An answer the first site version saved in mkdocs-quiz's storage, if it is intact and still belongs here. */
function imported(quiz, q, entry, print, now) {
  if (!entry || typeof entry !== "object" || entry.answered !== true || !Array.isArray(entry.selectedValues)) return null;
  const values = entry.selectedValues.filter((v) => typeof v === "string");
  if (!values.length || values.length !== entry.selectedValues.length) return null;
  const fingerprints = [q.fp, q.fp1].filter(Boolean);
  if (typeof print === "string" && !fingerprints.includes(print)) return null; // reworded since
  if (q.blank) {
    if (values.length !== blanksOf(quiz).length) return null;
  } else {
    const known = optionsOf(quiz).map((i) => i.value);
    if (!values.every((v) => known.includes(v))) return null;
  }
  const correct = q.blank ? markBlanks(quiz, values) : markChoice(quiz, values);
  return answered(null, q, { values, correct, confidence: null, hintsOpen: 0 }, now);
}

/* ── Notes in a question's feedback, the spoken result and the storage notice ──────────────── */
function partialNote(quiz, values) {
  const right = optionsOf(quiz).filter((i) => i.hasAttribute("data-correct")).map((i) => i.value);
  const found = values.filter((v) => right.includes(v)).length;
  const extra = values.length - found;
  if (quiz.getAttribute("data-quiz-kind") !== "multiple" || (found === right.length && !extra)) return "";
  const wrong = extra ? `, and ${extra} ${extra === 1 ? "option that is" : "options that are"} not right` : "";
  return `You chose ${found} of the ${right.length} right options${wrong}.`;
}

/** Our notes go first in the feedback (mkdocs-quiz rewrites the feedback on every answer). */
function annotate(quiz, notes) {
  const feedback = quiz.querySelector(".quiz-feedback");
  if (!feedback) return;
  feedback.querySelectorAll(".quizbank-note").forEach((n) => n.remove());
  const text = notes.filter(Boolean).join(" ");
  if (text) feedback.prepend(el("p", { class: "quizbank-note", text }));
}

function showNotSaved(quiz) {
  const form = quiz.querySelector("form");
  if (!form || form.querySelector(".quizbank-not-saved")) return;
  form.prepend(el("p", { class: "quizbank-not-saved", role: "alert", text: TEXT.notSaved }));
}

function clean(text) {
  return String(text || "").replace(/\s+/g, " ").trim();
}

/** The result in words: the verdict, our note, then the feedback's own text. */
function resultMessage(quiz, correct) {
  const feedback = quiz.querySelector(".quiz-feedback");
  if (!feedback || feedback.classList.contains("hidden")) return "";
  const parts = [];
  const items = feedback.querySelectorAll(".quiz-feedback-item");
  for (const item of items.length ? items : [feedback]) {
    const badge = item.querySelector(".quiz-feedback-badge");
    const content = item.querySelector(".quiz-feedback-item-content") || item;
    parts.push((badge ? clean(badge.getAttribute("title") || badge.textContent) + ": " : "") + clean(content.textContent));
  }
  const note = feedback.querySelector(".quizbank-note");
  return [correct ? TEXT.right : TEXT.wrong, note ? clean(note.textContent) : "", ...parts].filter(Boolean).join(" ");
}

let pending = 0;
function announce(message) {
  const region = document.getElementById("quiz-announcer");
  if (!region || !message) return;
  // Empty first, then fill: the same message twice in a row is still read the second time.
  region.textContent = "";
  window.clearTimeout(pending);
  pending = window.setTimeout(() => (region.textContent = message), 100);
}

function ensureAnnouncer() {
  if (document.getElementById("quiz-announcer")) return;
  // Created empty, long before anything is written to it: screen readers only announce changes
  // to a live region they already know about.
  document.body.appendChild(el("div", { id: "quiz-announcer", class: "sr-only", role: "status", "aria-live": "polite", "aria-atomic": "true" }));
}

function confidenceOf(quiz) {
  const chosen = quiz.querySelector('input[name="confidence"]:checked');
  return chosen ? chosen.value : null;
}

const hintItems = (quiz) => [...quiz.querySelectorAll(".quiz-hints-list > li")];
const hintsOpen = (quiz) => hintItems(quiz).filter((li) => !li.hidden).length;

function record(quiz, values, correct) {
  const q = questionOf(quiz);
  const answer = { values, correct, confidence: confidenceOf(quiz), hintsOpen: hintsOpen(quiz) };
  try {
    updateRecord(q.id, (previous) => answered(previous, q, answer, Date.now()));
    quiz.querySelectorAll(".quizbank-not-saved").forEach((n) => n.remove());
  } catch (e) {
    showNotSaved(quiz);
  }
}

/** The notes that open a question's feedback: confidence against the mark, and how far a partly right answer got. */
function notesFor(quiz, values, correct, confidence) {
  return [confidenceNote(confidence, correct), quiz.getAttribute("data-quiz-kind") === "multiple" ? partialNote(quiz, values) : ""];
}

/* ── Hints: one at a time, on request ──────────────────────────────────────────────────────── */
function showHints(quiz, count) {
  const items = hintItems(quiz);
  const button = quiz.querySelector(".quiz-hint-button");
  items.forEach((li, i) => (li.hidden = i >= count));
  // The list itself is hidden while it shows nothing: never an empty list to a screen reader.
  const list = quiz.querySelector(".quiz-hints-list");
  if (list) list.hidden = count === 0;
  if (!button) return;
  button.hidden = count >= items.length;
  button.textContent = `Show a hint (${Math.min(count + 1, items.length)} of ${items.length})`;
}

function nextHint(quiz) {
  const items = hintItems(quiz);
  const count = Math.min(hintsOpen(quiz) + 1, items.length);
  showHints(quiz, count);
  const shown = items[count - 1];
  announce(`Hint ${count} of ${items.length}: ${clean(shown.textContent)}`);
  if (count >= items.length) {
    // The button is gone: the focus goes to the hint it revealed.
    shown.setAttribute("tabindex", "-1");
    shown.focus();
  }
  const q = questionOf(quiz);
  try {
    updateRecord(q.id, (previous) => hintsShown(previous, q, count, Date.now()));
  } catch (e) {
    showNotSaved(quiz);
  }
}

/* ── Choice questions: mkdocs-quiz grades and shows; we record, annotate and announce ──────── */
function submittedChoice(event, quiz) {
  const values = optionsOf(quiz).filter((i) => i.checked).map((i) => i.value);
  if (!values.length) {
    // Nothing chosen is not an answer: say so, and keep mkdocs-quiz from marking it wrong.
    event.preventDefault();
    event.stopPropagation();
    refuse(quiz, TEXT.chooseFirst);
    return;
  }
  const correct = markChoice(quiz, values);
  record(quiz, values, correct);
  // mkdocs-quiz's own handler (on the form) runs after this capturing one and writes the
  // feedback; the observer set up in mount() puts our notes in front of it.
  window.setTimeout(() => announce(resultMessage(quiz, correct)), 0);
}

/* mkdocs-quiz writes a choice question's feedback when it is answered and when it restores the
   page: each time, our notes go in front of it, from the question's record. */
function watchFeedback(quiz) {
  const feedback = quiz.querySelector(".quiz-feedback");
  if (!feedback) return;
  const apply = () => {
    if (feedback.classList.contains("hidden") || feedback.querySelector(".quizbank-note") || !feedback.firstChild) return;
    const record = recordOf(questionOf(quiz).id);
    if (!record || !record.answer.length) return;
    annotate(quiz, notesFor(quiz, record.answer, markChoice(quiz, record.answer), record.confidence));
  };
  new MutationObserver(apply).observe(feedback, { childList: true });
  apply();
}

/* ── Blanks: graded here, with the student's text only ever set as text ────────────────────── */
function showBlanks(quiz, texts, { focus, confidence }) {
  const blanks = blanksOf(quiz);
  const feedback = quiz.querySelector(".quiz-feedback");
  const results = blanks.map((input, i) => matches(parseAccepted(input.getAttribute("data-accept")), texts[i] ?? ""));
  const correct = results.every(Boolean);
  blanks.forEach((input, i) => {
    input.value = texts[i] ?? "";
    input.classList.toggle("correct", results[i]);
    input.classList.toggle("wrong", !results[i]);
  });
  const content = el("div", { class: "quiz-feedback-item-content" });
  if (correct) content.append(el("p", { text: "Correct answer!" }));
  else {
    content.append(el("p", { text: "Not quite. The accepted answers:" }));
    const list = el("ul");
    blanks.forEach((input, i) => {
      if (results[i]) return;
      const given = clean(texts[i]) || "(empty)";
      list.append(el("li", {}, [el("del", { text: given }), ` → ${describeAccepted(parseAccepted(input.getAttribute("data-accept")))}`]));
    });
    content.append(list);
  }
  feedback.replaceChildren(el("div", { class: `quiz-feedback-item ${correct ? "correct" : "incorrect"}` }, [content]));
  return revealed(quiz, feedback, correct, { focus, confidence });
}

/* A question our script marks: its feedback, explanation and Try Again shown, the focus moved if asked. */
function revealed(quiz, feedback, correct, { focus, confidence }) {
  feedback.classList.remove("hidden");
  annotate(quiz, [confidenceNote(confidence, correct)]);
  const section = quiz.querySelector("section.content");
  if (section) section.classList.remove("hidden");
  retryButton(quiz).classList.remove("hidden");
  if (focus) {
    feedback.setAttribute("tabindex", "-1");
    feedback.focus();
  }
  return correct;
}

function retryButton(quiz) {
  let button = quiz.querySelector(".quizbank-retry");
  if (!button) {
    button = el("button", { type: "button", class: "quiz-button quizbank-retry hidden", text: TEXT.tryAgain });
    quiz.querySelector('form button[type="submit"]').insertAdjacentElement("afterend", button);
  }
  return button;
}

function submittedBlanks(event, quiz) {
  // mkdocs-quiz would write the student's text into the page as HTML: it never sees a blank.
  event.preventDefault();
  event.stopPropagation();
  const texts = blanksOf(quiz).map((input) => input.value);
  const correct = showBlanks(quiz, texts, { focus: true, confidence: confidenceOf(quiz) });
  record(quiz, texts, correct);
  announce(resultMessage(quiz, correct));
}

function retryBlanks(quiz) {
  blanksOf(quiz).forEach((input) => {
    input.value = "";
    input.classList.remove("correct", "wrong");
  });
  quiz.querySelector(".quiz-feedback").classList.add("hidden");
  quiz.querySelector(".quiz-feedback").replaceChildren();
  const section = quiz.querySelector("section.content");
  if (section) section.classList.add("hidden");
  retryButton(quiz).classList.add("hidden");
  clearConfidence(quiz);
  forget(quiz);
  blanksOf(quiz)[0].focus();
}

/* ── Ordering and matching: graded here, each type's module marks its items ───────────────── */
function showHere(quiz, type, values, { focus, confidence }) {
  const { correct, content } = type.show(quiz, values);
  const feedback = quiz.querySelector(".quiz-feedback");
  feedback.replaceChildren(
    el("div", { class: `quiz-feedback-item ${correct ? "correct" : "incorrect"}` }, [el("div", { class: "quiz-feedback-item-content" }, content)]),
  );
  return revealed(quiz, feedback, correct, { focus, confidence });
}

/* Not an answer: say why in the feedback, and record nothing. */
function refuse(quiz, text) {
  const feedback = quiz.querySelector(".quiz-feedback");
  feedback.classList.remove("hidden");
  feedback.replaceChildren(el("p", { class: "quizbank-note", text }));
  announce(text);
}

function submittedHere(event, quiz, type) {
  event.preventDefault();
  event.stopPropagation();
  if (type.empty && type.empty(quiz)) {
    refuse(quiz, TEXT.chooseFirst);
    return;
  }
  // Half an answer is no answer either: nothing is marked, saved or revealed.
  const missing = type.incomplete ? type.incomplete(quiz) : null;
  if (missing) {
    refuse(quiz, TEXT.choosePrompts);
    missing.focus();
    return;
  }
  const values = type.values(quiz);
  const correct = showHere(quiz, type, values, { focus: true, confidence: confidenceOf(quiz) });
  record(quiz, values, correct);
  announce(resultMessage(quiz, correct));
}

function retryHere(quiz, type) {
  type.clear(quiz);
  quiz.querySelector(".quiz-feedback").classList.add("hidden");
  quiz.querySelector(".quiz-feedback").replaceChildren();
  const section = quiz.querySelector("section.content");
  if (section) section.classList.add("hidden");
  retryButton(quiz).classList.add("hidden");
  clearConfidence(quiz);
  forget(quiz);
  const start = type.first(quiz);
  if (start) start.focus();
}

/* The answer changed after it was marked: the feedback spoke of the answer no longer shown. */
function answerChanged(quiz) {
  const feedback = quiz.querySelector(".quiz-feedback");
  if (!feedback || feedback.classList.contains("hidden")) return;
  feedback.classList.add("hidden");
  feedback.replaceChildren();
}

function mountHere(quiz, type, record) {
  type.mount(quiz, announce, () => answerChanged(quiz));
  retryButton(quiz);
  if (record && record.answer.length && type.fits(quiz, record.answer)) {
    showHere(quiz, type, record.answer, { focus: false, confidence: record.confidence });
  }
}

function clearConfidence(quiz) {
  quiz.querySelectorAll('input[name="confidence"]').forEach((input) => (input.checked = false));
}

function forget(quiz) {
  const q = questionOf(quiz);
  try {
    updateRecord(q.id, (previous) => cleared(previous, Date.now()));
  } catch (e) {
    showNotSaved(quiz);
  }
}

/* ── Events, bound once for every page ─────────────────────────────────────────────────────── */
// Capture phase: mkdocs-quiz's handlers sit on each form and stop the event there.
document.addEventListener(
  "submit",
  (event) => {
    const quiz = event.target && event.target.closest ? event.target.closest(".quiz[data-fp]") : null;
    if (!quiz) return;
    if (gradedHere(quiz)) submittedHere(event, quiz, gradedHere(quiz));
    else if (quiz.getAttribute("data-quiz-kind") === "fill-blank") submittedBlanks(event, quiz);
    else submittedChoice(event, quiz);
  },
  true,
);

document.addEventListener(
  "click",
  (event) => {
    const button = event.target && event.target.closest ? event.target.closest(".quiz-reset-button, .quizbank-retry, .quiz-hint-button") : null;
    const quiz = button ? button.closest(".quiz[data-fp]") : null;
    if (!quiz) return;
    if (button.classList.contains("quiz-hint-button")) {
      nextHint(quiz);
      return;
    }
    if (button.classList.contains("quizbank-retry")) {
      if (gradedHere(quiz)) retryHere(quiz, gradedHere(quiz));
      else retryBlanks(quiz);
      return;
    }
    clearConfidence(quiz);
    forget(quiz);
    // After mkdocs-quiz's own handler has hidden the button: keep the focus in the question.
    window.setTimeout(() => {
      const first = optionsOf(quiz)[0];
      if (first) first.focus();
    }, 0);
  },
  true,
);

/* One "Try Again" per question. mkdocs-quiz adds one each time it starts a page, and on the first
   page it starts twice (at once, then again as it subscribes to Material's document$), leaving a
   dead copy behind the live one (its newer button comes first in the form). A blank, an ordering
   and a matching question have ours only: mkdocs-quiz never grades them, so its button there would
   do nothing right. */
function oneRetryButton() {
  for (const quiz of ours()) {
    const theirs = [...quiz.querySelectorAll(".quiz-reset-button")];
    theirs.slice(questionOf(quiz).blank || gradedHere(quiz) ? 0 : 1).forEach((button) => button.remove());
  }
}

/* ── mkdocs-quiz's script: loaded once, after this module has prepared the page's saved answers ── */
const QUIZ_SCRIPT = "script[data-quizbank-mkdocs-quiz]";
let afterEachPage = null; // our subscription to document$, kept behind mkdocs-quiz's own

/* mkdocs-quiz starts every quiz on the page as its script runs, and subscribes to later pages.
   Resolves once it has run (or could not be loaded: the questions then stay unanswerable, as
   without JavaScript). `again`: run it once more, for quizzes added to a page it has started. */
function runQuizScript(again) {
  return new Promise((resolve) => {
    const ready = () => {
      oneRetryButton();
      // Re-subscribed after mkdocs-quiz's newest subscription: runs after it has started each later page.
      if (afterEachPage) afterEachPage.unsubscribe();
      if (window.document$ && typeof window.document$.subscribe === "function") afterEachPage = window.document$.subscribe(() => oneRetryButton());
      quizbank.quizReady = true; // also read by the loader in overrides/main.html, and by tests
      if (typeof quizbank.afterQuizReady === "function") quizbank.afterQuizReady();
      resolve();
    };
    const first = document.querySelector(QUIZ_SCRIPT);
    if (first && !again) return resolve();
    // Served as a cached file by hooks/quiz_assets.py: run again, it is not downloaded again.
    const script = el("script", {
      src: new URL("assets/javascripts/mkdocs-quiz/quiz.js", new URL(siteScope(), window.location.href)).href,
      fetchpriority: "low",
      "data-quizbank-mkdocs-quiz": true,
    });
    script.addEventListener("load", ready, { once: true });
    script.addEventListener("error", () => resolve(), { once: true });
    if (first) first.replaceWith(script);
    else document.body.appendChild(script);
  });
}

/* ── Each page ─────────────────────────────────────────────────────────────────────────────── */
function mountEach() {
  for (const quiz of ours()) {
    if (quiz.hasAttribute("data-quizbank")) continue;
    quiz.setAttribute("data-quizbank", "");
    const q = questionOf(quiz);
    let record = marked(recordOf(q.id), q); // marked again already, unless storage refused the write
    if (record && standing(record, q) === "stale") record = null; // reworded since: it starts afresh
    if (record && (!shownInReview(quiz, q.id) || touched(quiz))) record = { ...record, answer: [], confidence: null };
    showHints(quiz, record ? Math.min(record.hints, hintItems(quiz).length) : 0);
    if (record && record.answer.length && record.confidence) {
      const chosen = quiz.querySelector(`input[name="confidence"][value="${record.confidence}"]`);
      if (chosen) chosen.checked = true;
    }
    if (gradedHere(quiz)) {
      mountHere(quiz, gradedHere(quiz), record);
      continue;
    }
    if (!q.blank) {
      watchFeedback(quiz);
      continue;
    }
    retryButton(quiz);
    if (record && record.answer.length) showBlanks(quiz, record.answer, { focus: false, confidence: record.confidence });
  }
}

function mount() {
  ensureAnnouncer();
  if (!ours().length) return;
  beforeQuizzes();
  runQuizScript(false);
  mountEach();
}

/** Quizzes added to the page after it was started (the review round's, fetched by
    quizbank/progress.js): prepared like a page's own, then started by mkdocs-quiz's script, run
    again. Only for a page whose quizzes all arrive at once: that run starts every quiz on it. */
function startAdded() {
  ensureAnnouncer();
  if (!ours().length) return Promise.resolve();
  beforeQuizzes();
  mountEach();
  return runQuizScript(true);
}

quizbank.beforeQuizzes = beforeQuizzes;
quizbank.startAdded = startAdded;
onEveryPage(mount);
