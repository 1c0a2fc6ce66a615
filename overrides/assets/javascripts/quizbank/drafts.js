/*
 * Drafts of written tasks, and the rules that keep two tabs from overwriting each other.
 * Pure functions on plain data (no DOM, no storage): tests/js/drafts.test.mjs checks them.
 *
 * A draft record:  {v: 2, fields: {<field id>: text}, rubric: {<item key>: true}, updated: ms, tab: id}
 * `updated` only grows; `tab` is the id of the page load that wrote it. A tab remembers `base`,
 * the `updated` of the record it last loaded or saved: a stored record newer than `base` and
 * written by another tab is "the other tab's text", which this tab may not silently replace.
 */

export const DRAFT_VERSION = 2;

function textsOnly(object) {
  const out = {};
  if (object && typeof object === "object" && !Array.isArray(object)) {
    for (const [id, text] of Object.entries(object)) if (typeof text === "string") out[id] = text;
  }
  return out;
}

function ticksOnly(object) {
  const out = {};
  if (object && typeof object === "object" && !Array.isArray(object)) {
    for (const [key, on] of Object.entries(object)) if (on === true) out[key] = true;
  }
  return out;
}

/** A stored draft, checked: fields that are not text and ticks that are not `true` are left out. Null if unusable. */
export function parseDraft(value) {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  if (!value.fields || typeof value.fields !== "object") return null;
  return {
    v: DRAFT_VERSION,
    fields: textsOnly(value.fields),
    rubric: ticksOnly(value.rubric),
    updated: typeof value.updated === "number" && Number.isFinite(value.updated) ? value.updated : 0,
    tab: typeof value.tab === "string" ? value.tab : "",
  };
}

/**
 * A draft saved by the first version of the site (`workspace:v1:<task>`), in today's format.
 * Its rubric ticks were a list by position: they are matched to the task's rubric items, in
 * order, as the page showed them then (`rubricKeys`, from the course manifest); without the
 * list (a task no longer on the site) they are kept by position as "#0", "#1", ….
 */
export function migrateV1Draft(value, rubricKeys) {
  if (!value || typeof value !== "object" || !value.fields || typeof value.fields !== "object") return null;
  const rubric = {};
  if (Array.isArray(value.rubric)) {
    value.rubric.forEach((on, i) => {
      if (on !== true) return;
      const key = rubricKeys && i < rubricKeys.length ? rubricKeys[i] : "#" + i;
      rubric[key] = true;
    });
  }
  return parseDraft({ fields: value.fields, rubric, updated: value.updated, tab: value.tab });
}

export function isEmpty(draft) {
  return !draft || (!Object.values(draft.fields).some((t) => t.trim()) && !Object.keys(draft.rubric).length);
}

/** Do two drafts show the same thing on a page with these fields and rubric items? (Other keys are ignored.) */
export function sameOnPage(a, b, fieldIds, rubricKeys) {
  const fa = a ? a.fields : {};
  const fb = b ? b.fields : {};
  const ra = a ? a.rubric : {};
  const rb = b ? b.rubric : {};
  return fieldIds.every((id) => (fa[id] || "") === (fb[id] || "")) && rubricKeys.every((k) => Boolean(ra[k]) === Boolean(rb[k]));
}

/** A new record for this tab's text: strictly newer than anything this tab has seen, even with a skewed clock. */
export function recordFor(snapshot, { base, stored, tab, now }) {
  return {
    v: DRAFT_VERSION,
    fields: { ...snapshot.fields },
    rubric: { ...snapshot.rubric },
    updated: Math.max(now, base + 1, stored ? stored.updated + 1 : 0),
    tab,
  };
}

/**
 * What saving should do. `state`: {dirty, base, waiting (a conflict notice is open), force (the
 * student chose "keep this tab's text")}; `stored`: the record in storage now (or null); `same`:
 * whether it shows what this tab shows.
 *   "none"      nothing to save;
 *   "wait"      a conflict is open: nothing is saved until the student chooses;
 *   "adopt"     the other tab saved exactly this text: take its record as the base;
 *   "conflict"  another tab saved different text since this tab's base: ask;
 *   "write"     save this tab's text.
 */
export function planSave(state, stored, same, tab) {
  if (!state.dirty && !state.force) return "none";
  if (state.waiting && !state.force) return "wait";
  if (!state.force && stored && stored.updated > state.base && stored.tab !== tab) return same ? "adopt" : "conflict";
  return "write";
}

/**
 * What to do when another tab saved `rec` (or cleared the draft: rec = null).
 *   "ignore"            not newer than what this tab has;
 *   "sync"              it shows what this tab shows: take it as the base (and close a notice about it);
 *   "apply"             this tab has no edits of its own: show the other tab's text;
 *   "changed"/"cleared" this tab has unsaved edits too: ask.
 */
export function planRemote(state, rec, same) {
  if (rec && rec.updated <= state.base) return "ignore";
  if (!rec && state.base === 0) return "ignore";
  if (same) return "sync";
  if (!state.dirty && !state.waiting) return "apply";
  return rec ? "changed" : "cleared";
}

/** After the page was frozen or hidden: did another tab change the draft while this one was not listening? */
export function missedChange(state, rec, tab) {
  return rec ? rec.updated > state.base && rec.tab !== tab : state.base > 0;
}
