/*
 * The progress page (docs/progress.md, built by hooks/quizbank/progress.py): the student's own
 * results for every part, the review round, and the file that carries everything to another
 * browser. Loaded on that page only. The rules live in results.js (statuses, schedule),
 * review.js (the round) and transfer.js (the file); this module reads storage and writes the page.
 */

import { answersMarkdown } from "./answers.js";
import { parseDraft } from "./drafts.js";
import { adoptLearnerId, downloadFile, el, learnerId, onEveryPage, quizbank, siteStore } from "./env.js";
import { askIfOlder, refreshKeep } from "./keep-page.js";
import { downloadProgress as downloadProgressFile, noteRestored } from "./keep-store.js";
import { byIdea, lastAnswered, serve, shownVariants } from "./pools.js";
import { countAnswered, parseResults, standing, status, toReview } from "./results.js";
import { answeredIn, finished, newRound, parseRound, roundFor, tally } from "./review.js";
import { compare, merge, readProgressFile } from "./transfer.js";
import { countWords, limitState, words } from "./words.js";

const STATUS = { none: "Not tried", first: "Right first time", later: "Right after a retry or with hints", wrong: "Not yet right" };
const CONFIDENCE = { sure: "Sure", unsure: "Think so", guess: "Guessing" };
const ANSWERS_FILE = "fine-tuning-assignment-answers.md";

let page = null; // {root, manifest, pool} of the progress page on screen

/* ── Reading storage ───────────────────────────────────────────────────────────────────────── */
function read() {
  const store = siteStore();
  const results = parseResults(store.readJSON(store.key("results")));
  const drafts = {};
  for (const { key, task } of store.keysOf("draft")) {
    const draft = parseDraft(store.readJSON(key));
    if (draft) drafts[task] = draft;
  }
  return { results: results.questions, drafts, round: parseRound(store.readJSON(store.key("review"))) };
}

function notice(text, kind, action) {
  const box = page.root.querySelector(".quizbank-progress-notices");
  const note = el("p", { class: `quizbank-notice ${kind || ""}`, role: "alert" }, [text]);
  if (action) note.append(" ", action);
  box.replaceChildren(note);
}

function say(text) {
  const status = page.root.querySelector(".quizbank-progress-status");
  status.textContent = "";
  window.setTimeout(() => (status.textContent = text), 50);
}

/* ── The parts: counts, bars, statuses, drafts ─────────────────────────────────────────────── */
function render(state) {
  const { manifest, root } = page;
  const now = Date.now();
  for (const part of manifest.parts) {
    const section = root.querySelector(`.quizbank-part[data-part="${CSS.escape(part.url)}"]`);
    if (!section) continue;
    const ideas = byIdea(manifest, state.results); // a pool counts once, whichever variant was answered
    const { answered, right } = countAnswered(
      part.questions.map((id) => ({ id, ...manifest.questions[id] })),
      ideas,
    );
    let review = 0;
    for (const id of part.questions) {
      const question = manifest.questions[id];
      const row = section.querySelector(`tr[data-question="${CSS.escape(id)}"]`);
      let record = ideas[id] || null;
      const stale = record && standing(record, question) === "stale";
      if (stale) record = null;
      const s = status(record);
      if (record && toReview(record, now)) review += 1;
      if (!row) continue;
      nameIdea(row, question, state.results);
      row.setAttribute("data-status", stale ? "changed" : s);
      row.querySelector(".status").textContent = stale ? "Changed since you answered: try it again" : STATUS[s];
      row.querySelector(".confidence").textContent = record && record.confidence ? CONFIDENCE[record.confidence] : "—";
    }
    const total = part.questions.length;
    const summary = section.querySelector(".quizbank-part-summary");
    summary.textContent = total
      ? `${answered} of ${total} self-checks answered · ${right} right · ${review} to review`
      : "No self-checks in this part.";
    const bar = section.querySelector(".quizbank-part-bar");
    bar.querySelector(".right").style.width = total ? `${(100 * right) / total}%` : "0";
    bar.querySelector(".review").style.width = total ? `${(100 * (answered - right)) / total}%` : "0";
    for (const key of part.tasks) {
      const task = manifest.tasks.find((t) => t.key === key);
      const line = section.querySelector(`.quizbank-task[data-task="${CSS.escape(key)}"] .words`);
      if (task && line) line.textContent = draftSummary(task, state.drafts[key]);
    }
  }
  renderElsewhere(state);
}

