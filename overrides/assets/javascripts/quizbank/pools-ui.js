/*
 * Pools in a chapter: of each pool's variants on the page, show the ones drawn for this learner,
 * or the one they answered last (in the review round, say), and hide the others (the review round
 * on My progress shows whichever it serves). Logic: pools.js.
 */

import { learnerId, onEveryPage, siteStore } from "./env.js";
import { ideasOf, lastAnswered, shownVariants } from "./pools.js";
import { questionOf } from "./quiz-dom.js";
import { parseResults } from "./results.js";

function savedResults() {
  try {
    return parseResults(siteStore().readJSON(siteStore().key("results"))).questions;
  } catch (e) {
    return {}; // no storage: nothing answered, the draw alone decides
  }
}

/** Hide the variants not drawn for this learner; `root`: the page (or a part of it). */
export function showDrawn(root) {
  const groups = new Map();
  for (const quiz of root.querySelectorAll(".quiz[data-pool][data-bank][data-qid]")) {
    if (quiz.closest(".quizbank-review-item")) continue; // the review round picks its own
    const key = `${quiz.getAttribute("data-bank")}#${quiz.getAttribute("data-pool")}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(quiz);
  }
  const learner = learnerId() || ""; // no storage: no id, and every student draws alike
  const results = groups.size ? savedResults() : {};
  for (const [key, quizzes] of groups) {
    const questions = quizzes.map(questionOf);
    const ids = questions.map((q) => q.id);
    const draw = Number(quizzes[0].getAttribute("data-draw")) || 1;
    // The variant answered last carries the idea's mark (pools.js): the page shows that one.
    const last = lastAnswered(ideasOf(questions).manifest, results, { variants: ids });
    const shown = new Set(shownVariants(learner, key, ids, draw, last));
    quizzes.forEach((quiz, i) => {
      quiz.hidden = !shown.has(ids[i]);
      quiz.setAttribute("data-pool-shown", String(!quiz.hidden));
    });
    // A link to the idea (My progress links its first variant) lands on the variant this learner sees.
    const target = window.location.hash ? quizzes.find((q) => `#${q.id}` === window.location.hash) : null;
    if (target && target.hidden) {
      const visible = quizzes.find((q) => !q.hidden);
      if (visible) visible.scrollIntoView();
    }
  }
}

onEveryPage(() => showDrawn(document));
