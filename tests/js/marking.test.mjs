// Marking an answer against a question's key, kind by kind (overrides/assets/javascripts/quizbank/marking.js),
// and the one rule every count re-marks a re-keyed record by (results.js `marked`, `countAnswered`).
import assert from "node:assert/strict";
import { test } from "node:test";

import { markAnswer } from "../../overrides/assets/javascripts/quizbank/marking.js";
import { answered, cleared, countAnswered, hintsShown, marked, status, toReview } from "../../overrides/assets/javascripts/quizbank/results.js";

test("each kind is marked against its key as the page marks it", () => {
  assert.equal(markAnswer("single", { right: ["a"] }, ["a"]), true);
  assert.equal(markAnswer("single", { right: ["a"] }, ["b"]), false);
  assert.equal(markAnswer("multiple", { right: ["a", "c"] }, ["c", "a"]), true);
  assert.equal(markAnswer("multiple", { right: ["a", "c"] }, ["a"]), false, "every right option");
  assert.equal(markAnswer("multiple", { right: ["a", "c"] }, ["a", "b", "c"]), false, "and nothing else");
  assert.equal(markAnswer("true-false", { right: ["t"] }, ["t"]), true);
  const blanks = { blanks: [{ any: ["ONNX Runtime", "ONNXRuntime"] }, { number: "0.84", tolerance: "0.01" }] };
  assert.equal(markAnswer("fill-blank", blanks, [" onnx  runtime ", "0.85"]), true);
  assert.equal(markAnswer("fill-blank", blanks, ["ONNX", "0.84"]), false);
  assert.equal(markAnswer("fill-blank", blanks, ["ONNX Runtime"]), false, "one text per blank");
  assert.equal(markAnswer("ordering", { order: ["x", "y", "z"] }, ["x", "y", "z"]), true);
  assert.equal(markAnswer("ordering", { order: ["x", "y", "z"] }, ["y", "x", "z"]), false);
  assert.equal(markAnswer("matching", { pairs: ["p", "q", "r"] }, ["p", "q", "r"]), true);
  assert.equal(markAnswer("matching", { pairs: ["p", "q", "r"] }, ["p", "", "r"]), false);
});

test("a key that cannot be read marks nothing (null), never right or wrong by accident", () => {
  assert.equal(markAnswer("single", undefined, ["a"]), null);
  assert.equal(markAnswer("single", { order: ["a"] }, ["a"]), null);
  assert.equal(markAnswer("ordering", { right: ["a"] }, ["a"]), null);
  assert.equal(markAnswer("essay", { right: ["a"] }, ["a"]), null);
  assert.equal(markAnswer("single", { right: ["a"] }, [1]), null);
});

const was = { fp: "f", key: "old", type: "single" };
const now = { fp: "f", key: "new", type: "single", grade: { right: ["b"] } };
const give = (previous, values, correct, at, extra = {}) =>
  answered(previous, was, { values, correct, confidence: null, hintsOpen: 0, ...extra }, at);

test("a re-keyed record is marked against the current key: its latest answer, then its schedule and status follow", () => {
  const rightThen = give(null, ["a"], true, 1);
  const remarked = marked(rightThen, now);
  assert.equal(remarked.correct, false, "right by the old key, wrong by the new one");
  assert.equal(remarked.key, "new", "marked against the current key: it stands as current now");
  assert.equal(status(remarked), "wrong");
  assert.ok(toReview(remarked, 2), "back in the review round");
  const wrongThen = give(null, ["b"], false, 1);
  const fixed = marked(wrongThen, now);
  assert.equal(fixed.correct, true, "the key was fixed: the answer is right now");
  assert.equal(status(fixed), "first", "a single answer, right by the current key, was right first time");
  assert.equal(marked(rightThen, { ...now, key: "old" }), rightThen, "a current record is left as it is");
  assert.equal(marked(rightThen, { ...now, fp: "other" }), rightThen, "a stale record is never marked (it never counts)");
  assert.equal(marked(null, now), null);
  assert.equal(marked(rightThen, { ...now, grade: undefined }), rightThen, "no key to mark against: as saved");
});

test("after Try again the answer on record is the first one when it was the only one; otherwise it is not known, and not counted right", () => {
  const once = cleared(give(null, ["a"], true, 1), 2);
  assert.deepEqual(once.answer, []);
  assert.equal(marked(once, now).correct, false, "its first (and only) answer is marked again");
  const onceRight = cleared(give(null, ["b"], false, 1), 2);
  assert.equal(marked(onceRight, now).correct, true);
  const twice = cleared(give(give(null, ["b"], false, 1), ["a"], true, 2), 3);
  const unknown = marked(twice, now);
  assert.equal(unknown.correct, false, "the latest answer is gone: back to review rather than a mark nobody checked");
  assert.equal(status(unknown), "wrong");
  const oldRecord = { ...cleared(give(null, ["a"], true, 1), 2), first: null };
  assert.equal(marked(oldRecord, now).correct, false, "saved before the first answer was kept: unknown");
  const hints = hintsShown(null, was, 1, 1);
  assert.equal(marked(hints, now).attempts, 0, "hints only: nothing to mark");
});

test("a re-marked record whose first answer is wrong by the current key was not right first time", () => {
  const r = give(give(null, ["a"], true, 1), ["b"], true, 2); // right twice by the old key
  const remarked = marked(r, now);
  assert.equal(remarked.correct, true);
  assert.equal(status(remarked), "later", "its first answer is wrong by the current key");
});

test("countAnswered marks re-keyed records against the current key", () => {
  const records = { "b#q1": give(null, ["a"], true, 1), "b#q2": cleared(give(null, ["a"], true, 1), 2), "b#q3": give(null, ["b"], false, 1) };
  const questions = ["b#q1", "b#q2", "b#q3"].map((id) => ({ id, ...now }));
  assert.deepEqual(countAnswered(questions, records), { total: 3, answered: 3, right: 1 });
});
