/*
 * What earlier versions of the site saved, brought into today's format once per site (store.js
 * keeps the list of migrations that ran). No DOM: tests/js/migrations.test.mjs runs them on a
 * storage in memory. Old keys are left in place: another copy of the site on the same origin (which
 * shared them, unscoped) may still need them.
 */

import { migrateV1Draft, parseDraft } from "./drafts.js";

const V1 = "workspace:v1:";
const V1_CONFLICT = "workspace:v1:conflict:";

/**
 * Drafts of the first version (`workspace:v1:<task>`, unscoped; rubric ticks by position) into this
 * site's drafts; a tab's unresolved conflict text (`workspace:v1:conflict:<task>`) into a backup slot.
 * `tasks`: the course's written tasks with their rubric item keys, in the order the page showed them.
 * A draft already saved in today's format is never replaced.
 */
export function migrateV1Drafts(store, tasks) {
  if (store.migrations().includes("drafts-v1")) return;
  const rubricOf = new Map(tasks.map((t) => [t.key, t.rubric || []]));
  for (const key of store.allKeys()) {
    if (!key || !key.startsWith(V1)) continue;
    const conflict = key.startsWith(V1_CONFLICT);
    const task = key.slice(conflict ? V1_CONFLICT.length : V1.length);
    let old = null;
    try {
      old = JSON.parse(store.get(key));
    } catch (e) {
      continue; // unreadable: nothing to bring across, and nothing else is touched
    }
    const draft = migrateV1Draft(old, rubricOf.get(task));
    if (!draft) continue;
    if (conflict) store.writeJSON(store.key("backup", task, "v1"), draft);
    else if (!parseDraft(store.readJSON(store.key("draft", task)))) store.writeJSON(store.key("draft", task), draft);
  }
  store.markMigrated("drafts-v1");
}
