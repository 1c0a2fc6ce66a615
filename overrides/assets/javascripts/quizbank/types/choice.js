/*
 * The choice types (single, multiple, true-false), apart from the page. An answer is the chosen
 * options' keys (text_key of each option's text); the key (grade) is {right: [option key, …]}, with
 * `options` (every option's key) where the build lists them. mkdocs-quiz's rule: every right
 * option and nothing else. Pure: the shared cases (tests/grading/<type>.json). Their view,
 * choice-view.js, drives mkdocs-quiz's own script.
 */

const isTexts = (list) => Array.isArray(list) && list.every((v) => typeof v === "string");
const distinct = (list) => new Set(list).size === list.length;

/** The grade's parts, checked: {right, options (or null)}; null when it cannot be read. */
function keyOf(grade) {
  if (!grade || !isTexts(grade.right) || !grade.right.length) return null;
  if (grade.options !== undefined && !isTexts(grade.options)) return null;
  return { right: grade.right, options: grade.options || null };
}

/** Every right option and nothing else (each chosen once). */
function exactly(values, right) {
  return distinct(values) && values.length === new Set(right).size && values.every((v) => right.includes(v));
}

/** Single and true-false: right or not, nothing in between. */
function markOne(values, grade) {
  const key = keyOf(grade);
  if (!key || !isTexts(values)) return null;
  const correct = exactly(values, key.right);
  return { correct, credit: correct ? 1 : 0 };
}

/**
 * Multiple: right when exactly the right options are ticked; the credit is the share of options
 * set right (ticked if right, left if not). No answer, a ticked key the question does not have, or
 * a grade without its options (an older course.json), gives no share: 1 or 0.
 */
function markMany(values, grade) {
  const key = keyOf(grade);
  if (!key || !isTexts(values)) return null;
  const correct = exactly(values, key.right);
  if (correct || !values.length || !key.options || !key.options.length) return { correct, credit: correct ? 1 : 0 };
  if (!distinct(values) || !values.every((v) => key.options.includes(v))) return { correct, credit: 0 };
  const set = key.options.filter((o) => values.includes(o) === key.right.includes(o)).length;
  return { correct, credit: set / key.options.length };
}

/** A saved answer fits when it names options the question has (one of them for a single choice). */
function fitsWith(one) {
  return (values, grade) => {
    const key = keyOf(grade);
    if (!key || !isTexts(values) || !values.length || !distinct(values) || (one && values.length !== 1)) return false;
    return !key.options || values.every((v) => key.options.includes(v));
  };
}

/** What the feedback adds to a partly right multiple answer (mkdocs-quiz says only right or wrong). */
export function partialNote(values, grade) {
  const key = keyOf(grade);
  if (!key) return "";
  const found = values.filter((v) => key.right.includes(v)).length;
  const extra = values.length - found;
  if (found === key.right.length && !extra) return "";
  const wrong = extra ? `, and ${extra} ${extra === 1 ? "option that is" : "options that are"} not right` : "";
  return `You chose ${found} of the ${key.right.length} right options${wrong}.`;
}

export const single = { name: "single", view: "choice", mark: markOne, fits: fitsWith(true) };
export const multiple = { name: "multiple", view: "choice", mark: markMany, fits: fitsWith(false) };
export const trueFalse = { name: "true-false", view: "choice", mark: markOne, fits: fitsWith(true) };
