/*
 * Self-checks in the page: what every question type shares. Each type has a view of its own
 * (types/<view>-view.js, bundled as bundles/types/<view>.js and loaded only on a page that has such
 * a question; types/index.js lists them), which knows its controls; this module
 * - keeps the course's one store of results (results.js), re-marking a saved answer whose key
 *   changed and importing the first site version's answers, before any view shows one;
 * - loads the views the page needs, hands each the helpers it needs (a view imports nothing but
 *   its own pure module), and mounts every question;
 * - takes every submit: a refusal (nothing chosen, half an answer), the mark (marking.js, the same
 *   rule every count and the class report use), the record, the feedback and its spoken result;
 * - adds what every type has: hints revealed one at a time, "how sure are you?" used in the
 *   feedback, "Try again" with the focus kept in the question, and a visible notice when an answer
 *   cannot be saved.
 * Choice questions keep mkdocs-quiz's own script (choice-view.js drives it: DEVELOPERS.md, the
 * contract with mkdocs-quiz): their view is `native`, their submit goes on to that script, which
 * shows the result.
 */

import { el, learnerId, onEveryPage, quizbank, siteScope, siteStore } from "./env.js";
import { TYPES, fits, mark } from "./marking.js";
import "./pagecount.js";
import "./pools-ui.js";
import { drawOrder } from "./pools.js";
import { questionOf } from "./quiz-dom.js";
import { answered, cleared, emptyResults, hintsShown, marked, parseResults, standing } from "./results.js";

