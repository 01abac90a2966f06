/*
 * kbOnPage(id, setup): run setup(element) on every page that has the element with this id: on load, and again
 * after each of Material's instant navigations (its document$ stream), which swap pages without a load event.
 * Loaded before the page tools that use it (mkdocs.yml, extra_javascript).
 */
(function () {
  "use strict";
  window.kbOnPage = function (id, setup) {
    function init() {
      var root = document.getElementById(id);
      if (root) setup(root);
    }
    if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
      window.document$.subscribe(init);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", init);
    } else {
      init();
    }
  };
})();
