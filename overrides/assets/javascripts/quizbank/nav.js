/*
 * Completion in the navigation: each chapter's entry shows how many of its self-checks the
 * student has answered ("9 / 15"), read by screen readers as "9 of 15 self-checks answered",
 * and kept up to date as they answer, here or in another tab.
 */

import { courseManifest } from "./course.js";
import { el, onEveryPage, quizbank, siteScope, siteStore } from "./env.js";
import { countAnswered, parseResults } from "./results.js";

function answeredCount(part, manifest, results) {
  return countAnswered(
    part.questions.map((id) => ({ id, ...manifest.questions[id] })),
    results.questions,
  ).answered;
}

async function update() {
  const manifest = await courseManifest();
  quizbank.navUpdates = (quizbank.navUpdates || 0) + 1; // for tests: the counts are drawn
  if (!manifest || !Array.isArray(manifest.parts)) return;
  let results;
  try {
    results = parseResults(siteStore().readJSON(siteStore().key("results")));
  } catch (e) {
    return; // no storage: nothing to count
  }
  const root = new URL(siteScope(), window.location.href);
  for (const part of manifest.parts) {
    if (!part.questions.length) continue;
    const target = new URL(part.url, root).pathname;
    const done = answeredCount(part, manifest, results);
    const total = part.questions.length;
    for (const link of document.querySelectorAll(".md-nav--primary a.md-nav__link[href]")) {
      const url = new URL(link.href, window.location.href);
      if (url.pathname !== target || url.hash) continue; // the chapter's entry, not its headings
      if (link.closest(".md-nav--secondary")) continue;
      let count = link.querySelector(".quizbank-nav-count");
      if (!count) {
        count = el("span", { class: "quizbank-nav-count" }, [el("span", { "aria-hidden": "true" }), el("span", { class: "sr-only" })]);
        link.appendChild(count);
      }
      count.setAttribute("data-complete", String(done === total));
      count.firstChild.textContent = `${done} / ${total}`;
      count.lastChild.textContent = `, ${done} of ${total} self-checks answered`;
    }
  }
}

// Not in the way of the page: the counts are drawn once the browser is idle.
const later = (fn) => (window.requestIdleCallback ? window.requestIdleCallback(fn, { timeout: 2000 }) : window.setTimeout(fn, 200));
onEveryPage(() => later(update));
document.addEventListener("quizbank:results", () => update());
window.addEventListener("storage", (event) => {
  if (event.key === null || (siteStore().parse(event.key) || {}).kind === "results") update();
});
