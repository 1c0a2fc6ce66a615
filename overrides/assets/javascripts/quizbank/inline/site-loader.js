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
  // A student may act before the scripts are ready. Answers submitted, and clicks on the controls
  // the markup marks `data-quizbank-early`, are kept and carried out once the quizzes are ready, in
  // order: "answer" marks a control that changes the answer (each press counts: two presses move an
  // item two places), "once" any other (a hint is asked for once, however often pressed). No
  // question type is named here. What is typed, chosen or ticked is marked as the student's, so the
  // scripts never paint a saved answer or draft over it.
  var waiting = [];
  function hold(event) {
    var target = event.target.closest && event.target.closest(event.type === "click" ? "[data-quizbank-early]" : ".quiz form");
    if (site.quizReady || !target) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    if (event.detail > 1) return; // a double click acts once, as it does once the scripts are here
    var each = target.getAttribute("data-quizbank-early") === "answer";
    // The answer changed, or was submitted, early: the saved answer is not painted over what the
    // student sees, so the submit carried out later is of that (an empty-looking form is refused,
    // never the saved answer sent again).
    if (event.type === "submit" || each) target.setAttribute("data-quizbank-typed", "");
    if (waiting.indexOf(target) < 0 || each) waiting.push(target);
  }
  function mark(event) {
    var target = event.target;
    if (target.closest && target.closest(".quiz, .written-task")) target.setAttribute("data-quizbank-typed", "");
  }
  ["submit", "click", "input", "change"].forEach(function (type, i) {
    document.addEventListener(type, i < 2 ? hold : mark, true);
  });
  site.afterQuizReady = function () {
    // The student may have moved on since: carrying out what they asked for never moves their focus.
    var focused = document.activeElement;
    waiting.splice(0).forEach(function (target) {
      if (!target.isConnected) return;
      if (target.requestSubmit) target.requestSubmit();
      else target.click();
    });
    if (focused && focused.isConnected && focused !== document.body && focused !== document.activeElement) focused.focus();
  };
  // A saved draft arrives with the answer boxes' script, seconds later on a slow line: until then
  // each box with one says so (seen, and heard through the task's role=status), so that nobody types
  // it again. written-task.js takes the notice away as it puts the draft in place. The key is
  // store.js's: quizbank:2:<scope>:draft:<bank#task>. Also run by site.js for each later page.
  site.pendingDrafts = function (root) {
    var scope = (window.__md_scope && window.__md_scope.pathname) || "/";
    root.querySelectorAll(".written-task[data-task]:not([data-ready])").forEach(function (task) {
      var saved = null;
      try {
        saved = localStorage.getItem("quizbank:2:" + scope + ":draft:" + task.getAttribute("data-task"));
      } catch (e) {
        // storage disabled: the script says so when it arrives
      }
      var field = task.querySelector(".written-task-field");
      if (!saved || !field || task.querySelector(".written-task-loading")) return;
      var note = document.createElement("p");
      note.className = "written-task-loading";
      note.setAttribute("aria-hidden", "true"); // heard through the status below
      note.textContent = "Loading your saved draft…";
      task.insertBefore(note, field);
      var status = task.querySelector(".written-task-status");
      if (status) status.textContent = note.textContent;
      task.querySelectorAll("textarea").forEach(function (box) {
        box.setAttribute("aria-busy", "true");
      });
    });
  };
  site.pendingDrafts(document);
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
