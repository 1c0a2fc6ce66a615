/*
 * A self-check as its markup describes it (hooks/quizbank/types/frame.py): which question it is,
 * its type (data-quiz-kind, a name in types/index.js), the fingerprint and key its saved result is
 * checked against, and the key itself (`data-grade`, the JSON the course manifest lists: marking.js).
 * Read by selfcheck.js (the page's answers), pagecount.js (the page's count) and pools-ui.js
 * (which variant a chapter shows); no type is known here.
 */

/** The question's key, as the manifest lists it; null when the page carries none that can be read. */
export function gradeOf(quiz) {
  try {
    const grade = JSON.parse(quiz.getAttribute("data-grade"));
    return grade && typeof grade === "object" && !Array.isArray(grade) ? grade : null;
  } catch (e) {
    return null; // marks nothing (marking.js): never right or wrong by accident
  }
}

/** {id, fp, fp1, key, type, pool, grade}: `pool` is "bank#pool" for a variant, else null. */
export function questionOf(quiz) {
  const bank = quiz.getAttribute("data-bank");
  return {
    id: `${bank}#${quiz.getAttribute("data-qid")}`,
    fp: quiz.getAttribute("data-fp") || "",
    fp1: quiz.getAttribute("data-fp1") || "", // the first site version's fingerprint, where it differs
    key: quiz.getAttribute("data-key") || "",
    type: quiz.getAttribute("data-quiz-kind") || "",
    pool: quiz.hasAttribute("data-pool") ? `${bank}#${quiz.getAttribute("data-pool")}` : null,
    grade: gradeOf(quiz),
  };
}
