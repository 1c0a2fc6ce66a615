/*
 * The ordering type, apart from the page: moving an item, marking an order, and the words the
 * student hears and reads. An order is a list of item keys (text_key of each item's text,
 * hooks/quizbank/ids.py), which is also how it is saved; the key (grade) is {order: [item key, …]},
 * the right order. Pure: tests/js/ordering.test.mjs and the shared cases (tests/grading/ordering.json).
 * Its view: ordering-view.js.
 */

/** `order` with the item at `index` moved `by` places (−1 up, +1 down); the same list when it cannot move. */
export function move(order, index, by) {
  const to = index + by;
  if (index < 0 || index >= order.length || to < 0 || to >= order.length) return order;
  const next = [...order];
  const [item] = next.splice(index, 1);
  next.splice(to, 0, item);
  return next;
}

/** For each place, is the item there the right one? */
export function inPlace(order, right) {
  return right.map((key, i) => order[i] === key);
}

/** Right when every item is in its place. */
export function markOrdering(order, right) {
  return order.length === right.length && inPlace(order, right).every(Boolean);
}

/** Is `values` an order of exactly these items (a saved answer that still fits the question)? */
export function isOrderOf(values, keys) {
  if (!Array.isArray(values) || values.length !== keys.length) return false;
  const rest = [...keys];
  for (const v of values) {
    const at = rest.indexOf(v);
    if (at < 0) return false;
    rest.splice(at, 1);
  }
  return true;
}

/** What a screen reader hears after a move. */
export function moveMessage(text, position, total) {
  return `${text}: moved to position ${position} of ${total}.`;
}

/** What the feedback says: how many items are in their place. */
export function placedNote(order, right) {
  const count = inPlace(order, right).filter(Boolean).length;
  if (count === right.length) return `All ${right.length} items are in the right place.`;
  return `${count} of ${right.length} ${right.length === 1 ? "item is" : "items are"} in the right place.`;
}

const isTexts = (list) => Array.isArray(list) && list.every((v) => typeof v === "string");

/** {correct, credit}: the share of places holding their item; an order of other items gets nothing. */
function mark(values, grade) {
  if (!grade || !isTexts(grade.order) || !grade.order.length || !isTexts(values)) return null;
  if (!isOrderOf(values, grade.order)) return { correct: false, credit: 0 };
  const placed = inPlace(values, grade.order).filter(Boolean).length;
  return { correct: placed === grade.order.length, credit: placed / grade.order.length };
}

function fits(values, grade) {
  return Boolean(grade) && isTexts(grade.order) && isOrderOf(values, grade.order);
}

export const ordering = { name: "ordering", view: "ordering", mark, fits };
