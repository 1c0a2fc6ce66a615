/*
 * The site's scripts for every page, as one module (Material loads it deferred, as type=module):
 * self-checks on top of mkdocs-quiz, completion counts in the navigation, and the variants of
 * question pools drawn for this learner. The modules it
 * imports run once per document; each mounts itself on every page instant navigation brings in.
 */
import "./selfcheck.js";
import "./nav.js";
import { onEveryPage } from "./env.js";
import { showDrawn } from "./pools-ui.js";

// Of each pool's variants on a page, the ones drawn for this learner (pools-ui.js).
onEveryPage(() => showDrawn(document));
