// Drafts and the two-tab rules (overrides/assets/javascripts/quizbank/drafts.js), as plain data.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  isEmpty,
  migrateV1Draft,
  missedChange,
  parseDraft,
  planRemote,
  planSave,
  recordFor,
  sameOnPage,
} from "../../overrides/assets/javascripts/quizbank/drafts.js";

const draft = (text, updated, tab, rubric = {}) => ({ v: 2, fields: { answer: text }, rubric, updated, tab });

test("a stored draft is checked field by field: damage drops only what is damaged", () => {
  assert.equal(parseDraft(null), null);
  assert.equal(parseDraft("text"), null);
  assert.equal(parseDraft({ rubric: {} }), null);
  assert.deepEqual(parseDraft({ fields: { a: "kept", b: 3, c: null }, rubric: { x: true, y: "yes" }, updated: "soon", tab: 7 }), {
    v: 2,
    fields: { a: "kept" },
    rubric: { x: true },
    updated: 0,
    tab: "",
  });
});

test("a first-version draft keeps its text, and its ticks land on the same rubric items", () => {
  const v1 = { fields: { answer: "My text" }, rubric: [false, true, true], updated: 1000, tab: "t1" };
  assert.deepEqual(migrateV1Draft(v1, ["k0", "k1", "k2"]), draft("My text", 1000, "t1", { k1: true, k2: true }));
  // A task no longer on the site: ticks kept by position.
  assert.deepEqual(migrateV1Draft(v1, undefined).rubric, { "#1": true, "#2": true });
  assert.equal(migrateV1Draft({ rubric: [] }, []), null);
});

test("ticks are matched by item, so a new first item does not move a student's tick", () => {
  const saved = draft("x", 1, "a", { second: true });
  assert.ok(sameOnPage(saved, draft("x", 2, "b", { second: true }), ["answer"], ["new-first", "second"]));
  assert.ok(!sameOnPage(saved, draft("x", 2, "b", { "new-first": true }), ["answer"], ["new-first", "second"]));
});

test("only what the page shows is compared", () => {
  const a = { fields: { answer: "same", old: "A" }, rubric: {} };
  const b = { fields: { answer: "same", old: "B" }, rubric: {} };
  assert.ok(sameOnPage(a, b, ["answer"], []));
  assert.ok(!sameOnPage(a, b, ["answer", "old"], []));
  assert.ok(isEmpty({ fields: { answer: "  \n" }, rubric: {} }));
  assert.ok(!isEmpty({ fields: {}, rubric: { k: true } }));
});

test("a new record is strictly newer than anything this tab has seen, whatever the clock says", () => {
  const snap = { fields: { answer: "t" }, rubric: {} };
  assert.equal(recordFor(snap, { base: 10, stored: null, tab: "a", now: 5 }).updated, 11);
  assert.equal(recordFor(snap, { base: 10, stored: draft("x", 50, "b"), tab: "a", now: 5 }).updated, 51);
  assert.equal(recordFor(snap, { base: 10, stored: null, tab: "a", now: 99 }).updated, 99);
});

test("saving: nothing to do, wait for the student, adopt, ask, or write", () => {
  const mine = { dirty: true, base: 100, waiting: false, force: false };
  assert.equal(planSave({ ...mine, dirty: false }, null, true, "a"), "none");
  assert.equal(planSave({ ...mine, waiting: true }, null, false, "a"), "wait");
  assert.equal(planSave(mine, null, false, "a"), "write");
  assert.equal(planSave(mine, draft("old", 90, "b"), false, "a"), "write"); // older than this tab's base
  assert.equal(planSave(mine, draft("mine", 120, "a"), false, "a"), "write"); // this tab's own record
  assert.equal(planSave(mine, draft("other", 120, "b"), false, "a"), "conflict");
  assert.equal(planSave(mine, draft("same", 120, "b"), true, "a"), "adopt");
  assert.equal(planSave({ ...mine, waiting: true, force: true }, draft("other", 120, "b"), false, "a"), "write");
});

test("another tab's change: ignore, sync, apply, or ask", () => {
  const idle = { dirty: false, base: 100, waiting: false };
  assert.equal(planRemote(idle, draft("x", 100, "b"), false), "ignore");
  assert.equal(planRemote({ ...idle, base: 0 }, null, false), "ignore");
  assert.equal(planRemote(idle, draft("x", 120, "b"), true), "sync");
  assert.equal(planRemote(idle, draft("x", 120, "b"), false), "apply");
  assert.equal(planRemote({ ...idle, dirty: true }, draft("x", 120, "b"), false), "changed");
  assert.equal(planRemote({ ...idle, dirty: true }, null, false), "cleared");
  assert.equal(planRemote({ ...idle, waiting: true }, draft("x", 130, "b"), false), "changed");
});

test("a tab back from sleep notices a change it missed", () => {
  assert.ok(missedChange({ base: 100 }, draft("x", 120, "b"), "a"));
  assert.ok(!missedChange({ base: 100 }, draft("x", 120, "a"), "a"));
  assert.ok(!missedChange({ base: 100 }, draft("x", 100, "b"), "a"));
  assert.ok(missedChange({ base: 100 }, null, "a")); // cleared elsewhere
  assert.ok(!missedChange({ base: 0 }, null, "a"));
});

test("two tabs, step by step: neither tab's newer text is ever silently replaced", () => {
  // Both loaded the same record; B types, A types and saves first; B's save must ask.
  const stored0 = draft("start", 100, "a");
  let a = { dirty: true, base: 100, waiting: false, force: false };
  const b = { dirty: true, base: 100, waiting: false, force: false };
  assert.equal(planSave(a, stored0, false, "a"), "write");
  const stored1 = recordFor({ fields: { answer: "A's text" }, rubric: {} }, { base: a.base, stored: stored0, tab: "a", now: 150 });
  a = { ...a, dirty: false, base: stored1.updated };
  assert.equal(planRemote(b, stored1, false), "changed"); // B hears of it, and has edits: ask
  assert.equal(planSave(b, stored1, false, "b"), "conflict"); // B missed the event: its save asks too
  // B keeps its own text (force): written, newer than A's.
  assert.equal(planSave({ ...b, waiting: true, force: true }, stored1, false, "b"), "write");
  const stored2 = recordFor({ fields: { answer: "B's text" }, rubric: {} }, { base: b.base, stored: stored1, tab: "b", now: 140 });
  assert.ok(stored2.updated > stored1.updated);
  assert.equal(planRemote(a, stored2, false), "apply"); // A has no edits: it follows
});
