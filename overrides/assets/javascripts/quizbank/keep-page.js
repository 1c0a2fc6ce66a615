/*
 * My progress's part in keeping a student's work (in the progress page's bundle; the rules are
 * keep.js's): whether this browser keeps the work persistently and what that means, when the
 * progress file was last downloaded and what changed since, the reminder, and a question before
 * a file older than the browser's work is restored. progress.js calls these at two places: when
 * the page is drawn, and when a file is chosen to restore.
 */

import { el } from "./env.js";
import { ago, changesSince, changesText, olderFile, parseDownload, parsePersist, persistText, summarize } from "./keep.js";
import { platform, showReminder } from "./keep-remind.js";
import { DOWNLOADED, PERSIST, readRecord, summaryNow } from "./keep-store.js";

const dateTime = (ms) => new Date(ms).toLocaleString(undefined, { day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit" });
const date = (ms) => new Date(ms).toLocaleDateString(undefined, { day: "numeric", month: "long", year: "numeric" });

let section = null; // the .quizbank-keep element on screen

/** Draw the section (`root` is the progress page's root); again after anything changed. */
export function refreshKeep(root) {
  section = root.querySelector(".quizbank-keep");
  if (!section) return;
  let summary;
  let download;
  let record;
  try {
    summary = summaryNow();
    download = readRecord(DOWNLOADED, parseDownload);
    record = readRecord(PERSIST, parsePersist);
  } catch (e) {
    return; // storage unavailable: the page's notice says so
  }
  const now = Date.now();
  const line = section.querySelector(".quizbank-keep-download");
  if (!download) {
    line.textContent = `Last downloaded: never. ${Object.keys(summary.answers).length || Object.keys(summary.drafts).length ? "Everything you have done is in this browser only." : ""}`.trim();
  } else {
    const changes = changesSince(download, summary);
    const what = download.restored ? "the file you restored" : dateTime(download.at);
    line.textContent =
      `Last downloaded: ${ago(download.at, now)} (${what}). ` +
      (changes.any ? `Since then: ${changesText(changes)}.` : "Nothing has changed since.");
  }
  const persisted = navigator.storage && typeof navigator.storage.persisted === "function" ? navigator.storage.persisted().catch(() => null) : Promise.resolve(null);
  const current = section;
  persisted.then((answer) => {
    if (current !== section || !current.isConnected) return;
    const told = persistText({ persisted: answer, record, platform: platform(), when: record.asked.tab || record.asked.app ? date(record.asked.app || record.asked.tab) : "" });
    const p = current.querySelector(".quizbank-keep-persist");
    p.textContent = told.text;
    p.setAttribute("data-state", told.state);
  });
  showReminder(section.querySelector(".quizbank-keep-reminder"), () => line.focus());
}

/**
 * Before restoring a file older than the work in this browser, ask. Returns false when the file is
 * not older (go on); otherwise puts the question in `box` and calls `proceed()` if the student
 * chooses to go on.
 */
export function askIfOlder(box, file, state, proceed, cancel) {
  const older = olderFile(file, summarize(state.results, state.drafts));
  if (!older) return false;
  const form = el("form", { class: "quizbank-restore-form quizbank-older" }, [
    el("h3", { tabindex: "-1", text: "This file is older than the work in this browser" }),
    el("p", {
      text:
        `The file was saved ${older.file ? dateTime(older.file) : "at an unknown time"}; this browser has work from ${dateTime(older.browser)}. ` +
        "Restoring it can bring back answers and drafts you have changed or cleared since. Nothing is replaced until you choose, entry by entry.",
    }),
    el("p", {}, [
      el("button", { type: "submit", class: "md-button md-button--primary quizbank-button", text: "Compare and choose" }),
      " ",
      el("button", { type: "button", class: "md-button quizbank-button quizbank-cancel", text: "Cancel" }),
    ]),
  ]);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    box.replaceChildren();
    proceed();
  });
  form.querySelector(".quizbank-cancel").addEventListener("click", () => {
    box.replaceChildren();
    cancel();
  });
  box.replaceChildren(form);
  form.querySelector("h3").focus();
  return true;
}

document.addEventListener("quizbank:persist", () => section && section.isConnected && refreshKeep(section.closest(".quizbank-progress")));
document.addEventListener("quizbank:downloaded", () => section && section.isConnected && refreshKeep(section.closest(".quizbank-progress")));
