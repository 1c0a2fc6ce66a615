// Self-check results, the Leitner schedule and statuses (overrides/assets/javascripts/quizbank/results.js).
import assert from "node:assert/strict";
import { test } from "node:test";

import { answered, cleared, hintsShown, parseRecord, parseResults, standing, status, countAnswered, toReview } from "../../overrides/assets/javascripts/quizbank/results.js";

const DAY = 86400000;
const q = { fp: "fp1", key: "k1", type: "single" };
const right = (extra = {}) => ({ values: ["a"], correct: true, confidence: null, hintsOpen: 0, ...extra });
const wrong = (extra = {}) => ({ values: ["b"], correct: false, confidence: null, hintsOpen: 0, ...extra });

test("one damaged record is dropped, its neighbours are kept", () => {
  const good = answered(null, q, right(), 1000);
  const parsed = parseResults({
    v: 2,
    questions: {
      "part-1#a": good,
      "part-1#b": { ...good, correct: "yes" },
      "part-1#c": { ...good, answer: "a" },
      "part-1#d": null,
      "no-hash": good,
      "part-1#e": { ...good, confidence: "certainly", box: 99 },
    },
  });
  assert.deepEqual(Object.keys(parsed.questions).sort(), ["part-1#a", "part-1#e"]);
  assert.equal(parsed.damaged, 4);
  assert.equal(parsed.questions["part-1#e"].confidence, null);
  assert.equal(parsed.questions["part-1#e"].box, 0);
  assert.deepEqual(parseResults("garbage").questions, {});
});

test("right answers come back after 1, then 3, then 7, then 21 days", () => {
  let r = null;
  let now = 0;
  const seen = [];
  for (let i = 0; i < 5; i += 1) {
    r = answered(r, q, right(), now);
    seen.push([r.box, (r.due - now) / DAY]);
    now = r.due;
  }
  assert.deepEqual(seen, [[1, 1], [2, 3], [3, 7], [4, 21], [4, 21]]);
  r = answered(r, q, wrong(), now);
  assert.deepEqual([r.box, r.due], [0, now]);
});

test("a right answer given as a guess is not promoted and stays due", () => {
  const r = answered(null, q, right({ confidence: "guess" }), 5000);
  assert.deepEqual([r.box, r.due, r.confidence], [0, 5000, "guess"]);
  assert.ok(toReview(r, 5000));
  const sure = answered(r, q, right({ confidence: "sure" }), 6000);
  assert.ok(!toReview(sure, 6000));
  assert.ok(toReview(sure, 6000 + DAY));
});

test("statuses: not tried, right first time, right after a retry or with hints, not yet right", () => {
  assert.equal(status(null), "none");
  assert.equal(status(answered(null, q, right(), 1)), "first");
  assert.equal(status(answered(null, q, right({ hintsOpen: 1 }), 1)), "later");
  const missed = answered(null, q, wrong(), 1);
  assert.equal(status(missed), "wrong");
  assert.ok(toReview(missed, 1));
  assert.equal(status(answered(missed, q, right(), 2)), "later");
});

test("attempts and hints accumulate; a reworded question starts afresh", () => {
  let r = answered(null, q, wrong({ hintsOpen: 2 }), 1);
  r = answered(r, q, right(), 2);
  assert.deepEqual([r.attempts, r.wrong, r.hints, r.hinted], [2, 1, 2, false]);
  const reworded = { ...q, fp: "fp2" };
  assert.equal(standing(r, reworded), "stale");
  assert.equal(standing(r, { ...q, key: "k2" }), "rekeyed");
  assert.equal(standing(r, q), "current");
  const fresh = answered(r, reworded, right(), 3);
  assert.deepEqual([fresh.attempts, fresh.wrong], [1, 0]);
});

test("Try again clears the answer on the page but keeps what was achieved", () => {
  const r = cleared(answered(null, q, right({ confidence: "sure" }), 1), 9);
  assert.deepEqual([r.answer, r.correct, r.confidence, r.attempts, r.updated], [[], true, null, 1, 9]);
  assert.equal(cleared(null, 9), null);
});

