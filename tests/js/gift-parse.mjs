// Parse a GIFT file with gift-pegjs, an independent GIFT parser, and print its questions as JSON.
// Used by tests/unit/test_export.py:  node tests/js/gift-parse.mjs FILE
// Exit status 1, with the parser's located message, if the file is not valid GIFT.
import { readFileSync } from "node:fs";
import { parse } from "gift-pegjs";

const file = process.argv[2];
if (!file) {
  console.error("usage: node tests/js/gift-parse.mjs FILE.gift");
  process.exit(2);
}
try {
  process.stdout.write(JSON.stringify(parse(readFileSync(file, "utf8"))));
} catch (err) {
  const at = err.location ? `${file}:${err.location.start.line}:${err.location.start.column}: ` : `${file}: `;
  console.error(at + err.message);
  process.exit(1);
}
