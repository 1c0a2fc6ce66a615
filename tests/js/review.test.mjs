// The review round (overrides/assets/javascripts/quizbank/review.js).
import assert from "node:assert/strict";
import { test } from "node:test";

import { answered } from "../../overrides/assets/javascripts/quizbank/results.js";
import { answeredIn, finished, newRound, parseRound, roundFor, tally } from "../../overrides/assets/javascripts/quizbank/review.js";

const DAY = 86400000;
const question = (fp) => ({ fp, key: "k", page: "p/", type: "single", title: "t" });
const manifest = {
  parts: [
    { url: "part-1/", questions: ["p1#a", "p1#b", "p1#c", "p1#d"], tasks: [] },
    { url: "part-2/", questions: ["p2#a", "p2#b"], tasks: [] },
  ],
  questions: { "p1#a": question("a"), "p1#b": question("b"), "p1#c": question("c"), "p1#d": question("d"), "p2#a": question("e"), "p2#b": question("f") },
};
const rec = (fp, correct, confidence, now) => answered(null, { fp, key: "k", type: "single" }, { values: ["x"], correct, confidence, hintsOpen: 0 }, now);

test("the round holds the missed, the guessed and the due, mixing the parts", () => {
  const now = 10 * DAY;
  const results = {
    "p1#a": rec("a", true, "sure", now), // right, due tomorrow: not in
    "p1#b": rec("b", true, "guess", now), // guessed
    "p1#c": rec("c", false, null, now), // missed
    "p1#d": rec("d", true, "sure", now - 2 * DAY), // due again (after 1 day)
    "p2#a": rec("e", false, "sure", now),
    "p2#b": rec("old-wording", false, null, now), // reworded since: never counts
  };
  assert.deepEqual(roundFor(manifest, results, now), ["p1#c", "p2#a", "p1#b", "p1#d"]);
  assert.deepEqual(roundFor(manifest, {}, now), []);
});

test("a round survives a reload, and a damaged one is dropped", () => {
  let round = newRound(["p1#c", "p2#a"], 5);
  round = answeredIn(round, "p1#c", true);
  round = { ...round, index: 1 };
  assert.deepEqual(parseRound(JSON.parse(JSON.stringify(round))), round);
  assert.equal(parseRound({ ids: "p1#c" }), null);
  assert.deepEqual(parseRound({ ids: ["x#y"], index: 9, answered: { "x#y": "yes", "z#w": true } }), { v: 2, ids: ["x#y"], index: 1, answered: {}, started: 0 });
  assert.deepEqual(tally(answeredIn(round, "p2#a", false)), { right: 1, answered: 2, total: 2 });
  assert.ok(!finished(round));
  assert.ok(finished({ ...round, index: 2 }));
});
