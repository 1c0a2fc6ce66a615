// The committed browser bundles are what their sources give (tools/bundle.mjs): a script edited
// without `make bundle` would otherwise ship its old version. And the bundles keep their shape:
// site.js (every page) within its budget, each later bundle taking the state it shares from
// site.js, each question type's view on its own.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";

import { BUNDLES, INLINE, LATER, PARTIALS, QUIZ_SCRIPT, SOURCES, VIEWS, bundle, bundleFiles, inline, installedQuiz, minifiedQuiz } from "../../tools/bundle.mjs";
import * as listed from "../../overrides/assets/javascripts/quizbank/types/index.js";

for (const entry of bundleFiles()) {
  test(`bundles/${entry}.js is up to date with its sources`, async () => {
    const committed = readFileSync(`${BUNDLES}${entry}.js`, "utf8");
    assert.ok(committed === (await bundle(entry)), `overrides/assets/javascripts/bundles/${entry}.js is out of date: run \`make bundle\` and commit it.`);
  });
}

test("bundles/types/ holds one view per view the registry names, and nothing else", () => {
  const files = readdirSync(`${BUNDLES}types`).sort();
  assert.deepEqual(files, VIEWS.map((v) => `${v}.js`));
  assert.deepEqual(VIEWS, ["calculated", "choice", "fill-blank", "matching", "ordering"]);
});

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

/** The names a minified bundle imports from `from`, and whether it imports anything else. */
function importsOf(code) {
  const named = [...code.matchAll(/import\s*\{([^}]*)\}\s*from\s*"([^"]+)"/g)].map((m) => ({
    names: m[1].split(",").map((part) => part.trim().split(/\s+as\s+/)[0]).filter(Boolean),
    from: m[2],
  }));
  const all = [...code.matchAll(/(?:^|[;}\s])import\s*(?:[\w*{][^"]*from\s*)?"([^"]+)"/g)].map((m) => m[1]);
  return { named, all };
}

const exportsOf = (code) => {
  const m = code.match(/export\s*\{([^}]*)\}\s*;?\s*$/);
  return m ? m[1].split(",").map((part) => part.trim().split(/\s+as\s+/).pop()) : [];
};

test("site.js, on every page, stays within 17 KB minified (what it was before ordering)", () => {
  const size = readFileSync(`${BUNDLES}site.js`).length;
  assert.ok(size <= 17 * 1024, `bundles/site.js is ${size} bytes: more than 17 KB. Move what a page does not need at once into a bundle of its own (tools/bundle.mjs LATER, or a type's view).`);
  assert.deepEqual(importsOf(readFileSync(`${BUNDLES}site.js`, "utf8")).all, [], "site.js imports nothing at once: every other bundle is loaded when needed");
});

for (const entry of LATER) {
  test(`bundles/${entry}.js takes what it shares from site.js, and site.js exports every name it takes`, () => {
    const code = readFileSync(`${BUNDLES}${entry}.js`, "utf8");
    const { named, all } = importsOf(code);
    assert.ok(all.length > 0 && all.every((from) => from === "./site.js"), `${entry}.js imports ${all.join(", ")}`);
    const exported = exportsOf(readFileSync(`${BUNDLES}site.js`, "utf8"));
    for (const { names } of named) for (const name of names) assert.ok(exported.includes(name), `${entry}.js imports ${name} from site.js, which does not export it: add it to site.js's exports.`);
    // No second copy of a stateful module: the storage's scope and the global appear only in site.js.
    assert.ok(!code.includes("__md_scope"), `${entry}.js carries its own copy of env.js`);
  });
}

for (const view of VIEWS) {
  test(`the ${view} view imports nothing (its helpers are handed to it) and its source only its own pure module`, () => {
    assert.deepEqual(importsOf(readFileSync(`${BUNDLES}types/${view}.js`, "utf8")).all, []);
    const source = readFileSync(`${SOURCES}types/${view}-view.js`, "utf8");
    const imports = [...source.matchAll(/^import\s.*from\s+"([^"]+)";$/gm)].map((m) => m[1]);
    const own = [...new Set(Object.values(listed).filter((t) => t.view === view).map(() => `./${view}.js`))];
    assert.deepEqual(imports, own, `types/${view}-view.js imports ${imports.join(", ")}: a view imports only ./${view}.js`);
  });
}
