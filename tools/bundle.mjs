// The browser bundles: one minified ES module per entry point, from the sources in
// overrides/assets/javascripts/quizbank/ (each one tested under Node), and the few scripts that
// must run inline in the page (quizbank/inline/), minified into template partials. They are
// committed, so that building the site needs no Node. `make bundle` writes them;
// tests/js/bundles.test.mjs checks that the committed ones are what the sources give.
//
//   node tools/bundle.mjs            write overrides/assets/javascripts/bundles/*.js
//                                    and overrides/partials/inline/*.html
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { build, buildSync, transformSync } from "esbuild";

import * as listed from "../overrides/assets/javascripts/quizbank/types/index.js";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const SOURCES = `${ROOT}overrides/assets/javascripts/quizbank/`;
export const BUNDLES = `${ROOT}overrides/assets/javascripts/bundles/`;
// site: every page (self-checks, navigation counts); the others only where the hook places them.
export const ENTRIES = ["site", "written-task", "progress"];
// Loaded by site.js once the browser is idle. They share site.js's state: their imports of these
// modules are imports of ./site.js (which exports them), never a second copy (one storage, one
// manifest request, one global).
export const LATER = ["selfcheck", "keep-ui", "offline"];
export const SHARED = ["env", "course", "marking", "pools", "results"];
// Each question type's view, loaded by selfcheck.js only on a page with such a question:
// quizbank/types/<view>-view.js -> bundles/types/<view>.js. It imports nothing but its own pure
// module (everything else comes in the helpers it is handed), so nothing is shared or repeated.
export const VIEWS = [...new Set(Object.values(listed).map((type) => type.view))].sort();
// Inline in every page (overrides/main.html, hooks/defer_bundle.py): small, and minified because
// every page carries them (a chapter's HTML must stay within two network round trips on a phone).
export const INLINE_SOURCES = `${SOURCES}inline/`;
export const PARTIALS = `${ROOT}overrides/partials/inline/`;
export const INLINE = ["palette", "material", "site-loader"];
// Classic scripts served as files (not modules): search-index runs just before Material's bundle
// (Material's loader runs it); a11y is deferred from mkdocs.yml's extra_javascript, minified
// because every page loads it (4.3 KB of commented source, 1.7 KB gzip; 0.7 once minified).
export const CLASSIC = ["search-index", "a11y"];

// mkdocs-quiz's script, minified: it is 44 KB as installed, comments and all (9.2 KB gzip, 4.6 once
// minified), and every chapter loads it. hooks/quiz_assets.py serves this copy only while the
// SHA-256 in its first line is the installed script's; the package itself is never edited.
export const QUIZ_SCRIPT = `${BUNDLES}mkdocs-quiz.min.js`;
// The Python that has mkdocs-quiz installed: the Makefile's virtual environment.
const PYTHON = process.env.QUIZBANK_PYTHON || `${ROOT}.venv/bin/python`;

/** The installed mkdocs-quiz: its version and its script's source. */
export function installedQuiz() {
  const code = "import importlib.metadata as m, pathlib, mkdocs_quiz as q; print(m.version('mkdocs-quiz')); print(pathlib.Path(q.__file__).parent / 'js' / 'quiz.js')";
  let out;
  try {
    out = execFileSync(PYTHON, ["-c", code], { encoding: "utf8" }).trim().split("\n");
  } catch (e) {
    throw new Error(`${PYTHON} cannot import mkdocs_quiz: run \`make test\` (or \`make serve\`) once to create the virtual environment, or set QUIZBANK_PYTHON.`);
  }
  return { version: out[0], source: readFileSync(out[1], "utf8") };
}

/** mkdocs-quiz's script, minified, after a first line naming what it was made from. */
export function minifiedQuiz({ version, source }) {
  const digest = createHash("sha256").update(source, "utf8").digest("hex");
  const { code } = transformSync(source, { minify: true, target: "es2020", legalComments: "none", loader: "js" });
  return (
    `/* mkdocs-quiz ${version} js/quiz.js (Apache License 2.0), minified by tools/bundle.mjs; source sha256 ${digest} */\n` +
    code
  );
}

/* A later bundle's imports of the modules site.js shares become imports of site.js itself (the
   same URL, so the same module instance the page already runs). */
const fromSite = {
  name: "from-site",
  setup(build) {
    const shared = new RegExp(`^\\./(${SHARED.join("|")})\\.js$`);
    build.onResolve({ filter: shared }, () => ({ path: "./site.js", external: true }));
  },
};

/** The bundle of one entry point (an ENTRIES, LATER or CLASSIC name, or `types/<view>`), as text. */
export async function bundle(entry) {
  const view = entry.startsWith("types/") ? entry.slice("types/".length) : null;
  const result = await build({
    entryPoints: [view ? `${SOURCES}types/${view}-view.js` : `${SOURCES}${entry}.js`],
    bundle: true,
    format: CLASSIC.includes(entry) ? "iife" : "esm",
    minify: true,
    target: "es2020",
    legalComments: "none",
    write: false,
    logLevel: "warning",
    plugins: LATER.includes(entry) ? [fromSite] : [],
  });
  return result.outputFiles[0].text;
}

/** Every bundle file's name under bundles/, with its entry. */
export function bundleFiles() {
  return [...ENTRIES, ...LATER, ...CLASSIC, ...VIEWS.map((v) => `types/${v}`)];
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
  // A type removed from the registry leaves no view behind.
  rmSync(`${BUNDLES}types`, { recursive: true, force: true });
  mkdirSync(`${BUNDLES}types`, { recursive: true });
  const files = bundleFiles();
  for (const entry of files) writeFileSync(`${BUNDLES}${entry}.js`, await bundle(entry));
  mkdirSync(PARTIALS, { recursive: true });
  for (const name of INLINE) writeFileSync(`${PARTIALS}${name}.html`, inline(name));
  writeFileSync(QUIZ_SCRIPT, minifiedQuiz(installedQuiz()));
  console.log(`Wrote ${files.length} bundles and mkdocs-quiz's script into overrides/assets/javascripts/bundles/, and ${INLINE.length} inline scripts into overrides/partials/inline/.`);
  for (const entry of ["site", ...LATER, ...VIEWS.map((v) => `types/${v}`)]) {
    console.log(`  ${`${entry}.js`.padEnd(22)} ${readFileSync(`${BUNDLES}${entry}.js`).length.toLocaleString("en")} bytes`);
  }
}
