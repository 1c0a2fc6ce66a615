/*
 * The fill-in-the-blank type, apart from the page: what a blank accepts and how an answer is
 * marked. Pure: tests/js/blanks.test.mjs and the shared cases (tests/grading/fill-blank.json).
 * Its view: fill-blank-view.js.
 *
 * The build writes what each blank accepts as JSON (hooks/quizbank/blanks.py):
 *   {"any": ["ONNX Runtime", "ONNXRuntime"]}   alternatives
 *   {"number": "0.84", "tolerance": "0.01"}     a number, give or take the tolerance (bounds included)
 * Text matches ignoring case, surrounding spaces and repeated inner spaces; an alternative that
 * reads as a number also matches numerically equal forms ("0.8", "0.80", ".8").
 */

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/; // 1,000 or 12,500.5

export function normalizeText(text) {
  return String(text).trim().replace(/\s+/g, " ").toLocaleLowerCase("en");
}

/** The number a text reads as ("0.80", ".8", "1,000", "8e-1"), or null. */
export function readNumber(text) {
  const t = String(text).trim();
  if (NUMBER.test(t)) return Number(t);
  if (GROUPED.test(t)) return Number(t.replace(/,/g, ""));
  return null;
}

/** What one blank accepts ({any} or {number, tolerance}, as JSON text or parsed), checked; null when unreadable. */
export function readAccepted(json) {
  try {
    const value = typeof json === "string" ? JSON.parse(json) : json;
    if (value && Array.isArray(value.any) && value.any.every((a) => typeof a === "string")) return { any: value.any };
    if (value && readNumber(value.number) !== null && readNumber(value.tolerance) !== null) {
      return { number: String(value.number), tolerance: String(value.tolerance) };
    }
  } catch (e) {
    // fall through
  }
  return null;
}

/** What the build wrote into data-accept, checked; an unreadable value accepts nothing. */
export function parseAccepted(json) {
  return readAccepted(json) || { any: [] };
}

export function matches(accepted, input) {
  const given = readNumber(input);
  if (accepted.tolerance !== undefined) {
    if (given === null) return false;
    const centre = Number(accepted.number);
    const tolerance = Number(accepted.tolerance);
    // Binary fractions: 0.84 - 0.01 is 0.8299999…; a relative hair of slack keeps the bounds in.
    const slack = 1e-9 * Math.max(1, Math.abs(centre), tolerance);
    return Math.abs(given - centre) <= tolerance + slack;
  }
  const text = normalizeText(input);
  if (!text) return false;
  return accepted.any.some((alternative) => {
    const number = readNumber(alternative);
    if (number !== null && given !== null) return number === given;
    return normalizeText(alternative) === text;
  });
}

/** How an answer reads to a student: "ONNX Runtime", "0.84 ± 0.01 (anything from 0.83 to 0.85)". */
export function describeAccepted(accepted) {
  if (accepted.tolerance !== undefined) {
    const centre = Number(accepted.number);
    const tolerance = Number(accepted.tolerance);
    const places = Math.max(decimals(accepted.number), decimals(accepted.tolerance));
    const low = (centre - tolerance).toFixed(places);
    const high = (centre + tolerance).toFixed(places);
    return `${accepted.number} ± ${accepted.tolerance} (anything from ${low} to ${high})`;
  }
  const [first, ...others] = accepted.any;
  return others.length ? `${first} (also accepted: ${others.join(", ")})` : first || "";
}

function decimals(text) {
  const m = String(text).match(/\.(\d+)/);
  return m ? m[1].length : 0;
}

const isTexts = (list) => Array.isArray(list) && list.every((v) => typeof v === "string");

/** The blanks' accepted answers of a grade ({blanks: [accepted, …]}), or null when any cannot be read
    (a blank that accepts nothing included: the build never writes one, so it is damaged, not a key). */
function blanksOf(grade) {
  if (!grade || !Array.isArray(grade.blanks) || !grade.blanks.length) return null;
  const blanks = grade.blanks.map(readAccepted);
  return blanks.every((b) => b && (b.any === undefined || b.any.length > 0)) ? blanks : null;
}

/** For each blank, is its text accepted? (The answer: the blanks' texts in order.) */
export function blanksRight(values, grade) {
  const blanks = blanksOf(grade) || [];
  return blanks.map((accepted, i) => matches(accepted, values[i] ?? ""));
}

/** {correct, credit}: the share of blanks right; null when the key cannot be read. */
function mark(values, grade) {
  const blanks = blanksOf(grade);
  if (!blanks || !isTexts(values)) return null;
  if (values.length !== blanks.length) return { correct: false, credit: 0 };
  const right = blanks.filter((accepted, i) => matches(accepted, values[i])).length;
  return { correct: right === blanks.length, credit: right / blanks.length };
}

/** A saved answer fits when it has one text per blank. */
function fits(values, grade) {
  const blanks = blanksOf(grade);
  return Boolean(blanks) && isTexts(values) && values.length === blanks.length;
}

export const fillBlank = { name: "fill-blank", view: "fill-blank", mark, fits };
