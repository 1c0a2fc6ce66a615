/*
 * The question types the browser knows: one line each. A type is its pure module (types/<name>.js:
 * `{name, view, mark, fits}`, tested under Node) and its view (types/<view>-view.js, bundled as
 * bundles/types/<view>.js and loaded only on pages that have such a question). Everything that lists
 * types (marking.js: TYPES, KINDS, mark, fits) is derived from here. DEVELOPERS.md: adding a type.
 */
export { calculated } from "./calculated.js";
export { multiple, single, trueFalse } from "./choice.js";
export { fillBlank } from "./fill-blank.js";
export { matching } from "./matching.js";
export { ordering } from "./ordering.js";
