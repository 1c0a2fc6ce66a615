/*
 * The site's scripts for every page, as one module (Material loads it deferred, as type=module):
 * self-checks on top of mkdocs-quiz, and completion counts in the navigation. The modules it
 * imports run once per document; each mounts itself on every page instant navigation brings in.
 */
import "./selfcheck.js";
import "./nav.js";
