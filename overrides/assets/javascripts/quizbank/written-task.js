/*
 * Written tasks in the page: the answer boxes hooks/quizbank/written_task.py renders
 * (`<div class="written-task" data-task="bank#id">`).
 *
 * - a live word count per box (and a total for multi-box tasks) against the limits, announced to
 *   screen readers only when its state changes;
 * - autosave, restore on load and after instant navigation; the saved draft always wins over text
 *   the browser restores into a box from its history;
 * - two (or more) tabs never silently overwrite each other's newer text (drafts.js decides), and a
 *   storage failure is shown to the student, never swallowed;
 * - rubric ticks are saved by item, "Download my answers" and "Clear this answer";
 * - text the page no longer asks for (a renamed task or box) stays visible and in the download.
 *
 * Nothing typed leaves the browser: no module of this site sends anything anywhere.
 */

import { answersMarkdown } from "./answers.js";
import { isEmpty, missedChange, parseDraft, planRemote, planSave, recordFor, sameOnPage } from "./drafts.js";
import { TAB, downloadFile, el, isOurStorage, onEveryPage, quizbank, siteStore } from "./env.js";
import { migrateV1Drafts } from "./migrations.js";
import "./keep-box.js"; // the reminder to download the progress file
import { countWords, describeCount, words } from "./words.js";

const SAVE_DELAY = 300; // ms after the last keystroke
const ANNOUNCE_DELAY = 800; // ms: announce a state change once the student pauses
export const FILENAME = "fine-tuning-assignment-answers.md";
const TEXT = {
  storageError:
    "Your answer could not be saved in this browser (storage is full or disabled). Copy your text somewhere safe.",
  privacy: "Your drafts are saved in this browser only; nothing you type is sent anywhere.",
  changed: "This answer was changed in another tab.",
  cleared: "This answer was cleared in another tab.",
  backup: "Another tab was closed with a different version of this answer.",
  useOther: "Use the other tab's text",
  keepMine: "Keep this tab's text",
  download: "Download my answers",
  clear: "Clear this answer",
};

function num(value) {
  return value === undefined || value === null || value === "" ? null : Number(value);
}

// A box's label without its "(at least 5 words)" part, which the count already says.
function labelText(div) {
  const label = div.querySelector("label");
  if (!label) return "";
  const copy = label.cloneNode(true);
  copy.querySelectorAll(".written-task-limits").forEach((n) => n.remove());
  return copy.textContent.replace(/\s+/g, " ").trim();
}

function button(label, onClick) {
  const b = el("button", { type: "button", class: "written-task-button", text: label });
  b.addEventListener("click", onClick);
  return b;
}

/* ── The course's written tasks (the manifest the build writes on pages with answer boxes) ────── */
let manifestCache = null;

function manifest() {
  // A data attribute, not an inline <script>: instant navigation re-creates inline scripts as code.
  const node = document.getElementById("written-task-manifest");
  if (node) {
    try {
      const tasks = JSON.parse(node.getAttribute("data-tasks") || "null");
      if (Array.isArray(tasks)) manifestCache = tasks;
    } catch (e) {
      // keep the last manifest read on this site
    }
  }
  return manifestCache;
}

/* ── One written task on the page ──────────────────────────────────────────────────────────── */
const live = []; // written tasks of the current page
const bound = new WeakSet(); // elements already driven: mounting twice is a no-op

