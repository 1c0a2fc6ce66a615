"""The report page's fixed parts: its style, its sorting script and its explanation of the figures.

The page opens from disk with no network, so all of it is inline. Colours are CSS variables with
a light and a dark value; the figures (plots.py) draw with the same variables. Print uses the
light palette on white, and keeps rows and figures whole.
"""

from __future__ import annotations

STYLE = """
:root { --qr-bg: #ffffff; --qr-fg: #1b1b1f; --qr-muted: #4d4d57; --qr-link: #0b57d0; --qr-line: #c4c4cc;
  --qr-stripe: #f3f3f6; --qr-c1: #0b5cad; --qr-c2: #b0590a; --qr-c3: #8e2b8c; --qr-grid: #6e6e78; --qr-flag: #a3141e; }
@media (prefers-color-scheme: dark) {
  :root { --qr-bg: #16161a; --qr-fg: #ececf1; --qr-muted: #b9b9c4; --qr-link: #9ec3ff; --qr-line: #4a4a55;
    --qr-stripe: #202026; --qr-c1: #6fb1ff; --qr-c2: #f2a65a; --qr-c3: #e29de0; --qr-grid: #9a9aa6; --qr-flag: #ff9d9d; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--qr-bg); color: var(--qr-fg);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 78rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
a { color: var(--qr-link); }
a:focus-visible, button:focus-visible, summary:focus-visible, .scroll:focus-visible { outline: 3px solid var(--qr-link); outline-offset: 2px; }
h1 { font-size: 1.8rem; line-height: 1.2; }
h2 { margin-top: 2.5rem; border-bottom: 1px solid var(--qr-line); }
nav ul { display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; padding: 0; list-style: none; }
.where { color: var(--qr-muted); font-size: 0.85em; white-space: nowrap; }
a.where { color: var(--qr-link); }
.flags > li { margin-bottom: 0.75rem; }
.flags strong { color: var(--qr-flag); }
.keyed { color: var(--qr-muted); }
q { quotes: "“" "”"; font-family: ui-monospace, "SF Mono", Menlo, Consolas, monospace; white-space: pre-wrap; }
.scroll { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; font-size: 0.9rem; margin: 0.5rem 0 1rem; }
caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
th, td { border-bottom: 1px solid var(--qr-line); padding: 0.3rem 0.5rem; vertical-align: top; text-align: left; }
thead th { vertical-align: bottom; }
tbody tr:nth-child(even) { background: var(--qr-stripe); }
tbody th { font-weight: normal; min-width: 16rem; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
th button { all: inherit; cursor: pointer; text-decoration: underline dotted; }
th button::after { content: " ↕"; }
th[aria-sort="ascending"] button::after { content: " ↑"; }
th[aria-sort="descending"] button::after { content: " ↓"; }
figure { margin: 1.5rem 0; max-width: 44rem; }
figcaption { color: var(--qr-muted); font-size: 0.9rem; }
svg.plot { width: 100%; height: auto; color: var(--qr-fg); }
.plot * { stroke-linejoin: round; stroke-linecap: butt; }
details { margin: 0.25rem 0; }
summary { cursor: pointer; }
.legend dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.1rem 1rem; margin: 0.5rem 0; font-size: 0.9rem; }
.legend dd { margin: 0; }
dl.figures dt { font-weight: 600; }
dl.figures dd { margin: 0 0 0.5rem 0; }
.note, .cut { color: var(--qr-muted); font-size: 0.9rem; }
.excerpt pre { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--qr-stripe); padding: 0.5rem; font-size: 0.85rem; }
.excerpt .ln { color: var(--qr-muted); user-select: none; }
.excerpt:target h3 { outline: 3px solid var(--qr-link); outline-offset: 2px; }
@media print {
  :root { --qr-bg: #ffffff; --qr-fg: #000000; --qr-muted: #333333; --qr-link: #000000; --qr-line: #999999;
    --qr-stripe: #f2f2f2; --qr-c1: #0b5cad; --qr-c2: #b0590a; --qr-c3: #8e2b8c; --qr-grid: #555555; --qr-flag: #000000; }
  main { max-width: none; padding: 0; }
  nav, #banks, .legend { display: none; }
  .scroll { overflow: visible; }
  table { font-size: 8pt; }
  tr, figure, .flags > li { break-inside: avoid; }
  h2 { break-after: avoid; }
  th button::after { content: ""; }
}
"""