test("hints opened before any answer are kept, and the next right answer counts as helped", () => {
  const opened = hintsShown(null, q, 1, 5);
  assert.deepEqual([opened.attempts, opened.hints, status(opened), toReview(opened, 5)], [0, 1, "none", false]);
  assert.equal(parseResults({ questions: { "b#q": opened } }).questions["b#q"].hints, 1);
  const r = answered(opened, q, right({ hintsOpen: 1 }), 6);
  assert.deepEqual([r.attempts, r.hinted, status(r)], [1, true, "later"]);
  assert.equal(hintsShown(r, q, 1, 7), r); // nothing new
});

test("the first answer is kept through Try again and later answers; a hints-only record takes the first answer given", () => {
  const q = { fp: "f", key: "k", type: "single" };
  const a = (values, correct, previous, now) => answered(previous, q, { values, correct, confidence: null, hintsOpen: 0 }, now);
  const one = a(["wrong"], false, null, 1);
  assert.deepEqual(one.first, ["wrong"]);
  const two = a(["right"], true, cleared(one, 2), 3);
  assert.deepEqual(two.first, ["wrong"]);
  assert.deepEqual(two.answer, ["right"]);
  const hinted = hintsShown(null, q, 1, 4);
  assert.equal(hinted.first, null);
  assert.deepEqual(a(["right"], true, hinted, 5).first, ["right"]);
  const reworded = answered(two, { ...q, fp: "g" }, { values: ["x"], correct: true, confidence: null, hintsOpen: 0 }, 6);
  assert.deepEqual(reworded.first, ["x"], "a new wording starts a new record");
  const old = parseRecord({ ...two, first: undefined });
  assert.equal(old.first, null, "saved before the first answer was kept: unknown, not invented");
});

test("countAnswered: answered and right by the one rule every count uses", () => {
  const q = (id, fp = "f") => ({ id, fp, key: "k" });
  const rec = (correct, extra = {}) => ({ ...answered(null, { fp: "f", key: "k", type: "single" }, { values: ["v"], correct, confidence: null, hintsOpen: 0 }, 1), ...extra });
  const records = {
    "b#right": rec(true),
    "b#wrong": rec(false),
    "b#retried": cleared(rec(true), 2),
    "b#stale": rec(true),
    "b#hints": hintsShown(null, { fp: "f", key: "k", type: "single" }, 1, 1),
  };
  const questions = [q("b#right"), q("b#wrong"), q("b#retried"), q("b#stale", "other"), q("b#hints"), q("b#none")];
  assert.deepEqual(countAnswered(questions, records), { total: 6, answered: 3, right: 2 });
});

test("the first answer's confidence is kept through Try again and later answers, for calibration", () => {
  let r = answered(null, q, wrong({ confidence: "sure" }), 1);
  assert.equal(r.firstConfidence, "sure");
  r = cleared(r, 2); // Try again: the latest confidence goes, the first stays
  r = answered(r, q, right({ confidence: "unsure" }), 3);
  assert.deepEqual([r.confidence, r.firstConfidence], ["unsure", "sure"]);
  assert.equal(parseRecord(r).firstConfidence, "sure");
  // Given with no confidence: "none", which is known; a record saved before it was kept: null, unknown.
  assert.equal(answered(null, q, right(), 1).firstConfidence, "none");
  const old = parseRecord({ ...answered(null, q, wrong({ confidence: "sure" }), 1), firstConfidence: undefined });
  assert.equal(old.firstConfidence, null);
  assert.equal(answered(old, q, right({ confidence: "sure" }), 2).firstConfidence, null, "never guessed from a later answer");
  assert.equal(parseRecord({ ...r, firstConfidence: "certainly" }).firstConfidence, null);
  // Hints seen before any answer: the first answer's confidence is still to come.
  const hinted = hintsShown(null, q, 1, 1);
  assert.equal(hinted.firstConfidence, null);
  assert.equal(answered(hinted, q, right({ confidence: "guess" }), 2).firstConfidence, "guess");
});
