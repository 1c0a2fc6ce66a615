// The calculated type apart from the page (overrides/assets/javascripts/quizbank/types/calculated.js):
// what a typed text reads as, the variant a learner is shown, the range the feedback names. How an
// answer is marked is in the shared cases (tests/grading/calculated.json, grading-cases.test.mjs).
import assert from "node:assert/strict";
import { test } from "node:test";

import { calculated, pickVariant, rangeText, readAnswer, readGrade, within } from "../../overrides/assets/javascripts/quizbank/types/calculated.js";
import { partialNote } from "../../overrides/assets/javascripts/quizbank/types/choice.js";

const ALL = ["decimal", "percent", "fraction"];

test("a typed text reads as a number only in the forms the question accepts", () => {
  assert.equal(readAnswer("0.84", ALL), 0.84);
  assert.equal(readAnswer(" .84 ", ALL), 0.84);
  assert.equal(readAnswer("84%", ALL), 0.84);
  assert.equal(readAnswer("84  %", ALL), 0.84);
  assert.equal(readAnswer("21/25", ALL), 0.84);
  assert.equal(readAnswer("-3 / 4", ALL), -0.75);
  assert.equal(readAnswer("1,200", ALL), 1200);
  assert.equal(readAnswer("84%", ["decimal"]), null);
  assert.equal(readAnswer("21/25", ["decimal", "percent"]), null);
  assert.equal(readAnswer("0.84", ["fraction"]), null);
  assert.equal(readAnswer("1/0", ALL), null, "no number over zero");
  assert.equal(readAnswer("", ALL), null);
  assert.equal(readAnswer("0.84.1", ALL), null);
  assert.equal(readAnswer("%", ALL), null);
});

test("the unit may be written before or after the number, in any case, or left out", () => {
  for (const text of ["4.80", "USD 4.80", "usd4.80", "4.80 USD", "4.80usd"]) assert.equal(readAnswer(text, ["decimal"], "USD"), 4.8, text);
  assert.equal(readAnswer("$4.80", ["decimal"], "$"), 4.8);
  assert.equal(readAnswer("EUR 4.80", ["decimal"], "USD"), null, "another unit is not this one");
  assert.equal(readAnswer("USD", ["decimal"], "USD"), null, "a unit alone is no number");
});

test("bounds are inside the tolerance, absolute or relative", () => {
  assert.ok(within(0.85, { value: 0.84, tolerance: 0.01, relative: false }));
  assert.ok(within(0.83, { value: 0.84, tolerance: 0.01, relative: false }));
  assert.ok(!within(0.8501, { value: 0.84, tolerance: 0.01, relative: false }));
  assert.ok(within(101, { value: 100, tolerance: 0.01, relative: true }));
  assert.ok(!within(101.01, { value: 100, tolerance: 0.01, relative: true }));
  assert.ok(within(-99, { value: -100, tolerance: 0.01, relative: true }), "a share of the value's size");
});

test("a grade that cannot be read is refused as a whole", () => {
  const variants = { v1: { value: 1, tolerance: 0 } };
  assert.ok(readGrade({ variants, accept: ["decimal"] }));
  assert.equal(readGrade({ variants, accept: [] }), null);
  assert.equal(readGrade({ variants: [], accept: ["decimal"] }), null);
  assert.equal(readGrade({ variants: { v1: { value: 1, tolerance: -1 } }, accept: ["decimal"] }), null);
  assert.equal(readGrade({ variants: { v1: { value: 1, tolerance: 0, relative: "yes" } }, accept: ["decimal"] }), null);
  assert.equal(readGrade({ variants, accept: ["decimal"], unit: 5 }), null);
  assert.equal(calculated.fits(["v1", "1"], { variants, accept: ["decimal"] }), true);
  assert.equal(calculated.fits(["v2", "1"], { variants, accept: ["decimal"] }), false, "a variant the question does not have");
});

test("the learner's variant: the first of their order, or in a review round the first that is not the one answered last", () => {
  assert.equal(pickVariant(["b", "a", "c"], null), "b");
  assert.equal(pickVariant(["b", "a", "c"], "b"), "a");
  assert.equal(pickVariant(["b", "a", "c"], "c"), "b");
  assert.equal(pickVariant(["b"], "b"), "b", "one variant: asked again with it");
  assert.equal(pickVariant([], null), null);
});

test("the range the feedback names is in the shown answer's decimals", () => {
  assert.equal(rangeText({ value: 0.8279569892473119, tolerance: 0.01, relative: false }, 2), "0.82 to 0.84");
  assert.equal(rangeText({ value: 4.8, tolerance: 0.01, relative: true }, 2), "4.75 to 4.85");
  assert.equal(rangeText({ value: 1200, tolerance: 5, relative: false }, 0), "1195 to 1205");
});

test("a partly right multiple answer says how far it got; a whole one says nothing more", () => {
  const grade = { right: ["a", "c"], options: ["a", "b", "c", "d"] };
  assert.equal(partialNote(["a"], grade), "You chose 1 of the 2 right options.");
  assert.equal(partialNote(["a", "b"], grade), "You chose 1 of the 2 right options, and 1 option that is not right.");
  assert.equal(partialNote(["a", "b", "c", "d"], grade), "You chose 2 of the 2 right options, and 2 options that are not right.");
  assert.equal(partialNote(["c", "a"], grade), "");
});
