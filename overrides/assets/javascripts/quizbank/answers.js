/*
 * "Download my answers": every written task's draft as one Markdown file, in the course's
 * order, with word counts; drafts of tasks no longer on the site come last. Pure: tests/js/answers.test.mjs.
 */

import { countWords, wordsLine } from "./words.js";

const trimEnd = (text) => text.replace(/\s+$/, "");

/**
 * `tasks`: the course's written tasks ({key, title, min, max, fields: [{id, label, min, max}]}),
 * in order; `drafts`: {taskKey: {fields: {id: text}}}; `date`: "YYYY-MM-DD".
 */
export function answersMarkdown(tasks, drafts, date) {
  const lines = [];
  const empty = [];
  const known = new Set(tasks.map((t) => t.key));
  for (const task of tasks) {
    const fields = (drafts[task.key] && drafts[task.key].fields) || {};
    const multi = task.fields.length > 1 || (task.fields[0] && task.fields[0].id !== "answer");
    let total = 0;
    lines.push("## " + task.title, "");
    for (const f of task.fields) {
      const text = typeof fields[f.id] === "string" ? trimEnd(fields[f.id]) : "";
      const n = countWords(text);
      total += n;
      if (multi) lines.push("### " + f.label, "");
      lines.push(text.trim() ? text : "_No draft yet._", "");
      if (multi && (f.min !== null || f.max !== null)) lines.push(wordsLine(n, f.min, f.max, false), "");
    }
    const asked = new Set(task.fields.map((f) => f.id));
    for (const [id, text] of Object.entries(fields)) {
      if (asked.has(id) || typeof text !== "string" || !text.trim()) continue;
      lines.push(`### Text kept from a part no longer asked for (${id})`, "", trimEnd(text), "");
    }
    if (!total) empty.push(task.title);
    lines.push(wordsLine(total, task.min, task.max, multi), "");
  }
  const orphans = Object.keys(drafts)
    .filter((key) => !known.has(key) && Object.values(drafts[key].fields || {}).some((t) => typeof t === "string" && t.trim()))
    .sort();
  if (orphans.length) {
    lines.push("## Answers to tasks no longer on the site", "");
    for (const key of orphans) {
      lines.push("### " + key, "");
      for (const [id, text] of Object.entries(drafts[key].fields)) {
        if (typeof text === "string" && text.trim()) lines.push(`${id}:`, "", trimEnd(text), "");
      }
    }
  }
  const head = [
    "# My assignment answers",
    "",
    `Downloaded on ${date}. A word is counted when it contains a letter or a digit; hyphenated words, numbers and links count as one word each.`,
    "",
  ];
  if (empty.length) head.push("Not drafted yet: " + empty.join("; ") + ".", "");
  return head.concat(lines).join("\n").replace(/\n+$/, "\n");
}
