// Storage keys scoped to the site (overrides/assets/javascripts/quizbank/store.js).
import assert from "node:assert/strict";
import { test } from "node:test";

import { MemoryStorage, Store } from "../../overrides/assets/javascripts/quizbank/store.js";

test("two copies of the site on one origin never read each other's keys", () => {
  const storage = new MemoryStorage();
  const a = new Store(storage, "/course-a/");
  const b = new Store(storage, "/course-b/");
  a.writeJSON(a.key("draft", "assignment#essay"), { fields: { answer: "A" } });
  b.writeJSON(b.key("draft", "assignment#essay"), { fields: { answer: "B" } });
  assert.deepEqual(a.readJSON(a.key("draft", "assignment#essay")), { fields: { answer: "A" } });
  assert.deepEqual(
    a.keysOf("draft").map((k) => k.task),
    ["assignment#essay"],
  );
  b.remove(b.key("draft", "assignment#essay"));
  assert.deepEqual(a.readJSON(a.key("draft", "assignment#essay")), { fields: { answer: "A" } });
});

test("keys parse back into what they hold", () => {
  const s = new Store(new MemoryStorage(), "/site/");
  assert.equal(s.key("draft", "part-1/checks#task"), "quizbank:2:/site/:draft:part-1/checks#task");
  assert.deepEqual(s.parse(s.key("backup", "a#b", "tab1")), { kind: "backup", task: "a#b", tab: "tab1" });
  assert.deepEqual(s.parse(s.key("meta")), { kind: "meta" });
  assert.equal(s.parse("quizbank:2:/other/:draft:a#b"), null);
  assert.equal(s.parse("/site/.__palette"), null);
});

test("damaged JSON reads as undefined, never as a crash", () => {
  const storage = new MemoryStorage({ "quizbank:2:/s/:meta": "{not json" });
  const s = new Store(storage, "/s/");
  assert.equal(s.readJSON(s.key("meta")), undefined);
  assert.deepEqual(s.migrations(), []);
  s.markMigrated("drafts-v1");
  s.markMigrated("drafts-v1");
  assert.deepEqual(s.migrations(), ["drafts-v1"]);
});
