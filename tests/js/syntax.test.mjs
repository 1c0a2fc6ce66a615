// Every script of the site parses (the page modules need a browser to run, but not to be checked):
// a syntax error would otherwise show only in the browser tests, as a missing feature.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../overrides/assets/javascripts/", import.meta.url));

function scripts(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? scripts(join(dir, e.name)) : e.name.endsWith(".js") ? [join(dir, e.name)] : []));
}

test("every script of the site is valid JavaScript", () => {
  const files = scripts(root);
  assert.ok(files.length >= 6, files.join(", "));
  const tmp = mkdtempSync(join(tmpdir(), "quizbank-syntax-"));
  for (const file of files) {
    // Modules (they import or export) are checked as modules, the others as classic scripts.
    const isModule = file.includes("/quizbank/") || file.includes("/bundles/");
    const copy = join(tmp, file.slice(root.length).replaceAll("/", "_") + (isModule ? ".mjs" : ".cjs"));
    copyFileSync(file, copy);
    const result = spawnSync(process.execPath, ["--check", copy], { encoding: "utf8" });
    assert.equal(result.status, 0, `${file}:\n${result.stderr}`);
  }
});
