/*
 * Keeping a student's work when the browser does not: the rules, as plain functions on plain data
 * (no DOM, no storage). tests/js/keep.test.mjs checks them; keep-store.js, keep-ui.js and
 * keep-page.js apply them.
 *
 * Everything lives in the browser's localStorage, which browsers clear by themselves: Safari (all
 * WebKit browsers on iOS) deletes a site's storage after seven days of use without a visit, unless
 * the site runs as a Home Screen app; other browsers evict a site under storage pressure unless it
 * is persistent. The progress file is the copy that survives. So:
 * - persistent storage is asked for once per way of running the site (a tab, an installed app),
 *   after the first saved answer or draft;
 * - the last download is remembered with what it held, so My progress says what changed since;
 * - a quiet reminder comes when drafts grew by REMIND_WORDS words, or REMIND_DAYS passed (fewer on
 *   Safari), since the last download or the last "Not now";
 * - a marker kept outside localStorage says when a browser that had work comes back without it;
 * - a file older than the browser's work is not restored without asking.
 */

import { countWords, words } from "./words.js";

export const DAY = 24 * 60 * 60 * 1000;
export const REMIND_WORDS = 100; // about half of one of the brief's written answers (150–220 words)
export const REMIND_DAYS = 7;
export const REMIND_DAYS_SAFARI = 3; // before Safari's seven days without a visit can run out
export const RECORD_VERSION = 2; // the storage format's number (store.js FORMAT)

const isMap = (value) => Boolean(value) && typeof value === "object" && !Array.isArray(value);
const isTime = (n) => typeof n === "number" && Number.isFinite(n) && n >= 0;
const isCount = (n) => Number.isInteger(n) && n >= 0;
const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

/* ── What the browser holds ──────────────────────────────────────────────────────────────── */

/**
 * The student's work in a few numbers: `results` ({"bank#id": record}, results.js) and `drafts`
 * ({"bank#task": record}, drafts.js). Only what a student did counts: an answered question, a draft
 * with words in it. {answers: {id: updated}, drafts: {task: {words, updated}}, words, first, last}.
 */
export function summarize(results, drafts) {
  const answers = {};
  const texts = {};
  let total = 0;
  let first = 0;
  let last = 0;
  const seen = (t) => {
    if (!isTime(t) || !t) return;
    first = first ? Math.min(first, t) : t;
    last = Math.max(last, t);
  };
  for (const [id, record] of Object.entries(results || {})) {
    if (!isMap(record) || !(record.attempts > 0)) continue;
    answers[id] = isTime(record.updated) ? record.updated : 0;
    seen(record.updated);
  }
  for (const [task, draft] of Object.entries(drafts || {})) {
    if (!isMap(draft) || !isMap(draft.fields)) continue;
    const n = Object.values(draft.fields).reduce((sum, text) => sum + countWords(text), 0);
    if (!n) continue;
    texts[task] = { words: n, updated: isTime(draft.updated) ? draft.updated : 0 };
    total += n;
    seen(draft.updated);
  }
  return { answers, drafts: texts, words: total, first, last };
}

export const hasWork = (summary) => Object.keys(summary.answers).length > 0 || Object.keys(summary.drafts).length > 0;

/* ── The last download ───────────────────────────────────────────────────────────────────── */

/**
 * What is remembered of a download (`quizbank:2:<scope>:downloaded`): when, and what it held. A file
 * restored here counts as one (`restored`): the student holds that copy.
 */
export function downloadRecord(summary, now, restored) {
  return { v: RECORD_VERSION, at: now, answers: { ...summary.answers }, drafts: { ...summary.drafts }, restored: Boolean(restored) };
}

