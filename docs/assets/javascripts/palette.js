/*
 * The light/dark toggle, in place of Material's palette component (overrides/partials/palette.html says why):
 * the same behaviour, with kbPalette() from overrides/partials/javascripts/palette.html doing the work.
 * - A click on the toggle checks the next option (its label's `for`): that option's palette applies.
 * - Enter on the toggle moves to the next option, as in Material.
 * - When the system's scheme changes, the kept choice applies again ("follow the system" follows it).
 * - The theme-color meta tag (the browser's own bar on a phone) takes the header's colour: on load once the
 *   page is idle, so that reading the colour does not restyle the page during its load; then on every switch.
 * While switching, data-md-color-switching on the body turns transitions off (Material's stylesheet), until the
 * next task.
 */
(function () {
  "use strict";
  var form = document.getElementById("kb-palette");
  if (!form || typeof window.kbPalette !== "function") return;
  var inputs = form.querySelectorAll("input");
  var current = (__md_get("__palette") || {}).index || 0;

  function themeColor() {
    var header = document.querySelector("[data-md-component=header]");
    var meta = document.querySelector("meta[name=theme-color]");
    if (!header) return;
    if (!meta) {
      meta = document.createElement("meta");
      meta.name = "theme-color";
      document.head.appendChild(meta);
    }
    var rgb = getComputedStyle(header).backgroundColor.match(/\d+/g) || [];
    meta.content = "#" + rgb.slice(0, 3).map(function (v) { return (+v).toString(16).padStart(2, "0"); }).join("");
  }

  function apply(index) {
    current = window.kbPalette(index, true);
    themeColor();
    setTimeout(function () { document.body.removeAttribute("data-md-color-switching"); });
  }

  form.addEventListener("change", function (event) {
    var index = Array.prototype.indexOf.call(inputs, event.target);
    if (index >= 0) apply(index);
  });
  form.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    var next = inputs[(current + 1) % inputs.length];
    next.click();
    next.focus();
  });
  matchMedia("(prefers-color-scheme: light)").addEventListener("change", function () {
    apply((__md_get("__palette") || {}).index || 0);
  });

  function idle() {
    if (window.requestIdleCallback) requestIdleCallback(themeColor, { timeout: 2000 });
    else setTimeout(themeColor, 200);
  }
  if (document.readyState === "complete") idle();
  else window.addEventListener("load", idle);
})();
