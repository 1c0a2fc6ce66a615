// package.json says "type": "module", so Node and esbuild take every .js file of the project for an
// ES module unless told otherwise. The site's classic scripts (a11y.js and search-index.js, served as
// files; the inline scripts) must come out of `make bundle` exactly as a script would: strict mode,
// top-level `this` and declarations mean other things in a module. transformSync reads no
// package.json, so it is the script reading; the bundles must equal it.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { transformSync } from "esbuild";

import { CLASSIC, INLINE, INLINE_SOURCES, SOURCES, bundle, inline } from "../../tools/bundle.mjs";

const asScript = (path, target) =>
  transformSync(readFileSync(path, "utf8"), { format: "iife", minify: true, target, legalComments: "none", loader: "js" }).code;

test("package.json makes the project's files ES modules", () => {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
  assert.equal(pkg.type, "module");
  assert.match(pkg.engines.node, /^>=20\b/);
});

for (const entry of CLASSIC) {
  test(`bundles/${entry}.js is built as a classic script, whatever package.json says`, async () => {
    assert.equal(await bundle(entry), asScript(`${SOURCES}${entry}.js`, "es2020"));
  });
}

for (const name of INLINE) {
  test(`the inline script ${name}.js is built as a classic script`, () => {
    assert.ok(inline(name).includes(`<script>${asScript(`${INLINE_SOURCES}${name}.js`, "es2017").trim()}</script>`));
  });
}
