// Inline, after Material's loader (overrides/main.html). The site's script for every page
// (self-checks, navigation counts) is a module, fetched once the page has loaded: nothing of it
// stands between the student and the page's first paint. It runs once, however many pages instant
// navigation brings in, and it loads mkdocs-quiz's script itself, after preparing the page's
// saved answers.
(function () {
  var site = (window.quizbank = window.quizbank || {});
  if (site.siteLoader) return;
  site.siteLoader = true;
  var src = new URL("assets/javascripts/bundles/site.js", window.__md_scope || document.baseURI).href;
  // Answers submitted before the quizzes are ready are kept, and submitted once they are.
  var waiting = [];
  document.addEventListener(
    "submit",
    function (event) {
      if (site.quizReady || !event.target.closest || !event.target.closest(".quiz")) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      if (waiting.indexOf(event.target) < 0) waiting.push(event.target);
    },
    true,
  );
  site.afterQuizReady = function () {
    waiting.splice(0).forEach(function (form) {
      if (form.isConnected && form.requestSubmit) form.requestSubmit();
    });
  };
  function load() {
    var script = document.createElement("script");
    script.type = "module";
    script.src = src;
    script.setAttribute("fetchpriority", "low");
    document.body.appendChild(script);
  }
  if (document.readyState === "complete") load();
  else window.addEventListener("load", load, { once: true });
})();
