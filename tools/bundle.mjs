// The browser bundles: one minified ES module per entry point, from the sources in
// overrides/assets/javascripts/quizbank/ (each one tested under Node). They are committed, so that
// building the site needs no Node. `make bundle` writes them; tests/js/bundles.test.mjs checks
// that the committed ones are what the sources give.
//
//   node tools/bundle.mjs            write overrides/assets/javascripts/bundles/*.js
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { buildSync } from "esbuild";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const SOURCES = `${ROOT}overrides/assets/javascripts/quizbank/`;
export const BUNDLES = `${ROOT}overrides/assets/javascripts/bundles/`;
// site: every page (self-checks, navigation counts); the others only where the hook places them.
export const ENTRIES = ["site", "written-task", "progress"];

/** The bundle of one entry point, as text. */
export function bundle(entry) {
  const result = buildSync({
    entryPoints: [`${SOURCES}${entry}.js`],
    bundle: true,
    format: "esm",
    minify: true,
    target: "es2020",
    legalComments: "none",
    write: false,
    logLevel: "warning",
  });
  return result.outputFiles[0].text;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const entry of ENTRIES) writeFileSync(`${BUNDLES}${entry}.js`, bundle(entry));
  console.log(`Wrote ${ENTRIES.length} bundles into overrides/assets/javascripts/bundles/.`);
}