/* A pool's row is named by the variant the chapter shows this learner (pools.js `shownVariants`),
   not by the first variant, which they may never see. Its link (to the first variant) lands on it. */
function nameIdea(row, question, results) {
  const pool = question.pool && page.manifest.pools ? page.manifest.pools[question.pool] : null;
  const link = row.querySelector("td a");
  if (!pool || !link) return;
  const last = lastAnswered(page.manifest, results, pool);
  const [shown] = shownVariants(learnerId() || "", question.pool, pool.variants, pool.draw, last);
  const entry = page.manifest.questions[shown];
  if (entry && link.textContent !== entry.title) link.textContent = entry.title;
}

function draftSummary(task, draft) {
  const fields = draft ? draft.fields : {};
  const n = task.fields.reduce((sum, f) => sum + countWords(fields[f.id] || ""), 0);
  if (!n) return "no draft yet";
  const state = limitState(n, task.min, task.max);
  const limit = task.min !== null && task.max !== null ? `${task.min}–${task.max}` : task.min !== null ? `at least ${task.min}` : `at most ${task.max}`;
  if (state === "none") return words(n);
  return `${words(n)}, ${state === "within" ? "within" : state === "under" ? "under" : "over"} the limit (${limit})`;
}

/* Results and drafts for questions and tasks the site no longer has: listed, never counted. */
function renderElsewhere(state) {
  const { manifest, root } = page;
  const box = root.querySelector(".quizbank-elsewhere");
  const gone = Object.keys(state.results).filter((id) => !(id in manifest.questions) && state.results[id].attempts > 0);
  const goneDrafts = Object.keys(state.drafts).filter(
    (key) => !manifest.tasks.some((t) => t.key === key) && Object.values(state.drafts[key].fields).some((t) => t.trim()),
  );
  box.replaceChildren();
  if (!gone.length && !goneDrafts.length) return;
  box.append(el("h2", { text: "No longer on the site" }));
  box.append(el("p", { text: "Your instructor removed or renamed these since you worked on them. They do not count in the parts above; your drafts are in “Download my answers”." }));
  const list = el("ul");
  for (const id of gone.sort()) list.append(el("li", { text: `Self-check ${id}: ${STATUS[status(state.results[id])].toLowerCase()}` }));
  for (const key of goneDrafts.sort()) {
    const text = Object.values(state.drafts[key].fields).join("\n\n").trim();
    list.append(el("li", {}, [`Draft for ${key} (${words(countWords(text))}): `, el("span", { class: "quizbank-kept-text", text })]));
  }
  box.append(list);
}

/* ── The review round ──────────────────────────────────────────────────────────────────────── */
function items() {
  return [...page.root.querySelectorAll(".quizbank-review-item")];
}

/* The round's questions are a file of their own (hooks/review_pool.py), fetched the first time a
   round needs them and started like a chapter's (quizbank/selfcheck.js). Resolves to whether they
   are on the page; a failed fetch can be tried again. A file the server no longer has belongs to
   an older deploy than the one online (`page.poolGone`): only a reload brings the current one. */
function loadPool() {
  const current = page;
  const stage = current.root.querySelector(".quizbank-review-stage");
  if (!stage || !stage.hasAttribute("data-review-pool")) return Promise.resolve(items().length > 0); // built with the page
  if (!current.pool) {
    const url = new URL(stage.getAttribute("data-review-pool"), window.location.href);
    // Only a file of this site (the hook writes a relative address beside the page).
    const own = url.origin === window.location.origin ? url : null;
    current.pool = (own ? window.fetch(own, { credentials: "same-origin" }) : Promise.reject(new Error("not this site")))
      .then((response) => {
        if (response.ok) return response.text();
        if (response.status === 404 || response.status === 410) current.poolGone = true;
        return Promise.reject(new Error(String(response.status)));
      })
      .then((html) => {
        // The site's own build output, from its own origin: markup, never anything a student wrote.
        const template = document.createElement("template");
        template.innerHTML = html;
        if (!template.content.querySelector(".quizbank-review-item .quiz")) throw new Error("no questions in the file");
        if (current !== page || !stage.isConnected) return false; // the student has left the page
        stage.removeAttribute("data-review-pool");
        stage.replaceChildren(template.content);
        return typeof quizbank.startAdded === "function" ? quizbank.startAdded().then(() => true) : true;
      })
      .catch(() => {
        current.pool = null;
        return false;
      });
  }
  return current.pool;
}

