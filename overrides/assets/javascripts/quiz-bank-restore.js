// Runs inline, before mkdocs-quiz's script reads this page's saved answers, and keeps only
// answers that still belong to the question now on the page. mkdocs-quiz stores answers per
// page under the quiz element's id; bank questions have stable ids and their options have
// text-derived values, so reordering is harmless. What this guards against is an edit:
// an answer whose question text or options changed is dropped, one whose answer key changed
// is re-graded, and one whose question left the page is forgotten.
(function () {
  var page = window.location.pathname;
  var answersKey = "quiz_progress_" + page;
  var printsKey = "quizbank_fingerprints_" + page;
  var norm = function (s) { return String(s).trim().toLowerCase(); };
  try {
    var saved = JSON.parse(localStorage.getItem(answersKey) || "{}");
    var prints = JSON.parse(localStorage.getItem(printsKey) || "{}");
    if (typeof saved !== "object" || saved === null || Array.isArray(saved)) saved = {};
    var current = {};
    document.querySelectorAll(".quiz[data-fp]").forEach(function (quiz) { current[quiz.id] = quiz.getAttribute("data-fp"); });
    Object.keys(saved).forEach(function (id) {
      var quiz = document.getElementById(id);
      var entry = saved[id];
      if (!quiz || !quiz.classList.contains("quiz") || !entry || !Array.isArray(entry.selectedValues)) { delete saved[id]; return; }
      if (!quiz.hasAttribute("data-fp")) return; // a quiz written inline in a chapter: not ours to judge
      if (prints[id] !== current[id]) { delete saved[id]; return; }
      var values = entry.selectedValues;
      if (quiz.getAttribute("data-quiz-type") === "fill-blank") {
        var blanks = quiz.querySelectorAll(".quiz-blank-input");
        if (blanks.length !== values.length) { delete saved[id]; return; }
        entry.correct = Array.prototype.every.call(blanks, function (input, i) { return norm(values[i]) === norm(input.getAttribute("data-answer")); });
      } else {
        var inputs = Array.prototype.slice.call(quiz.querySelectorAll('input[name="answer"]'));
        var known = inputs.map(function (input) { return input.value; });
        if (!values.every(function (v) { return known.indexOf(v) >= 0; })) { delete saved[id]; return; }
        var right = inputs.filter(function (input) { return input.hasAttribute("data-correct"); }).map(function (input) { return input.value; });
        entry.correct = right.length === values.length && values.every(function (v) { return right.indexOf(v) >= 0; });
      }
    });
    localStorage.setItem(answersKey, JSON.stringify(saved));
    localStorage.setItem(printsKey, JSON.stringify(current));
  } catch (e) {
    // Storage disabled or full: mkdocs-quiz reports that to the student when it tries to save.
  }
  // mkdocs-quiz's "Reset" (all questions) clears choices but leaves fill-in-the-blank boxes filled
  // and marked. It announces the reset with answered = 0 before it tidies the page; at that
  // moment every still-marked blank belongs to a question that was just reset. Bound once.
  if (!window.quizBankResetListener) {
    window.quizBankResetListener = function (event) {
      if (!event.detail || event.detail.answered !== 0) return;
      document.querySelectorAll(".quiz-fill-blank").forEach(function (quiz) {
        var feedback = quiz.querySelector(".quiz-feedback");
        if (!feedback || feedback.classList.contains("hidden")) return;
        quiz.querySelectorAll(".quiz-blank-input").forEach(function (input) {
          input.value = "";
          input.placeholder = "";
          input.disabled = false;
          input.classList.remove("correct", "wrong");
        });
      });
    };
    window.addEventListener("quizProgressUpdate", window.quizBankResetListener);
  }
})();
