// The committed browser bundles are what their sources give (tools/bundle.mjs): a script edited
// without `make bundle` would otherwise ship its old version.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { BUNDLES, CLASSIC, ENTRIES, INLINE, PARTIALS, QUIZ_SCRIPT, bundle, inline, installedQuiz, minifiedQuiz } from "../../tools/bundle.mjs";

for (const entry of [...ENTRIES, ...CLASSIC]) {
  test(`bundles/${entry}.js is up to date with its sources`, () => {
    const committed = readFileSync(`${BUNDLES}${entry}.js`, "utf8");
    assert.ok(committed === bundle(entry), `overrides/assets/javascripts/bundles/${entry}.js is out of date: run \`make bundle\` and commit it.`);
  });
}

for (const name of INLINE) {
  test(`partials/inline/${name}.html is up to date with its source`, () => {
    const committed = readFileSync(`${PARTIALS}${name}.html`, "utf8");
    assert.ok(committed === inline(name), `overrides/partials/inline/${name}.html is out of date: run \`make bundle\` and commit it.`);
  });
}

test("bundles/mkdocs-quiz.min.js is the installed mkdocs-quiz's script, minified", () => {
  const committed = readFileSync(QUIZ_SCRIPT, "utf8");
  assert.ok(committed === minifiedQuiz(installedQuiz()), "overrides/assets/javascripts/bundles/mkdocs-quiz.min.js is not the installed mkdocs-quiz's script: run `make bundle` and commit it.");
});