/** A stored download record, checked; null when there is none or it cannot be read. */
export function parseDownload(value) {
  if (!isMap(value) || !isTime(value.at) || !isMap(value.answers) || !isMap(value.drafts)) return null;
  const answers = {};
  for (const [id, t] of Object.entries(value.answers)) if (isTime(t)) answers[id] = t;
  const drafts = {};
  for (const [task, d] of Object.entries(value.drafts)) {
    if (isMap(d) && isCount(d.words) && isTime(d.updated)) drafts[task] = { words: d.words, updated: d.updated };
  }
  return { at: value.at, answers, drafts, restored: value.restored === true };
}

/**
 * What changed since `download` (null: never downloaded, so everything): answers given or changed,
 * drafts changed, and words added to drafts (a draft cut short adds none).
 */
export function changesSince(download, summary) {
  const before = download || { answers: {}, drafts: {} };
  const answers = Object.keys(summary.answers).filter((id) => before.answers[id] !== summary.answers[id]).length;
  let drafts = 0;
  let added = 0;
  for (const [task, now] of Object.entries(summary.drafts)) {
    const then = before.drafts[task];
    if (then && then.updated === now.updated && then.words === now.words) continue;
    drafts += 1;
    added += Math.max(0, now.words - (then ? then.words : 0));
  }
  return { answers, drafts, words: added, any: answers + drafts > 0 };
}

/** "3 self-checks answered and 1 draft changed (120 words added)", or "" when nothing changed. */
export function changesText(changes) {
  const parts = [];
  if (changes.answers) parts.push(`${plural(changes.answers, "self-check", "self-checks")} answered`);
  if (changes.drafts) parts.push(`${plural(changes.drafts, "draft", "drafts")} changed${changes.words ? ` (${words(changes.words)} added)` : ""}`);
  return parts.join(" and ");
}

/* ── Relative times ──────────────────────────────────────────────────────────────────────── */

/** "just now", "5 minutes ago", "3 hours ago", "1 day ago", "12 days ago". */
export function ago(then, now) {
  const diff = now - then;
  if (!(diff >= 60 * 1000)) return "just now"; // also a clock that went back
  if (diff < 60 * 60 * 1000) return `${plural(Math.floor(diff / 60000), "minute", "minutes")} ago`;
  if (diff < DAY) return `${plural(Math.floor(diff / 3600000), "hour", "hours")} ago`;
  return `${plural(Math.floor(diff / DAY), "day", "days")} ago`;
}

/* ── The reminder ────────────────────────────────────────────────────────────────────────── */

/** "Not now" (`quizbank:2:<scope>:reminder`): when, and how many words the drafts had then. */
export function dismissRecord(summary, now) {
  return { v: RECORD_VERSION, at: now, words: summary.words };
}

export function parseDismissed(value) {
  return isMap(value) && isTime(value.at) && isCount(value.words) ? { at: value.at, words: value.words } : null;
}

/**
 * Whether to remind the student to download their progress now: null, or {reason: "words" |
 * "days", words, days, never, safari}. Only when something changed since the last download; then
 * when drafts grew by REMIND_WORDS words, or REMIND_DAYS days went by (REMIND_DAYS_SAFARI where
 * Safari's seven-day rule applies), counted from the last download, or from a later "Not now"
 * (never downloaded: from the first saved work).
 */
export function reminderFor({ download, dismissed, summary, now, safari }) {
  const changes = changesSince(download, summary);
  if (!changes.any) return null;
  let since = download ? download.at : summary.first;
  let grown = changes.words;
  if (dismissed && (!download || dismissed.at >= download.at)) {
    since = dismissed.at;
    grown = Math.max(0, summary.words - dismissed.words);
  }
  const days = since ? Math.floor((now - since) / DAY) : 0;
  const base = { words: grown, days, never: !download, since: download ? download.at : 0, changes, safari: Boolean(safari) };
  if (grown >= REMIND_WORDS) return { reason: "words", ...base };
  if (since && days >= (safari ? REMIND_DAYS_SAFARI : REMIND_DAYS)) return { reason: "days", ...base };
  return null;
}