class WrittenTask {
  constructor(root) {
    this.root = root;
    this.task = root.getAttribute("data-task");
    this.store = siteStore();
    this.draftKey = this.store.key("draft", this.task);
    this.title = root.getAttribute("data-title") || this.task;
    this.min = num(root.getAttribute("data-min"));
    this.max = num(root.getAttribute("data-max"));
    this.base = 0; // `updated` of the record this tab last loaded or saved
    this.dirty = false; // edits not saved yet
    this.conflict = null; // {kind: "changed" | "cleared" | "backup", other: record | null, tab?}
    this.kept = {}; // saved text of boxes the page no longer shows: kept, shown, never dropped
    this.keptTicks = {}; // ticks of rubric items the page no longer shows
    this.saveTimer = 0;
    this.announceTimer = 0;

    const divs = [...root.querySelectorAll(".written-task-field")].filter((div) => div.querySelector("textarea"));
    const single = divs.length === 1 && !root.querySelector(".written-task-total");
    this.fields = divs.map((div) => {
      const textarea = div.querySelector("textarea");
      const mirror = el("div", { class: "written-task-print", "aria-hidden": "true" });
      textarea.insertAdjacentElement("afterend", mirror);
      return {
        id: div.getAttribute("data-field") || textarea.name,
        div,
        textarea,
        mirror,
        shown: textarea.value, // what this script last put in the box or saw typed
        count: div.querySelector(".written-task-count"),
        // A single answer box carries the task's limits on the task itself.
        min: single ? this.min : num(div.getAttribute("data-min")),
        max: single ? this.max : num(div.getAttribute("data-max")),
        label: labelText(div),
      };
    });
    this.fieldIds = this.fields.map((f) => f.id);
    this.rubric = [...root.querySelectorAll("input[type=checkbox][data-rubric]")];
    this.rubricKeys = this.rubric.map((box) => box.getAttribute("data-rubric"));

    // What is counted and shown: each box, and the total of a multi-box task.
    this.counters = this.fields.map((f) => ({ el: f.count, holder: f.div, fields: [f], min: f.min, max: f.max, name: single ? this.title : f.label }));
    let total = root.querySelector(".written-task-total");
    if (!total && divs.length > 1) {
      // A multi-box task without overall limits gets a plain total too (no state to announce).
      total = el("p", { class: "written-task-count written-task-total" });
      divs[divs.length - 1].insertAdjacentElement("afterend", total);
    }
    if (total) this.counters.push({ el: total, holder: total, fields: this.fields, min: this.min, max: this.max, name: this.title + ", total", prefix: "Total: " });

    this.status = root.querySelector(".written-task-status") || root.appendChild(el("p", { class: "written-task-status", role: "status" }));
    this.buildControls();
    this.bindEvents();
    this.restore();
  }

  buildControls() {
    // Notices (storage failure, conflicts) go above the first answer box, where they are seen.
    this.alerts = el("div", { class: "written-task-alerts" });
    this.root.insertBefore(this.alerts, this.root.querySelector(".written-task-field"));
    this.keptBox = el("div", { class: "written-task-kept", hidden: true });
    (this.root.querySelector(".written-task-total") || this.fields[this.fields.length - 1].div).insertAdjacentElement("afterend", this.keptBox);
    this.saved = el("span", { class: "written-task-saved" });
    const actions = el("div", { class: "written-task-actions" }, [button(TEXT.download, () => downloadAnswers()), button(TEXT.clear, () => this.clear())]);
    const note = el("p", { class: "written-task-note" }, [TEXT.privacy + " ", this.saved]);
    this.root.insertBefore(actions, this.status);
    this.root.insertBefore(note, this.status);
    this.root.setAttribute("data-ready", "");
  }

  bindEvents() {
    this.root.addEventListener("input", (e) => {
      if (e.target.tagName !== "TEXTAREA") return;
      const field = this.fields.find((f) => f.textarea === e.target);
      if (field) field.shown = field.textarea.value;
      this.edited(false);
    });
    this.root.addEventListener("change", (e) => {
      if (e.target.hasAttribute && e.target.hasAttribute("data-rubric")) this.edited(true);
    });
    // Leaving a box (including clicking a link to another page) saves at once.
    this.root.addEventListener("focusout", (e) => {
      if (e.target.tagName === "TEXTAREA") this.save();
    });
  }

  read() {
    return parseDraft(this.store.readJSON(this.draftKey));
  }

  restore() {
    // Typed before this script was ready (the inline loader marks such a box): the student's newest
    // words. They are kept, after the saved draft that arrives now: neither is lost.
    const early = this.fields.filter((f) => f.textarea.hasAttribute("data-quizbank-typed")).map((f) => [f, f.textarea.value]);
    let rec = null;
    let backups = [];
    try {
      rec = this.read();
      backups = this.backups();
    } catch (e) {
      this.showStorageError();
    }
    this.loaded();
    if (rec) {
      this.apply(rec);
      this.base = rec.updated;
      const typed = early.filter(([f, text]) => text.trim() && text !== f.textarea.value);
      for (const [f, text] of typed) {
        const saved = f.textarea.value;
        const both = saved.trim() ? `${saved}\n\n${text}` : text;
        f.textarea.value = both;
        f.shown = both;
        if (document.activeElement === f.textarea) f.textarea.setSelectionRange(both.length, both.length);
      }
      if (typed.length) {
        this.dirty = true;
        this.refresh(true);
        this.save();
      }
    } else {
      this.refresh(true);
    }
    if (!rec && !isEmpty(this.snapshot())) {
      this.dirty = true; // text the browser put in the boxes and nothing saved: keep it
      this.save();
    }
    this.offerBackups(backups);
  }