const V1_PAGE_PREFIX = "quiz_progress_"; // mkdocs-quiz's per-page storage, where the first site version saved answers
const V1_PRINTS_PREFIX = "quizbank_fingerprints_"; // the first site version's fingerprints per page
const TEXT = {
  notSaved: "Your answer could not be saved in this browser (storage is full or disabled): it will be gone when you leave this page.",
  unavailable: "This question's script could not be loaded (you may be offline): reload the page to answer it.",
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
const clean = (text) => String(text || "").replace(/\s+/g, " ").trim();

/** The mark of `values` for this question: {correct, credit}, or nothing right when its key cannot be read. */
function markOf(q, values) {
  return mark(q.type, values, q.grade) || { correct: false, credit: 0 };
}

/* ── The views: loaded once each, when a page first needs one ──────────────────────────────── */
const loading = new Map(); // view name -> Promise of its module (null if it could not be loaded)
const loaded = new Map(); // view name -> its module, once here
const mounted = new WeakMap(); // quiz element -> its view

function loadView(name) {
  if (!loading.has(name)) {
    // The bundle beside this one (bundles/types/<name>.js): fetched once, cached offline like any file of the site.
    loading.set(
      name,
      import(new URL(`types/${name}.js`, import.meta.url).href).then(
        (view) => (loaded.set(name, view), view),
        () => (loading.delete(name), null), // tried again on the next page
      ),
    );
  }
  return loading.get(name);
}

const viewName = (quiz) => (TYPES[quiz.getAttribute("data-quiz-kind")] || {}).view || null;

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

function recordOf(id) {
  try {
    return readResults(siteStore()).questions[id] || null;
  } catch (e) {
    return null;
  }
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

/** The record a question shows as it starts: its saved one, unless reworded since, asked anew in a review round, or touched already. */
function shownRecord(quiz) {
  const q = questionOf(quiz);
  let record = marked(recordOf(q.id), q); // marked again already, unless storage refused the write
  if (record && standing(record, q) === "stale") return null; // reworded since: it starts afresh
  if (record && (!shownInReview(quiz, q.id) || touched(quiz))) record = { ...record, answer: [], confidence: null };
  return record;
}

/* Before any view starts: an answer the first site version saved is imported, and a saved answer
   whose key changed since is marked again, against the new key, by the rule every count uses
   (results.js `marked`), a cleared answer ("Try again") too. */
function prepareRecords(quizzes) {
  const path = window.location.pathname;
  try {
    const store = siteStore();
    const valid = (v) => (v && typeof v === "object" && !Array.isArray(v) ? v : {});
    const legacy = valid(store.readJSON(V1_PAGE_PREFIX + path));
    const prints = valid(store.readJSON(V1_PRINTS_PREFIX + path));
    const results = readResults(store);
    let changed = results.damaged > 0;
    for (const quiz of quizzes) {
      const q = questionOf(quiz);
      let record = results.questions[q.id] || null;
      if (!record) {
        record = imported(q, legacy[quiz.id], prints[quiz.id]);
        if (record) {
          results.questions[q.id] = record;
          changed = true;
        }
      }
      if (record && standing(record, q) === "rekeyed") {
        results.questions[q.id] = marked(record, q);
        changed = true;
      }
    }
    if (changed) store.writeJSON(store.key("results"), { v: results.v, questions: results.questions });
    store.remove(V1_PRINTS_PREFIX + path);
  } catch (e) {
    // Storage unavailable: every question starts empty; answering shows the notice.
  }
}

/* An answer the first site version saved in mkdocs-quiz's storage, if it is intact and still belongs here. */
function imported(q, entry, print) {
  if (!entry || typeof entry !== "object" || entry.answered !== true || !Array.isArray(entry.selectedValues)) return null;
  const values = entry.selectedValues.filter((v) => typeof v === "string");
  if (!values.length || values.length !== entry.selectedValues.length) return null;
  if (typeof print === "string" && ![q.fp, q.fp1].filter(Boolean).includes(print)) return null; // reworded since
  if (!fits(q.type, values, q.grade)) return null;
  return answered(null, q, { values, correct: markOf(q, values).correct, confidence: null, hintsOpen: 0 }, Date.now());
}

/* ── Notes in a question's feedback, the spoken result and the storage notice ──────────────── */
/** Our notes go first in the feedback (mkdocs-quiz rewrites the feedback on every answer). */
function annotate(quiz, notes) {
  const feedback = quiz.querySelector(".quiz-feedback");
  if (!feedback) return;
  feedback.querySelectorAll(".quizbank-note").forEach((n) => n.remove());
  const text = notes.filter(Boolean).join(" ");
  if (text) feedback.prepend(el("p", { class: "quizbank-note", text }));
}

/** The notes that open a question's feedback: confidence against the mark, then the view's own (how far a partly right answer got). */
function notesFor(quiz, view, values, correct, confidence) {
  const own = view.notes ? view.notes(quiz, values, questionOf(quiz).grade) : [];
  return [confidenceNote(confidence, correct), ...own];
}

function showNotSaved(quiz) {
  const form = quiz.querySelector("form");
  if (!form || form.querySelector(".quizbank-not-saved")) return;
  form.prepend(el("p", { class: "quizbank-not-saved", role: "alert", text: TEXT.notSaved }));
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

function clearConfidence(quiz) {
  quiz.querySelectorAll('input[name="confidence"]').forEach((input) => (input.checked = false));
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

/** "Try again": the answer is cleared from the record (what the student achieved is kept), and the confidence with it. */
function forget(quiz) {
  clearConfidence(quiz);
  const q = questionOf(quiz);
  try {
    updateRecord(q.id, (previous) => cleared(previous, Date.now()));
  } catch (e) {
    showNotSaved(quiz);
  }
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

/* ── The feedback of a question this module marks (every view but a native one) ─────────────── */
function showHere(quiz, view, values, { focus, confidence }) {
  const { correct, content } = view.show(quiz, values, questionOf(quiz).grade);
  const feedback = quiz.querySelector(".quiz-feedback");
  feedback.replaceChildren(
    el("div", { class: `quiz-feedback-item ${correct ? "correct" : "incorrect"}` }, [el("div", { class: "quiz-feedback-item-content" }, content)]),
  );
  feedback.classList.remove("hidden");
  annotate(quiz, notesFor(quiz, view, values, correct, confidence));
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

/* Not an answer: say why in the feedback, and record nothing. */
function refuse(quiz, text) {
  const feedback = quiz.querySelector(".quiz-feedback");
  feedback.classList.remove("hidden");
  feedback.replaceChildren(el("p", { class: "quizbank-note", text }));
  announce(text);
}

function submitted(event, quiz, view) {
  // A native view's own script (mkdocs-quiz) shows the result of an answer: only a refusal stops the event.
  const stop = () => {
    event.preventDefault();
    event.stopPropagation();
  };
  if (!view.native) stop();
  const empty = view.empty ? view.empty(quiz) : "";
  if (empty) {
    stop();
    refuse(quiz, empty);
    return;
  }
  // Half an answer is no answer either: nothing is marked, saved or revealed.
  const missing = view.incomplete ? view.incomplete(quiz) : null;
  if (missing) {
    stop();
    refuse(quiz, missing.message);
    if (missing.focus) missing.focus.focus();
    return;
  }
  const values = view.values(quiz);
  if (view.native) {
    const { correct } = markOf(questionOf(quiz), values);
    record(quiz, values, correct);
    // Its handler (on the form) runs after this capturing one and writes the feedback; the view's
    // observer puts our notes in front of it.
    window.setTimeout(() => announce(resultMessage(quiz, correct)), 0);
    return;
  }
  const correct = showHere(quiz, view, values, { focus: true, confidence: confidenceOf(quiz) });
  record(quiz, values, correct);
  announce(resultMessage(quiz, correct));
}

function retry(quiz, view) {
  view.clear(quiz);
  const feedback = quiz.querySelector(".quiz-feedback");
  feedback.classList.add("hidden");
  feedback.replaceChildren();
  const section = quiz.querySelector("section.content");
  if (section) section.classList.add("hidden");
  retryButton(quiz).classList.add("hidden");
  forget(quiz);
  const start = view.first(quiz);
  if (start) start.focus();
}

/* The answer changed after it was marked: the feedback spoke of the answer no longer shown. */
function answerChanged(quiz) {
  const feedback = quiz.querySelector(".quiz-feedback");
  if (!feedback || feedback.classList.contains("hidden")) return;
  feedback.classList.add("hidden");
  feedback.replaceChildren();
}

/* ── What a view is given (it imports nothing but its own pure module) ─────────────────────── */
const helpers = {
  el,
  announce,
  /** The answer changed after it was marked. */
  changed: answerChanged,
  /** The question's record as saved (marked against the current key), or null. */
  saved: (quiz) => marked(recordOf(questionOf(quiz).id), questionOf(quiz)),
  /** The record the question starts with (null: it starts empty). */
  shown: shownRecord,
  /** Asked anew: a review round's question not yet answered in this round. */
  redraw: (quiz) => !shownInReview(quiz, questionOf(quiz).id),
  /** This learner's stable order of `ids` for `key` (pools.js): what they are shown. */
  drawOrder: (key, ids) => drawOrder(learnerId() || "", key, ids),
  mark: (quiz, values) => markOf(questionOf(quiz), values),
  /** A native view's result was shown by its own script: our notes in front of it, from the record. */
  noted(quiz) {
    const view = mounted.get(quiz);
    const saved = recordOf(questionOf(quiz).id);
    if (!view || !saved || !saved.answer.length) return;
    annotate(quiz, notesFor(quiz, view, saved.answer, markOf(questionOf(quiz), saved.answer).correct, saved.confidence));
  },
  /** A native view's own "Try again" was pressed. */
  retried: forget,
  store: siteStore,
  scope: siteScope,
  /** The questions of this page (mkdocs-quiz's script starts them all). */
  quizzes: ours,
  viewOf: (quiz) => mounted.get(quiz) || null,
};

/* ── Events, bound once for every page ─────────────────────────────────────────────────────── */
// Capture phase: mkdocs-quiz's handlers sit on each form and stop the event there.
document.addEventListener(
  "submit",
  (event) => {
    const quiz = event.target && event.target.closest ? event.target.closest(".quiz[data-fp]") : null;
    if (!quiz) return;
    const view = mounted.get(quiz);
    if (view) submitted(event, quiz, view);
    else {
      // Its view is not here (still loading, or could not be loaded): nothing is marked or saved.
      event.preventDefault();
      event.stopPropagation();
    }
  },
  true,
);

document.addEventListener(
  "click",
  (event) => {
    const button = event.target && event.target.closest ? event.target.closest(".quizbank-retry, .quiz-hint-button") : null;
    const quiz = button ? button.closest(".quiz[data-fp]") : null;
    if (!quiz || !mounted.has(quiz)) return;
    if (button.classList.contains("quiz-hint-button")) nextHint(quiz);
    else retry(quiz, mounted.get(quiz));
  },
  true,
);

/* ── Each question, once: its hints, its confidence, its view ──────────────────────────────── */
function mountQuiz(quiz, view) {
  const record = shownRecord(quiz);
  showHints(quiz, record ? Math.min(record.hints, hintItems(quiz).length) : 0);
  if (record && record.answer.length && record.confidence) {
    const chosen = quiz.querySelector(`input[name="confidence"][value="${record.confidence}"]`);
    if (chosen) chosen.checked = true;
  }
  mounted.set(quiz, view);
  view.mount(quiz, helpers);
  if (view.native) return; // its own script shows a saved answer (choice-view.js `prepare`)
  retryButton(quiz);
  const q = questionOf(quiz);
  if (record && record.answer.length && fits(q.type, record.answer, q.grade)) {
    showHere(quiz, view, record.answer, { focus: false, confidence: record.confidence });
  }
}

/* A question whose view could not be loaded stays as it is without JavaScript, and says why. */
function unavailable(quizzes) {
  for (const quiz of quizzes) {
    const form = quiz.querySelector("form");
    if (form && !form.querySelector(".quizbank-unavailable")) form.prepend(el("p", { class: "quizbank-not-saved quizbank-unavailable", role: "alert", text: TEXT.unavailable }));
  }
}

/* A view's questions: prepared together (a native view starts its script), then mounted one by one. */
function begin(view, quizzes, again) {
  const prepared = view.prepare ? view.prepare(quizzes, helpers, again) : null;
  for (const quiz of quizzes) mountQuiz(quiz, view);
  return prepared;
}

/**
 * Start the questions on the page not started yet: records first, then each type's view (the ones
 * already here at once, so a native view prepares its script's storage before that script restarts
 * on a new page), the others once loaded. Resolves when every question can be answered.
 */
function start(again) {
  ensureAnnouncer();
  const quizzes = ours().filter((quiz) => !quiz.hasAttribute("data-quizbank"));
  if (!quizzes.length) return null;
  quizzes.forEach((quiz) => quiz.setAttribute("data-quizbank", ""));
  prepareRecords(quizzes);
  const groups = new Map();
  for (const quiz of quizzes) {
    const name = viewName(quiz);
    if (!name) continue; // a type this script does not know: it stays as it is without JavaScript
    if (!groups.has(name)) groups.set(name, []);
    groups.get(name).push(quiz);
  }
  // A view not here yet on a later page: what the student does is held again until it is (the loader).
  if (quizbank.quizReady && [...groups.keys()].some((name) => !loaded.has(name))) quizbank.quizReady = false;
  const waits = [];
  for (const [name, list] of groups) {
    if (loaded.has(name)) waits.push(begin(loaded.get(name), list, again));
    else waits.push(loadView(name).then((view) => (view ? begin(view, list, again) : unavailable(list))));
  }
  return Promise.all(waits);
}

/* The loader in overrides/main.html holds what a student does before the questions can take it
   (quizReady) and carries it out once they can, in order. */
function ready() {
  quizbank.quizReady = true; // also read by tests
  if (typeof quizbank.afterQuizReady === "function") quizbank.afterQuizReady();
}

/** Start what is not started yet, and say so once every question can be answered. */
function startAll(again) {
  const started = start(again);
  return started ? started.then(ready) : Promise.resolve();
}

/** Quizzes added to the page after it was started (the review round's, fetched by
    quizbank/progress.js, through site.js): prepared like a page's own, then started (a native view
    runs its script again, which starts every quiz on the page: only for a page whose quizzes all
    arrive at once). A view they need that was not here held the student's input again: it is
    taken once the view is (ready). */
export function startAdded() {
  return startAll(true);
}

// The page's questions, and each page instant navigation brings in.
onEveryPage(() => startAll(false));
