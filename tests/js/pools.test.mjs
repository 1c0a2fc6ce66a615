// Question pools (overrides/assets/javascripts/quizbank/pools.js).
import assert from "node:assert/strict";
import { test } from "node:test";

import { byIdea, drawOrder, drawn, hash, serve } from "../../overrides/assets/javascripts/quizbank/pools.js";
import { answered, status } from "../../overrides/assets/javascripts/quizbank/results.js";

const q = (fp, pool) => ({ fp, key: `k${fp}`, page: "p/", type: "single", title: "t", ...(pool ? { pool } : {}) });
const manifest = {
  parts: [{ url: "p/", questions: ["b#v1", "b#solo"], tasks: [] }],
  questions: { "b#v1": q("1", "b#idea"), "b#v2": q("2", "b#idea"), "b#v3": q("3", "b#idea"), "b#solo": q("s") },
  pools: { "b#idea": { draw: 1, variants: ["b#v1", "b#v2", "b#v3"] } },
};
const rec = (id, correct, now) => answered(null, { fp: manifest.questions[id].fp, key: manifest.questions[id].key, type: "single" }, { values: ["x"], correct, confidence: null, hintsOpen: 0 }, now);
const learners = Array.from({ length: 40 }, (_, i) => (i * 2654435761).toString(16).padStart(16, "0").slice(-16));

test("a learner's draw is stable, and learners spread over the variants", () => {
  const variants = manifest.pools["b#idea"].variants;
  assert.deepEqual(drawn("00aa11bb22cc33dd", "b#idea", variants, 1), drawn("00aa11bb22cc33dd", "b#idea", [...variants].reverse(), 1));
  assert.equal(drawn("00aa11bb22cc33dd", "b#idea", variants, 2).length, 2);
  const firsts = new Set(learners.map((l) => drawn(l, "b#idea", variants, 1)[0]));
  assert.equal(firsts.size, 3, "forty learners all drew the same variant");
  assert.deepEqual([...drawOrder("x", "b#idea", variants)].sort(), [...variants].sort());
  assert.equal(hash("abc"), hash("abc"));
  assert.notEqual(hash("abc"), hash("abd"));
});

test("the course counts the idea: one record under its first variant, with every variant's tries", () => {
  const results = { "b#v2": rec("b#v2", false, 1000), "b#v3": rec("b#v3", true, 2000), "b#solo": rec("b#solo", true, 500) };
  const ideas = byIdea(manifest, results);
  assert.deepEqual(Object.keys(ideas).sort(), ["b#solo", "b#v1"]);
  assert.equal(ideas["b#v1"].fp, "1"); // stands for the idea against its first variant
  assert.equal(ideas["b#v1"].correct, true); // the latest answer
  assert.equal(ideas["b#v1"].attempts, 2);
  assert.equal(status(ideas["b#v1"]), "later"); // right, but after a wrong variant
  assert.equal(byIdea(manifest, { "b#solo": results["b#solo"] })["b#v1"], undefined); // not tried
  // A variant answered in an earlier wording does not count.
  const stale = { ...rec("b#v2", true, 3000), fp: "old" };
  assert.equal(byIdea(manifest, { "b#v2": stale })["b#v1"], undefined);
});

test("the review round serves another variant than the one missed", () => {
  for (const learner of learners.slice(0, 10)) {
    const order = drawOrder(learner, "b#idea", manifest.pools["b#idea"].variants);
    const missed = order[0];
    const served = serve(learner, manifest, { [missed]: rec(missed, false, 1000) }, "b#v1");
    assert.notEqual(served, missed);
    assert.equal(served, order[1]);
  }
  assert.equal(serve("x", manifest, {}, "b#solo"), "b#solo"); // not in a pool: itself
});

