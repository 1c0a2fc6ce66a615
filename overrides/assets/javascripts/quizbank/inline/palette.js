// Inline, right after the header's palette options (overrides/main.html). Material's bundle loads
// after the first paint (material.js), and until it runs nothing applies the palette options:
// - on a first visit (no palette saved yet) the bundle picks the option whose media query matches
//   the system setting; without this the first page would be painted light for a dark-mode
//   visitor, then switch. Picked here as the bundle will: the first option that matches;
// - a toggle clicked before the bundle runs would be forgotten by it (it starts from the saved
//   palette): applied and saved here in Material's own format, which the bundle then starts from.
(function () {
  var inputs = document.querySelectorAll("[data-md-component=palette] input[data-md-color-media]");
  if (!inputs.length) return;
  function color(input) {
    var found = {};
    ["media", "scheme", "primary", "accent"].forEach(function (key) {
      found[key] = input.getAttribute("data-md-color-" + key);
    });
    return found;
  }
  function apply(index) {
    var chosen = color(inputs[index]);
    Object.keys(chosen).forEach(function (key) {
      if (chosen[key]) document.body.setAttribute("data-md-color-" + key, chosen[key]);
    });
    // Each option's toggle (the label after it) offers the next palette: only the chosen one shows.
    for (var i = 0; i < inputs.length; i++) {
      var label = inputs[i].nextElementSibling;
      if (label && label.tagName === "LABEL") label.hidden = i !== index;
    }
  }
  Array.prototype.forEach.call(inputs, function (input, index) {
    input.addEventListener("change", function () {
      if (window.document$ || !input.checked) return; // Material's own listener is in charge
      apply(index);
      try {
        window.__md_set("__palette", { index: index, color: color(input) });
      } catch (e) {
        // storage disabled: the palette holds for this page
      }
    });
  });
  var saved = null;
  try {
    saved = window.__md_get("__palette");
  } catch (e) {
    // storage disabled: nothing can have been saved
  }
  if (saved && saved.color) return; // Material's inline script has applied it
  for (var i = 0; i < inputs.length; i++) {
    if (matchMedia(inputs[i].getAttribute("data-md-color-media")).matches) {
      inputs[i].checked = true;
      apply(i);
      return;
    }
  }
})();
