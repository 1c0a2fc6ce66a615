// Accessibility fixes for what Material leaves out (the installed package stays untouched; the
// self-checks' own fixes are in quizbank/selfcheck.js):
// - Material's loading bar (role=progressbar) and search dialog (role=dialog) get accessible names;
// - the palette toggle's keyboard focus is visible when the palette follows the system setting;
// - a table too wide for the screen scrolls sideways, so it becomes a named, focusable region
//   that keyboard users can scroll (code blocks are Material's: it does this on devices with hover,
//   and site.css wraps their lines on touch screens);
// - below 76.25em the navigation drawer opens from the keyboard (see drawerButton);
// Served minified as bundles/a11y.js (`make bundle`). Loaded once with defer; Material's instant navigation swaps the page without reloading this file,
// so per-page work runs from document$ and listeners sit on the document.
(function () {
  "use strict";
  // Loaded twice by mistake, the first copy is in charge. The site's one global is window.quizbank.
  var site = (window.quizbank = window.quizbank || {});
  if (site.a11y) return;
  site.a11y = true;

  // Scrollable table wrappers: focusable only while they actually scroll.
  var scrollObserver = null;
  function markScrollable(wrap) {
    var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
    if (scrolls && !wrap.hasAttribute("tabindex")) {
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", "Table, scrolls sideways");
      wrap.setAttribute("data-a11y-scroll", "");
    } else if (!scrolls && wrap.hasAttribute("data-a11y-scroll")) {
      ["tabindex", "role", "aria-label", "data-a11y-scroll"].forEach(function (name) {
        wrap.removeAttribute(name);
      });
    }
  }
  // A ResizeObserver reports each wrapper once laid out (and again on every resize), so measuring
  // costs no forced layout while the page is still loading.
  function watchScrollables() {
    var wraps = document.querySelectorAll(".md-typeset__scrollwrap");
    if (scrollObserver) scrollObserver.disconnect();
    if (!window.ResizeObserver) {
      wraps.forEach(markScrollable);
      return;
    }
    scrollObserver = new ResizeObserver(function (entries) {
      entries.forEach(function (entry) {
        markScrollable(entry.target);
      });
    });
    wraps.forEach(function (wrap) {
      scrollObserver.observe(wrap);
    });
  }

  // With media-bound palettes and no stored choice, Material leaves both palette radios unchecked,
  // so Tab lands on the first (hidden) one while the other one's label is the visible toggle: the
  // focus ring is drawn on nothing. Check the radio of the palette in use, as a stored choice does.
  function syncPaletteRadio() {
    var scheme = document.body.getAttribute("data-md-color-scheme");
    var radios = document.querySelectorAll('input[name="__palette"]');
    if (!scheme || !radios.length) return;
    radios.forEach(function (radio) {
      if (radio.getAttribute("data-md-color-scheme") === scheme && !radio.checked) radio.checked = true;
    });
  }
  if (window.matchMedia) {
    var dark = window.matchMedia("(prefers-color-scheme: dark)");
    var later = function () {
      window.setTimeout(syncPaletteRadio, 0);
    };
    if (dark.addEventListener) dark.addEventListener("change", later);
  }

  function name(selector, label) {
    var element = document.querySelector(selector);
    if (element && !element.hasAttribute("aria-label") && !element.hasAttribute("aria-labelledby")) {
      element.setAttribute("aria-label", label);
    }
  }

  // Below 76.25em (a phone, or a laptop zoomed to 400 %) Material's navigation is a drawer opened by
  // a <label for="__drawer">. A label takes no focus, so a keyboard could not open the drawer, and
  // its links, slid off-screen, were still in the Tab order, focused where no one could see them
  // (site.css now hides the closed drawer). The label becomes a named button: Enter or Space opens
  // the drawer and moves the focus to its first link; Escape closes it and brings the focus back.
  var drawerReady = false;
  function drawerButton() {
    var toggle = document.getElementById("__drawer");
    var button = document.querySelector('.md-header label[for="__drawer"]');
    if (drawerReady || !toggle || !button) return;
    drawerReady = true; // the header outlives instant navigation: set up once
    var sync = function () {
      button.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
    };
    button.setAttribute("role", "button");
    button.setAttribute("tabindex", "0");
    button.setAttribute("aria-label", "Navigation");
    sync();
    // A tap on the label, Material (it closes the drawer by clicking the box) and the keys below all
    // click the box, which fires its change event.
    toggle.addEventListener("change", sync);
    button.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      toggle.click();
      if (!toggle.checked) return;
      var first = document.querySelector(".md-sidebar--primary a[href], .md-sidebar--primary label[tabindex]");
      if (first) first.focus();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || !toggle.checked) return;
      toggle.click();
      button.focus();
    });
  }

  function page() {
    drawerButton();
    syncPaletteRadio();
    watchScrollables();
    name(".md-progress[role=progressbar]", "Page loading");
    name(".md-search[role=dialog]", "Search");
  }

  function subscribe() {
    if (typeof window.document$ !== "undefined" && window.document$.subscribe) window.document$.subscribe(page);
    else page();
  }
  // Material's bundle loads after the first paint (hooks/defer_bundle.py) and says when it has run.
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(page);
  } else if (site.material && typeof site.material.then === "function") {
    site.material.then(subscribe);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", page);
  } else {
    page();
  }
})();
