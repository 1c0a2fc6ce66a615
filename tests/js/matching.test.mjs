// Matching questions (overrides/assets/javascripts/quizbank/types/matching.js).
import assert from "node:assert/strict";
import { test } from "node:test";

import { firstUnchosen, isMatchingOf, markMatching, nothingChosen, pairsNote, pairsRight } from "../../overrides/assets/javascripts/quizbank/types/matching.js";

const right = ["lora", "sft", "jsonl"];

test("each pair is marked on its own, and the answer is right only when all are", () => {
  assert.deepEqual(pairsRight(["lora", "jsonl", ""], right), [true, false, false]);
  assert.equal(markMatching(["lora", "sft", "jsonl"], right), true);
  assert.equal(markMatching(["lora", "sft", ""], right), false);
  assert.equal(markMatching(["lora", "sft"], right), false);
});

test("the feedback counts the right pairs", () => {
  assert.equal(pairsNote(["lora", "jsonl", ""], right), "1 of 3 pairs are right.");
  assert.equal(pairsNote(right, right), "All 3 pairs are right.");
});

test("a shared answer counts for every prompt it belongs to (reuse: true)", () => {
  assert.equal(markMatching(["data", "data", "monitor"], ["data", "data", "monitor"]), true);
});

test("a saved answer fits only with one offered answer (or none) per prompt", () => {
  const offered = ["lora", "sft", "jsonl", "rouge"];
  assert.equal(isMatchingOf(["rouge", "", "sft"], 3, offered), true);
  assert.equal(isMatchingOf(["rouge", "sft"], 3, offered), false);
  assert.equal(isMatchingOf(["rouge", "x", "sft"], 3, offered), false);
  assert.equal(isMatchingOf(null, 3, offered), false);
  assert.equal(nothingChosen(["", ""]), true);
  assert.equal(nothingChosen(["", "sft"]), false);
});

test("an answer needs every prompt: the first left without one is named", () => {
  assert.equal(firstUnchosen(["sft", "", "dpo", ""]), 1);
  assert.equal(firstUnchosen(["sft", "dpo"]), -1);
  assert.equal(firstUnchosen(["", ""]), 0);
});
