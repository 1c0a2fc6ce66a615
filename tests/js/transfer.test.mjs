// The progress file: reading it, and what restoring it changes (overrides/assets/javascripts/quizbank/transfer.js).
import assert from "node:assert/strict";
import { test } from "node:test";

import { answered } from "../../overrides/assets/javascripts/quizbank/results.js";
import { compare, merge, newLearnerId, progressFile, readProgressFile } from "../../overrides/assets/javascripts/quizbank/transfer.js";

const q = { fp: "f", key: "k", type: "single" };
const result = (correct, updated) => answered(null, q, { values: ["a"], correct, confidence: "sure", hintsOpen: 0 }, updated);
const draft = (text, updated) => ({ v: 2, fields: { answer: text }, rubric: {}, updated, tab: "t" });

test("a file written is a file read back, every field kept", () => {
  const file = progressFile({ course: "C", site: "/s/", results: { "b#q": result(true, 5) }, drafts: { "b#t": draft("x", 6) }, now: 0 });
  const read = readProgressFile(JSON.stringify(file));
  assert.equal(read.ok, true);
  assert.deepEqual(read.data.results, file.results);
  assert.deepEqual(read.data.drafts, file.drafts);
});

test("a file that is not ours, from a newer format, or damaged is refused with a reason", () => {
  const good = progressFile({ course: "C", site: "/s/", results: { "b#q": result(true, 5) }, drafts: {}, now: 0 });
  const cases = [
    ["not json at all", /not JSON/],
    [JSON.stringify({ hello: "world" }), /not a progress file/],
    [JSON.stringify({ ...good, version: 4 }), /newer version/],
    [JSON.stringify({ ...good, version: "2" }), /damaged/],
    [JSON.stringify({ ...good, learner: "Jane Doe" }), /damaged/],
    [JSON.stringify({ ...good, results: { "b#q": { ...good.results["b#q"], correct: "yes" } } }), /damaged/],
    [JSON.stringify({ ...good, drafts: "lost" }), /damaged/],
    [JSON.stringify({ ...good, results: { nohash: good.results["b#q"] } }), /damaged/],
  ];
  for (const [text, reason] of cases) {
    const read = readProgressFile(text);
    assert.equal(read.ok, false, text);
    assert.match(read.message, reason);
  }
});

test("restoring adds what the browser lacks, keeps what only it has, and asks where both differ", () => {
  const file = { results: { "b#new": result(true, 5), "b#both": result(false, 9) }, drafts: { "b#t": draft("file text", 3) } };
  const browser = { results: { "b#mine": result(true, 1), "b#both": result(true, 7) }, drafts: { "b#t": draft("browser text", 8) } };
  assert.deepEqual(compare(file, browser), [
    { kind: "result", key: "b#both", change: "differs", newer: "file" },
    { kind: "result", key: "b#new", change: "add", newer: "file" },
    { kind: "draft", key: "b#t", change: "differs", newer: "browser" },
  ]);
  const byDefault = merge(file, browser, {});
  assert.deepEqual(Object.keys(byDefault.results).sort(), ["b#both", "b#mine", "b#new"]);
  assert.equal(byDefault.results["b#both"].updated, 9); // the newer: the file's
  assert.equal(byDefault.drafts["b#t"].fields.answer, "browser text"); // the newer: the browser's
  const chosen = merge(file, browser, { "draft:b#t": "file", "result:b#both": "browser" });
  assert.equal(chosen.drafts["b#t"].fields.answer, "file text");
  assert.equal(chosen.results["b#both"].updated, 7);
  assert.deepEqual(compare(browser, browser), []);
});

test("version 3 carries the first answer's confidence; a version 2 file is still read, that confidence unknown", () => {
  const file = progressFile({ course: "Fine-Tuning - Spring 2027", site: "/s/", learner: null, results: { "b#q": result(false, 5) }, drafts: {}, now: 0 });
  assert.equal(file.version, 3);
  assert.equal(file.course, "Fine-Tuning - Spring 2027", "the course's whole name, as the build wrote it into the page");
  assert.equal(file.results["b#q"].firstConfidence, "sure");
  const read = readProgressFile(JSON.stringify(file));
  assert.equal(read.data.results["b#q"].firstConfidence, "sure");
  const { firstConfidence: _, ...v2Record } = file.results["b#q"];
  const readV2 = readProgressFile(JSON.stringify({ ...file, version: 2, results: { "b#q": v2Record } }));
  assert.equal(readV2.ok, true);
  assert.equal(readV2.data.version, 2);
  assert.equal(readV2.data.results["b#q"].firstConfidence, null);
});

test("version 2 carries the learner id; a version 1 file is still read, with no learner and first answers unknown", () => {
  const learner = newLearnerId((bytes) => bytes.fill(171));
  assert.equal(learner, "abababababababab");
  const file = progressFile({ course: "C", site: "/s/", learner, results: { "b#q": result(false, 5) }, drafts: {}, now: 0 });
  assert.ok(file.version >= 2);
  const read = readProgressFile(JSON.stringify(file));
  assert.equal(read.ok, true);
  assert.equal(read.data.learner, learner);
  assert.deepEqual(read.data.results["b#q"].first, ["a"]);

  const { learner: _, ...v1 } = { ...file, version: 1 };
  const oldRecord = { ...file.results["b#q"] };
  delete oldRecord.first;
  const readV1 = readProgressFile(JSON.stringify({ ...v1, results: { "b#q": oldRecord } }));
  assert.equal(readV1.ok, true);
  assert.equal(readV1.data.version, 1);
  assert.equal(readV1.data.learner, null);
  assert.equal(readV1.data.results["b#q"].first, null);
  assert.deepEqual(readV1.data.results["b#q"].answer, ["a"]);
});

test("a file with no learner id (storage was unavailable) is read; a malformed first answer is damage", () => {
  const file = progressFile({ course: "C", site: "/s/", learner: null, results: { "b#q": result(true, 5) }, drafts: {}, now: 0 });
  assert.equal(file.learner, null);
  assert.equal(readProgressFile(JSON.stringify(file)).ok, true);
  const bad = { ...file, results: { "b#q": { ...file.results["b#q"], first: [1, 2] } } };
  assert.match(readProgressFile(JSON.stringify(bad)).message, /damaged/);
});