export const SAFARI_RULE =
  "Safari deletes everything a site saved after seven days in which you use Safari without opening that site; a downloaded file is safe from that.";

/** The reminder's words: why now, and what to do. */
export function reminderText(reminder, now) {
  let why;
  if (reminder.reason === "words") {
    why = reminder.never
      ? `You have written ${words(reminder.words)} and not downloaded your progress yet: your work is only in this browser.`
      : `You have written ${words(reminder.words)} since you last downloaded your progress (${ago(reminder.since, now)}).`;
  } else {
    why = reminder.never
      ? "You have not downloaded your progress yet: your work is only in this browser."
      : `You last downloaded your progress ${ago(reminder.since, now)}, and since then: ${changesText(reminder.changes)}.`;
  }
  return `${why} Download it to keep a copy outside the browser.${reminder.safari ? " " + SAFARI_RULE : ""}`;
}

/* ── Where this browser runs the site ─────────────────────────────────────────────────────── */

/**
 * {safari, app, webkitApp}: `safari` where WebKit's seven-day rule deletes the site's storage (Safari,
 * and every browser on iOS, which all run WebKit), in a tab; `app` when the site runs installed
 * (display-mode standalone); `webkitApp` a Safari web app (Home Screen on iOS, Dock on a Mac), which
 * keeps a storage of its own, apart from Safari's, that the seven-day rule does not touch.
 */
export function platformOf({ userAgent, standalone, iosStandalone }) {
  const ua = String(userAgent || "");
  const webkit = /AppleWebKit\//.test(ua) && !/Chrome\/|Chromium\/|Android/.test(ua);
  const app = Boolean(standalone || iosStandalone);
  return { safari: webkit && !app, app, webkitApp: Boolean(iosStandalone) || (webkit && app) };
}

/* ── Persistent storage ──────────────────────────────────────────────────────────────────── */

/** `quizbank:2:<scope>:persist`: when it was asked, in a tab and as an app, and the last answer. */
export function parsePersist(value) {
  if (!isMap(value) || !isMap(value.asked)) return { asked: {}, granted: null };
  const asked = {};
  for (const mode of ["tab", "app"]) if (isTime(value.asked[mode])) asked[mode] = value.asked[mode];
  return { asked, granted: typeof value.granted === "boolean" ? value.granted : null };
}

/** Ask at most once in each way of running the site (a Home Screen app may be granted what a tab was not). */
export const shouldAskPersist = (record, mode) => !(mode in record.asked);

export function persistRecord(record, mode, granted, now) {
  return { v: RECORD_VERSION, asked: { ...record.asked, [mode]: now }, granted: Boolean(granted) };
}

/**
 * What My progress says about this browser keeping the work: {state, text}. `persisted`: what
 * navigator.storage.persisted() answered (null: the browser cannot say); `record`: parsePersist's;
 * `when`: the date it was asked, as the page writes dates.
 */
export function persistText({ persisted, record, platform, when }) {
  const copy = "Keep a downloaded copy all the same: nothing in a browser survives clearing its data or losing the device.";
  if (platform.webkitApp) {
    return {
      state: "app",
      text: `You are using the course as an app from your Home Screen, so Safari's seven-day clean-up does not apply. This app keeps its own copy of your work, apart from Safari's: to carry on here with work done in Safari, download your progress there and restore it here. ${copy}`,
    };
  }
  if (platform.safari) {
    return {
      state: "safari",
      text: `Safari deletes everything a site saved after seven days in which you use Safari without opening that site, and this browser follows that rule. To keep your work, add the course to your Home Screen (Share, then “Add to Home Screen”) and work in the app, and download your progress often.`,
    };
  }
  if (persisted === true) {
    return { state: "kept", text: `This browser keeps your work persistently: it will not delete it to free up space. ${copy}` };
  }
  if (persisted === null) {
    return { state: "unknown", text: `This browser cannot say whether it keeps your work persistently, so it may delete it to free up space. ${copy}` };
  }
  if (!Object.keys(record.asked).length) {
    return { state: "not-asked", text: "This browser will be asked to keep your work persistently when you first save an answer or a draft." };
  }
  return {
    state: "may-clear",
    text: `This browser may delete your work by itself when the device runs low on space: it did not agree to keep it persistently when asked${when ? ` (${when})` : ""}. Browsers agree more readily for a site that is installed as an app or bookmarked. ${copy}`,
  };
}