function poolMissing() {
  if (page.poolGone) {
    // Redeployed since this page was opened (and no offline copy of its version answers): the
    // questions of this page's version are gone, and the current ones belong to a newer page.
    notice(
      "The course was updated since you opened this page, so this page's review questions are no longer online. Reload the page to start a review round.",
      "error",
      button("Reload", () => window.location.reload()),
    );
    return;
  }
  notice("The review questions could not be loaded: this page was probably opened offline before it was ever saved for offline use. Connect to the internet and try again.", "error");
}

function saveRound(round) {
  const store = siteStore();
  if (round) store.writeJSON(store.key("review"), round);
  else store.remove(store.key("review"));
}

function button(text, onClick) {
  const b = el("button", { type: "button", class: "md-button quizbank-button", text });
  b.addEventListener("click", onClick);
  return b;
}

function renderReview(state) {
  const { manifest, root } = page;
  const status = root.querySelector(".quizbank-review-status");
  const actions = root.querySelector(".quizbank-review-actions");
  const round = state.round && state.round.ids.every((id) => id in manifest.questions) ? state.round : null;
  items().forEach((item) => (item.hidden = true));
  actions.replaceChildren();
  if (round && !finished(round)) {
    const id = round.ids[round.index];
    const question = manifest.questions[id];
    const part = manifest.parts.find((p) => p.url === question.page);
    status.textContent = `Question ${round.index + 1} of ${round.ids.length}${part ? `, from ${part.title}` : ""}.`;
    const item = root.querySelector(`.quizbank-review-item[data-question="${CSS.escape(id)}"]`);
    if (item) item.hidden = false;
    else if (!items().length) {
      // Resumed (a reload in the middle of a round): the questions arrive, then the round is shown again.
      status.textContent += " Loading the question…";
      const current = page;
      loadPool().then((ok) => {
        if (current !== page) return;
        if (ok) refresh();
        else poolMissing();
      });
    }
    const answered = typeof round.answered[id] === "boolean";
    actions.append(
      button(round.index + 1 < round.ids.length ? "Next question" : "Finish the round", () => step(1)),
      button("Stop the round", () => stop()),
    );
    actions.firstChild.disabled = !answered;
    actions.firstChild.title = answered ? "" : "Answer the question first";
    return;
  }
  // A missed idea of a pool comes back as another of its variants.
  const due = roundFor(manifest, byIdea(manifest, state.results), Date.now()).map((id) => serve(learnerId() || "", manifest, state.results, id));
  if (round && finished(round)) {
    const t = tally(round);
    status.textContent = `Round finished: ${t.right} of ${t.total} right.` + (due.length ? ` ${due.length} ${due.length === 1 ? "question stays" : "questions stay"} to review.` : " Nothing is left to review for now.");
  } else {
    status.textContent = due.length
      ? `${due.length} ${due.length === 1 ? "question is" : "questions are"} ready to review.`
      : "Nothing to review right now: every question you have answered is right, and none is due yet.";
  }
  if (due.length) actions.append(button(`Start a review round (${due.length} ${due.length === 1 ? "question" : "questions"})`, (event) => start(due, event.currentTarget)));
}

async function start(ids, startButton) {
  // Busy while the questions load (the first round of a visit fetches them): it keeps the focus.
  if (startButton.hasAttribute("aria-busy")) return;
  startButton.setAttribute("aria-busy", "true");
  startButton.setAttribute("aria-disabled", "true");
  const current = page;
  const ok = await loadPool();
  if (current !== page) return;
  startButton.removeAttribute("aria-busy");
  startButton.removeAttribute("aria-disabled");
  if (!ok) {
    poolMissing();
    return;
  }
  try {
    saveRound(newRound(ids, Date.now()));
  } catch (e) {
    notice("Your review round cannot be kept in this browser (storage is full or disabled): it would be lost if you left the page.", "error");
    return;
  }
  refresh();
  focusQuestion();
}

