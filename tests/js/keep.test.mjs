// Keeping a student's work: when to remind, what changed since the last download, persistent
// storage asked once, lost storage noticed, an older file caught (overrides/assets/javascripts/quizbank/keep.js).
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  DAY,
  REMIND_DAYS,
  REMIND_DAYS_SAFARI,
  REMIND_WORDS,
  ago,
  changesSince,
  changesText,
  dismissRecord,
  downloadRecord,
  hasWork,
  lostText,
  lostWork,
  markerRecord,
  olderFile,
  parseDismissed,
  parseDownload,
  parseMarker,
  parsePersist,
  persistRecord,
  persistText,
  platformOf,
  progressFileName,
  reminderFor,
  reminderText,
  shouldAskPersist,
  summarize,
} from "../../overrides/assets/javascripts/quizbank/keep.js";

const T0 = Date.UTC(2026, 11, 1, 9, 0, 0);
const answer = (updated, attempts = 1) => ({ fp: "f", kind: "single", answer: ["a"], correct: true, attempts, updated });
const draft = (text, updated) => ({ v: 2, fields: { answer: text }, rubric: {}, updated, tab: "t" });
const wordsOf = (n) => Array.from({ length: n }, (_, i) => `word${i}`).join(" ");
const stored = (value) => JSON.parse(JSON.stringify(value)); // as it comes back from localStorage

test("the work a browser holds: answered questions and drafts with words, nothing else", () => {
  const s = summarize(
    { "b#a": answer(T0 + 5), "b#b": answer(T0 + 9, 0), "b#c": "damaged" },
    { "b#t": draft("three words here", T0 + 7), "b#empty": draft("  —  ", T0 + 20), "b#x": { fields: "no" } },
  );
  assert.deepEqual(s.answers, { "b#a": T0 + 5 });
  assert.deepEqual(s.drafts, { "b#t": { words: 3, updated: T0 + 7 } });
  assert.equal(s.words, 3);
  assert.equal(s.first, T0 + 5);
  assert.equal(s.last, T0 + 7);
  assert.equal(hasWork(s), true);
  assert.equal(hasWork(summarize({ "b#b": answer(T0, 0) }, { "b#e": draft("", T0) })), false);
});

test("what changed since the last download: answers given again, drafts changed, words added", () => {
  const before = summarize({ "b#a": answer(T0), "b#b": answer(T0) }, { "b#t": draft(wordsOf(50), T0), "b#u": draft(wordsOf(80), T0) });
  const download = parseDownload(stored(downloadRecord(before, T0 + 1)));
  assert.equal(download.at, T0 + 1);
  assert.deepEqual(changesSince(download, before), { answers: 0, drafts: 0, words: 0, any: false });
  const after = summarize(
    { "b#a": answer(T0 + 10), "b#b": answer(T0), "b#c": answer(T0 + 11) },
    { "b#t": draft(wordsOf(170), T0 + 12), "b#u": draft(wordsOf(60), T0 + 13), "b#v": draft(wordsOf(5), T0 + 14) },
  );
  // b#a answered again and b#c new; b#t +120, b#u cut by 20 (adds none), b#v new (+5).
  assert.deepEqual(changesSince(download, after), { answers: 2, drafts: 3, words: 125, any: true });
  assert.equal(changesText(changesSince(download, after)), "2 self-checks answered and 3 drafts changed (125 words added)");
  assert.equal(changesText({ answers: 1, drafts: 0, words: 0 }), "1 self-check answered");
  assert.equal(changesText({ answers: 0, drafts: 1, words: 0 }), "1 draft changed");
  // Never downloaded: everything is a change.
  assert.deepEqual(changesSince(null, before), { answers: 2, drafts: 2, words: 130, any: true });
});

