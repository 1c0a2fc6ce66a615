/*
 * The reminder to download the progress file, in an answer box (with the answer boxes' bundle:
 * only pages that have one carry it). keep.js decides when; keep-remind.js draws it. One reminder
 * per page, in the box the student last saved (or the first), heard from written-task.js's events.
 */

import { el } from "./env.js";
import { showReminder } from "./keep-remind.js";

function remind(task) {
  const roots = [...document.querySelectorAll(".written-task[data-ready]")];
  if (!roots.length) return;
  let region = document.querySelector(".written-task .quizbank-keep-reminder");
  if (!region) {
    const root = roots.find((r) => r.getAttribute("data-task") === task) || roots[0];
    region = el("div", { class: "quizbank-keep-reminder", role: "status" });
    const note = root.querySelector(".written-task-note"); // "saved in this browser only": the reason to download
    if (note) note.insertAdjacentElement("afterend", region);
    else root.appendChild(region);
  }
  showReminder(region, () => {
    const textarea = region.closest(".written-task").querySelector("textarea");
    if (textarea) textarea.focus(); // "Not now": back to writing
  });
}

document.addEventListener("quizbank:draft-saved", (e) => remind(e.detail && e.detail.task));
document.addEventListener("quizbank:drafts-ready", () => remind(""));
document.addEventListener("quizbank:downloaded", () => remind(""));