/* ── Lost storage ────────────────────────────────────────────────────────────────────────── */

/** The marker kept outside localStorage (Cache Storage): how much work there was, and when. No text of the student's. */
export function markerRecord(summary, now) {
  return { v: RECORD_VERSION, at: now, answers: Object.keys(summary.answers).length, drafts: Object.keys(summary.drafts).length, words: summary.words, last: summary.last };
}

export function parseMarker(value) {
  if (!isMap(value) || !isCount(value.answers) || !isCount(value.drafts) || !isCount(value.words)) return null;
  return { answers: value.answers, drafts: value.drafts, words: value.words, last: isTime(value.last) ? value.last : 0 };
}

/**
 * Whether the browser lost the work it had: null, or {evidence: "marker" | "http", answers, drafts,
 * words, last}. `marker`: what Cache Storage remembers (a marker with nothing in it: the student
 * cleared their work themselves); `httpMarker`: the HTTP cache still holds the request the site
 * made when work was first saved (Safari and storage eviction clear Cache Storage with
 * localStorage, not the HTTP cache).
 */
export function lostWork({ summary, marker, httpMarker }) {
  if (hasWork(summary)) return null;
  if (marker) return marker.answers || marker.drafts ? { evidence: "marker", ...marker } : null;
  return httpMarker ? { evidence: "http", answers: 0, drafts: 0, words: 0, last: 0 } : null;
}

/** The notice's words. `when`: the date of the last change, as the page writes dates. */
export function lostText(lost, when) {
  const why =
    "Browsers delete a site's data by themselves: Safari after seven days in which you use it without opening the site, others when the device runs low on space; or the browser's data was cleared.";
  const restore = "If you downloaded your progress, restore the file on My progress to carry on.";
  if (lost.evidence === "http") {
    return `This browser seems to have held your work for this course, and it is no longer here. ${why} ${restore} If you cleared it yourself, dismiss this.`;
  }
  const held = [lost.answers ? `${plural(lost.answers, "answered self-check", "answered self-checks")}` : "", lost.drafts ? `${plural(lost.drafts, "draft", "drafts")} (${words(lost.words)})` : ""].filter(Boolean).join(" and ");
  return `Your work for this course is no longer in this browser: it held ${held}${when ? `, last changed ${when}` : ""}. ${why} ${restore}`;
}

/* ── Restoring an older file ─────────────────────────────────────────────────────────────── */

/**
 * {file, browser} (two times) when the progress file was saved before the browser's latest work,
 * else null. The file's `saved` time, or its own latest entry when that cannot be read.
 */
export function olderFile(file, summary) {
  let saved = Date.parse(file.saved || "");
  if (!Number.isFinite(saved)) {
    saved = 0;
    for (const entry of [...Object.values(file.results || {}), ...Object.values(file.drafts || {})]) {
      if (entry && isTime(entry.updated)) saved = Math.max(saved, entry.updated);
    }
  }
  return summary.last > saved ? { file: saved, browser: summary.last } : null;
}

/* ── The file's name ─────────────────────────────────────────────────────────────────────── */

/** "cloud-based-fine-tuning-progress-2026-12-06.json": the course (up to a colon) and the local date. */
export function progressFileName(course, date) {
  const name = String(course || "").split(":")[0];
  const slug =
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "course";
  const pad = (n) => String(n).padStart(2, "0");
  return `${slug}-progress-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.json`;
}
