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

/*
 * Sections moved to another page (front matter moved_sections, kb/render/moved.py): the page holds a hidden link
 * to each one's new address in #kb-moved. When the address's #fragment names one of them and the page has no
 * element with that id, the reader goes on to the new address (replacing the old one in the history). Runs on
 * load, after each instant navigation (kbOnPage) and when only the fragment changes.
 */
(function () {
  "use strict";
  function follow() {
    var root = document.getElementById("kb-moved");
    var hash = window.location.hash.slice(1);
    if (!root || !hash) return;
    try {
      hash = decodeURIComponent(hash);
    } catch (e) {
      return;
    }
    if (document.getElementById(hash)) return;
    var links = root.querySelectorAll("a[data-kb-moved]");
    for (var i = 0; i < links.length; i++) {
      if (links[i].getAttribute("data-kb-moved") === hash) {
        window.location.replace(links[i].href);
        return;
      }
    }
  }
  window.kbOnPage("kb-moved", follow);
  window.addEventListener("hashchange", follow);
})();
