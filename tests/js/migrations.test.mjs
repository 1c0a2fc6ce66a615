// Drafts saved by the first version of the site, brought across once (overrides/assets/javascripts/quizbank/migrations.js).
import assert from "node:assert/strict";
import { test } from "node:test";

import { migrateV1Drafts } from "../../overrides/assets/javascripts/quizbank/migrations.js";
import { MemoryStorage, Store } from "../../overrides/assets/javascripts/quizbank/store.js";

const tasks = [{ key: "assignment#essay", rubric: ["k-first", "k-second"] }];
const v1 = (text, rubric) => JSON.stringify({ fields: { answer: text }, rubric, updated: 100, tab: "old" });

test("each copy of the site gets the old draft once, with its ticks on the right items", () => {
  const storage = new MemoryStorage({
    "workspace:v1:assignment#essay": v1("Before the upgrade.", [false, true]),
    "workspace:v1:conflict:assignment#essay": v1("A closed tab's text.", []),
    "workspace:v1:gone#task": v1("A task no longer on the site.", [true]),
    "workspace:v1:broken#task": "{not json",
  });
  for (const scope of ["/course-a/", "/course-b/"]) {
    const store = new Store(storage, scope);
    migrateV1Drafts(store, tasks);
    const draft = store.readJSON(store.key("draft", "assignment#essay"));
    assert.equal(draft.fields.answer, "Before the upgrade.");
    assert.deepEqual(draft.rubric, { "k-second": true });
    assert.equal(store.readJSON(store.key("backup", "assignment#essay", "v1")).fields.answer, "A closed tab's text.");
    assert.deepEqual(store.readJSON(store.key("draft", "gone#task")).rubric, { "#0": true });
    assert.equal(store.readJSON(store.key("draft", "broken#task")), null);
  }
  assert.ok(storage.getItem("workspace:v1:assignment#essay"), "old keys stay for other copies of the site");
});

test("it runs once: a draft cleared afterwards is not brought back, and a newer draft is never replaced", () => {
  const storage = new MemoryStorage({ "workspace:v1:assignment#essay": v1("Old.", []) });
  const store = new Store(storage, "/s/");
  store.writeJSON(store.key("draft", "assignment#essay"), { fields: { answer: "Newer." }, rubric: {}, updated: 500, tab: "t" });
  migrateV1Drafts(store, tasks);
  assert.equal(store.readJSON(store.key("draft", "assignment#essay")).fields.answer, "Newer.");
  store.remove(store.key("draft", "assignment#essay"));
  migrateV1Drafts(store, tasks);
  assert.equal(store.readJSON(store.key("draft", "assignment#essay")), null);
});
