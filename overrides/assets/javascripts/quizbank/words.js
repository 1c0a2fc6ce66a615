/*
 * Word counts for written tasks: the rule, and how a count reads against a task's limits.
 * Pure functions, no DOM: tests/js/words.test.mjs runs them under Node on the cases shared with
 * the Python reference (tests/word_count_cases.json).
 *
 * A word is a whitespace-separated token that contains at least one Unicode letter or digit, the
 * way a marker counts: "fine-tuning" = 1 (a hyphenated word is one word), "200" = 1, "3.5" = 1,
 * "https://example.com/a-b" = 1, "e.g." = 1, "(see" = 1; a lone "—", "-", "&" or "•" = 0, an
 * emoji on its own = 0. "Whitespace" is exactly Python's str.split() set (not JavaScript's \s,
 * which also splits on U+FEFF and not on U+001C–U+001F or U+0085), so the Python reference
 *   sum(1 for t in text.split() if re.search(r"[^\W_]", t))
 * gives the same numbers.
 */

const WHITESPACE = /[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
const WORDLIKE = /[\p{L}\p{N}]/u;

export function countWords(text) {
  let n = 0;
  for (const token of String(text || "").split(WHITESPACE)) {
    if (WORDLIKE.test(token)) n += 1;
  }
  return n;
}

export function words(n) {
  return n + (n === 1 ? " word" : " words");
}

/** "none" (no limits), "under", "within" or "over". `min`/`max` are numbers or null. */
export function limitState(n, min, max) {
  if (min === null && max === null) return "none";
  if (min !== null && n < min) return "under";
  if (max !== null && n > max) return "over";
  return "within";
}

/** What a box shows: "142 words — 8 under the 150–200 limit", "3 words — 2 under the 5-word minimum", … */
export function describeCount(n, min, max) {
  const state = limitState(n, min, max);
  const limit =
    min !== null && max !== null ? `the ${min}–${max} limit` : min !== null ? `the ${min}-word minimum` : `the ${max}-word maximum`;
  let text = words(n);
  if (state === "under") text += ` — ${min - n} under ${limit}`;
  else if (state === "over") text += ` — ${n - max} over ${limit}`;
  else if (state === "within") text += ` — ${max === null ? "meets " : "within "}${limit}`;
  return { state, text };
}

/** For the download: "Words: 173 (limit 150–200)", "Words: 142 (limit 150–200, 8 under)". */
export function wordsLine(n, min, max, total) {
  const line = "Words: " + n + (total ? " in total" : "");
  if (min === null && max === null) return line;
  let limit = min !== null && max !== null ? `limit ${min}–${max}` : min !== null ? `minimum ${min}` : `maximum ${max}`;
  const state = limitState(n, min, max);
  if (state === "under") limit += `, ${min - n} under`;
  if (state === "over") limit += `, ${n - max} over`;
  return `${line} (${limit})`;
}
