/*
 * Keeping a student's work: what keep.js's rules read and write. No side effects on import (both
 * the site's bundle and My progress's import it).
 *
 * In localStorage, under the site's scope (store.js), each {v: 2, …}:
 *   quizbank:2:<scope>:downloaded   the last download of the progress file: when, and what it held
 *   quizbank:2:<scope>:reminder     the last "Not now" to the reminder
 *   quizbank:2:<scope>:persist      when persistent storage was asked for (in a tab, as an app)
 *   quizbank:2:<scope>:checked      this storage was looked at for lost work (or the notice dismissed)
 * Outside it, to notice when localStorage comes back empty (nothing of the student's text, only counts):
 *   Cache Storage "quizbank-kept <scope>": a marker with how much work there was (localStorage
 *     cleared alone, e.g. by another site on the same origin, leaves it);
 *   the HTTP cache: <scope>sw.js?quizbank-kept, requested as a page loads once there is work (Safari's
 *     seven-day rule and storage eviction clear Cache Storage with localStorage, not the HTTP cache).
 *     It is looked up with cache "only-if-cached", which never reaches the network.
 */

import { parseDraft } from "./drafts.js";
import { courseName, downloadFile, learnerId, siteScope, siteStore } from "./env.js";
import { downloadRecord, markerRecord, parseDownload, parseMarker, progressFileName, summarize } from "./keep.js";
import { parseResults } from "./results.js";
import { progressFile } from "./transfer.js";

export const DOWNLOADED = "downloaded";
export const REMINDER = "reminder";
export const PERSIST = "persist";
export const CHECKED = "checked";
const MARKER_CACHE = "quizbank-kept"; // the offline worker deletes only "quizbank-offline <scope> …" caches
const MARKER_FILE = "quizbank-kept.json"; // a key in that cache, never a file of the site
const HTTP_MARKER = "sw.js?quizbank-kept"; // a file every built site has that the worker never answers
const HTTP_MARKER_DAYS = 7; // asked again after this: the HTTP cache drops what is not used

/** The student's results and drafts in this browser: {results, drafts}. Throws when storage is unavailable. */
export function readWork() {
  const store = siteStore();
  const results = parseResults(store.readJSON(store.key("results"))).questions;
  const drafts = {};
  for (const { key, task } of store.keysOf("draft")) {
    const draft = parseDraft(store.readJSON(key));
    if (draft) drafts[task] = draft;
  }
  return { results, drafts };
}

export function summaryNow() {
  const { results, drafts } = readWork();
  return summarize(results, drafts);
}

/** One of the records above, parsed with `parse` (which turns anything unreadable into its "none"). */
export function readRecord(kind, parse) {
  const store = siteStore();
  return parse(store.readJSON(store.key(kind)));
}

export function writeRecord(kind, value) {
  const store = siteStore();
  store.writeJSON(store.key(kind), value);
}

/**
 * Download the progress file (named after the course and the date), and remember what it held.
 * Returns the file's name. Throws when storage is unavailable (nothing to download then).
 */
export function downloadProgress() {
  const { results, drafts } = readWork();
  const now = Date.now();
  const file = progressFile({ course: courseName(), site: siteScope(), learner: learnerId(), results, drafts, now });
  const name = progressFileName(courseName(), new Date(now));
  downloadFile(name, JSON.stringify(file, null, 1), "application/json");
  try {
    writeRecord(DOWNLOADED, downloadRecord(summarize(results, drafts), now));
  } catch (e) {
    // the file is saved all the same; only "last downloaded" is not remembered
  }
  document.dispatchEvent(new CustomEvent("quizbank:downloaded", { detail: { name } }));
  return name;
}

/** A progress file restored here is a copy the student holds: "last downloaded" counts from its date. */
export function noteRestored(file) {
  const at = Date.parse(file.saved || "");
  if (!Number.isFinite(at)) return;
  const current = readRecord(DOWNLOADED, parseDownload);
  if (current && current.at >= at) return;
  writeRecord(DOWNLOADED, downloadRecord(summarize(file.results, file.drafts), at, true));
}

/* ── Markers outside localStorage ──────────────────────────────────────────────────────────── */
const scopeUrl = () => new URL(siteScope(), window.location.href);
const cacheName = () => `${MARKER_CACHE} ${siteScope()}`;
const markerKey = () => new URL(MARKER_FILE, scopeUrl()).href;
const hasCaches = () => typeof window.caches !== "undefined" && window.isSecureContext;
/* A built site has its worker's file at its root (overrides/main.html says so); `mkdocs serve` does not. */
const httpMarkerUrl = () => (document.querySelector('meta[name="quizbank-offline"]') ? new URL(HTTP_MARKER, scopeUrl()).href : null);

/** The Cache Storage marker: {answers, drafts, words, last, http} or null. */
export async function readMarker() {
  if (!hasCaches()) return null;
  if (!(await caches.has(cacheName()))) return null; // never open (and so create) a cache to look
  const response = await (await caches.open(cacheName())).match(markerKey());
  if (!response) return null;
  try {
    const value = await response.json();
    const marker = parseMarker(value);
    return marker && { ...marker, http: typeof value.http === "number" ? value.http : 0 };
  } catch (e) {
    return null;
  }
}

/** Whether the HTTP cache's marker should be asked for (again): the first time there is work, then weekly. */
export function httpMarkerDue(summary, previous) {
  const http = previous ? previous.http : 0;
  return Boolean(httpMarkerUrl()) && navigator.onLine && summary.last > 0 && (!http || Date.now() - http > HTTP_MARKER_DAYS * 24 * 3600 * 1000);
}

/**
 * Record how much work this browser holds; with `http` (a page being opened, never a save), the
 * first time and weekly, in the HTTP cache too.
 */
export async function writeMarker(summary, previous, http) {
  if (!hasCaches()) return;
  const now = Date.now();
  let httpAt = previous ? previous.http : 0;
  const url = httpMarkerUrl();
  if (http && httpMarkerDue(summary, previous)) {
    // Our own file, from our own origin: nothing of the student's is in the request.
    const response = await window.fetch(url, { cache: "reload", credentials: "same-origin" }).catch(() => null);
    // Read to the end: the cache keeps a whole response only, and an unread one stays in flight.
    if (response && response.ok && (await response.arrayBuffer().then(() => true, () => false))) httpAt = now;
  }
  const body = JSON.stringify({ ...markerRecord(summary, now), http: httpAt });
  await (await caches.open(cacheName())).put(markerKey(), new Response(body, { headers: { "Content-Type": "application/json" } }));
}

/**
 * Whether the HTTP cache still holds the marker request. Asked from a worker: a miss (the usual
 * answer, on a first visit) is a failed request, which a page's console would report as an error.
 */
export function probeHttpMarker() {
  const url = httpMarkerUrl();
  if (!url || typeof Worker === "undefined") return Promise.resolve(false);
  const code =
    "onmessage = (e) => fetch(e.data, { cache: 'only-if-cached', mode: 'same-origin' })" +
    ".then((r) => postMessage(r.ok), () => postMessage(false));";
  return new Promise((resolve) => {
    let worker;
    let source;
    const done = (found) => {
      if (worker) worker.terminate();
      if (source) URL.revokeObjectURL(source);
      worker = source = null;
      resolve(found);
    };
    try {
      source = URL.createObjectURL(new Blob([code], { type: "text/javascript" }));
      worker = new Worker(source);
      worker.onmessage = (e) => done(e.data === true);
      worker.onerror = () => done(false);
      worker.postMessage(url);
    } catch (e) {
      done(false);
    }
    setTimeout(() => done(false), 5000);
  });
}