  /* The saved draft is in place: the inline loader's "Loading your saved draft…" goes. */
  loaded() {
    const note = this.root.querySelector(".written-task-loading");
    if (!note) return;
    if (this.status.textContent === note.textContent) this.status.textContent = "";
    note.remove();
    this.fields.forEach((f) => f.textarea.removeAttribute("aria-busy"));
  }

  /* Text that appeared in a box without the student typing it (the browser restoring a history
     entry's form): the saved draft is newer than anything the history holds, so it wins. */
  guardAgainstRestoredText() {
    const changed = this.fields.some((f) => f.textarea.value !== f.shown);
    if (!changed) return;
    let rec = null;
    try {
      rec = this.read();
    } catch (e) {
      this.showStorageError();
      return;
    }
    if (rec) {
      this.apply(rec);
      this.base = rec.updated;
      this.dirty = false;
    } else {
      this.fields.forEach((f) => (f.shown = f.textarea.value));
      this.dirty = true;
      this.save();
    }
  }

  backups() {
    const out = [];
    for (const { key, task, tab } of this.store.keysOf("backup")) {
      if (task !== this.task) continue;
      const rec = parseDraft(this.store.readJSON(key));
      if (rec) out.push({ key, tab, rec });
    }
    return out.sort((a, b) => a.rec.updated - b.rec.updated);
  }

  // The tab's current text and ticks, with what the page does not show kept as it was saved.
  snapshot() {
    const fields = { ...this.kept };
    const rubric = { ...this.keptTicks };
    this.fields.forEach((f) => (fields[f.id] = f.textarea.value));
    this.rubric.forEach((box) => {
      const key = box.getAttribute("data-rubric");
      if (box.checked) rubric[key] = true;
      else delete rubric[key];
    });
    return { fields, rubric };
  }

  same(rec) {
    return sameOnPage(this.snapshot(), rec, this.fieldIds, this.rubricKeys);
  }

  apply(rec) {
    const fields = rec ? rec.fields : {};
    const ticks = rec ? rec.rubric : {};
    this.kept = {};
    for (const [id, text] of Object.entries(fields)) if (!this.fieldIds.includes(id)) this.kept[id] = text;
    this.keptTicks = {};
    for (const key of Object.keys(ticks)) if (!this.rubricKeys.includes(key)) this.keptTicks[key] = true;
    for (const f of this.fields) {
      const text = fields[f.id] || "";
      f.shown = text;
      if (f.textarea.value === text) continue;
      const focused = document.activeElement === f.textarea;
      const start = f.textarea.selectionStart;
      const end = f.textarea.selectionEnd;
      f.textarea.value = text;
      if (focused) f.textarea.setSelectionRange(Math.min(start, text.length), Math.min(end, text.length));
    }
    this.rubric.forEach((box) => (box.checked = Boolean(ticks[box.getAttribute("data-rubric")])));
    this.showKept();
    // Text that arrives from storage re-baselines the announced states: not the student's typing.
    this.refresh(true);
  }

  /* Saved text of boxes this task no longer has (renamed or removed in the bank): shown, not lost. */
  showKept() {
    const entries = Object.entries(this.kept).filter(([, text]) => text.trim());
    this.keptBox.replaceChildren();
    this.keptBox.hidden = !entries.length;
    if (!entries.length) return;
    this.keptBox.append(
      el("p", { class: "written-task-kept-note", text: "You wrote this for a part of the task that is no longer asked for (it was renamed or removed). It stays here and in your download." }),
      ...entries.map(([id, text]) => el("div", { class: "written-task-kept-text" }, [el("strong", { text: id + ": " }), el("span", { text })])),
    );
  }

  /* Counts: the visible text is not a live region (it would speak on every keystroke); a state
     change is announced once, through the task's role=status, after a pause. */
  refresh(silently) {
    this.fields.forEach((f) => (f.mirror.textContent = f.textarea.value));
    for (const c of this.counters) {
      const n = c.fields.reduce((sum, f) => sum + countWords(f.textarea.value), 0);
      const d = describeCount(n, c.min, c.max);
      c.state = d.state;
      c.text = d.text;
      if (c.el) {
        c.el.textContent = (c.prefix || "") + d.text;
        c.el.setAttribute("data-state", d.state);
      }
      if (c.holder) c.holder.setAttribute("data-state", d.state);
      if (silently) c.announced = d.state;
    }
    if (!silently) {
      clearTimeout(this.announceTimer);
      this.announceTimer = setTimeout(() => this.announceChanges(), ANNOUNCE_DELAY);
    }
  }

