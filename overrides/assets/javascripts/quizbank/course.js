/*
 * The course manifest the build writes once: every question and written task, with its page. The
 * progress page carries all of it; other pages read what the navigation counts need from
 * assets/quizbank/course.json (a plain, cached request for a file of this site: nothing of the
 * student's is in it).
 */

import { siteScope } from "./env.js";

let loading = null;

/** The manifest, or null if it cannot be had (offline and not cached). */
export function courseManifest() {
  const embedded = document.querySelector("[data-manifest]");
  if (embedded) {
    try {
      return Promise.resolve(JSON.parse(embedded.getAttribute("data-manifest")));
    } catch (e) {
      // fall back to the file
    }
  }
  if (!loading) {
    const url = new URL("assets/quizbank/course.json", new URL(siteScope(), window.location.href));
    loading = window
      .fetch(url, { credentials: "same-origin", priority: "low" })
      .then((response) => (response.ok ? response.json() : null))
      .catch(() => null);
  }
  return loading;
}
