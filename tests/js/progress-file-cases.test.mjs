// The site's reader of progress files (transfer.js) on the cases it shares with the class report's
// (tests/progress_file_cases.json; tests/unit/test_progress_file_cases.py runs them in Python).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { readProgressFile } from "../../overrides/assets/javascripts/quizbank/transfer.js";

const table = JSON.parse(readFileSync(new URL("../progress_file_cases.json", import.meta.url), "utf8"));

/** A case's file as bytes, made as the table's "how" says (the Python harness makes it the same way). */
function fileBytes(c) {
  if ("base64" in c) return Buffer.from(c.base64, "base64");
  let text = c.text;
  if (text === undefined) {
    const data = structuredClone(table.bases[c.base]);
    const [record, draft] = [data.results["b#q"], data.drafts["b#t"]];
    Object.assign(data, c.set || {});
    for (const key of c.unset || []) delete data[key];
    Object.assign(record, c.record || {});
    for (const key of c.unsetRecord || []) delete record[key];
    Object.assign(draft, c.draft || {});
    for (const key of Object.keys(c.raw || {})) data[key] = `@@${key}@@`;
    for (const key of Object.keys(c.rawRecord || {})) record[key] = `@@record.${key}@@`;
    const raws = { ...c.raw, ...Object.fromEntries(Object.entries(c.rawRecord || {}).map(([k, v]) => [`record.${k}`, v])) };
    text = JSON.stringify(data).replace(/"@@([\w.]+)@@"/g, (_, name) => raws[name]);
  }
  if (c.utf16) return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
  return Buffer.concat([Buffer.from(c.bom ? [0xef, 0xbb, 0xbf] : []), Buffer.from(text, "utf8")]);
}

/** What the site read, in the table's terms, for the fields the case names. */
function reading(data, expect) {
  const seen = { ok: true, version: data.version, learner: data.learner, course: data.course };
  if (expect.record) seen.record = Object.fromEntries(Object.keys(expect.record).map((k) => [k, data.results["b#q"][k]]));
  if (expect.draft) seen.draft = data.drafts["b#t"].fields;
  return Object.fromEntries(Object.keys(expect).map((k) => [k, seen[k]]));
}

for (const c of table.cases) {
  test(c.why, () => {
    // As the Restore button reads a file: Blob.text() decodes UTF-8, drops a byte-order mark, replaces bad bytes.
    const read = readProgressFile(new TextDecoder().decode(fileBytes(c)));
    if (!read.ok) assert.deepEqual({ ok: false, kind: read.kind }, c.expect, read.message);
    else assert.deepEqual(reading(read.data, c.expect), c.expect);
  });
}
