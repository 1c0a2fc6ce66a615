/*
 * The assignment workspace: drives the answer boxes that hooks/quizbank/workspace.py renders
 * for `reflection` questions (`<div class="workspace" data-answer-key="bank#id">`).
 *
 * - a live word count per field (and a total for multi-field tasks) with its state against
 *   the limits, announced to screen readers only when the state changes;
 * - autosave to localStorage, restore on load and after instant navigation;
 * - two tabs never silently overwrite each other's newer text (storage event + re-read
 *   before every save), and a storage failure is shown to the student, never swallowed;
 * - the rubric ticks are saved too; "Download my answers" and "Clear this answer".
 *
 * Nothing typed leaves the browser: this file makes no fetch, XHR or beacon. Drafts live in
 * localStorage under `workspace:v1:<answer key>` as
 *   {fields: {<field id>: text}, rubric: [bool, …], updated: <ms timestamp>, tab: <tab id>}.
 *
 * Loaded on every page through extra_javascript, so a page without `.workspace` costs one
 * querySelectorAll. Material's instant navigation swaps the page content without reloading
 * the script, so the script initialises on every emission of Material's `document$`.
 * Vanilla ES2017, no dependencies.
 */
(function () {
  "use strict";

  // Loaded twice (e.g. listed twice in extra_javascript): the first copy is in charge.
  if (window.workspaceWordCount) return;

  /* ── The word-count rule ───────────────────────────────────────────────────────────────
   * A word is a whitespace-separated token that contains at least one Unicode letter or
   * digit, the way a marker counts:
   *   "fine-tuning" = 1 (a hyphenated word is one word), "200" = 1, "3.5" = 1,
   *   "https://example.com/a-b" = 1, "e.g." = 1, "(see" = 1;
   *   a lone "—", "-", "&" or "•" = 0, an emoji on its own = 0.
   * "Whitespace" is exactly Python's str.split() set (not JavaScript's \s, which also splits
   * on U+FEFF and not on U+001C–U+001F or U+0085), so the Python reference
   *   sum(1 for t in text.split() if re.search(r"[^\W_]", t))
   * in tests/unit/test_word_count.py gives the same numbers. tests/word_count_cases.json holds
   * the shared cases; tests/browser/test_workspace.py checks this function against them.
   */
  var WHITESPACE = /[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
  var WORDLIKE = /[\p{L}\p{N}]/u;

  function countWords(text) {
    var n = 0;
    String(text || "").split(WHITESPACE).forEach(function (token) {
      if (WORDLIKE.test(token)) n += 1;
    });
    return n;
  }
  window.workspaceWordCount = countWords;

  /* ── Constants ─────────────────────────────────────────────────────────────────────── */
  var PREFIX = "workspace:v1:";
  // Where a tab that closes (or navigates away) while a conflict is unresolved leaves its
  // text, so that the other tab can offer it: closing a tab must not lose what it held.
  var BACKUP = "workspace:v1:conflict:";
  var SAVE_DELAY = 300; // ms after the last keystroke
  var ANNOUNCE_DELAY = 800; // ms: announce a state change once the student pauses
  var FILENAME = "fine-tuning-assignment-answers.md";
  var TEXT = {
    storageError:
      "Your answer could not be saved in this browser (storage is full or disabled). " +
      "Copy your text somewhere safe.",
    privacy: "Your drafts are saved in this browser only; nothing you type is sent anywhere.",
    changed: "This answer was changed in another tab.",
    cleared: "This answer was cleared in another tab.",
    backup: "Another tab was closed with a different version of this answer.",
    useOther: "Use the other tab's text",
    keepMine: "Keep this tab's text",
    download: "Download my answers",
    clear: "Clear this answer",
  };

  // One id per page load: records written by this document carry it, so a newer record
  // from any other id is "another tab" (a reload counts as another tab, which is harmless:
  // a fresh page has no unsaved edits).
  var TAB = randomId();

  function randomId() {
    if (window.crypto && window.crypto.getRandomValues) {
      var bytes = window.crypto.getRandomValues(new Uint8Array(8));
      return Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
    }
    return Math.random().toString(36).slice(2) + Date.now().toString(36);
  }

  /* ── Storage: every access may throw (disabled storage throws on `localStorage` itself) ── */
  function storage() {
    return window.localStorage;
  }

  function parseRecord(json) {
    if (!json) return null;
    try {
      var rec = JSON.parse(json);
      if (!rec || typeof rec !== "object" || !rec.fields || typeof rec.fields !== "object") return null;
      return {
        fields: rec.fields,
        rubric: Array.isArray(rec.rubric) ? rec.rubric : [],
        updated: typeof rec.updated === "number" ? rec.updated : 0,
        tab: typeof rec.tab === "string" ? rec.tab : "",
      };
    } catch (e) {
      return null; // a corrupt entry is treated as no draft rather than breaking the page
    }
  }

  function readRecord(key) {
    return parseRecord(storage().getItem(key));
  }

  function readRecordQuietly(key) {
    try {
      return readRecord(key);
    } catch (e) {
      return null;
    }
  }

  /* ── Limits and their wording ──────────────────────────────────────────────────────── */
  function num(value) {
    return value === undefined || value === null || value === "" ? null : Number(value);
  }

  function words(n) {
    return n + (n === 1 ? " word" : " words");
  }

  function stateOf(n, min, max) {
    if (min === null && max === null) return "none";
    if (min !== null && n < min) return "under";
    if (max !== null && n > max) return "over";
    return "within";
  }

  // "142 words — 8 under the 150–200 limit", "3 words — 2 under the 5-word minimum", …
  function describe(n, min, max) {
    var state = stateOf(n, min, max);
    var limit = min !== null && max !== null ? "the " + min + "–" + max + " limit"
      : min !== null ? "the " + min + "-word minimum"
      : "the " + max + "-word maximum";
    var text = words(n);
    if (state === "under") text += " — " + (min - n) + " under " + limit;
    else if (state === "over") text += " — " + (n - max) + " over " + limit;
    else if (state === "within") text += " — " + (max === null ? "meets " : "within ") + limit;
    return { state: state, text: text };
  }

  // For the download: "Words: 173 (limit 150–200)", "Words: 142 (limit 150–200, 8 under)".
  function wordsLine(n, min, max, total) {
    var line = "Words: " + n + (total ? " in total" : "");
    if (min === null && max === null) return line;
    var limit = min !== null && max !== null ? "limit " + min + "–" + max
      : min !== null ? "minimum " + min : "maximum " + max;
    var state = stateOf(n, min, max);
    if (state === "under") limit += ", " + (min - n) + " under";
    if (state === "over") limit += ", " + (n - max) + " over";
    return line + " (" + limit + ")";
  }

  /* ── Small DOM helpers ─────────────────────────────────────────────────────────────── */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") node.textContent = attrs[name];
      else node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) { node.appendChild(child); });
    return node;
  }

  // A field's label without its "(at least 5 words)" part, which the count already says.
  function labelText(div) {
    var label = div.querySelector("label");
    if (!label) return "";
    var copy = label.cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll(".workspace-limits"), function (n) { n.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function button(label, onClick) {
    var b = el("button", { type: "button", class: "workspace-button", text: label });
    b.addEventListener("click", onClick);
    return b;
  }

  /* ── One workspace ─────────────────────────────────────────────────────────────────── */
  var live = []; // workspaces of the current page
  var bound = new WeakSet(); // elements already driven: initialising twice is a no-op

  function Workspace(root) {
    var self = this;
    this.root = root;
    this.key = root.getAttribute("data-answer-key");
    this.storageKey = PREFIX + this.key;
    this.backupKey = BACKUP + this.key;
    this.title = root.getAttribute("data-title") || this.key;
    this.min = num(root.getAttribute("data-min"));
    this.max = num(root.getAttribute("data-max"));
    this.base = 0; // `updated` of the record this tab last loaded or saved
    this.dirty = false; // edits not saved yet
    this.conflict = null; // {kind: "changed" | "cleared" | "backup", other: record | null}
    this.extraFields = {}; // saved fields the page no longer shows: kept, never dropped
    this.saveTimer = 0;
    this.announceTimer = 0;

    var divs = Array.prototype.filter.call(root.querySelectorAll(".workspace-field"), function (div) {
      return div.querySelector("textarea");
    });
    var single = divs.length === 1 && !root.querySelector(".workspace-total");
    this.fields = divs.map(function (div) {
      var textarea = div.querySelector("textarea");
      var mirror = el("div", { class: "workspace-print", "aria-hidden": "true" });
      textarea.insertAdjacentElement("afterend", mirror);
      return {
        id: div.getAttribute("data-field") || textarea.name,
        div: div,
        textarea: textarea,
        mirror: mirror,
        count: div.querySelector(".workspace-count"),
        // A single answer box carries the task's limits on the workspace itself.
        min: single ? self.min : num(div.getAttribute("data-min")),
        max: single ? self.max : num(div.getAttribute("data-max")),
        label: labelText(div),
      };
    });
    this.rubric = Array.prototype.slice.call(root.querySelectorAll("input[type=checkbox][data-rubric]"));

    // What is counted and shown: each field, and the total of a multi-field task.
    this.counters = this.fields.map(function (f) {
      return { el: f.count, holder: f.div, fields: [f], min: f.min, max: f.max, name: single ? self.title : f.label };
    });
    var total = root.querySelector(".workspace-total");
    if (!total && divs.length > 1) {
      // A multi-field task without overall limits gets a plain total too (no state to announce).
      total = el("p", { class: "workspace-count workspace-total" });
      divs[divs.length - 1].insertAdjacentElement("afterend", total);
    }
    if (total) this.counters.push({ el: total, holder: total, fields: this.fields, min: this.min, max: this.max, name: self.title + ", total", prefix: "Total: " });

    this.status = root.querySelector(".workspace-status");
    if (!this.status) {
      this.status = el("p", { class: "workspace-status", role: "status" });
      root.appendChild(this.status);
    }
    this.buildControls();
    this.bindEvents();
    this.restore();
  }

  Workspace.prototype.buildControls = function () {
    var self = this;
    // Notices (storage failure, conflicts) go above the first answer box, where they are seen.
    this.alerts = el("div", { class: "workspace-alerts" });
    var first = this.root.querySelector(".workspace-field");
    this.root.insertBefore(this.alerts, first);

    this.saved = el("span", { class: "workspace-saved" });
    var actions = el("div", { class: "workspace-actions" }, [
      button(TEXT.download, function () { downloadAnswers(); }),
      button(TEXT.clear, function () { self.clear(); }),
    ]);
    var note = el("p", { class: "workspace-note" }, [document.createTextNode(TEXT.privacy + " "), this.saved]);
    this.root.insertBefore(actions, this.status);
    this.root.insertBefore(note, this.status);
    this.root.setAttribute("data-workspace-ready", "");
  };

  Workspace.prototype.bindEvents = function () {
    var self = this;
    this.root.addEventListener("input", function (e) {
      if (e.target.tagName === "TEXTAREA") self.edited(false);
    });
    this.root.addEventListener("change", function (e) {
      if (e.target.hasAttribute && e.target.hasAttribute("data-rubric")) self.edited(true);
    });
    // Leaving a box (including clicking a link to another page) saves at once.
    this.root.addEventListener("focusout", function (e) {
      if (e.target.tagName === "TEXTAREA") self.save();
    });
  };

  Workspace.prototype.restore = function () {
    var rec = null;
    var backup = null;
    try {
      rec = readRecord(this.storageKey);
      backup = readRecord(this.backupKey);
    } catch (e) {
      this.showStorageError();
    }
    if (rec) {
      this.apply(rec);
      this.base = rec.updated;
    }
    this.refresh(true);
    if (!rec && this.snapshot().nonEmpty) {
      this.dirty = true; // text the browser restored into the form: keep it
      this.save();
    }
    if (backup) this.offerBackup(backup);
  };

  // The tab's current text and ticks, as a record (without `updated` and `tab`).
  Workspace.prototype.snapshot = function () {
    var fields = Object.assign({}, this.extraFields);
    var nonEmpty = false;
    this.fields.forEach(function (f) {
      fields[f.id] = f.textarea.value;
      if (f.textarea.value.trim()) nonEmpty = true;
    });
    var rubric = this.rubric.map(function (box) {
      if (box.checked) nonEmpty = true;
      return box.checked;
    });
    return { fields: fields, rubric: rubric, nonEmpty: nonEmpty };
  };

  // Same text and ticks as this tab shows (fields the page does not show are ignored).
  Workspace.prototype.sameAs = function (rec) {
    var fields = rec ? rec.fields : {};
    var rubric = rec ? rec.rubric : [];
    return this.fields.every(function (f) { return (fields[f.id] || "") === f.textarea.value; }) &&
      this.rubric.every(function (box, i) { return Boolean(rubric[i]) === box.checked; });
  };

  Workspace.prototype.apply = function (rec) {
    var self = this;
    var fields = rec ? rec.fields : {};
    this.extraFields = {};
    Object.keys(fields).forEach(function (id) {
      if (!self.fields.some(function (f) { return f.id === id; }) && typeof fields[id] === "string") self.extraFields[id] = fields[id];
    });
    this.fields.forEach(function (f) {
      var text = typeof fields[f.id] === "string" ? fields[f.id] : "";
      if (f.textarea.value === text) return;
      var focused = document.activeElement === f.textarea;
      var start = f.textarea.selectionStart;
      var end = f.textarea.selectionEnd;
      f.textarea.value = text;
      if (focused) f.textarea.setSelectionRange(Math.min(start, text.length), Math.min(end, text.length));
    });
    this.rubric.forEach(function (box, i) { box.checked = Boolean(rec && rec.rubric[i]); });
    // Text that arrives from storage re-baselines the announced states: not the student's typing.
    this.refresh(true);
  };

  /* Counts: the visible text is not a live region (it would speak on every keystroke); a
     state change is announced once, through the workspace's role=status, after a pause. */
  Workspace.prototype.refresh = function (silently) {
    var self = this;
    this.fields.forEach(function (f) { f.mirror.textContent = f.textarea.value; });
    this.counters.forEach(function (c) {
      var n = c.fields.reduce(function (sum, f) { return sum + countWords(f.textarea.value); }, 0);
      var d = describe(n, c.min, c.max);
      c.state = d.state;
      c.text = d.text;
      if (c.el) {
        c.el.textContent = (c.prefix || "") + d.text;
        c.el.setAttribute("data-state", d.state);
      }
      if (c.holder) c.holder.setAttribute("data-state", d.state);
      if (silently) c.announced = d.state;
    });
    if (!silently) {
      clearTimeout(this.announceTimer);
      this.announceTimer = setTimeout(function () { self.announceChanges(); }, ANNOUNCE_DELAY);
    }
  };

  Workspace.prototype.announceChanges = function () {
    var changed = this.counters.filter(function (c) { return c.state !== "none" && c.state !== c.announced; });
    this.counters.forEach(function (c) { c.announced = c.state; });
    if (changed.length) this.announce(changed.map(function (c) { return c.name + ": " + c.text + "."; }).join(" "));
  };

  Workspace.prototype.announce = function (message) {
    var status = this.status;
    if (status.textContent === message) {
      // The same words again would not be spoken: empty the region first.
      status.textContent = "";
      setTimeout(function () { status.textContent = message; }, 100);
    } else {
      status.textContent = message;
    }
  };

  Workspace.prototype.edited = function (now) {
    var self = this;
    this.dirty = true;
    this.refresh(false);
    clearTimeout(this.saveTimer);
    if (now) this.save();
    else this.saveTimer = setTimeout(function () { self.save(); }, SAVE_DELAY);
  };

  /* Save this tab's text, unless another tab saved newer text since this tab last loaded
     or saved (a missed storage event, e.g. a frozen background tab): then ask instead.
     `force` is the student's choice "Keep this tab's text". */
  Workspace.prototype.save = function (force) {
    clearTimeout(this.saveTimer);
    if (!this.dirty && !force) return true;
    if (this.conflict && this.conflict.kind !== "backup" && !force) return false; // waiting for the student
    try {
      var stored = readRecord(this.storageKey);
      if (!force && stored && stored.updated > this.base && stored.tab !== TAB) {
        if (this.sameAs(stored)) {
          this.base = stored.updated;
          this.dirty = false;
          return true;
        }
        this.raiseConflict("changed", stored);
        return false;
      }
      var snap = this.snapshot();
      var rec = {
        fields: snap.fields,
        rubric: snap.rubric,
        // Strictly newer than anything this tab has seen, even with a skewed clock.
        updated: Math.max(Date.now(), this.base + 1, stored ? stored.updated + 1 : 0),
        tab: TAB,
      };
      storage().setItem(this.storageKey, JSON.stringify(rec));
      this.base = rec.updated;
      this.dirty = false;
      this.hideStorageError();
      this.saved.textContent = "Last saved at " + new Date(rec.updated).toLocaleTimeString() + ".";
      return true;
    } catch (e) {
      this.showStorageError();
      return false;
    }
  };

  /* Another tab saved (rec) or cleared (rec = null) this answer. */
  Workspace.prototype.remoteChange = function (rec) {
    if (rec && rec.updated <= this.base) return; // not newer than what this tab has
    if (!rec && this.base === 0) return;
    if (this.sameAs(rec)) {
      this.base = rec ? rec.updated : 0;
      this.dirty = false;
      if (this.conflict && this.conflict.kind !== "backup") this.dismissConflict();
      return;
    }
    if (!this.dirty && !(this.conflict && this.conflict.kind !== "backup")) {
      this.apply(rec);
      this.base = rec ? rec.updated : 0;
      return;
    }
    this.raiseConflict(rec ? "changed" : "cleared", rec);
  };

  // After the page was frozen or hidden, storage events may have been missed.
  Workspace.prototype.resync = function () {
    try {
      var rec = readRecord(this.storageKey);
      if (rec ? rec.updated > this.base && rec.tab !== TAB : this.base > 0) this.remoteChange(rec);
      var backup = readRecord(this.backupKey);
      if (backup && !this.conflict) this.offerBackup(backup);
    } catch (e) {
      this.showStorageError();
    }
  };

  /* ── Notices: role=alert, created with their text so they are announced once ──────── */
  Workspace.prototype.notice = function (cls, paragraphs, buttons) {
    var box = el("div", { class: "workspace-alert " + cls, role: "alert" },
      paragraphs.map(function (text) { return el("p", { text: text }); }));
    if (buttons) box.appendChild(el("p", { class: "workspace-alert-actions" }, buttons));
    this.alerts.appendChild(box);
    return box;
  };

  Workspace.prototype.showStorageError = function () {
    if (this.errorBox) return;
    this.errorBox = this.notice("workspace-error", [TEXT.storageError]);
  };

  Workspace.prototype.hideStorageError = function () {
    if (!this.errorBox) return;
    this.errorBox.remove();
    this.errorBox = null;
  };

  Workspace.prototype.raiseConflict = function (kind, other) {
    var self = this;
    var total = function (rec) {
      return self.fields.reduce(function (sum, f) { return sum + countWords(rec && rec.fields[f.id]); }, 0);
    };
    var detail = "This tab has edits that are not saved yet (" + words(total(this.snapshot())) + "); " +
      (other ? "the other tab's text has " + words(total(other)) : "the other tab cleared it") +
      ". Nothing is saved until you choose which text to keep.";
    var lead = TEXT[kind];
    this.conflict = { kind: kind, other: other };
    if (this.conflictBox) {
      // A further change while the notice is open: update it in place rather than announce again.
      this.conflictBox.querySelectorAll("p")[0].textContent = lead;
      this.conflictBox.querySelectorAll("p")[1].textContent = detail;
      return;
    }
    this.conflictBox = this.notice("workspace-conflict", [lead, detail], [
      button(TEXT.useOther, function () { self.useOther(); }),
      button(TEXT.keepMine, function () { self.keepMine(); }),
    ]);
  };

  Workspace.prototype.offerBackup = function (backup) {
    if (this.sameAs(backup)) {
      this.dropBackup();
      return;
    }
    if (this.conflict && this.conflict.kind !== "backup") return; // this tab's own conflict comes first
    this.raiseConflict("backup", backup);
    this.conflictBox.querySelectorAll("p")[1].textContent =
      "It was not saved as the newest text. Choose which text to keep; the other is discarded.";
  };

  Workspace.prototype.dismissConflict = function () {
    this.conflict = null;
    if (this.conflictBox) this.conflictBox.remove();
    this.conflictBox = null;
  };

  Workspace.prototype.dropBackup = function () {
    try {
      storage().removeItem(this.backupKey);
    } catch (e) {
      this.showStorageError();
    }
  };

  Workspace.prototype.useOther = function () {
    var conflict = this.conflict;
    this.dismissConflict();
    if (conflict.kind === "backup") {
      this.apply(conflict.other);
      this.dirty = true;
      this.save(true);
    } else {
      // The newest saved text now (it may have changed again since the notice appeared).
      var rec = conflict.other;
      try {
        rec = readRecord(this.storageKey);
      } catch (e) {
        this.showStorageError();
      }
      this.apply(rec);
      this.base = rec ? rec.updated : 0;
      this.dirty = false;
    }
    this.dropBackup();
    this.focusFirst();
  };

  Workspace.prototype.keepMine = function () {
    this.dismissConflict();
    this.dirty = true;
    this.save(true);
    this.dropBackup();
    this.focusFirst();
  };

  Workspace.prototype.focusFirst = function () {
    if (this.fields.length) this.fields[0].textarea.focus();
  };

  /* Leaving the page (closing the tab, reloading, instant navigation): save, and if a
     conflict is still open, hand this tab's text to the other tabs instead of losing it. */
  Workspace.prototype.leave = function () {
    this.save();
    if (!this.conflict || this.conflict.kind === "backup" || !this.dirty) return;
    var snap = this.snapshot();
    try {
      storage().setItem(this.backupKey, JSON.stringify({ fields: snap.fields, rubric: snap.rubric, updated: Date.now(), tab: TAB }));
    } catch (e) {
      this.showStorageError();
    }
  };

  Workspace.prototype.clear = function () {
    if (!window.confirm("Clear your answer to “" + this.title + "”? Its text and rubric ticks are deleted from this browser. This cannot be undone.")) return;
    clearTimeout(this.saveTimer);
    this.dismissConflict();
    this.apply(null);
    this.base = 0;
    this.dirty = false;
    this.saved.textContent = "";
    try {
      storage().removeItem(this.storageKey);
      storage().removeItem(this.backupKey);
      this.hideStorageError();
    } catch (e) {
      this.showStorageError();
    }
    this.announce("Your answer to " + this.title + " was cleared.");
    this.focusFirst();
  };

  /* ── Download: every task of the site, in the manifest's (the brief's) order ────────── */
  var manifestCache = null;

  function manifestText() {
    // Rendered as a data attribute, not an inline <script>: instant navigation re-creates
    // inline scripts without their attributes, which would lose the manifest's id.
    var node = document.getElementById("workspace-manifest");
    return node ? node.getAttribute("data-tasks") : null;
  }

  function readManifest() {
    try {
      var tasks = JSON.parse(manifestText() || "null");
      if (Array.isArray(tasks)) manifestCache = tasks;
    } catch (e) {
      // keep the last manifest read on this site
    }
    if (manifestCache) return manifestCache;
    return live.map(function (ws) {
      return {
        key: ws.key, title: ws.title, min: ws.min, max: ws.max,
        fields: ws.fields.map(function (f) { return { id: f.id, label: f.label, min: f.min, max: f.max }; }),
      };
    });
  }

  function buildAnswers() {
    var tasks = readManifest();
    var lines = [];
    var empty = [];
    tasks.forEach(function (task) {
      var here = live.filter(function (ws) { return ws.key === task.key && ws.root.isConnected; })[0];
      var rec = here ? here.snapshot() : readRecordQuietly(PREFIX + task.key);
      var fields = rec ? rec.fields : {};
      var multi = task.fields.length > 1 || (task.fields[0] && task.fields[0].id !== "answer");
      var total = 0;
      lines.push("## " + task.title, "");
      task.fields.forEach(function (f) {
        var text = typeof fields[f.id] === "string" ? fields[f.id].replace(/\s+$/, "") : "";
        var n = countWords(text);
        total += n;
        if (multi) lines.push("### " + f.label, "");
        lines.push(text.trim() ? text : "_No draft yet._", "");
        if (multi && (f.min !== null || f.max !== null)) lines.push(wordsLine(n, f.min, f.max, false), "");
      });
      if (!total) empty.push(task.title);
      lines.push(wordsLine(total, task.min, task.max, multi), "");
    });
    var head = [
      "# My assignment answers",
      "",
      "Downloaded on " + new Date().toISOString().slice(0, 10) + ". A word is counted when it contains a letter or a digit; " +
        "hyphenated words, numbers and links count as one word each.",
      "",
    ];
    if (empty.length) head.push("Not drafted yet: " + empty.join("; ") + ".", "");
    return head.concat(lines).join("\n").replace(/\n+$/, "\n");
  }

  function downloadAnswers() {
    var blob = new Blob([buildAnswers()], { type: "text/markdown;charset=utf-8" });
    var url = URL.createObjectURL(blob);
    var link = el("a", { href: url, download: FILENAME, hidden: "" });
    // Not a page link: keep Material's instant navigation from looking at it.
    link.addEventListener("click", function (e) { e.stopPropagation(); });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  }
  window.workspaceAnswers = buildAnswers; // the Markdown the download button saves

  /* ── Page life cycle ───────────────────────────────────────────────────────────────── */
  function forEachWorkspace(key, fn) {
    live.forEach(function (ws) { if (ws.key === key) fn(ws); });
  }

  function init() {
    // Instant navigation replaced the content: let the old page's workspaces save first.
    live = live.filter(function (ws) {
      if (ws.root.isConnected) return true;
      ws.leave();
      return false;
    });
    var roots = document.querySelectorAll(".workspace[data-answer-key]");
    for (var i = 0; i < roots.length; i += 1) {
      if (bound.has(roots[i])) continue;
      bound.add(roots[i]);
      live.push(new Workspace(roots[i]));
    }
    if (roots.length) readManifest(); // cache it while this page has it
  }

  window.addEventListener("storage", function (e) {
    if (!live.length || (e.storageArea && e.storageArea !== readStorageQuietly())) return;
    if (e.key === null) { // another tab cleared all storage
      live.forEach(function (ws) { ws.remoteChange(null); });
      return;
    }
    if (e.key.indexOf(BACKUP) === 0) {
      forEachWorkspace(e.key.slice(BACKUP.length), function (ws) {
        var backup = parseRecord(e.newValue);
        if (backup) ws.offerBackup(backup);
        else if (ws.conflict && ws.conflict.kind === "backup") ws.dismissConflict(); // resolved elsewhere
      });
    } else if (e.key.indexOf(PREFIX) === 0) {
      forEachWorkspace(e.key.slice(PREFIX.length), function (ws) { ws.remoteChange(parseRecord(e.newValue)); });
    }
  });

  function readStorageQuietly() {
    try {
      return storage();
    } catch (e) {
      return null;
    }
  }

  window.addEventListener("pagehide", function () {
    live.forEach(function (ws) { ws.leave(); });
  });
  document.addEventListener("visibilitychange", function () {
    live.forEach(function (ws) {
      if (document.visibilityState === "hidden") ws.save();
      else ws.resync();
    });
  });
  window.addEventListener("pageshow", function (e) {
    if (e.persisted) live.forEach(function (ws) { ws.resync(); }); // back from the bfcache
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init); // Material: the first page and every instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
