/*
 * What every page-side module shares: the one namespace for test hooks (window.quizbank), this
 * site's storage scope, the browser's storage (which may be disabled), per-page mounting under
 * Material's instant navigation, and a small element builder that never parses HTML.
 */

import { Store } from "./store.js";
import { isLearnerId, newLearnerId } from "./transfer.js";

/** The one global: test hooks and what other scripts of the site may call. */
export const quizbank = (window.quizbank = window.quizbank || {});

/** This site's path on its origin ("/cloud-fine-tuning/"): Material's own storage scope. */
export function siteScope() {
  try {
    if (window.__md_scope && window.__md_scope.pathname) return window.__md_scope.pathname;
  } catch (e) {
    // fall through
  }
  return "/";
}

/**
 * The course's name, as the build wrote it into the page (`site_name`, overrides/main.html): the
 * progress file carries it, and the class report counts a file when it names this course. A page
 * built without that meta falls back on what version 2 files carried: the title after its last " - ".
 */
export function courseName() {
  const meta = document.querySelector('meta[name="quizbank-course"]');
  if (meta) return meta.getAttribute("content") || "";
  return document.title.split(" - ").pop();
}

/** localStorage, looked up on every call: with storage disabled even reading `localStorage` throws. */
const browserStorage = {
  get length() {
    return window.localStorage.length;
  },
  key: (i) => window.localStorage.key(i),
  getItem: (key) => window.localStorage.getItem(key),
  setItem: (key, value) => window.localStorage.setItem(key, value),
  removeItem: (key) => window.localStorage.removeItem(key),
};

let store = null;
export function siteStore() {
  if (!store) store = new Store(browserStorage, siteScope());
  return store;
}

/** Is `area` (a storage event's storageArea) the storage this site writes to? */
export function isOurStorage(area) {
  try {
    return !area || area === window.localStorage;
  } catch (e) {
    return false;
  }
}

/**
 * Run `fn` for the first page and after every instant navigation. Material's document$ replays
 * the current page to a new subscriber. Material's bundle loads after the first paint
 * (hooks/defer_bundle.py): `quizbank.material` resolves once it has run. Without that loader
 * (a page built otherwise), look again once the document is parsed.
 */
export function onEveryPage(fn) {
  const subscribe = () => {
    if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(() => fn());
    else fn(); // no Material: one page per load
  };
  if (window.document$) subscribe();
  else if (quizbank.material && typeof quizbank.material.then === "function") quizbank.material.then(subscribe);
  else if (document.readyState === "complete") subscribe();
  else document.addEventListener("DOMContentLoaded", subscribe, { once: true });
}

/** An element with attributes and children; `text` sets its text (never HTML). */
export function el(tag, attrs, children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "text") node.textContent = value;
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children || []) node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  return node;
}

/** One id per page load: records this document writes carry it, so any other id is "another tab". */
export const TAB = (() => {
  if (window.crypto && window.crypto.getRandomValues) {
    const bytes = window.crypto.getRandomValues(new Uint8Array(8));
    return Array.from(bytes, (b) => (b + 256).toString(16).slice(1)).join("");
  }
  return Math.random().toString(36).slice(2) + Date.now().toString(36);
})();

/** Save a text as a file the student downloads: made in the page, nothing is sent anywhere. */
export function downloadFile(name, text, type) {
  const blob = new Blob([text], { type });
  const url = URL.createObjectURL(blob);
  const link = el("a", { href: url, download: name, hidden: true });
  // Not a page link: keep Material's instant navigation from looking at it.
  link.addEventListener("click", (e) => e.stopPropagation());
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

/**
 * This browser's learner id for the site: random, made on first use, kept in storage (and in the
 * progress file, so a restore on another device carries it). Never a name. Null without storage.
 */
export function learnerId() {
  try {
    const key = siteStore().key("learner");
    const saved = siteStore().get(key);
    if (isLearnerId(saved)) return saved;
    const made = newLearnerId((bytes) => window.crypto.getRandomValues(bytes));
    siteStore().set(key, made);
    return made;
  } catch (e) {
    return null;
  }
}

/** Restoring a progress file: its learner id becomes this browser's, so pools draw as they did there. */
export function adoptLearnerId(id) {
  if (!isLearnerId(id)) return;
  try {
    siteStore().set(siteStore().key("learner"), id);
  } catch (e) {
    // storage unavailable: nothing was restored either
  }
}
