// The stylesheet minified by the build (hooks/quizbank/stylesheet.py) says what its sources say:
// esbuild, reading each source and its minified copy, makes the same stylesheet of both.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { transformSync } from "esbuild";

import { ROOT } from "../../tools/bundle.mjs";

const PYTHON = process.env.QUIZBANK_PYTHON || `${ROOT}.venv/bin/python`;
const QUIZ_CSS = "import pathlib, mkdocs_quiz as q; print(pathlib.Path(q.__file__).parent / 'css' / 'quiz.css')";
const MINIFY = "import sys; from quizbank.stylesheet import minify; sys.stdout.write(minify(sys.stdin.read()))";

function minified(css) {
  return execFileSync(PYTHON, ["-c", MINIFY], { input: css, encoding: "utf8", env: { ...process.env, PYTHONPATH: `${ROOT}hooks` } });
}

const canonical = (css) => transformSync(css, { loader: "css", minify: true, legalComments: "none" }).code;

const sources = [
  `${ROOT}overrides/assets/site.css`,
  `${ROOT}overrides/assets/written-task.css`,
  `${ROOT}overrides/assets/keep.css`,
  execFileSync(PYTHON, ["-c", QUIZ_CSS], { encoding: "utf8" }).trim(),
];

for (const path of sources) {
  test(`${path.slice(path.lastIndexOf("/") + 1)} minified means what it says as written`, () => {
    const source = readFileSync(path, "utf8");
    const ours = minified(source);
    assert.ok(ours.length < source.length * 0.8, `only ${source.length - ours.length} bytes saved`);
    assert.equal(canonical(ours), canonical(source));
  });
}

test("the check sees a change of meaning", () => {
  // What the test above would catch if the minifier dropped the space of a descendant combinator.
  assert.notEqual(canonical(".a :hover{x:1}"), canonical(".a:hover{x:1}"));
  assert.notEqual(canonical(".a{width:calc(1px + 2px)}"), canonical(".a{width:calc(1px+2px)}"));
});