test("a damaged download record is no record, entry by entry", () => {
  for (const bad of [null, "x", [], { at: -1, answers: {}, drafts: {} }, { at: 5, answers: [], drafts: {} }, { at: 5, answers: {} }]) {
    assert.equal(parseDownload(bad), null, JSON.stringify(bad));
  }
  const parsed = parseDownload({ at: 5, answers: { "b#a": 3, "b#b": "x" }, drafts: { "b#t": { words: 4, updated: 2 }, "b#u": { words: -1, updated: 2 } } });
  assert.deepEqual(parsed, { at: 5, answers: { "b#a": 3 }, drafts: { "b#t": { words: 4, updated: 2 } }, restored: false });
  assert.equal(parseDownload(stored(downloadRecord(summarize({}, {}), 7, true))).restored, true); // a file restored here
});

test("relative times read plainly", () => {
  assert.equal(ago(T0, T0 + 30 * 1000), "just now");
  assert.equal(ago(T0, T0 - 5000), "just now"); // a clock set back
  assert.equal(ago(T0, T0 + 60 * 1000), "1 minute ago");
  assert.equal(ago(T0, T0 + 5 * 60 * 1000), "5 minutes ago");
  assert.equal(ago(T0, T0 + 3 * 3600 * 1000), "3 hours ago");
  assert.equal(ago(T0, T0 + DAY), "1 day ago");
  assert.equal(ago(T0, T0 + 12 * DAY + 5), "12 days ago");
});

test("a reminder when drafts grew by enough words since the last download", () => {
  const at = summarize({}, { "b#t": draft(wordsOf(40), T0) });
  const download = parseDownload(stored(downloadRecord(at, T0)));
  const grown = (n) => summarize({}, { "b#t": draft(wordsOf(40 + n), T0 + 1000) });
  assert.equal(reminderFor({ download, dismissed: null, summary: grown(REMIND_WORDS - 1), now: T0 + 2000 }), null);
  const r = reminderFor({ download, dismissed: null, summary: grown(REMIND_WORDS), now: T0 + 2 * 3600 * 1000 });
  assert.equal(r.reason, "words");
  assert.equal(r.words, REMIND_WORDS);
  assert.equal(reminderText(r, T0 + 2 * 3600 * 1000), `You have written ${REMIND_WORDS} words since you last downloaded your progress (2 hours ago). Download it to keep a copy outside the browser.`);
  // Nothing changed: no reminder, however long ago the download was.
  assert.equal(reminderFor({ download, dismissed: null, summary: at, now: T0 + 60 * DAY }), null);
});

test("a reminder when a week went by with work not downloaded, three days on Safari", () => {
  const at = summarize({ "b#a": answer(T0) }, {});
  const download = parseDownload(stored(downloadRecord(at, T0)));
  const later = summarize({ "b#a": answer(T0), "b#b": answer(T0 + DAY) }, {});
  const at_ = (days, safari) => reminderFor({ download, dismissed: null, summary: later, now: T0 + days * DAY, safari });
  assert.equal(at_(REMIND_DAYS - 0.01), null);
  const r = at_(REMIND_DAYS);
  assert.equal(r.reason, "days");
  assert.match(reminderText(r, T0 + REMIND_DAYS * DAY), /^You last downloaded your progress 7 days ago, and since then: 1 self-check answered\. Download it/);
  assert.doesNotMatch(reminderText(r, T0), /Safari/);
  assert.equal(at_(REMIND_DAYS_SAFARI - 0.01, true), null);
  const safari = at_(REMIND_DAYS_SAFARI, true);
  assert.equal(safari.reason, "days");
  assert.match(reminderText(safari, T0), /Safari deletes everything a site saved after seven days/);
});

test("never downloaded: counted from the first saved work", () => {
  const s = summarize({}, { "b#t": draft(wordsOf(30), T0) });
  assert.equal(reminderFor({ download: null, dismissed: null, summary: s, now: T0 + DAY }), null);
  const r = reminderFor({ download: null, dismissed: null, summary: s, now: T0 + REMIND_DAYS * DAY });
  assert.equal(r.reason, "days");
  assert.equal(r.never, true);
  assert.match(reminderText(r, T0), /^You have not downloaded your progress yet: your work is only in this browser\./);
  const long = summarize({}, { "b#t": draft(wordsOf(REMIND_WORDS), T0) });
  const w = reminderFor({ download: null, dismissed: null, summary: long, now: T0 });
  assert.equal(w.reason, "words");
  assert.match(reminderText(w, T0), /^You have written 100 words and not downloaded your progress yet/);
});

