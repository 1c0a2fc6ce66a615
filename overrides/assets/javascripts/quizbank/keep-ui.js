/*
 * Keeping a student's work, on every page (a bundle of its own, which site.js loads once the
 * browser is idle; it shares site.js's storage and manifest): the rules are keep.js's.
 *
 * - After the first saved answer or draft, ask the browser once to keep the site's storage
 *   persistently (navigator.storage.persist(); once more if the site later runs as an installed
 *   app). Chromium decides silently, Firefox may ask the student, Safari declines in a tab.
 * - Keep a marker of how much work this browser holds outside localStorage (keep-store.js), and
 *   when a page opens on an empty localStorage where a marker says there was work, say so and
 *   offer to restore a file.
 * The reminder to download the progress file is in answer boxes (keep-box.js, with the answer
 * boxes' bundle) and on My progress (keep-page.js), never on every page. Saves are heard as events:
 * "quizbank:results" (selfcheck.js, a restore in progress.js), "quizbank:draft-saved" (written-task.js).
 */

import { courseManifest } from "./course.js";
import { el, onEveryPage, quizbank, siteScope, siteStore } from "./env.js";
import { hasWork, lostText, lostWork, parsePersist, persistRecord, shouldAskPersist, summarize } from "./keep.js";
import { platform } from "./keep-remind.js";
import { CHECKED, PERSIST, httpMarkerDue, probeHttpMarker, readMarker, readRecord, summaryNow, writeMarker, writeRecord } from "./keep-store.js";

const keep = (quizbank.keep = quizbank.keep || {}); // read by tests: persistence asked, lost work checked
const longDate = (ms) => new Date(ms).toLocaleDateString(undefined, { day: "numeric", month: "long", year: "numeric" });

/* ── Persistent storage: asked once, after the first save ──────────────────────────────────── */
let asked = false;

async function askPersist() {
  if (asked || !navigator.storage || typeof navigator.storage.persist !== "function") return;
  asked = true; // once per page, whatever happens next
  const mode = platform().app ? "app" : "tab";
  let record;
  try {
    record = readRecord(PERSIST, parsePersist);
  } catch (e) {
    return; // storage unavailable: there is nothing to keep
  }
  if (!shouldAskPersist(record, mode)) return;
  let granted = await navigator.storage.persisted().catch(() => false);
  if (!granted) granted = await navigator.storage.persist().catch(() => false);
  try {
    writeRecord(PERSIST, persistRecord(record, mode, granted, Date.now()));
  } catch (e) {
    // not remembered: the next page asks again, once
  }
  keep.persisted = granted;
  document.dispatchEvent(new CustomEvent("quizbank:persist", { detail: { granted } }));
}

/* ── The marker outside localStorage ───────────────────────────────────────────────────────── */
let marker; // undefined until read
let markerTimer = 0;

/* `http`: the HTTP cache's marker may be asked for too. Only as a page loads: typing and saving ask
   nothing of any server, and a request made as the page is left may never finish. */
async function updateMarker(http) {
  let summary;
  try {
    summary = summaryNow();
  } catch (e) {
    return;
  }
  if (marker === undefined) marker = await readMarker().catch(() => null);
  const had = marker && (marker.answers || marker.drafts);
  // Only a browser that holds work gets a marker; one whose work was cleared by the student here
  // gets an empty one, so that coming back empty is not taken for lost work.
  if (!hasWork(summary) && !had) return;
  const counts = (m) => m && [m.answers, m.drafts, m.words, m.last].join(",");
  const now = { answers: Object.keys(summary.answers).length, drafts: Object.keys(summary.drafts).length, words: summary.words, last: summary.last };
  if (marker && counts(marker) === counts(now) && !(http && httpMarkerDue(summary, marker))) return;
  await writeMarker(summary, marker, http).catch(() => {});
  marker = await readMarker().catch(() => null);
  keep.marker = marker;
  keep.marked = Boolean(marker);
}

function markerSoon() {
  clearTimeout(markerTimer);
  markerTimer = setTimeout(() => updateMarker(false), 1000);
}

/* ── Lost storage: checked once per page load ──────────────────────────────────────────────── */
let lostCheck = null;

