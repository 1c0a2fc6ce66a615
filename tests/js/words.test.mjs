// The browser's own word counter (overrides/assets/javascripts/quizbank/words.js) on the cases
// shared with the Python reference (tests/word_count_cases.json), and on every character.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { countWords, describeCount, limitState, wordsLine } from "../../overrides/assets/javascripts/quizbank/words.js";

const cases = JSON.parse(readFileSync(new URL("../word_count_cases.json", import.meta.url), "utf8"));

test("every shared case is counted as the Python reference counts it", () => {
  assert.ok(cases.length > 40);
  for (const c of cases) assert.equal(countWords(c.text), c.words, `${c.why}: ${JSON.stringify(c.text)}`);
});

test("a letter or a digit makes a word, in any script; symbols and emoji alone do not", () => {
  assert.equal(countWords("中文 ǅ ٣ ⅷ"), 4);
  assert.equal(countWords("— & • 👍 …"), 0);
  assert.equal(countWords("fine-tuning, e.g. 3.5k https://example.com/a-b"), 4);
});

test("a 60,000-word answer is counted exactly", () => {
  const text = "fine-tuning — 3.5 e.g. 👍 ".repeat(20000);
  assert.equal(countWords(text), 60000);
});

test("a count reads against the limits", () => {
  assert.equal(limitState(5, null, null), "none");
  assert.deepEqual(describeCount(142, 150, 200), { state: "under", text: "142 words — 8 under the 150–200 limit" });
  assert.deepEqual(describeCount(1, 5, null), { state: "under", text: "1 word — 4 under the 5-word minimum" });
  assert.deepEqual(describeCount(5, 5, null), { state: "within", text: "5 words — meets the 5-word minimum" });
  assert.deepEqual(describeCount(61, null, 60), { state: "over", text: "61 words — 1 over the 60-word maximum" });
  assert.equal(wordsLine(142, 150, 200, false), "Words: 142 (limit 150–200, 8 under)");
  assert.equal(wordsLine(13, null, 60, true), "Words: 13 in total (maximum 60)");
  assert.equal(wordsLine(0, null, null, true), "Words: 0 in total");
});