function step(by) {
  const state = read();
  if (!state.round) return;
  saveRound({ ...state.round, index: state.round.index + by });
  refresh();
  if (finished({ ...state.round, index: state.round.index + by })) page.root.querySelector(".quizbank-review-status").focus();
  else focusQuestion();
}

function stop() {
  saveRound(null);
  refresh();
  page.root.querySelector(".quizbank-review-status").focus();
}

function focusQuestion() {
  const item = items().find((i) => !i.hidden);
  const quiz = item && item.querySelector(".quiz");
  if (!quiz) return;
  quiz.setAttribute("tabindex", "-1");
  quiz.focus();
}

/* An answer given in the round: it counts for the round, and the "Next question" button wakes. */
function answeredHere(event) {
  if (!page || !event.detail || !event.detail.record) return;
  const state = read();
  if (state.round && !finished(state.round) && state.round.ids[state.round.index] === event.detail.id && event.detail.record.attempts > 0) {
    const round = answeredIn(state.round, event.detail.id, event.detail.record.correct);
    try {
      saveRound(round);
    } catch (e) {
      // the notice in the question says answers are not being saved
    }
  }
  refresh();
}

/* ── Carrying work: the progress file, and the answers as Markdown ─────────────────────────── */
function renderTransfer() {
  const { root } = page;
  const actions = root.querySelector(".quizbank-transfer-actions");
  const input = el("input", { type: "file", accept: "application/json,.json", id: "quizbank-restore-file", class: "quizbank-file" });
  input.addEventListener("change", () => {
    const file = input.files && input.files[0];
    if (file) file.text().then(restoreFrom, () => notice("That file could not be read.", "error"));
    input.value = "";
  });
  actions.replaceChildren(
    button("Download my progress", downloadProgress),
    button("Download my answers (Markdown)", downloadAnswers),
    el("label", { for: "quizbank-restore-file", class: "md-button quizbank-button" }, ["Restore from a file…"]),
    input,
  );
}

/* The file is named after the course and the date, and what it held is remembered (keep-store.js). */
function downloadProgress() {
  let name;
  try {
    name = downloadProgressFile();
  } catch (e) {
    notice("This browser's storage is disabled or unavailable, so there is nothing to download.", "error");
    return;
  }
  say("Your progress was saved as " + name + ".");
}

function downloadAnswers() {
  const state = read();
  downloadFile(ANSWERS_FILE, answersMarkdown(page.manifest.tasks, state.drafts, new Date().toISOString().slice(0, 10)), "text/markdown;charset=utf-8");
}

function describe(item) {
  const manifest = page.manifest;
  if (item.kind === "result") {
    const q = manifest.questions[item.key];
    return q ? `Self-check: ${q.title}` : `Self-check ${item.key} (no longer on the site)`;
  }
  const task = manifest.tasks.find((t) => t.key === item.key);
  return task ? `Draft: ${task.title}` : `Draft for ${item.key} (no longer on the site)`;
}

function when(ms) {
  return ms ? new Date(ms).toLocaleString() : "unknown";
}

function restoreFrom(text) {
  const box = page.root.querySelector(".quizbank-restore");
  box.replaceChildren();
  const read1 = readProgressFile(text);
  if (!read1.ok) {
    notice(read1.message + " Nothing in this browser was changed.", "error");
    return;
  }
  const file = read1.data;
  let state;
  try {
    state = read();
  } catch (e) {
    notice("This browser's storage is disabled, so nothing can be restored into it.", "error");
    return;
  }
  const changes = compare(file, state);
  if (!changes.length) {
    notice("This file holds nothing that this browser does not already have.", "info");
    return;
  }
  // A file older than this browser's work: asked first (keep-page.js), then compared entry by entry.
  if (askIfOlder(box, file, state, () => offerChoices(box, file, state, changes), () => say("Nothing was restored."))) return;
  offerChoices(box, file, state, changes);
}

