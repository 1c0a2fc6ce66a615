/*
 * What `mkdocs serve` answers for any sw.js (hooks/offline.py): a service worker that removes itself.
 *
 * A built copy of the site served earlier on the same address (at the site's path or at the root)
 * left its worker there, which answers the pages it cached, so the preview's pages, and the script
 * in them that would unregister it, never load. The browser checks an installed worker's script
 * after each navigation it controls: it gets this one, which is new, and installs it. It takes
 * over at once, deletes its scope's caches, unregisters, and loads the open pages again from the
 * server: the preview, with live reload. It answers no request itself.
 */

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const scope = self.registration.scope;
      for (const name of await caches.keys()) {
        if (name.startsWith(`quizbank-offline ${scope} `)) await caches.delete(name); // sw.js's cache names
      }
      await self.registration.unregister();
      for (const client of await self.clients.matchAll({ type: "window" })) {
        await client.navigate(client.url).catch(() => {}); // a page that is closing, or not ours
      }
    })(),
  );
});
