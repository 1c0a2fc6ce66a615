/*
 * The site's script for every page, as one module (the inline loader adds it once the page has
 * loaded, as type=module): completion counts in the navigation, and what loads the rest where and
 * when it is needed, each a bundle of its own:
 * - on a page with self-checks, selfcheck.js (the questions, the page's own count, the variants of
 *   question pools drawn for this learner), which loads each question type's view on its own;
 * - once the browser is idle, the course offline (offline.js, its service worker) and keeping the
 *   student's work (keep-ui.js: persistent storage, lost storage noticed).
 * Those bundles share this one's state (the storage, the course manifest, the one global) and its
 * pure rules: tools/bundle.mjs has their imports of the modules exported below come from this file.
 * The modules run once per document; each mounts itself on every page instant navigation brings in.
 */
import { onEveryPage, quizbank } from "./env.js";
import "./nav.js";

// What the later bundles use of the modules this one runs (tests/js/bundles.test.mjs checks the list).
export { courseManifest } from "./course.js";
export { courseName, downloadFile, el, learnerId, onEveryPage, quizbank, siteScope, siteStore } from "./env.js";
export { TYPES, fits, mark } from "./marking.js";
export { byIdea, drawOrder, ideasOf, lastAnswered, shownVariants } from "./pools.js";
export { answered, cleared, countAnswered, emptyResults, hintsShown, marked, parseRecord, parseResults, standing } from "./results.js";

const later = (name) => import(new URL(`${name}.js`, import.meta.url).href);

/* ── Self-checks: on a page that has any (instant navigation may bring one in later) ─────────── */
let selfchecks = null;
function questions() {
  if (!selfchecks) selfchecks = later("selfcheck").catch(() => (selfchecks = null)); // offline and not cached: tried again on the next page
  return selfchecks;
}
const hasQuestions = () => Boolean(document.querySelector(".quiz[data-fp]"));
// At once, beside Material's bundle (each page mounts once Material's document$ emits it).
if (hasQuestions()) questions();
onEveryPage(() => {
  if (hasQuestions()) questions();
});
// The review round's questions arrive after the page (quizbank/progress.js): started by that bundle.
quizbank.startAdded = () => questions().then((module) => (module ? module.startAdded() : undefined));

// A later page's answer boxes (instant navigation): a saved draft is said to be on its way until
// their script puts it in place, as on the first page (inline/site-loader.js).
onEveryPage(() => {
  if (typeof quizbank.pendingDrafts === "function") quizbank.pendingDrafts(document);
});

/* ── Later, once the browser is idle: bundles of their own (bundles/offline.js, bundles/keep-ui.js) ── */
const idle = (fn, timeout) => (window.requestIdleCallback ? window.requestIdleCallback(fn, { timeout }) : window.setTimeout(fn, timeout / 3));

// Saves heard before keeping's bundle is here are handed to it as it arrives (it asks for
// persistent storage after the first one, and keeps its marker of the student's work up to date).
const heard = [];
const hear = (event) => heard.push(event);
const SAVES = ["quizbank:results", "quizbank:draft-saved"];
SAVES.forEach((type) => document.addEventListener(type, hear));
idle(() => {
  later("keep-ui").then(
    (keep) => {
      SAVES.forEach((type) => document.removeEventListener(type, hear));
      heard.splice(0).forEach((event) => keep.heard(event));
    },
    () => SAVES.forEach((type) => document.removeEventListener(type, hear)), // offline and not cached: the page works without it
  );
  later("offline").catch(() => undefined);
}, 2000);
