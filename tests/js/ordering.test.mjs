// Ordering questions (overrides/assets/javascripts/quizbank/types/ordering.js).
import assert from "node:assert/strict";
import { test } from "node:test";

import { inPlace, isOrderOf, markOrdering, move, moveMessage, placedNote } from "../../overrides/assets/javascripts/quizbank/types/ordering.js";

const right = ["data", "train", "evaluate", "deploy"];

test("an item moves up or down one place, and not past either end", () => {
  assert.deepEqual(move(["b", "a", "c"], 1, -1), ["a", "b", "c"]);
  assert.deepEqual(move(["b", "a", "c"], 0, 1), ["a", "b", "c"]);
  const order = ["a", "b", "c"];
  assert.equal(move(order, 0, -1), order);
  assert.equal(move(order, 2, 1), order);
  assert.equal(move(order, 5, -1), order);
  assert.deepEqual(order, ["a", "b", "c"]); // never changed in place
});

test("an order is right only with every item in its place", () => {
  assert.equal(markOrdering([...right], right), true);
  assert.equal(markOrdering(["train", "data", "evaluate", "deploy"], right), false);
  assert.equal(markOrdering(right.slice(0, 3), right), false);
  assert.deepEqual(inPlace(["train", "data", "evaluate", "deploy"], right), [false, false, true, true]);
});

test("the feedback counts the items in place", () => {
  assert.equal(placedNote(["train", "data", "evaluate", "deploy"], right), "2 of 4 items are in the right place.");
  assert.equal(placedNote(["deploy", "evaluate", "train", "data"], right), "0 of 4 items are in the right place.");
  assert.equal(placedNote(right, right), "All 4 items are in the right place.");
  assert.equal(moveMessage("Train the model", 2, 5), "Train the model: moved to position 2 of 5.");
});

test("a saved order fits only if it holds exactly the question's items", () => {
  assert.equal(isOrderOf(["deploy", "data", "train", "evaluate"], right), true);
  assert.equal(isOrderOf(["data", "data", "train", "evaluate"], right), false);
  assert.equal(isOrderOf(["data", "train", "evaluate"], right), false);
  assert.equal(isOrderOf(["data", "train", "evaluate", "other"], right), false);
  assert.equal(isOrderOf("data", right), false);
});

test("the results store keeps ordering and matching records (progress format, version 2)", async () => {
  const { parseRecord } = await import("../../overrides/assets/javascripts/quizbank/results.js");
  for (const kind of ["ordering", "matching"]) {
    const record = parseRecord({ fp: "f", key: "k", kind, answer: ["b", "", "a"], correct: false });
    assert.equal(record && record.kind, kind);
    assert.deepEqual(record.answer, ["b", "", "a"]);
  }
  assert.equal(parseRecord({ fp: "f", key: "k", kind: "sorting", answer: [], correct: false }), null);
});

test("a progress file carries ordering and matching answers in their encodings, and reads back", async () => {
  const { progressFile, readProgressFile } = await import("../../overrides/assets/javascripts/quizbank/transfer.js");
  const { answered } = await import("../../overrides/assets/javascripts/quizbank/results.js");
  const order = answered(null, { fp: "f1", key: "k1", type: "ordering" }, { values: ["c", "a", "b"], correct: false, confidence: null, hintsOpen: 0 }, 5);
  const match = answered(null, { fp: "f2", key: "k2", type: "matching" }, { values: ["x", "", "z"], correct: false, confidence: "guess", hintsOpen: 0 }, 6);
  const file = progressFile({ course: "C", site: "/s/", learner: "0123456789abcdef", results: { "b#order": order, "b#match": match }, drafts: {}, now: 7 });
  const read = readProgressFile(JSON.stringify(file));
  assert.equal(read.ok, true, read.message);
  assert.deepEqual(read.data.results["b#order"].answer, ["c", "a", "b"]);
  assert.equal(read.data.results["b#match"].kind, "matching");
  assert.deepEqual(read.data.results["b#match"].answer, ["x", "", "z"]);
});
