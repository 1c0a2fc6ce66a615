/*
 * The site's service worker: the course offline, one whole version at a time.
 *
 * hooks/offline.py writes it to the site's root as sw.js at build time, after one line that sets
 * `self.QUIZBANK_OFFLINE = {version, files}`: every file the build produced (pages, assets, the
 * search index, course.json), relative to the site's root, each with the SHA-256 of its content
 * (16 hex digits; "" for the sitemap, which the host may rewrite to its own address, and whose
 * content is a list of the pages, versioned with them), and a version that is a digest of that list. A new deploy changes the
 * list, hence this file, and the browser installs the new version beside the old one.
 *
 * - Install: every listed file is fetched (revalidated, never from a stale HTTP cache) and checked
 *   against its digest, into a cache of its own, named by the site's scope and the version; a
 *   file whose digest has not changed is copied from this scope's previous version instead. One
 *   missing or mismatched file fails the install (a deploy caught half-way): the old version
 *   stays, and the next visit tries again. When the browser has no room to store this version
 *   beside the old one (its quota), the install goes ahead without a cache: this version is
 *   offered like any other and, once it takes over (and the old cache goes), answers from the
 *   network. A student is never kept on an old version for want of room; the page says so
 *   quietly (a "status" message answers whether this version is stored whole).
 * - It never takes over pages by itself: the page shows "Updated: reload" (offline.js), and the
 *   student's click asks it to (message "skip-waiting"). So a page is always served from one
 *   version, never half-old, half-new. The first version takes the open pages at once (there is
 *   nothing older to mix with).
 * - Activate: only this scope's older caches are deleted; another copy of the site on the same
 *   origin (another path) keeps its own.
 * - Fetch: requests for listed files of this scope are answered from this version's cache
 *   (cache first: the version is complete and checked; the network when it is not stored); a page that is not listed goes to the
 *   network and, when that fails, gets the cached 404 page. Anything else, and any other origin,
 *   is left to the browser: never cached.
 * Answers and drafts live in localStorage, which a service worker never touches.
 */

/* ── Pure logic (tested under Node: tests/js/sw.test.mjs) ─────────────────────────────────── */

const CACHE_PREFIX = "quizbank-offline";

/** This scope's caches: "quizbank-offline <scope> <version>" (the space ends the scope). */
function cacheName(scope, version) {
  return `${CACHE_PREFIX} ${scope} ${version}`;
}

function isOwnOlderCache(name, scope, version) {
  return name.startsWith(`${CACHE_PREFIX} ${scope} `) && name !== cacheName(scope, version);
}

/** The browser refused to store more (the origin's quota): not a broken deploy. */
function isNoRoom(error) {
  return Boolean(error) && (error.name === "QuotaExceededError" || /quota/i.test(String(error.message || "")));
}

/**
 * The listed file a request is for, as a path relative to the scope ("" for the home page,
 * "part-1/", "assets/quizbank/course.json"), or null when it is not ours to answer. `scope` is
 * an absolute URL ending in "/".
 */
function listedPath(url, scope, files) {
  const target = new URL(url);
  const root = new URL(scope);
  if (target.origin !== root.origin || !target.pathname.startsWith(root.pathname)) return null;
  let path;
  try {
    path = decodeURI(target.pathname.slice(root.pathname.length));
  } catch (e) {
    return null; // malformed escapes: no file of ours is named so
  }
  if (path === "index.html" || path.endsWith("/index.html")) path = path.slice(0, -"index.html".length);
  return Object.prototype.hasOwnProperty.call(files, path) ? path : null;
}

/** A folder asked for without its slash ("part-1"): where the server would redirect it. */
function folderRedirect(url, scope, files) {
  const target = new URL(url);
  if (target.pathname.endsWith("/")) return null;
  const withSlash = new URL(target.pathname + "/" + target.search + target.hash, target);
  return listedPath(withSlash.href, scope, files) === null ? null : withSlash.href;
}

if (typeof module === "object" && module.exports) {
  module.exports = { cacheName, isOwnOlderCache, isNoRoom, listedPath, folderRedirect }; // Node's tests
}