test("'Not now' quiets the reminder until the thresholds are crossed again from then", () => {
  const grownBy = (n, t) => summarize({}, { "b#t": draft(wordsOf(n), t) });
  const first = grownBy(REMIND_WORDS + 10, T0);
  assert.equal(reminderFor({ download: null, dismissed: null, summary: first, now: T0 }).reason, "words");
  const dismissed = parseDismissed(stored(dismissRecord(first, T0 + 5)));
  assert.deepEqual(dismissed, { at: T0 + 5, words: REMIND_WORDS + 10 });
  assert.equal(reminderFor({ download: null, dismissed, summary: first, now: T0 + 10 }), null);
  assert.equal(reminderFor({ download: null, dismissed, summary: grownBy(2 * REMIND_WORDS + 9, T0 + 20), now: T0 + 30 }), null);
  assert.equal(reminderFor({ download: null, dismissed, summary: grownBy(2 * REMIND_WORDS + 10, T0 + 20), now: T0 + 30 }).reason, "words");
  assert.equal(reminderFor({ download: null, dismissed, summary: first, now: T0 + 5 + REMIND_DAYS * DAY }).reason, "days");
  // A download after the "Not now" counts from the download.
  const download = parseDownload(stored(downloadRecord(first, T0 + 100)));
  assert.equal(reminderFor({ download, dismissed, summary: first, now: T0 + 30 * DAY }), null);
  assert.equal(parseDismissed({ at: "x", words: 3 }), null);
});

test("Safari's seven-day rule is told from the browser, and a Home Screen app is exempt", () => {
  const iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1";
  const chromeIos = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0 Mobile/15E148 Safari/604.1";
  const mac = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15";
  const chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
  const android = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36";
  const firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
  for (const ua of [iphone, chromeIos, mac]) assert.deepEqual(platformOf({ userAgent: ua }), { safari: true, app: false, webkitApp: false }, ua);
  for (const ua of [chrome, android, firefox]) assert.deepEqual(platformOf({ userAgent: ua }), { safari: false, app: false, webkitApp: false }, ua);
  assert.deepEqual(platformOf({ userAgent: iphone, iosStandalone: true }), { safari: false, app: true, webkitApp: true });
  assert.deepEqual(platformOf({ userAgent: chrome, standalone: true }), { safari: false, app: true, webkitApp: false });
});

test("persistent storage is asked once in a tab, and once more as an installed app", () => {
  let record = parsePersist(null);
  assert.equal(shouldAskPersist(record, "tab"), true);
  record = parsePersist(stored(persistRecord(record, "tab", false, T0)));
  assert.deepEqual(record, { asked: { tab: T0 }, granted: false });
  assert.equal(shouldAskPersist(record, "tab"), false);
  assert.equal(shouldAskPersist(record, "app"), true);
  record = parsePersist(stored(persistRecord(record, "app", true, T0 + 1)));
  assert.deepEqual(record, { asked: { tab: T0, app: T0 + 1 }, granted: true });
  assert.deepEqual(parsePersist({ asked: { tab: "soon" }, granted: "yes" }), { asked: {}, granted: null });
});