function checkLost() {
  if (lostCheck) return lostCheck;
  lostCheck = (async () => {
    let summary;
    let checked;
    try {
      summary = summaryNow();
      checked = siteStore().get(siteStore().key(CHECKED)) !== null;
    } catch (e) {
      return null; // storage disabled: the chapters say so
    }
    if (hasWork(summary)) {
      await updateMarker(true);
      return null;
    }
    if (checked) return null;
    marker = await readMarker().catch(() => null);
    const found = lostWork({ summary, marker, httpMarker: marker ? false : await probeHttpMarker() });
    if (!found) {
      try {
        writeRecord(CHECKED, { v: 2, at: Date.now() });
      } catch (e) {
        // looked at again next time
      }
    }
    return found;
  })().then((found) => {
    keep.lost = found;
    keep.checked = true;
    return found;
  });
  return lostCheck;
}

function dismissLost() {
  try {
    writeRecord(CHECKED, { v: 2, at: Date.now(), dismissed: true });
  } catch (e) {
    // storage unavailable: the notice comes back on the next page
  }
  writeMarker(summarize({}, {}), marker, false).catch(() => {}); // the marker now says: nothing to miss
  lostCheck = Promise.resolve(null);
  keep.lost = null;
  document.querySelectorAll(".quizbank-lost").forEach((n) => n.remove());
  const heading = document.querySelector(".md-content h1");
  if (heading) {
    heading.setAttribute("tabindex", "-1");
    heading.focus();
  }
}

async function showLost(found) {
  document.querySelectorAll(".quizbank-lost").forEach((n) => n.remove());
  const heading = document.querySelector(".md-content h1");
  if (!heading) return;
  const region = el("div", { class: "quizbank-lost", role: "status" });
  heading.insertAdjacentElement("afterend", region);
  const actions = el("p", { class: "quizbank-lost-actions" });
  if (document.querySelector(".quizbank-progress")) {
    // My progress: its own file chooser (quizbank/progress.js), opened from here.
    const restore = el("button", { type: "button", class: "quizbank-keep-button", text: "Restore from a file…" });
    restore.addEventListener("click", () => {
      const input = document.getElementById("quizbank-restore-file");
      if (input) input.click();
    });
    actions.append(restore, " ");
  } else {
    const manifest = await courseManifest();
    if (manifest && typeof manifest.progress === "string") {
      const href = new URL(manifest.progress, new URL(siteScope(), window.location.href)).href;
      actions.append(el("a", { class: "quizbank-keep-button", href, text: "Restore it on My progress" }), " ");
    }
  }
  const dismiss = el("button", { type: "button", class: "quizbank-keep-button", text: "Dismiss" });
  dismiss.addEventListener("click", dismissLost);
  actions.append(dismiss);
  const box = el("div", { class: "quizbank-lost-box" }, [el("p", { text: lostText(found, found.last ? longDate(found.last) : "") }), actions]);
  requestAnimationFrame(() => region.isConnected && region.replaceChildren(box));
}

/* ── Events ────────────────────────────────────────────────────────────────────────────────── */
function saved(event) {
  askPersist();
  // A draft the student cleared: the marker follows at once (the page may be left at any moment),
  // so that an empty storage later is not taken for lost work.
  if (event && event.detail && event.detail.cleared) updateMarker(false);
  else markerSoon();
  if (keep.lost) {
    // A restore, or new work: whatever was lost is no longer the point.
    lostCheck = Promise.resolve(null);
    keep.lost = null;
    document.querySelectorAll(".quizbank-lost").forEach((n) => n.remove());
  }
}

/** A save: an answer or a restore ("quizbank:results"), or a draft. site.js hands over the ones heard before this bundle arrived. */
export function heard(event) {
  if (event.type === "quizbank:draft-saved") saved(event);
  else if (event.detail && (event.detail.record || !event.detail.id)) saved(null); // an answer, or a restore
}

document.addEventListener("quizbank:results", heard);
document.addEventListener("quizbank:draft-saved", heard);
// Leaving the page: the marker follows what the student did here (cleared a draft, say).
document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "hidden") updateMarker(false);
});

onEveryPage(() => checkLost().then((found) => found && showLost(found)));