# Adds a sort button to each header of `table.sortable` (progressive: without it the table reads the
# same, in bank order). Numbers sort by the cell's data-sort; empty cells ("–") always go last.
SORT_SCRIPT = """
(() => {
  for (const table of document.querySelectorAll("table.sortable")) {
    const heads = [...table.tHead.rows[0].cells];
    const body = table.tBodies[0];
    const original = [...body.rows];
    heads.forEach((th, col) => {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = th.textContent;
      // The column's explanation goes with the button: a tooltip, and what a screen reader reads after its name.
      for (const name of ["title", "aria-describedby"]) {
        if (th.hasAttribute(name)) button.setAttribute(name, th.getAttribute(name));
        th.removeAttribute(name);
      }
      th.textContent = "";
      th.append(button);
      button.addEventListener("click", () => {
        const ascending = th.getAttribute("aria-sort") !== "ascending";
        const numeric = th.classList.contains("num");
        const key = (row) => row.cells[col].dataset.sort ?? row.cells[col].textContent;
        const rows = original.slice().sort((a, b) => {
          const x = key(a), y = key(b);
          if (x === "" || y === "") return (x === "") - (y === "");
          const d = numeric ? Number(x) - Number(y) : x.localeCompare(y);
          return ascending ? d : -d;
        });
        body.append(...rows);
        heads.forEach((h) => h.removeAttribute("aria-sort"));
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      });
    });
  }
  // Printed, the folded lists of answers are shown whole.
  window.addEventListener("beforeprint", () => document.querySelectorAll("details").forEach((d) => (d.open = true)));
})();
"""

EXPLAINED = """<section id="reading"><h2>How to read this report</h2>
<dl>
<dt>Answers counted</dt><dd>An answer counts for a question as it is worded today. Answers to an earlier wording (the question or
its options changed since) are counted apart, under “Changed since answered”, and nowhere else: the site sets them aside too. An
answer given against an earlier answer key is marked again against today's (“Re-marked”).</dd>
<dt>First answers</dt><dd>Version 2 files and later keep each question's first answer, version 3 the confidence given with it; older
files only the latest, which is the first when the question was answered once. Options chosen, wrong blanks, partial credit and
calibration come from first answers: a student who was Sure and wrong, then tried again until right, still counts as Sure and wrong.</dd>
<dt>The class as a whole</dt><dd>A question scores 1 when right at first try. Cronbach's alpha (KR-20 for right-or-wrong questions)
says how consistently the questions rank students; the standard error of measurement how far a student's score may lie from their
true one by chance (about two of them either way, 19 times in 20). Students answer different questions, so each pair of questions
is taken over the students who answered both.</dd>
<dt>Flags</dt><dd>No question is flagged on fewer than {min_n} answers, and a flag stands on evidence that chance alone rarely
gives (each says how rarely), so a class of forty does not raise a dozen of them by luck.
<strong>Probably mis-keyed</strong>: the students whose first answer chose a wrong option do better on the rest of the course than
those whose first answer was right, by a gap chance gives less than 5 times in 100 (Welch's t-test), and the discrimination index agrees
(below zero); or, for any type, a discrimination below −3/√n ({limit40} for 40 answers). A wrong key also marks the Sure answers of
those who know as wrong: overconfidence is not flagged on it. <strong>Overconfidence</strong>: 30 % or more of the Sure first answers
wrong, where a calibrated Sure is wrong 15 % of the time at most (a binomial test, p &lt; 1 %). <strong>Many write the same wrong
answer</strong>: one wrong text fills a blank in 20 % or more of the first answers (and at least three). <strong>A distractor nobody
picks</strong>: no first answer chose it, where an option drawing even 60 % of an equal share of the wrong picks would have been picked
19 times in 20; never on a question 90 % or more got right at first try. <strong>Too easy</strong>: 95 % or more right at first try.
Flags are listed by severity, then by evidence.</dd>
<dt>Per option</dt><dd>How many first answers chose each option, among everyone, the strongest third and the weakest third of the
class (ranked by their share right at first try on the other questions), and the option's point-biserial r: choosing it, against the
rest of the course.</dd>
<dt>What the report leaves out</dt><dd>No name, e-mail or file name: files are counted by a random learner id (or their content)
and listed by number. The drafts' texts are counted in words, never copied. An answer a student typed is cut after 200 characters.</dd>
</dl>
<h3>The table's columns</h3><dl>{columns}</dl></section>"""