/* ── The worker ─────────────────────────────────────────────────────────────────────────────── */

if (typeof ServiceWorkerGlobalScope !== "undefined" && self instanceof ServiceWorkerGlobalScope) {
  const { version, files } = self.QUIZBANK_OFFLINE;
  const scope = self.registration.scope;
  const current = cacheName(scope, version);
  const HASH = "X-Quizbank-Sha256"; // each cached copy carries its digest, to be reused by the next version

  const digest = async (buffer) => {
    const bytes = new Uint8Array(await crypto.subtle.digest("SHA-256", buffer));
    return Array.from(bytes.slice(0, 8), (b) => b.toString(16).padStart(2, "0")).join("");
  };

  const previousCopy = async (url, sha) => {
    for (const name of await caches.keys()) {
      if (!sha || !isOwnOlderCache(name, scope, version)) continue;
      const old = await (await caches.open(name)).match(url);
      if (old && old.headers.get(HASH) === sha) return old;
    }
    return null;
  };

  const fetchChecked = async (path, url, sha) => {
    const response = await fetch(url, { cache: "no-cache", credentials: "same-origin", redirect: "error" });
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    const body = await response.arrayBuffer();
    if (sha && (await digest(body)) !== sha) throw new Error(`${path}: not the content this version lists (a deploy in progress?)`);
    const headers = new Headers(response.headers);
    headers.set(HASH, sha);
    headers.delete("Content-Encoding"); // the body is stored decoded
    headers.delete("Content-Length");
    headers.delete("Vary"); // matched by URL alone
    return new Response(body, { status: 200, statusText: "OK", headers });
  };

  self.addEventListener("install", (event) => {
    event.waitUntil(
      (async () => {
        const cache = await caches.open(current);
        for (const [path, sha] of Object.entries(files)) {
          const url = new URL(path, scope).href;
          if (await cache.match(url)) continue; // an install that was interrupted and resumed
          await cache.put(url, (await previousCopy(url, sha)) || (await fetchChecked(path, url, sha)));
        }
      })().catch(async (error) => {
        await caches.delete(current);
        // No room beside the old version: installed without a cache (it answers from the network).
        if (!isNoRoom(error)) throw error;
      }),
    );
  });

  /** Is this version stored whole (every listed file in its cache)? */
  const storedWhole = async () => {
    if (!(await caches.has(current))) return false;
    const stored = await (await caches.open(current)).keys();
    return stored.length >= Object.keys(files).length;
  };

  self.addEventListener("activate", (event) => {
    event.waitUntil(
      (async () => {
        let older = 0;
        for (const name of await caches.keys()) {
          if (!isOwnOlderCache(name, scope, version)) continue;
          older += 1;
          await caches.delete(name);
        }
        if (!older) await self.clients.claim(); // the first version: nothing older to mix with
      })(),
    );
  });

  self.addEventListener("message", (event) => {
    if (event.data && event.data.type === "skip-waiting") self.skipWaiting();
    if (event.data && event.data.type === "status" && event.ports[0]) {
      const port = event.ports[0];
      event.waitUntil(storedWhole().then((whole) => port.postMessage({ type: "status", version, whole })));
    }
  });

  self.addEventListener("fetch", (event) => {
    const request = event.request;
    if (request.method !== "GET") return;
    const path = listedPath(request.url, scope, files);
    if (path !== null) {
      // From this version's cache; from the network when it is not stored (no room for it).
      event.respondWith(caches.match(new URL(path, scope).href, { cacheName: current }).then((cached) => cached || fetch(request)));
      return;
    }
    if (request.mode !== "navigate" || !request.url.startsWith(scope)) return; // not ours: the browser's
    const redirect = folderRedirect(request.url, scope, files);
    if (redirect) {
      event.respondWith(Response.redirect(redirect, 301));
      return;
    }
    event.respondWith(
      fetch(request).catch(async () => {
        const page = await caches.match(new URL("404.html", scope).href, { cacheName: current });
        if (!page) throw new TypeError("offline, and no 404 page cached");
        return new Response(await page.blob(), { status: 404, statusText: "Not Found", headers: page.headers });
      }),
    );
  });
}
