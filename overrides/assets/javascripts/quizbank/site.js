/*
 * The site's scripts for every page, as one module (Material loads it deferred, as type=module):
 * self-checks on top of mkdocs-quiz, completion counts in the navigation and the page's own count,
 * the variants of question pools drawn for this learner, the course offline (its service worker), and
 * keeping the student's work (persistent storage, lost storage noticed, the download reminder).
 * The modules it imports run once per document; each mounts itself on every page instant navigation
 * brings in.
 */
import "./selfcheck.js";
import "./nav.js";
import "./pools-ui.js";
import "./pagecount.js";
import "./offline.js";
import "./keep-ui.js";

import { onEveryPage, quizbank } from "./env.js";

// A later page's answer boxes (instant navigation): a saved draft is said to be on its way until
// their script puts it in place, as on the first page (inline/site-loader.js).
onEveryPage(() => {
  if (typeof quizbank.pendingDrafts === "function") quizbank.pendingDrafts(document);
});
