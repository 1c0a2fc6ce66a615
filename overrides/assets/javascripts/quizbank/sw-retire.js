/*
 * What `mkdocs serve` answers for any sw.js (hooks/offline.py): a service worker that removes itself.
 *
 * A built copy of the site served earlier on the same address (at the site's path or at the root)
 * left its worker there, which answers the pages it cached, so the preview's pages, and the script
 * in them that would unregister it, never load. The browser checks an installed worker's script
 * after each navigation it controls (and the site's script asks it to on every page): it gets this
 * one, which is new, and installs it.
 *
 * The browser lets it take over only once the old worker has gone idle, which can take long: a
 * page still loading keeps that worker busy or starts it again, and with DevTools attached it was
 * seen still in control minutes later. So nothing here waits for that:
 * - Install deletes its scope's caches: the old worker, while it is still in control, then answers
 *   every request from the network (sw.js falls back to it), that is from the preview.
 * - A page of the built copy asks each new worker for its status (quizbank/offline.js); this one
 *   answers that it is retiring, and the page unregisters the worker and loads again: the preview,
 *   with live reload, at once.
 * - Should it take over (the old worker went idle first, or the page is of a copy built before
 *   it asked), it unregisters and loads the open pages again from the server.
 * It answers no request itself.
 */

/** Delete this scope's caches: sw.js names them "quizbank-offline <scope> <version>". */
async function deleteCaches() {
  const prefix = `quizbank-offline ${self.registration.scope} `;
  for (const name of await caches.keys()) {
    if (name.startsWith(prefix)) await caches.delete(name);
  }
}

self.addEventListener("install", (event) => {
  self.skipWaiting();
  event.waitUntil(deleteCaches());
});

// The same question, with a port, as sw.js answers ("status"): here the answer is "retiring".
self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "status" && event.ports[0]) {
    event.ports[0].postMessage({ type: "status", retiring: true });
  }
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      await self.registration.unregister();
      for (const client of await self.clients.matchAll({ type: "window" })) {
        await client.navigate(client.url).catch(() => {}); // a page that is closing, or not ours
      }
    })(),
  );
});
