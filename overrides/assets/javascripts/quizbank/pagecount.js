/*
 * The page's own count of its self-checks ("Answered 12 of 21 · 9 right"), drawn from the one store
 * of results by the rule every count on the site uses (results.js: countAnswered): at the foot of the table
 * of contents on wide screens, and after the chapter on every screen. It replaces mkdocs-quiz's
 * sidebar box, which counted only the questions its own script grades (never a blank) and so
 * disagreed with the navigation counts and My progress on the same screen (hooks/quiz_assets.py
 * leaves that box out of the page).
 */

import { el, onEveryPage, quizbank, siteScope, siteStore } from "./env.js";
import { byIdea, ideasOf } from "./pools.js";
import { questionOf } from "./quiz-dom.js";
import { countAnswered, parseResults } from "./results.js";

/** The page's self-checks, as the store knows them (with their keys: a re-keyed answer is marked
    again); the review round's (on My progress) are counted there. */
function questionsOnPage() {
  return [...document.querySelectorAll(".quiz[data-qid][data-bank][data-fp]")]
    .filter((quiz) => !quiz.closest(".quizbank-review-item"))
    .map(questionOf);
}

/** The count in words: the same sentence in both places. */
export function describeCount({ total, answered, right }) {
  const done = answered === total ? `All ${total} answered` : `Answered ${answered} of ${total}`;
  return `${done} · ${right} right`;
}

function box(place) {
  let node = document.querySelector(`.quizbank-page-count[data-place="${place}"]`);
  if (node) return node;
  const text = el("span", { class: "quizbank-page-count-text" });
  if (place === "toc") {
    const toc = document.querySelector(".md-sidebar--secondary .md-nav--secondary");
    if (!toc) return null;
    node = el("div", { class: "quizbank-page-count", "data-place": place }, [
      el("p", { class: "quizbank-page-count-title", text: "Self-checks on this page" }),
      el("p", {}, [text]),
      el("div", { class: "quizbank-page-count-bar", "aria-hidden": "true" }, [el("span", { class: "right" }), el("span", { class: "wrong" })]),
    ]);
    toc.append(node); // at the foot: nothing in the table of contents moves
    return node;
  }
  const article = document.querySelector("article.md-content__inner");
  if (!article) return null;
  const progress = [...document.querySelectorAll(".md-nav--primary a.md-nav__link[href]")].find(
    (a) => new URL(a.href, window.location.href).pathname === new URL("progress/", new URL(siteScope(), window.location.href)).pathname,
  );
  node = el("p", { class: "quizbank-page-count", "data-place": place }, [
    "Self-checks on this page: ",
    text,
    ...(progress ? [". ", el("a", { href: progress.href, text: "My progress" }), " has the whole course."] : ["."]),
  ]);
  article.append(node);
  return node;
}

function draw() {
  const questions = questionsOnPage();
  if (!questions.length) {
    document.querySelectorAll(".quizbank-page-count").forEach((node) => node.remove());
    return;
  }
  let records;
  try {
    records = parseResults(siteStore().readJSON(siteStore().key("results"))).questions;
  } catch (e) {
    records = {}; // no storage: nothing is saved, so nothing is answered here for long
  }
  const ideas = ideasOf(questions); // a pool's variants count once, as on My progress (pools.js)
  const count = countAnswered(ideas.questions, byIdea(ideas.manifest, records));
  for (const place of ["toc", "end"]) {
    const node = box(place);
    if (!node) continue;
    node.setAttribute("data-answered", String(count.answered));
    node.setAttribute("data-right", String(count.right));
    node.setAttribute("data-total", String(count.total));
    node.querySelector(".quizbank-page-count-text").textContent = describeCount(count);
    const bar = node.querySelector(".quizbank-page-count-bar");
    if (bar) {
      bar.querySelector(".right").style.width = `${(100 * count.right) / count.total}%`;
      bar.querySelector(".wrong").style.width = `${(100 * (count.answered - count.right)) / count.total}%`;
    }
  }
  quizbank.pageCountUpdates = (quizbank.pageCountUpdates || 0) + 1; // for tests: the count is drawn
}

onEveryPage(draw);
document.addEventListener("quizbank:results", () => draw());
window.addEventListener("storage", (event) => {
  if (event.key === null || (siteStore().parse(event.key) || {}).kind === "results") draw();
});
