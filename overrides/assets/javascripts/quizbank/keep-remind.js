/*
 * The reminder to download the progress file (keep.js decides when), in an answer box and on My
 * progress: a quiet box in a polite live region, never a dialog. "Download my progress" saves the
 * file there and then; "Not now" puts it away until the thresholds are crossed again. No side
 * effects on import (the site's bundle and My progress's both use it).
 */

import { el } from "./env.js";
import { dismissRecord, parseDismissed, parseDownload, platformOf, reminderFor, reminderText } from "./keep.js";
import { DOWNLOADED, REMINDER, downloadProgress, readRecord, summaryNow, writeRecord } from "./keep-store.js";

/** Where this browser runs the site (keep.js's platformOf, from the browser's own answers). */
export function platform() {
  return platformOf({
    userAgent: navigator.userAgent,
    standalone: window.matchMedia && window.matchMedia("(display-mode: standalone)").matches,
    iosStandalone: navigator.standalone === true,
  });
}

/** The reminder due now, or null (also when storage cannot be read: then nothing can be downloaded). */
export function currentReminder() {
  try {
    return reminderFor({
      download: readRecord(DOWNLOADED, parseDownload),
      dismissed: readRecord(REMINDER, parseDismissed),
      summary: summaryNow(),
      now: Date.now(),
      safari: platform().safari,
    });
  } catch (e) {
    return null;
  }
}

function button(text, onClick) {
  const b = el("button", { type: "button", class: "quizbank-keep-button", text });
  b.addEventListener("click", onClick);
  return b;
}

/**
 * Show the reminder in `region` (an element with role="status", already in the page), or take it
 * away when none is due. Once shown it is left as it is while the student goes on typing: a live
 * region that changed with every save would speak with every save. `after()` is called once a
 * button has been used and its box is gone: it puts the focus somewhere sensible.
 */
export function showReminder(region, after) {
  const reminder = currentReminder();
  const box = region.querySelector(".quizbank-keep-remind");
  region.setAttribute("data-reminder", reminder ? "due" : "none"); // decided (read by tests)
  if (!reminder) {
    if (box) box.remove();
    return false;
  }
  if (box) return true;
  const fresh = el("div", { class: "quizbank-keep-remind" }, [
    el("p", { text: reminderText(reminder, Date.now()) }),
    el("p", { class: "quizbank-keep-remind-actions" }, [
      button("Download my progress", () => {
        let text;
        try {
          text = `Your progress was saved as ${downloadProgress()}.`;
        } catch (e) {
          text = "Your progress could not be read from this browser's storage, so nothing was downloaded.";
        }
        const done = el("p", { class: "quizbank-keep-done", tabindex: "-1", text });
        region.replaceChildren(done);
        done.focus();
      }),
      button("Not now", () => {
        try {
          writeRecord(REMINDER, dismissRecord(summaryNow(), Date.now()));
        } catch (e) {
          // storage unavailable: the reminder goes away for this page only
        }
        region.replaceChildren();
        after();
      }),
    ]),
  ]);
  // Filled on the next frame: a status region announces what is added to it, not what it starts with.
  requestAnimationFrame(() => {
    if (!region.querySelector(".quizbank-keep-remind")) region.replaceChildren(fresh);
  });
  return true;
}