  announceChanges() {
    const changed = this.counters.filter((c) => c.state !== "none" && c.state !== c.announced);
    this.counters.forEach((c) => (c.announced = c.state));
    if (changed.length) this.announce(changed.map((c) => `${c.name}: ${c.text}.`).join(" "));
  }

  announce(message) {
    const status = this.status;
    if (status.textContent === message) {
      // The same words again would not be spoken: empty the region first.
      status.textContent = "";
      setTimeout(() => (status.textContent = message), 100);
    } else {
      status.textContent = message;
    }
  }

  edited(now) {
    this.dirty = true;
    this.refresh(false);
    clearTimeout(this.saveTimer);
    if (now) this.save();
    else this.saveTimer = setTimeout(() => this.save(), SAVE_DELAY);
  }

  waiting() {
    return Boolean(this.conflict && this.conflict.kind !== "backup");
  }

  /* Save this tab's text, unless another tab saved newer text since this tab last loaded or saved
     (a missed storage event, e.g. a frozen background tab): then ask instead. */
  save(force) {
    clearTimeout(this.saveTimer);
    try {
      const stored = this.read();
      const plan = planSave({ dirty: this.dirty, base: this.base, waiting: this.waiting(), force: Boolean(force) }, stored, this.same(stored), TAB);
      if (plan === "none") return true;
      if (plan === "wait") return false;
      if (plan === "adopt") {
        this.base = stored.updated;
        this.dirty = false;
        return true;
      }
      if (plan === "conflict") {
        this.raiseConflict("changed", stored);
        return false;
      }
      const rec = recordFor(this.snapshot(), { base: this.base, stored, tab: TAB, now: Date.now() });
      this.store.writeJSON(this.draftKey, rec);
      this.base = rec.updated;
      this.dirty = false;
      this.hideStorageError();
      this.saved.textContent = "Last saved at " + new Date(rec.updated).toLocaleTimeString() + ".";
      document.dispatchEvent(new CustomEvent("quizbank:draft-saved", { detail: { task: this.task } })); // keep-ui.js
      return true;
    } catch (e) {
      this.showStorageError();
      return false;
    }
  }

  /* Another tab saved (rec) or cleared (rec = null) this answer. */
  remoteChange(rec) {
    const plan = planRemote({ dirty: this.dirty, base: this.base, waiting: this.waiting() }, rec, this.same(rec));
    if (plan === "ignore") return;
    if (plan === "sync") {
      this.base = rec ? rec.updated : 0;
      this.dirty = false;
      if (this.waiting()) this.dismissConflict();
    } else if (plan === "apply") {
      this.apply(rec);
      this.base = rec ? rec.updated : 0;
    } else {
      this.raiseConflict(plan, rec);
    }
  }

  // After the page was frozen or hidden, storage events may have been missed.
  resync() {
    try {
      const rec = this.read();
      if (missedChange({ base: this.base }, rec, TAB)) this.remoteChange(rec);
      this.offerBackups(this.backups());
    } catch (e) {
      this.showStorageError();
    }
  }

  /* ── Notices: role=alert, created with their text so they are announced once ─────────────── */
  notice(cls, paragraphs, buttons) {
    const box = el("div", { class: "written-task-alert " + cls, role: "alert" }, paragraphs.map((text) => el("p", { text })));
    if (buttons) box.appendChild(el("p", { class: "written-task-alert-actions" }, buttons));
    this.alerts.appendChild(box);
    return box;
  }

  showStorageError() {
    if (!this.errorBox) this.errorBox = this.notice("written-task-error", [TEXT.storageError]);
  }

  hideStorageError() {
    if (!this.errorBox) return;
    this.errorBox.remove();
    this.errorBox = null;
  }

  total(rec) {
    return this.fields.reduce((sum, f) => sum + countWords(rec && rec.fields[f.id]), 0);
  }

