/*
 * The course offline: registers the site's service worker (sw.js at the site's root, written by
 * hooks/offline.py; how it caches: the comment at the top of quizbank/sw.js), scoped to the
 * site's path so that two copies of the site on one origin never share a cache, and says
 * "Updated: reload" when a new deploy is installed. A new version never replaces the page the
 * student is reading: it takes over when they press Reload (or on their next visit once every
 * tab of the old one is closed).
 *
 * A page built by `mkdocs serve` has no <meta name="quizbank-offline">: nothing is registered
 * there (live reload must see every change), and a worker left on that address by a built copy
 * of the site is removed, or it would serve that copy instead of the pages being edited.
 * Registration waits for an idle moment after the load: the worker's first install fetches the
 * whole course (about 410 KB compressed, once; after a deploy only the files that changed), behind
 * everything the page needs, and not at all when the browser asks to save data.
 */

import { el, quizbank, siteScope } from "./env.js";

const META = 'meta[name="quizbank-offline"]';

function showUpdate(onReload) {
  let notice = document.querySelector(".quizbank-update");
  if (!notice) {
    // The live region exists before its text, so that screen readers announce the text.
    notice = el("div", { class: "quizbank-update", role: "status" });
    document.body.appendChild(notice);
  }
  if (notice.childNodes.length) return;
  const button = el("button", { type: "button" }, ["Reload"]);
  button.addEventListener("click", onReload);
  // Filled in on the next frame: a status region announces what is added to it.
  requestAnimationFrame(() => notice.append(el("span", { text: "Updated: a new version of this course is ready. " }), button));
  quizbank.offline.updateShown = true;
}

/** A click on a link of the site, while this page is of an older version: the browser follows it. */
function leaveWhole(event) {
  const link = event.target.closest && event.target.closest("a[href]");
  if (link && link.origin === location.origin) event.stopImmediatePropagation();
}

async function start(worker) {
  const scope = siteScope();
  const container = navigator.serviceWorker;
  if (!document.querySelector(META)) {
    const stale = await container.getRegistration(scope);
    if (stale && new URL(stale.scope).pathname === scope) await stale.unregister();
    return;
  }
  const registration = await container.register(new URL(worker, new URL(scope, location.href)).href, { scope });
  if (!registration) return; // a browser (or a test) that blocks service workers
  quizbank.offline.registration = registration;
  let asked = false;
  const reload = () => {
    if (!registration.waiting) return location.reload();
    asked = true;
    registration.waiting.postMessage({ type: "skip-waiting" });
  };
  const hadController = Boolean(container.controller);
  container.addEventListener("controllerchange", () => {
    if (!hadController) return; // the first version took over: nothing has changed on the page
    if (asked) return location.reload(); // once: the new version now answers, whole
    // Another tab took the new version: this page stays as it is, and says so; its links load
    // whole pages (not through instant navigation, which would put new content in this old page).
    showUpdate(() => location.reload());
    window.addEventListener("click", leaveWhole, true);
  });
  const offer = () => {
    if (registration.waiting && container.controller) showUpdate(reload);
  };
  offer();
  registration.addEventListener("updatefound", () => {
    const installing = registration.installing;
    if (!installing) return;
    installing.addEventListener("statechange", () => {
      if (installing.state === "installed") offer();
    });
  });
  // A visit looks for a new deploy (the browser also does on navigations, but not on every one).
  // Awaited before `ready`: tests that cut the network after it never race this request.
  if (navigator.onLine) await registration.update().catch(() => {}); // offline, or the server is away: next time
  await container.ready;
  quizbank.offline.ready = true;
}

quizbank.offline = quizbank.offline || {};
// A student who asked their browser to save data (Save-Data) is not sent the whole course unasked.
const savingData = Boolean(navigator.connection && navigator.connection.saveData);
if ("serviceWorker" in navigator && !savingData) {
  const meta = document.querySelector(META);
  const go = () =>
    start(meta ? meta.getAttribute("content") : "").catch((error) => {
      quizbank.offline.error = String(error); // offline support is a bonus: the page works without it
    });
  if (window.requestIdleCallback) requestIdleCallback(go, { timeout: 3000 });
  else setTimeout(go, 1000);
}
