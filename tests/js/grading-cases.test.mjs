// One grading rule in two languages: the shared case tables (tests/grading/<type>.json), which
// pytest runs against the Python types (tests/unit/test_grading_cases.py), run here against each
// type's pure module (quizbank/types/, through the registry: marking.js). A case gives a grade, an
// answer and the mark both must give ({correct, credit}; null: the grade or the answer cannot be
// read, nothing is marked). tests/grading/records.json, where it is, holds saved records and what
// every count says of them (results.js `marked`, `standing`).
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";

import { KINDS, TYPES, mark } from "../../overrides/assets/javascripts/quizbank/marking.js";
import { marked, standing } from "../../overrides/assets/javascripts/quizbank/results.js";

const DIR = new URL("../grading/", import.meta.url);
const read = (name) => JSON.parse(readFileSync(new URL(name, DIR), "utf8"));
const tables = readdirSync(DIR)
  .filter((f) => f.endsWith(".json") && f !== "records.json")
  .sort()
  .map((f) => ({ file: f, ...read(f) }));

test("every type the browser knows has its table, and every table a type the browser knows", () => {
  assert.deepEqual(tables.map((t) => t.type).sort(), [...KINDS].sort());
  for (const t of tables) assert.equal(t.file, `${t.type}.json`);
});

// What every table must cover (the contract's list): a case name says which.
const KINDS_OF_CASE = [/right|every|the answer/i, /wrong|none|outside|not /i, /empty|nothing/i, /malformed grade/i, /malformed answer/i];

for (const { type, cases } of tables) {
  test(`${type}: the table covers right, wrong, partial where the type has it, empty and malformed cases`, () => {
    assert.ok(cases.length >= 8, `${type}: only ${cases.length} cases`);
    for (const kind of KINDS_OF_CASE) assert.ok(cases.some((c) => kind.test(c.name)), `${type}: no case matching ${kind}`);
    const partial = cases.some((c) => typeof c.credit === "number" && c.credit > 0 && c.credit < 1);
    // single, true-false and calculated are right or wrong; every other type gives a share.
    if (["multiple", "fill-blank", "ordering", "matching"].includes(type)) assert.ok(partial, `${type}: no partial case`);
    else assert.ok(!partial, `${type} has no partial credit`);
  });

  for (const c of cases) {
    test(`${type}: ${c.name}`, () => {
      assert.ok(TYPES[type], `${type} is not in the registry (quizbank/types/index.js)`);
      const got = mark(type, c.answer, c.grade);
      if (c.correct === null) {
        assert.equal(got, null, "a grade or answer that cannot be read marks nothing");
        return;
      }
      assert.ok(got, `marked nothing: ${JSON.stringify(got)}`);
      assert.equal(got.correct, c.correct);
      assert.ok(Math.abs(got.credit - c.credit) <= 1e-9, `credit ${got.credit}, the table says ${c.credit}`);
      assert.equal(got.correct, got.credit === 1, "correct is credit == 1");
    });
  }
}

if (existsSync(new URL("records.json", DIR))) {
  const { cases } = read("records.json");
  for (const c of cases) {
    test(`records: ${c.name}`, () => {
      const question = { fp: c.question.fp, key: c.question.key, type: c.question.type, grade: c.question.grade };
      assert.equal(standing(c.record, question), c.standing);
      const counted = standing(c.record, question) === "stale" ? null : marked(c.record, question);
      const mark = !counted || counted.attempts === 0 ? null : counted.correct;
      assert.equal(mark, c.mark);
    });
  }
}
