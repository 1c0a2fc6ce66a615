/*
 * Ordering questions in the page (markup: hooks/quizbank/types/ordering.py). Each item has "Move up"
 * and "Move down" buttons: no dragging needed (WCAG 2.2, 2.5.7). After a move the focus stays on
 * the button pressed, now in the item's new place, and the live region says where the item went.
 * selfcheck.js records, restores and frames the feedback; this module knows the list. Logic: ordering.js.
 */

import { inPlace, move, moveMessage, ordering, placedNote } from "./ordering.js";

let h = null; // the helpers selfcheck.js hands over
const list = (quiz) => quiz.querySelector("ol.quiz-order");
const items = (quiz) => [...list(quiz).querySelectorAll(":scope > li.quiz-order-item")];
const textOf = (li) => (li.querySelector(".quiz-order-text") || li).textContent.replace(/\s+/g, " ").trim();
// The order the page was built with: where "Try again" starts from.
const startOrders = new WeakMap();

/** The student's answer: item keys in the order shown. */
export function values(quiz) {
  return items(quiz).map((li) => li.getAttribute("data-value"));
}

/** Put the items in `order` (item keys). */
function arrange(quiz, order) {
  const byKey = new Map(items(quiz).map((li) => [li.getAttribute("data-value"), li]));
  for (const key of order) list(quiz).appendChild(byKey.get(key));
  unmark(quiz);
}

/* The first item cannot go up, the last cannot go down: aria-disabled, not disabled, so a focused button keeps its focus. */
function ends(quiz) {
  const all = items(quiz);
  all.forEach((li, i) => {
    for (const button of li.querySelectorAll(".quiz-order-move")) {
      const by = Number(button.getAttribute("data-move"));
      const stuck = (by < 0 && i === 0) || (by > 0 && i === all.length - 1);
      if (stuck) button.setAttribute("aria-disabled", "true");
      else button.removeAttribute("aria-disabled");
    }
  });
}

function unmark(quiz) {
  for (const li of items(quiz)) {
    li.classList.remove("correct", "wrong");
    li.querySelectorAll(".quiz-order-mark").forEach((m) => m.remove());
  }
  ends(quiz);
}

/** Mark each item in or out of place; the feedback's content (the count). Returns {correct, content}. */
export function show(quiz, order, grade) {
  if (ordering.fits(order, grade)) arrange(quiz, order);
  const right = grade && Array.isArray(grade.order) ? grade.order : [];
  const now = values(quiz);
  const placed = inPlace(now, right);
  items(quiz).forEach((li, i) => {
    li.classList.add(placed[i] ? "correct" : "wrong");
    li.querySelector(".quiz-order-text").after(h.el("span", { class: "quiz-order-mark", text: placed[i] ? " (in place)" : " (not in place)" }));
  });
  const result = ordering.mark(now, grade);
  return { correct: Boolean(result && result.correct), content: [h.el("p", { text: placedNote(now, right) })] };
}

/** "Try again": back to the order the page started with. */
export function clear(quiz) {
  arrange(quiz, startOrders.get(quiz) || values(quiz));
}

/** Where the focus goes after "Try again". */
export function first(quiz) {
  return quiz.querySelector(".quiz-order-move:not([aria-disabled])");
}

/** Once per quiz element: remember the starting order and take the buttons' clicks; `changed` after each move. */
export function mount(quiz, helpers) {
  h = helpers;
  if (!list(quiz)) return;
  startOrders.set(quiz, values(quiz));
  ends(quiz);
  list(quiz).addEventListener("click", (event) => {
    const button = event.target && event.target.closest ? event.target.closest(".quiz-order-move") : null;
    if (!button || button.getAttribute("aria-disabled") === "true") return;
    // The second click of a double click lands on the item that has just moved into this place:
    // it would move that one back. A double click is one move (a key press has detail 0).
    if (event.detail > 1) return;
    const li = button.closest("li.quiz-order-item");
    const all = items(quiz);
    const index = all.indexOf(li);
    const current = values(quiz);
    const next = move(current, index, Number(button.getAttribute("data-move")));
    if (next === current) return;
    arrange(quiz, next);
    // The same button, in the item's new place (a move does not lose the keyboard's place).
    button.focus();
    h.announce(moveMessage(textOf(li), items(quiz).indexOf(li) + 1, all.length));
    h.changed(quiz);
  });
}
