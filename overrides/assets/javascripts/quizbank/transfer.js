/*
 * The progress file: everything a student has done on the site, in one JSON file they download
 * and restore on another browser or device. Pure functions: tests/js/transfer.test.mjs.
 *
 * The file (version 3; DEVELOPERS.md has the whole format):
 *   {format: "quizbank-progress", version: 3, course: <site name>, site: <site path>,
 *    saved: <ISO date>, learner: <random id>, results: {"bank#id": result record},
 *    drafts: {"bank#task": draft record}}
 * Version 2 added `learner` (a random id made once per browser: it draws question pools and lets a
 * class report tell one student's file handed in twice; never a name) and each record's `first`
 * answer. Version 3 added each record's `firstConfidence` (calibration is judged on first answers),
 * and its `course` is the site's whole `site_name`, which the build writes into every page
 * (env.js courseName); a version 2 file named only the part of the page title after its last " - ".
 * Older files are still read: no learner in version 1, `first` and `firstConfidence` null where unknown.
 * Result records are results.js's (answers, confidence, hints, review schedule); draft records are
 * drafts.js's (text and rubric ticks). Restoring compares the file with the browser entry by entry:
 * what only one side has is kept, and where both have an entry and they differ, the student
 * chooses (the newer of the two by default).
 */

import { parseDraft } from "./drafts.js";
import { parseRecord } from "./results.js";

export const FILE_FORMAT = "quizbank-progress";
export const FILE_VERSION = 3;
const LEARNER = /^[0-9a-f]{16}$/;

/** A learner id as the site makes them: 16 lowercase hex digits, from the browser's random source. */
export function newLearnerId(random) {
  return Array.from(random(new Uint8Array(8)), (b) => (b + 256).toString(16).slice(1)).join("");
}

export const isLearnerId = (value) => typeof value === "string" && LEARNER.test(value);

export function progressFile({ course, site, learner, results, drafts, now }) {
  return {
    format: FILE_FORMAT,
    version: FILE_VERSION,
    course,
    site,
    saved: new Date(now).toISOString(),
    learner: isLearnerId(learner) ? learner : null,
    results: { ...results },
    drafts: { ...drafts },
  };
}

const isMap = (value) => value && typeof value === "object" && !Array.isArray(value);
const textOf = (value) => (typeof value === "string" ? value : "");

/**
 * A file's text, read and checked: {ok: true, data} or {ok: false, kind, message}, `kind` being
 * "format" (not a progress file), "version" (a newer one) or "damaged". Nothing partial: one
 * damaged entry and the whole file is refused, so restoring never half-applies a file. The class
 * report reads files by the same rules (report/progress_file.py): tests/progress_file_cases.json
 * holds the cases both readers check.
 */
export function readProgressFile(text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return refused("format", "This file is not a progress file of this course: it is not readable as one (not JSON).");
  }
  if (!isMap(value) || value.format !== FILE_FORMAT) {
    return refused("format", "This file is not a progress file of this course. Choose the file that “Download my progress” saved.");
  }
  if (!Number.isInteger(value.version) || value.version < 1) return damaged();
  if (value.version > FILE_VERSION) {
    return refused(
      "version",
      "This file was saved by a newer version of the course site than this one, so it cannot be read here. Restore it where it was saved, or on the newest copy of the site.",
    );
  }
  if (!isMap(value.results) || !isMap(value.drafts)) return damaged();
  if (value.version >= 2 && value.learner !== null && !isLearnerId(value.learner)) return damaged();
  const results = {};
  for (const [key, raw] of Object.entries(value.results)) {
    const record = parseRecord(raw);
    if (!record || !key.includes("#")) return damaged();
    results[key] = record;
  }
  const drafts = {};
  for (const [key, raw] of Object.entries(value.drafts)) {
    const draft = parseDraft(raw);
    if (!draft || !key.includes("#")) return damaged();
    drafts[key] = draft;
  }
  const learner = isLearnerId(value.learner) ? value.learner : null; // version 1: none
  return { ok: true, data: { course: textOf(value.course), saved: textOf(value.saved), version: value.version, learner, results, drafts } };
}

function refused(kind, message) {
  return { ok: false, kind, message };
}

function damaged() {
  return refused("damaged", "This progress file is damaged (part of it cannot be read), so nothing was restored from it.");
}

const sameJSON = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/**
 * What restoring `file` would change in `browser` ({results, drafts} each): one entry per key
 * that differs, {kind: "result" | "draft", key, change: "add" | "differs", newer: "file" | "browser"}.
 */
export function compare(file, browser) {
  const out = [];
  for (const kind of ["result", "draft"]) {
    const from = kind === "result" ? file.results : file.drafts;
    const here = kind === "result" ? browser.results : browser.drafts;
    for (const key of Object.keys(from).sort()) {
      if (!(key in here)) out.push({ kind, key, change: "add", newer: "file" });
      else if (!sameJSON(from[key], here[key])) {
        out.push({ kind, key, change: "differs", newer: from[key].updated > here[key].updated ? "file" : "browser" });
      }
    }
  }
  return out;
}

/** The browser's entries after restoring: `choices` maps "kind:key" to "file" or "browser" (default: the newer). */
export function merge(file, browser, choices) {
  const results = { ...browser.results };
  const drafts = { ...browser.drafts };
  for (const item of compare(file, browser)) {
    const pick = (choices && choices[`${item.kind}:${item.key}`]) || item.newer;
    if (pick !== "file") continue;
    if (item.kind === "result") results[item.key] = file.results[item.key];
    else drafts[item.key] = file.drafts[item.key];
  }
  return { results, drafts };
}