function offerChoices(box, file, state, changes) {
  const form = el("form", { class: "quizbank-restore-form" });
  form.append(el("h3", { text: "What restoring this file will change" }));
  const adds = changes.filter((c) => c.change === "add");
  const differs = changes.filter((c) => c.change === "differs");
  if (adds.length) {
    form.append(el("p", { text: `${adds.length} ${adds.length === 1 ? "entry" : "entries"} from the file will be added:` }));
    form.append(el("ul", {}, adds.map((c) => el("li", { text: describe(c) }))));
  }
  differs.forEach((c, i) => {
    const name = `quizbank-choice-${i}`;
    const fileTime = (c.kind === "result" ? file.results : file.drafts)[c.key].updated;
    const hereTime = (c.kind === "result" ? state.results : state.drafts)[c.key].updated;
    const fieldset = el("fieldset", { class: "quizbank-choice", "data-choice": `${c.kind}:${c.key}` }, [
      el("legend", { text: `${describe(c)}: the file and this browser differ. Keep:` }),
    ]);
    for (const [value, label] of [
      ["file", `the file's (saved ${when(fileTime)})`],
      ["browser", `this browser's (saved ${when(hereTime)})`],
    ]) {
      const id = `${name}-${value}`;
      fieldset.append(el("span", {}, [el("input", { type: "radio", name, id, value, checked: c.newer === value }), el("label", { for: id, text: ` ${label}${c.newer === value ? ", the newer" : ""}` })]));
    }
    form.append(fieldset);
  });
  form.append(el("p", {}, [el("button", { type: "submit", class: "md-button md-button--primary quizbank-button", text: "Restore" }), " ", el("button", { type: "button", class: "md-button quizbank-button quizbank-cancel", text: "Cancel" })]));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const choices = {};
    form.querySelectorAll("fieldset[data-choice]").forEach((fs) => {
      const chosen = fs.querySelector("input:checked");
      choices[fs.getAttribute("data-choice")] = chosen ? chosen.value : "file";
    });
    apply(file, choices);
  });
  form.querySelector(".quizbank-cancel").addEventListener("click", () => {
    box.replaceChildren();
    say("Nothing was restored.");
  });
  box.append(form);
  form.querySelector("h3").setAttribute("tabindex", "-1");
  form.querySelector("h3").focus();
}

function apply(file, choices) {
  const store = siteStore();
  try {
    const state = read();
    const merged = merge(file, state, choices);
    store.writeJSON(store.key("results"), { v: 2, questions: merged.results });
    for (const [task, draft] of Object.entries(merged.drafts)) {
      if (state.drafts[task] !== draft) store.writeJSON(store.key("draft", task), draft);
    }
    adoptLearnerId(file.learner); // pools then draw here as they did where the file was saved
    noteRestored(file); // the student holds this file: "last downloaded" counts from it
  } catch (e) {
    notice("Restoring failed: this browser's storage is full or disabled. Some entries may not have been restored.", "error");
    return;
  }
  page.root.querySelector(".quizbank-restore").replaceChildren();
  notice("Restored. The chapters show the restored answers and drafts when you open them.", "info");
  document.dispatchEvent(new CustomEvent("quizbank:results", { detail: {} }));
  refresh();
}

/* ── The page ──────────────────────────────────────────────────────────────────────────────── */
function refresh() {
  if (!page || !page.root.isConnected) return;
  let state;
  try {
    state = read();
  } catch (e) {
    notice("This browser's storage is disabled or unavailable, so your results cannot be read or kept here. Your answers on the chapters are not being saved either.", "error");
    return;
  }
  render(state);
  renderReview(state);
  refreshKeep(page.root);
}

function mount() {
  const root = document.querySelector(".quizbank-progress[data-manifest]");
  if (!root) {
    page = null;
    quizbank.progressReady = false;
    return;
  }
  if (page && page.root === root) return;
  let manifest;
  try {
    manifest = JSON.parse(root.getAttribute("data-manifest"));
  } catch (e) {
    return;
  }
  page = { root, manifest };
  root.querySelector(".quizbank-review-status").setAttribute("tabindex", "-1");
  renderTransfer();
  refresh();
  quizbank.progressReady = true; // the page shows this browser's results (read by tests)
}

document.addEventListener("quizbank:results", answeredHere);
window.addEventListener("storage", () => refresh());
onEveryPage(mount);
