// The service worker's decisions (quizbank/sw.js): which requests it answers from its cache, and
// which caches are this copy's of the site, so two copies on one origin never touch each other's.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import vm from "node:vm";

const source = readFileSync(new URL("../../overrides/assets/javascripts/quizbank/sw.js", import.meta.url), "utf8");
const sandbox = { module: { exports: {} }, URL };
vm.runInNewContext(source, sandbox);
const { cacheName, isOwnOlderCache, isNoRoom, listedPath, folderRedirect } = sandbox.module.exports;

const scope = "https://example.github.io/course/";
const files = { "": "a", "part-1/": "b", "404.html": "c", "assets/quizbank/course.json": "d", "sitemap.xml": "" };

test("a listed file is answered, whatever its query or index.html spelling", () => {
  assert.equal(listedPath(scope, scope, files), "");
  assert.equal(listedPath(`${scope}index.html`, scope, files), "");
  assert.equal(listedPath(`${scope}part-1/`, scope, files), "part-1/");
  assert.equal(listedPath(`${scope}part-1/index.html?h=lora#x`, scope, files), "part-1/");
  assert.equal(listedPath(`${scope}assets/quizbank/course.json`, scope, files), "assets/quizbank/course.json");
});

test("nothing outside the scope, on another origin, unlisted or malformed is answered", () => {
  assert.equal(listedPath("https://example.github.io/other/part-1/", scope, files), null);
  assert.equal(listedPath("https://example.github.io/", scope, files), null);
  assert.equal(listedPath("https://cdn.example.org/course/part-1/", scope, files), null);
  assert.equal(listedPath(`${scope}part-9/`, scope, files), null);
  assert.equal(listedPath(`${scope}livereload/123/456`, scope, files), null);
  assert.equal(listedPath(`${scope}%E0%A4%A`, scope, files), null);
  assert.equal(listedPath(`${scope}constructor`, scope, files), null);
});

test("a folder without its slash is redirected as the server would", () => {
  assert.equal(folderRedirect(`${scope}part-1`, scope, files), `${scope}part-1/`);
  assert.equal(folderRedirect(`${scope}part-9`, scope, files), null);
  assert.equal(folderRedirect(`${scope}part-1/`, scope, files), null);
});

test("only this scope's older caches are its own to delete", () => {
  const current = cacheName(scope, "v2");
  assert.equal(isOwnOlderCache(current, scope, "v2"), false);
  assert.equal(isOwnOlderCache(cacheName(scope, "v1"), scope, "v2"), true);
  // Another copy of the site on the same origin, even one whose path starts with ours.
  assert.equal(isOwnOlderCache(cacheName("https://example.github.io/course/copy/", "v1"), scope, "v2"), false);
  assert.equal(isOwnOlderCache(cacheName("https://example.github.io/course-2/", "v1"), scope, "v2"), false);
  assert.equal(isOwnOlderCache("some-other-library-cache", scope, "v2"), false);
});

test("no room to store a version is told from a broken deploy", () => {
  const quota = new Error("Quota exceeded.");
  quota.name = "QuotaExceededError";
  assert.equal(isNoRoom(quota), true);
  assert.equal(isNoRoom(new Error("part-1/: not the content this version lists (a deploy in progress?)")), false);
  assert.equal(isNoRoom(new Error("part-1/: HTTP 404")), false);
  assert.equal(isNoRoom(null), false);
});