  raiseConflict(kind, other, backup) {
    const lead = TEXT[kind];
    const detail =
      kind === "backup"
        ? `It was not saved as the newest text (${words(this.total(other))}; this tab shows ${words(this.total(this.snapshot()))}). Choose which text to keep; the other is discarded.`
        : `This tab has edits that are not saved yet (${words(this.total(this.snapshot()))}); ` +
          (other ? `the other tab's text has ${words(this.total(other))}` : "the other tab cleared it") +
          ". Nothing is saved until you choose which text to keep.";
    this.conflict = { kind, other, backup };
    if (this.conflictBox) {
      // A further change while the notice is open: update it in place rather than announce again.
      const [first, second] = this.conflictBox.querySelectorAll("p");
      first.textContent = lead;
      second.textContent = detail;
      return;
    }
    this.conflictBox = this.notice("written-task-conflict", [lead, detail], [button(TEXT.useOther, () => this.useOther()), button(TEXT.keepMine, () => this.keepMine())]);
  }

  /* Text other tabs were closed with while in conflict, offered one at a time (oldest first). */
  offerBackups(backups) {
    for (const backup of backups) {
      if (this.same(backup.rec)) {
        this.dropBackup(backup.key);
        continue;
      }
      if (this.conflict) return; // one question at a time; the next is offered once this one is answered
      this.raiseConflict("backup", backup.rec, backup);
      return;
    }
  }

  dismissConflict() {
    this.conflict = null;
    if (this.conflictBox) this.conflictBox.remove();
    this.conflictBox = null;
  }

  dropBackup(key) {
    try {
      this.store.remove(key);
    } catch (e) {
      this.showStorageError();
    }
  }

  useOther() {
    const conflict = this.conflict;
    this.dismissConflict();
    if (conflict.kind === "backup") {
      this.apply(conflict.other);
      this.dirty = true;
      this.save(true);
      this.dropBackup(conflict.backup.key);
    } else {
      // The newest saved text now (it may have changed again since the notice appeared).
      let rec = conflict.other;
      try {
        rec = this.read();
      } catch (e) {
        this.showStorageError();
      }
      this.apply(rec);
      this.base = rec ? rec.updated : 0;
      this.dirty = false;
    }
    this.focusFirst();
    this.resync();
  }

  keepMine() {
    const conflict = this.conflict;
    this.dismissConflict();
    this.dirty = true;
    this.save(true);
    if (conflict.kind === "backup") this.dropBackup(conflict.backup.key);
    this.focusFirst();
    this.resync();
  }

  focusFirst() {
    if (this.fields.length) this.fields[0].textarea.focus();
  }

  /* Leaving the page (closing the tab, reloading, instant navigation): save, and if a conflict is
     still open, leave this tab's text in its own backup slot for the other tabs to offer. */
  leave() {
    this.save();
    if (!this.waiting() || !this.dirty) return;
    const snap = this.snapshot();
    try {
      this.store.writeJSON(this.store.key("backup", this.task, TAB), { v: 2, fields: snap.fields, rubric: snap.rubric, updated: Date.now(), tab: TAB });
    } catch (e) {
      this.showStorageError();
    }
  }

  clear() {
    if (!window.confirm(`Clear your answer to “${this.title}”? Its text and rubric ticks are deleted from this browser. This cannot be undone.`)) return;
    clearTimeout(this.saveTimer);
    this.dismissConflict();
    this.apply(null);
    this.base = 0;
    this.dirty = false;
    this.saved.textContent = "";
    try {
      this.store.remove(this.draftKey);
      for (const backup of this.backups()) this.store.remove(backup.key);
      this.hideStorageError();
    } catch (e) {
      this.showStorageError();
    }
    document.dispatchEvent(new CustomEvent("quizbank:draft-saved", { detail: { task: this.task, cleared: true } })); // keep-ui.js
    this.announce(`Your answer to ${this.title} was cleared.`);
    this.focusFirst();
  }
}

/* ── Drafts for tasks no longer on the site ────────────────────────────────────────────────── */
function orphanDrafts() {
  const tasks = manifest();
  if (!tasks) return [];
  const known = new Set(tasks.map((t) => t.key));
  const out = [];
  try {
    const store = siteStore();
    for (const { key, task } of store.keysOf("draft")) {
      if (known.has(task)) continue;
      const rec = parseDraft(store.readJSON(key));
      if (rec && Object.values(rec.fields).some((t) => t.trim())) out.push({ task, rec });
    }
  } catch (e) {
    return [];
  }
  return out.sort((a, b) => a.task.localeCompare(b.task));
}