test("a page's questions count each pool once, whichever variant was answered", async () => {
  const { ideasOf } = await import("../../overrides/assets/javascripts/quizbank/pools.js");
  const { countAnswered } = await import("../../overrides/assets/javascripts/quizbank/results.js");
  const onPage = [
    { id: "b#v1", ...q("1"), pool: "b#idea" },
    { id: "b#v2", ...q("2"), pool: "b#idea" },
    { id: "b#solo", ...q("s"), pool: null },
  ];
  const ideas = ideasOf(onPage);
  assert.deepEqual(ideas.questions.map((x) => x.id), ["b#v1", "b#solo"]);
  const results = { "b#v2": { ...rec("b#v2", true, 10) } };
  assert.deepEqual(countAnswered(ideas.questions, byIdea(ideas.manifest, results)), { total: 2, answered: 1, right: 1 });
});

// An idea's mark is its latest answer, whichever variant it was given to; the chapter shows the
// variant answered last (DEVELOPERS.md: Counts).
const grade = { right: ["r"] };
const keyed = {
  parts: [{ url: "p/", questions: ["b#v1", "b#solo"], tasks: [] }],
  questions: {
    "b#v1": { ...q("1", "b#idea"), grade },
    "b#v2": { ...q("2", "b#idea"), grade },
    "b#v3": { ...q("3", "b#idea"), grade },
    "b#solo": { ...q("s"), grade },
  },
  pools: { "b#idea": { draw: 1, variants: ["b#v1", "b#v2", "b#v3"] } },
};
const give = (id, values, correct, now, key) =>
  answered(null, { fp: keyed.questions[id].fp, key: key || keyed.questions[id].key, type: "single" }, { values, correct, confidence: null, hintsOpen: 0 }, now);

test("a hint opened on another variant after an answer does not change the idea's mark", async () => {
  const { hintsShown } = await import("../../overrides/assets/javascripts/quizbank/results.js");
  const results = { "b#v2": give("b#v2", ["r"], true, 1000), "b#v3": hintsShown(null, keyed.questions["b#v3"], 1, 2000) };
  const idea = byIdea(keyed, results)["b#v1"];
  assert.equal(idea.correct, true, "the latest answer, not the latest hint");
  assert.equal(idea.hints, 1);
});

test("each variant's record is marked against its own current key before the idea is counted", () => {
  const results = { "b#v2": give("b#v2", ["r"], false, 1000, "old"), "b#solo": give("b#solo", ["r"], false, 500, "old") };
  const ideas = byIdea(keyed, results);
  assert.equal(ideas["b#v1"].correct, true, "the variant's answer is right by its current key");
  assert.equal(ideas["b#solo"].correct, true, "a question outside a pool is marked again too");
});

test("the chapter shows the variant answered last, else the one drawn; My progress names the idea by it", async () => {
  const { lastAnswered, shownVariants } = await import("../../overrides/assets/javascripts/quizbank/pools.js");
  const learner = learners[0];
  const variants = keyed.pools["b#idea"].variants;
  const [mine, other] = drawOrder(learner, "b#idea", variants);
  assert.deepEqual(shownVariants(learner, "b#idea", variants, 1, null), [mine]);
  const results = { [mine]: give(mine, ["w"], false, 1000), [other]: give(other, ["r"], true, 2000) };
  const last = lastAnswered(keyed, results, keyed.pools["b#idea"]);
  assert.equal(last, other, "answered in the review round, after the chapter's");
  assert.deepEqual(shownVariants(learner, "b#idea", variants, 1, last), [other]);
  assert.equal(byIdea(keyed, results)["b#v1"].correct, true, "and the idea is right: the same mark the chapter shows");
  assert.deepEqual(shownVariants(learner, "b#idea", variants, 2, mine).length, 2);
  assert.ok(shownVariants(learner, "b#idea", variants, 2, drawOrder(learner, "b#idea", variants)[2]).includes(drawOrder(learner, "b#idea", variants)[2]));
  assert.equal(lastAnswered(keyed, {}, keyed.pools["b#idea"]), null);
  const stale = { ...give(other, ["r"], true, 3000), fp: "old wording" };
  assert.equal(lastAnswered(keyed, { [mine]: results[mine], [other]: stale }, keyed.pools["b#idea"]), mine, "a stale answer does not count");
});
