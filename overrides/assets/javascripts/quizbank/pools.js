/*
 * Question pools: several variants of one idea, of which each student is shown `draw`. The draw
 * is stable per student: it hangs on the learner id kept in their browser (and carried in their
 * progress file), hashed with the pool's key, so it survives reloads and moves with the file.
 * The course counts ideas, not variants, and the review round serves another variant of a missed
 * idea. Pure: tests/js/pools.test.mjs.
 *
 * In the manifest (hooks/quizbank/manifest.py): pools: {"bank#pool": {draw, variants: ["bank#id", …]}};
 * each variant's question entry has pool: "bank#pool"; a part lists the idea by its first variant.
 *
 * An idea's mark is its latest answer, whichever variant it was given to (in the chapter or in the
 * review round), and the chapter shows the variant answered last (before any answer, the one drawn):
 * what the page shows and what every count says are the same mark.
 */

import { marked, standing } from "./results.js";

/** FNV-1a (32 bits): a stable number for a text. Only to spread draws, nothing secret. */
export function hash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The variants in this learner's order for this pool: the first `draw` are the ones they are shown. */
export function drawOrder(learner, poolKey, variants) {
  const rank = (id) => hash(`${learner}\u001f${poolKey}\u001f${id}`);
  return [...variants].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

export function drawn(learner, poolKey, variants, draw) {
  return drawOrder(learner, poolKey, variants).slice(0, Math.max(1, draw));
}

/** The records of a pool's variants that still count (to the current wording, marked against the current key), latest first. */
function current(manifest, results, pool) {
  return pool.variants
    .map((id) => ({ id, record: marked(results[id], manifest.questions[id]), question: manifest.questions[id] }))
    .filter(({ record, question }) => record && question && standing(record, question) !== "stale")
    .sort((a, b) => b.record.updated - a.record.updated);
}

/** The variant of `pool` answered last (hints alone are no answer), or null. */
export function lastAnswered(manifest, results, pool) {
  const answers = current(manifest, results, pool).filter((a) => a.record.attempts > 0);
  return answers.length ? answers[0].id : null;
}

/**
 * The variants a chapter shows this learner: the `draw` drawn for them, with the one answered last
 * (`last`, or null) in place of the last drawn if it is not among them, so that the question on
 * the page carries the idea's mark.
 */
export function shownVariants(learner, poolKey, variants, draw, last) {
  const shown = drawn(learner, poolKey, variants, draw);
  if (!last || shown.includes(last) || !variants.includes(last)) return shown;
  return [...shown.slice(0, -1), last];
}

/**
 * Results as the course counts them: every record marked against its question's current key
 * (results.js `marked`), and each pool's variants giving way to one record under its first
 * variant's key (the latest answer's, with the attempts, wrong answers and hints of all of them),
 * so that My progress, the navigation and the review round count the idea, not the variant.
 */
export function byIdea(manifest, results) {
  const pools = (manifest && manifest.pools) || {};
  const questions = (manifest && manifest.questions) || {};
  const out = {};
  for (const [id, record] of Object.entries(results)) out[id] = marked(record, questions[id]);
  for (const pool of Object.values(pools)) {
    if (!pool || !Array.isArray(pool.variants) || !pool.variants.length) continue;
    const first = questions[pool.variants[0]];
    const answers = current(manifest, results, pool);
    for (const id of pool.variants) delete out[id];
    if (!first || !answers.length) continue;
    // The mark is the latest answer's; a hint opened since on another variant is no answer.
    const latest = answers.find((a) => a.record.attempts > 0) || answers[0];
    out[pool.variants[0]] = {
      ...latest.record,
      fp: first.fp,
      key: first.key,
      attempts: answers.reduce((n, a) => n + a.record.attempts, 0),
      wrong: answers.reduce((n, a) => n + a.record.wrong, 0),
      hinted: answers.some((a) => a.record.hinted),
      hints: Math.max(...answers.map((a) => a.record.hints)),
    };
  }
  return out;
}

/**
 * The question to serve in the review round for `id` (a course-level id from byIdea): itself, or
 * for a pool another variant than the one answered last, in the learner's order.
 */
export function serve(learner, manifest, results, id) {
  const entry = manifest.questions[id];
  const pool = entry && entry.pool && manifest.pools ? manifest.pools[entry.pool] : null;
  if (!pool || pool.variants.length < 2) return id;
  const last = lastAnswered(manifest, results, pool);
  return drawOrder(learner, entry.pool, pool.variants).find((v) => v !== last) || id;
}

/**
 * A page's questions ([{id, fp, key, pool}], pool "bank#pool" or absent) as the course counts them:
 * {questions: one per idea (a pool by its first variant), manifest: enough of one for byIdea}.
 */
export function ideasOf(questions) {
  const manifest = { questions: {}, pools: {} };
  const ideas = [];
  for (const q of questions) {
    manifest.questions[q.id] = q;
    if (!q.pool) {
      ideas.push(q);
      continue;
    }
    if (!manifest.pools[q.pool]) {
      manifest.pools[q.pool] = { draw: 1, variants: [] };
      ideas.push(q);
    }
    manifest.pools[q.pool].variants.push(q.id);
  }
  return { questions: ideas, manifest };
}
