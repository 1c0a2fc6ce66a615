// Run just before Material's bundle, by its loader (inline/material.js), which fetches both after
// the first paint. Material requests its search index as soon as its bundle runs: about 65 KB on
// the wire on every page, for the few visits that search.
// That one request (an XMLHttpRequest) is sent only once the student reaches for search (the
// pointer over it, a tap, focus, or one of its shortcut keys, which focus it), or a search
// result's ?h= highlight needs it; Material shows "Initializing search" meanwhile. Runs once:
// instant navigation keeps the window.
(function () {
  var site = (window.quizbank = window.quizbank || {});
  if (site.searchIndexWanted || !window.WeakSet) return;
  // Material's own scope: the site's root, as its bundle resolves the index.
  var index = new URL("search/search_index.json", window.__md_scope || document.baseURI).href;
  var release;
  site.searchIndexWanted = new Promise(function (resolve) {
    release = resolve;
  });
  function want(event) {
    var el = event && event.target;
    if (!event || (el && el.closest && el.closest(".md-search, label[for=__search]"))) release(true);
  }
  if (new URL(location.href).searchParams.has("h")) want();
  ["pointerover", "pointerdown", "focusin"].forEach(function (type) {
    document.addEventListener(type, want, { capture: true, passive: true });
  });
  var held = new WeakSet();
  var proto = XMLHttpRequest.prototype;
  var open = proto.open;
  var send = proto.send;
  proto.open = function (method, url) {
    if (url != null && new URL(String(url), document.baseURI).href === index) held.add(this);
    return open.apply(this, arguments);
  };
  proto.send = function () {
    if (!held.has(this)) return send.apply(this, arguments);
    held.delete(this);
    var xhr = this;
    var args = arguments;
    site.searchIndexWanted.then(function () {
      send.apply(xhr, args);
    });
  };
})();
