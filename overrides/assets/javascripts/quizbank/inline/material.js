// Inline, where Material's `<script src>` for its bundle was (hooks/defer_bundle.py, which sets
// data-bundle to the bundle's URL, and data-before to a script that must run just before it:
// search-index.js, which holds back the search index; both are fetched together, run in order). Deferred, the bundle (35 KB on the wire, about 60 ms of
// script here, four times that on a mid-range phone) ran as soon as the page was parsed, and
// often before the first paint. This requests it once the browser reports the first contentful
// paint (at once in a background tab, which paints nothing; after a frame where paint timing is
// not reported; after 5 s at the latest) and resolves `window.quizbank.material` when it has
// run and seen its DOMContentLoaded: the site's scripts that need Material's `document$` wait for
// that (and so do tests that use Material's instant navigation, search or palette toggle).
// Material subscribes to DOMContentLoaded, which has fired by then: while the bundle itself runs,
// a DOMContentLoaded listener it adds is called once, as the event would have called it. Nothing
// else on the page sees a difference.
(function () {
  var site = (window.quizbank = window.quizbank || {});
  if (site.material || !document.currentScript) return;
  var src = document.currentScript.getAttribute("data-bundle");
  var before = document.currentScript.getAttribute("data-before");
  site.material = new Promise(function (resolve) {
    var started = false;
    function load() {
      if (started) return;
      started = true;
      if (before) {
        var first = document.createElement("script");
        first.async = false; // dynamic scripts run in the order they were added, not as they arrive
        first.src = before;
        document.body.appendChild(first);
      }
      var script = document.createElement("script");
      script.async = false;
      var add = document.addEventListener;
      document.addEventListener = function (type, listener) {
        if (type === "DOMContentLoaded" && document.currentScript === script && document.readyState !== "loading") {
          setTimeout(function () {
            var event = new Event(type);
            if (typeof listener === "function") listener.call(document, event);
            else if (listener && listener.handleEvent) listener.handleEvent(event);
          }, 0);
          return undefined;
        }
        return add.apply(this, arguments);
      };
      script.onload = script.onerror = function () {
        delete document.addEventListener;
        setTimeout(resolve, 0); // after the DOMContentLoaded call queued while the bundle ran
      };
      script.src = src;
      document.body.appendChild(script);
    }
    var types = (window.PerformanceObserver && PerformanceObserver.supportedEntryTypes) || [];
    if (document.visibilityState === "hidden") load();
    else if (types.indexOf("paint") < 0) {
      requestAnimationFrame(function () {
        setTimeout(load, 0);
      });
    } else {
      var observer = new PerformanceObserver(function (list) {
        if (!list.getEntriesByName("first-contentful-paint").length) return;
        observer.disconnect();
        load();
      });
      observer.observe({ type: "paint", buffered: true });
      document.addEventListener("visibilitychange", load, { once: true }); // hidden: nothing to paint
      setTimeout(load, 5000); // a safety net: Material never waits longer than this
    }
  });
})();
