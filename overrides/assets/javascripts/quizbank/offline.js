/*
 * The course offline (a bundle of its own, which site.js loads once the browser is idle): registers the site's service worker (sw.js at the site's root, written by
 * hooks/offline.py; how it caches: the comment at the top of quizbank/sw.js), scoped to the
 * site's path so that two copies of the site on one origin never share a cache, and says
 * "Updated: reload" when a new deploy is installed. A new version never replaces the page the
 * student is reading: it takes over when they press Reload (or on their next visit once every
 * tab of the old one is closed).
 *
 * A page built by `mkdocs serve` has no <meta name="quizbank-offline">: nothing is registered
 * there (live reload must see every change), and a worker left on that address by a built copy
 * of the site is removed, or it would serve that copy instead of the pages being edited. A page
 * of that built copy, answered by its worker, learns that the address now serves the preview when
 * the new worker found there says it is retiring (quizbank/sw-retire.js): it unregisters the
 * worker and loads again, from the preview.
 * The notice comes right after the skip link, so it is near the top of the Tab order, and the
 * student may close it ("Not now"); it says quietly when the new version could not be stored for
 * offline use (no room beside the old one: it then loads from the network, see quizbank/sw.js).
 * Registration waits for an idle moment after the load: the worker's first install fetches the
 * whole course (about 410 KB compressed, once; after a deploy only the files that changed), behind
 * everything the page needs, and not at all when the browser asks to save data.
 */

import { el, quizbank, siteScope } from "./env.js";

const META = 'meta[name="quizbank-offline"]';
const TEXT = {
  updated: "Updated: a new version of this course is ready.",
  noRoom: "This browser has no room to keep it for offline use, so it will load from the network.",
  reload: "Reload",
  close: "Not now",
};
let dismissed = false; // closed on this page: not offered again until the next page load

/* The notice sits on the page's edge (fixed), so the page keeps room for it: its end, and the end of
   the navigation beside it, can be scrolled clear of it. */
function reserveRoom(notice) {
  const root = document.documentElement;
  const measure = () => {
    if (!notice.isConnected) return;
    root.style.setProperty("--quizbank-update-room", `${Math.ceil(window.innerHeight - notice.getBoundingClientRect().top)}px`);
  };
  root.classList.add("quizbank-update-shown");
  measure();
  window.addEventListener("resize", measure);
}

function dismiss(notice, cameFrom) {
  const hadFocus = notice.contains(document.activeElement);
  notice.remove();
  dismissed = true;
  document.documentElement.classList.remove("quizbank-update-shown");
  // Back to where the student was before they reached the notice (it is near the top of the Tab order).
  if (hadFocus && cameFrom && cameFrom.isConnected) cameFrom.focus();
}

/**
 * "Updated: … Reload / Not now". Placed right after the skip link, so it is among the first stops
 * of the Tab order wherever the student is; `note` says more (no room to keep it offline).
 */
function showUpdate(onReload, note) {
  if (dismissed) return;
  let notice = document.querySelector(".quizbank-update");
  if (!notice) {
    // The live region exists before its text, so that screen readers announce the text.
    notice = el("div", { class: "quizbank-update", role: "status" });
    const skip = document.querySelector(".md-skip");
    if (skip) skip.after(notice);
    else document.body.prepend(notice);
  }
  if (notice.childNodes.length) return;
  let cameFrom = null;
  notice.addEventListener("focusin", (event) => {
    if (!notice.contains(event.relatedTarget)) cameFrom = event.relatedTarget;
  });
  const reload = el("button", { type: "button", class: "quizbank-update-reload" }, [TEXT.reload]);
  reload.addEventListener("click", onReload);
  const close = el("button", { type: "button", class: "quizbank-update-close" }, [TEXT.close]);
  close.addEventListener("click", () => dismiss(notice, cameFrom));
  const text = [el("span", { text: `${TEXT.updated} ` })];
  if (note) text.push(el("span", { class: "quizbank-update-note", text: `${note} ` }));
  // Filled in on the next frame: a status region announces what is added to it.
  requestAnimationFrame(() => {
    notice.append(...text, el("span", { class: "quizbank-update-actions" }, [reload, " ", close]));
    reserveRoom(notice);
  });
  quizbank.offline.updateShown = true;
}

/**
 * What a worker says of itself (`{whole}`: is its version stored whole; `{retiring}`: it is the
 * one `mkdocs serve` answers with), or null when it does not say. Asked over a channel of its own.
 */
function workerStatus(worker) {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => resolve(null), 3000);
    channel.port1.onmessage = (event) => {
      clearTimeout(timer);
      resolve(event.data && typeof event.data === "object" ? event.data : null);
    };
    worker.postMessage({ type: "status" }, [channel.port2]);
  });
}

/* The note for a waiting version: said quietly, in the notice, when it could not be stored. */
function updateNote(status) {
  return status && status.whole === false ? TEXT.noRoom : "";
}

/**
 * This address now serves `mkdocs serve`'s preview, not the site this worker was installed from
 * (quizbank/sw-retire.js, which has already emptied the caches): the page steps aside at once
 * rather than wait for the browser to let the new worker take over, which it does only once the
 * old one has gone idle (minutes, with DevTools open). Unregistered, the worker answers
 * no new page, so the reload comes from the server.
 */
async function stepAside(registration) {
  await registration.unregister().catch(() => {});
  location.reload();
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
    dismissed = false; // a newer version than the one the student put off
    showUpdate(() => location.reload());
    window.addEventListener("click", leaveWhole, true);
  });
  const offer = async () => {
    const waiting = registration.waiting;
    if (!waiting) return;
    const status = await workerStatus(waiting);
    if (status && status.retiring) return stepAside(registration);
    if (container.controller && registration.waiting === waiting) showUpdate(reload, updateNote(status));
  };
  const whenInstalled = (installing) => {
    if (!installing) return;
    installing.addEventListener("statechange", () => {
      if (installing.state === "installed") offer();
    });
  };
  offer();
  whenInstalled(registration.installing); // found before this page registered: no updatefound for it here
  registration.addEventListener("updatefound", () => whenInstalled(registration.installing));
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
