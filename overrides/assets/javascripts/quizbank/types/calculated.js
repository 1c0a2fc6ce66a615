/*
 * The calculated type (per-learner numbers), apart from the page. The build draws a fixed set of
 * variants of the question's numbers and computes each one's answer (no formula ever runs here);
 * the browser shows each learner one variant and marks what they type against its value.
 *
 *   grade   {variants: {<id>: {value, tolerance, relative}}, accept: ["decimal" | "percent" | "fraction", …], unit?}
 *   answer  [<variant id>, <the text typed>]
 *
 * A text reads as a number in the forms the question accepts: "0.84", ".84", "1,200" (decimal),
 * "84%", "84 %" (percent: 0.84), "21/25" (fraction, whole numbers); the unit, if the question has
 * one, may be written before or after the number or left out. It is right within the tolerance:
 * absolute, or a share of the value (`relative`), bounds included.
 * Pure: tests/js/calculated.test.mjs and the shared cases (tests/grading/calculated.json).
 * Its view: calculated-view.js.
 */

import { readNumber } from "./fill-blank.js";

export const FORMS = ["decimal", "percent", "fraction"];
const FRACTION = /^([+-]?\d+)\s*\/\s*(\d+)$/;
const PERCENT = /^(.*?)\s*%$/;

const isTexts = (list) => Array.isArray(list) && list.every((v) => typeof v === "string");
const isNumber = (n) => typeof n === "number" && Number.isFinite(n);

/** One variant's key, checked: {value, tolerance, relative}, or null. */
function variantOf(raw) {
  if (!raw || typeof raw !== "object" || !isNumber(raw.value) || !isNumber(raw.tolerance) || raw.tolerance < 0) return null;
  if (raw.relative !== undefined && typeof raw.relative !== "boolean") return null;
  return { value: raw.value, tolerance: raw.tolerance, relative: raw.relative === true };
}

/** The grade, checked: {variants, accept, unit}, or null when any part cannot be read. */
export function readGrade(grade) {
  if (!grade || typeof grade !== "object" || !grade.variants || typeof grade.variants !== "object" || Array.isArray(grade.variants)) return null;
  const ids = Object.keys(grade.variants);
  if (!ids.length || !isTexts(grade.accept) || !grade.accept.length || !grade.accept.every((f) => FORMS.includes(f))) return null;
  if (grade.unit !== undefined && grade.unit !== null && typeof grade.unit !== "string") return null;
  const variants = {};
  for (const id of ids) {
    variants[id] = variantOf(grade.variants[id]);
    if (!variants[id]) return null;
  }
  return { variants, accept: grade.accept, unit: grade.unit || "" };
}

/** The text without the question's unit, written before or after the number (any case). */
function withoutUnit(text, unit) {
  if (!unit) return text;
  const lower = text.toLocaleLowerCase("en");
  const u = unit.toLocaleLowerCase("en");
  if (lower.startsWith(u)) return text.slice(u.length).trim();
  if (lower.endsWith(u)) return text.slice(0, -u.length).trim();
  return text;
}

/** The number a typed text reads as, in the forms accepted, or null. */
export function readAnswer(text, accept, unit) {
  const t = withoutUnit(String(text).trim().replace(/\s+/g, " "), unit || "");
  if (!t) return null;
  if (accept.includes("percent")) {
    const m = t.match(PERCENT);
    if (m) {
      const n = readNumber(m[1]);
      return n === null ? null : n / 100;
    }
  }
  if (accept.includes("fraction")) {
    const m = t.match(FRACTION);
    if (m) return Number(m[2]) === 0 ? null : Number(m[1]) / Number(m[2]);
  }
  return accept.includes("decimal") ? readNumber(t) : null;
}

/** How far from the value an answer may be: the tolerance, or its share of the value. */
export function allowance(variant) {
  return variant.relative ? variant.tolerance * Math.abs(variant.value) : variant.tolerance;
}

/** Is `given` within the variant's tolerance (bounds included, with a hair of slack for binary fractions)? */
export function within(given, variant) {
  const allowed = allowance(variant);
  const slack = 1e-9 * Math.max(1, Math.abs(variant.value), allowed);
  return Math.abs(given - variant.value) <= allowed + slack;
}

/** {correct, credit}: 1 or 0. An answer to a variant the question does not have gets nothing. */
function mark(values, grade) {
  const key = readGrade(grade);
  if (!key || !isTexts(values)) return null;
  if (values.length !== 2 || !Object.hasOwn(key.variants, values[0])) return { correct: false, credit: 0 };
  const given = readAnswer(values[1], key.accept, key.unit);
  const correct = given !== null && within(given, key.variants[values[0]]);
  return { correct, credit: correct ? 1 : 0 };
}

/** A saved answer fits when it names a variant the question has. */
function fits(values, grade) {
  const key = readGrade(grade);
  return Boolean(key) && isTexts(values) && values.length === 2 && Object.hasOwn(key.variants, values[0]);
}

/**
 * The variant a learner is shown: the first in their order of the variants (`order`: drawOrder
 * for the learner and the question), or, for the review round, the first that is not the one
 * answered last. Stable: the same learner sees the same numbers on every visit.
 */
export function pickVariant(order, avoid) {
  return order.find((id) => id !== avoid) || order[0] || null;
}

/** The range the feedback names: "0.83 to 0.85", in the answer's decimals. */
export function rangeText(variant, places) {
  const allowed = allowance(variant);
  const p = Math.max(0, Math.min(12, places));
  return `${(variant.value - allowed).toFixed(p)} to ${(variant.value + allowed).toFixed(p)}`;
}

export const calculated = { name: "calculated", view: "calculated", mark, fits };
