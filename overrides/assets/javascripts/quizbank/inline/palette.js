// Inline, right after the header's palette options (overrides/main.html). Material's bundle, which
// picks the palette matching the system setting when none is saved yet (a first visit), loads
// after the first paint (material.js): without this the first page would be painted light for a
// dark-mode visitor, then switch. Picks it as the bundle will: the first option whose media
// query matches.
(function () {
  var saved = null;
  try {
    saved = window.__md_get("__palette");
  } catch (e) {
    // storage disabled: nothing can have been saved
  }
  if (saved && saved.color) return;
  var inputs = document.querySelectorAll("[data-md-component=palette] input[data-md-color-media]");
  var chosen = null;
  for (var i = 0; i < inputs.length && !chosen; i++) {
    if (matchMedia(inputs[i].getAttribute("data-md-color-media")).matches) chosen = inputs[i];
  }
  if (!chosen) return;
  chosen.checked = true;
  ["media", "scheme", "primary", "accent"].forEach(function (key) {
    var value = chosen.getAttribute("data-md-color-" + key);
    if (value) document.body.setAttribute("data-md-color-" + key, value);
  });
  // Each option's toggle (the label after it) offers the next palette: only the chosen one shows.
  for (var j = 0; j < inputs.length; j++) {
    var label = inputs[j].nextElementSibling;
    if (label && label.tagName === "LABEL") label.hidden = inputs[j] !== chosen;
  }
})();
