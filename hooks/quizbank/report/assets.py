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
@media print {
  :root { --qr-bg: #ffffff; --qr-fg: #000000; --qr-muted: #333333; --qr-link: #000000; --qr-line: #999999;
    --qr-stripe: #f2f2f2; --qr-c1: #0b5cad; --qr-c2: #b0590a; --qr-c3: #8e2b8c; --qr-grid: #555555; --qr-flag: #000000; }
  main { max-width: none; padding: 0; }
  nav { display: none; }
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
<dt>Answered</dt><dd>Students whose file holds an answer to the question as it is worded today. Answers to an earlier
wording (the question or its options changed since) are counted apart, under “Changed since answered”, and nowhere else:
the site sets them aside too. An answer given against an earlier answer key is marked again against today's (“Re-marked”).</dd>
<dt>Right at first try</dt><dd>The status students see in My progress: answered right, never wrong, no hint open.
For a re-marked answer, the first answer marked against today's key; where the file does not hold it, that student is left
out of this share only.</dd>
<dt>Right in the end</dt><dd>The latest answer's mark. Students may try again as often as they like, so this is mostly high.</dd>
<dt>Hint used</dt><dd>Students who revealed at least one hint.</dd>
<dt>Sure, Think so, Guessing</dt><dd>The confidence given with the latest answer (blank when none was given), and the share of
those answers that were right: calibration. Sure answers that are often wrong point at a misconception.</dd>
<dt>Discrimination (r)</dt><dd>The point-biserial correlation between being right at first try on this question and the share
right at first try on every other question the same student answered (the rest of the course). Around 0.3 or more: the question
separates students who know the course from those who do not. Near 0: it measures something else (or luck). Negative: students
who do well elsewhere do worse here, most often a wrong answer key or a misleading wording.</dd>
<dt>Flags</dt><dd>No question is flagged on fewer than {min_n} answers. <strong>Probably mis-keyed</strong>: a discrimination
below −2/√n (by chance alone r wobbles by about 1/√n: {limit40} for 40 answers), or a wrong option chosen more often than the keyed
one by the strongest third of the class (by their rest-of-course share). <strong>Too easy</strong>: 95 % or more right at first try.
<strong>A distractor nobody picks</strong>: a wrong option no first answer chose ({min_n} first answers or more).
<strong>Many write the same wrong answer</strong>: one wrong text fills a blank in 20 % or more of the first answers (and at least
three). <strong>Overconfidence</strong>: 30 % or more of the Sure answers are wrong (five Sure answers or more).</dd>
<dt>First answers</dt><dd>Version 2 files keep each question's first answer; a version 1 file only its latest, which is the first
when the question was answered once. Option counts and wrong blanks come from these.</dd>
<dt>What the report leaves out</dt><dd>No name, e-mail or file name: files are counted by a random learner id (or their content)
and listed by number. The drafts' texts are counted in words, never copied.</dd>
</dl></section>"""
