// The browser bundles: one minified ES module per entry point, from the sources in
// overrides/assets/javascripts/quizbank/ (each one tested under Node), and the few scripts that
// must run inline in the page (quizbank/inline/), minified into template partials. They are
// committed, so that building the site needs no Node. `make bundle` writes them;
// tests/js/bundles.test.mjs checks that the committed ones are what the sources give.
//
//   node tools/bundle.mjs            write overrides/assets/javascripts/bundles/*.js
//                                    and overrides/partials/inline/*.html
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { buildSync } from "esbuild";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const SOURCES = `${ROOT}overrides/assets/javascripts/quizbank/`;
export const BUNDLES = `${ROOT}overrides/assets/javascripts/bundles/`;
// site: every page (self-checks, navigation counts); the others only where the hook places them.
export const ENTRIES = ["site", "written-task", "progress"];
// Inline in every page (overrides/main.html, hooks/defer_bundle.py): small, and minified because
// every page carries them (a chapter's HTML must stay within two network round trips on a phone).
export const INLINE_SOURCES = `${SOURCES}inline/`;
export const PARTIALS = `${ROOT}overrides/partials/inline/`;
export const INLINE = ["palette", "material", "site-loader"];
// Classic scripts served as files (not modules): run by Material's loader just before its bundle.
export const CLASSIC = ["search-index"];

/** The bundle of one entry point, as text. */
export function bundle(entry) {
  const result = buildSync({
    entryPoints: [`${SOURCES}${entry}.js`],
    bundle: true,
    format: CLASSIC.includes(entry) ? "iife" : "esm",
    minify: true,
    target: "es2020",
    legalComments: "none",
    write: false,
    logLevel: "warning",
  });
  return result.outputFiles[0].text;
}

/** The partial of one inline script, as text: a classic script, minified, that Jinja copies as is. */
export function inline(name) {
  const result = buildSync({
    entryPoints: [`${INLINE_SOURCES}${name}.js`],
    bundle: false,
    format: "iife",
    minify: true,
    target: "es2017",
    legalComments: "none",
    write: false,
    logLevel: "warning",
  });
  const code = result.outputFiles[0].text.trim();
  if (code.includes("</script") || code.includes("{% endraw")) throw new Error(`${name}.js: cannot be inlined as written`);
  return (
    `{#- Written by \`make bundle\` from overrides/assets/javascripts/quizbank/inline/${name}.js: edit that, not this. -#}\n` +
    `{% raw %}<script>${code}</script>{% endraw %}\n`
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const entry of [...ENTRIES, ...CLASSIC]) writeFileSync(`${BUNDLES}${entry}.js`, bundle(entry));
  mkdirSync(PARTIALS, { recursive: true });
  for (const name of INLINE) writeFileSync(`${PARTIALS}${name}.html`, inline(name));
  console.log(`Wrote ${ENTRIES.length + CLASSIC.length} bundles into overrides/assets/javascripts/bundles/ and ${INLINE.length} inline scripts into overrides/partials/inline/.`);
}
