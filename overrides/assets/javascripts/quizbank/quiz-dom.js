/*
 * A self-check as its markup describes it (hooks/quizbank/selfcheck.py): which question it is,
 * the fingerprint and key its saved result is checked against, and the key itself (`grade`, in
 * the form the course manifest lists it: marking.js). Read by selfcheck.js (the page's answers),
 * pagecount.js (the page's count) and pools-ui.js (which variant a chapter shows).
 */

import { parseAccepted } from "./blanks.js";
import * as matching from "./matching-ui.js";
import * as ordering from "./ordering-ui.js";

/* Kinds whose DOM module knows its own key; choices and blanks are read here. */
const GRADED_HERE = { ordering, matching };

/** The question's key, as the manifest lists it (hooks/quizbank/model.py `grading`). */
export function gradeOf(quiz) {
  const kind = quiz.getAttribute("data-quiz-kind") || "single";
  if (GRADED_HERE[kind]) return GRADED_HERE[kind].grade(quiz);
  if (kind === "fill-blank") return { blanks: [...quiz.querySelectorAll("input.quiz-blank-input")].map((i) => parseAccepted(i.getAttribute("data-accept"))) };
  return { right: [...quiz.querySelectorAll('input[name="answer"][data-correct]')].map((i) => i.value) };
}

/** {id, fp, fp1, key, kind, type, pool, grade}: `pool` is "bank#pool" for a variant, else null. */
export function questionOf(quiz) {
  const kind = quiz.getAttribute("data-quiz-kind") || "single";
  const bank = quiz.getAttribute("data-bank");
  return {
    id: `${bank}#${quiz.getAttribute("data-qid")}`,
    fp: quiz.getAttribute("data-fp") || "",
    fp1: quiz.getAttribute("data-fp1") || "",
    key: quiz.getAttribute("data-key") || "",
    kind,
    type: kind,
    blank: kind === "fill-blank",
    pool: quiz.hasAttribute("data-pool") ? `${bank}#${quiz.getAttribute("data-pool")}` : null,
    grade: gradeOf(quiz),
  };
}
