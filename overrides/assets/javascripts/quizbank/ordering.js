/*
 * Ordering questions, the logic apart from the page: moving an item, marking an order, and the
 * words the student hears and reads. An order is a list of item keys (text_key of each item's
 * text, hooks/quizbank/ids.py), which is also how it is saved. Pure: tests/js/ordering.test.mjs.
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