function showOrphans() {
  const roots = document.querySelectorAll(".written-task[data-ready]");
  document.querySelectorAll(".written-task-orphans").forEach((n) => n.remove());
  const orphans = orphanDrafts();
  if (!roots.length || !orphans.length) return;
  const details = el("details", { class: "written-task-orphans" }, [
    el("summary", { text: `Your drafts for tasks no longer on the site (${orphans.length})` }),
    el("p", { text: "Your instructor renamed or removed these tasks. Your text is kept in this browser and included in “Download my answers”." }),
    ...orphans.map(({ task, rec }) =>
      el("div", { class: "written-task-orphan" }, [
        el("p", {}, [el("strong", { text: task })]),
        ...Object.entries(rec.fields)
          .filter(([, text]) => text.trim())
          .map(([id, text]) => el("div", { class: "written-task-kept-text" }, [el("strong", { text: id + ": " }), el("span", { text })])),
      ]),
    ),
  ]);
  roots[roots.length - 1].insertAdjacentElement("afterend", details);
}

/* ── Download: every task of the site, in the manifest's (the brief's) order ───────────────── */
/** Every draft of this site in storage ({task: record}), with the texts of this page's boxes as they are now. */
export function allDrafts() {
  const drafts = {};
  try {
    const store = siteStore();
    for (const { key, task } of store.keysOf("draft")) {
      const rec = parseDraft(store.readJSON(key));
      if (rec) drafts[task] = rec;
    }
  } catch (e) {
    // storage unavailable: what the page shows is all there is
  }
  for (const t of live) if (t.root.isConnected) drafts[t.task] = { ...t.snapshot() };
  return drafts;
}

function markdownNow() {
  const tasks =
    manifest() ||
    live.map((t) => ({ key: t.task, title: t.title, min: t.min, max: t.max, fields: t.fields.map((f) => ({ id: f.id, label: f.label, min: f.min, max: f.max })) }));
  return answersMarkdown(tasks, allDrafts(), new Date().toISOString().slice(0, 10));
}

function downloadAnswers() {
  downloadFile(FILENAME, markdownNow(), "text/markdown;charset=utf-8");
}

/* ── Page life cycle ───────────────────────────────────────────────────────────────────────── */
function forTask(task, fn) {
  live.filter((t) => t.task === task).forEach(fn);
}

function mount() {
  // Instant navigation replaced the content: let the old page's tasks save first.
  for (let i = live.length - 1; i >= 0; i -= 1) {
    if (!live[i].root.isConnected) {
      live[i].leave();
      live.splice(i, 1);
    }
  }
  const roots = document.querySelectorAll(".written-task[data-task]");
  if (!roots.length) return;
  const tasks = manifest();
  if (tasks) {
    try {
      migrateV1Drafts(siteStore(), tasks);
    } catch (e) {
      // storage unavailable: each task shows the notice
    }
  }
  for (const root of roots) {
    if (bound.has(root)) continue;
    bound.add(root);
    live.push(new WrittenTask(root));
  }
  showOrphans();
  document.dispatchEvent(new CustomEvent("quizbank:drafts-ready")); // keep-ui.js: the download reminder
  // The browser restores form fields from its history after scripts ran: check once it is done.
  setTimeout(() => live.forEach((t) => t.guardAgainstRestoredText()), 0);
}

window.addEventListener("storage", (e) => {
  if (!live.length || !isOurStorage(e.storageArea)) return;
  if (e.key === null) {
    live.forEach((t) => t.remoteChange(null)); // another tab cleared all storage
    return;
  }
  const key = siteStore().parse(e.key);
  if (!key) return;
  if (key.kind === "draft") forTask(key.task, (t) => t.remoteChange(parseDraft(safeParse(e.newValue))));
  if (key.kind === "backup") {
    forTask(key.task, (t) => {
      if (e.newValue) t.offerBackups(t.backups());
      else if (t.conflict && t.conflict.kind === "backup" && t.conflict.backup.key === e.key) t.dismissConflict(); // resolved elsewhere
    });
  }
});

function safeParse(text) {
  try {
    return JSON.parse(text);
  } catch (e) {
    return null;
  }
}

window.addEventListener("pagehide", () => live.forEach((t) => t.leave()));
document.addEventListener("visibilitychange", () => {
  live.forEach((t) => (document.visibilityState === "hidden" ? t.save() : t.resync()));
});
window.addEventListener("pageshow", (e) => {
  live.forEach((t) => {
    t.guardAgainstRestoredText();
    if (e.persisted) t.resync(); // back from the back/forward cache
  });
});
window.addEventListener("load", () => live.forEach((t) => t.guardAgainstRestoredText()));

quizbank.answersMarkdown = markdownNow;
onEveryPage(mount);