test("My progress says in plain words whether this browser keeps the work", () => {
  const none = parsePersist(null);
  const asked = parsePersist(persistRecord(none, "tab", false, T0));
  const chrome = platformOf({ userAgent: "Chrome/131.0" });
  assert.equal(persistText({ persisted: false, record: none, platform: chrome }).state, "not-asked");
  const mayClear = persistText({ persisted: false, record: asked, platform: chrome, when: "1 Dec 2026" });
  assert.equal(mayClear.state, "may-clear");
  assert.match(mayClear.text, /may delete your work by itself when the device runs low on space: it did not agree .* \(1 Dec 2026\)/);
  const kept = persistText({ persisted: true, record: asked, platform: chrome });
  assert.equal(kept.state, "kept");
  assert.match(kept.text, /will not delete it to free up space/);
  assert.equal(persistText({ persisted: null, record: none, platform: chrome }).state, "unknown");
  const safari = persistText({ persisted: true, record: asked, platform: { safari: true, app: false, webkitApp: false } });
  assert.equal(safari.state, "safari"); // persistent or not, the seven-day rule still applies in a tab
  assert.match(safari.text, /Add to Home Screen/);
  const app = persistText({ persisted: false, record: none, platform: { safari: false, app: true, webkitApp: true } });
  assert.equal(app.state, "app");
  assert.match(app.text, /keeps its own copy of your work, apart from Safari's/);
});

test("lost storage: a marker with work and none in the browser; never after the student cleared it", () => {
  const empty = summarize({}, {});
  const had = summarize({ "b#a": answer(T0), "b#b": answer(T0 + 1) }, { "b#t": draft(wordsOf(12), T0 + 2) });
  const marker = parseMarker(stored(markerRecord(had, T0 + 3)));
  assert.deepEqual(marker, { answers: 2, drafts: 1, words: 12, last: T0 + 2 });
  assert.equal(lostWork({ summary: had, marker, httpMarker: true }), null); // the work is here
  const lost = lostWork({ summary: empty, marker, httpMarker: false });
  assert.equal(lost.evidence, "marker");
  assert.equal(lostText(lost, "2 Dec 2026"), "Your work for this course is no longer in this browser: it held 2 answered self-checks and 1 draft (12 words), last changed 2 Dec 2026. Browsers delete a site's data by themselves: Safari after seven days in which you use it without opening the site, others when the device runs low on space; or the browser's data was cleared. If you downloaded your progress, restore the file on My progress to carry on.");
  // The student cleared their work: the marker says nothing was left.
  const cleared = parseMarker(markerRecord(empty, T0 + 9));
  assert.equal(lostWork({ summary: empty, marker: cleared, httpMarker: true }), null);
  // Safari and eviction clear Cache Storage with localStorage; the HTTP cache remembers.
  const http = lostWork({ summary: empty, marker: null, httpMarker: true });
  assert.equal(http.evidence, "http");
  assert.match(lostText(http, ""), /seems to have held your work .* If you cleared it yourself, dismiss this\.$/);
  assert.equal(lostWork({ summary: empty, marker: null, httpMarker: false }), null); // a first visit
  assert.equal(parseMarker({ answers: "2" }), null);
});

test("a file older than the browser's latest work is caught; a newer or equal one is not", () => {
  const here = summarize({ "b#a": answer(T0 + 5000) }, {});
  const file = (saved, results = {}) => ({ saved, results, drafts: {} });
  assert.deepEqual(olderFile(file(new Date(T0).toISOString()), here), { file: T0, browser: T0 + 5000 });
  assert.equal(olderFile(file(new Date(T0 + 5000).toISOString()), here), null);
  assert.equal(olderFile(file(new Date(T0 + 9000).toISOString()), here), null);
  // No readable date: the file's own latest entry.
  assert.deepEqual(olderFile(file("", { "b#a": answer(T0 + 10) }), here), { file: T0 + 10, browser: T0 + 5000 });
  assert.equal(olderFile(file(new Date(T0).toISOString()), summarize({}, {})), null); // an empty browser loses nothing
});

test("the downloaded file names the course and the date", () => {
  const date = new Date(2026, 11, 6, 23, 30); // local time: the student's own date
  assert.equal(progressFileName("Cloud-Based Fine-Tuning: self-check course", date), "cloud-based-fine-tuning-progress-2026-12-06.json");
  assert.equal(progressFileName("Écoles & Réseaux", new Date(2026, 0, 2)), "ecoles-reseaux-progress-2026-01-02.json");
  assert.equal(progressFileName("", date), "course-progress-2026-12-06.json");
});
