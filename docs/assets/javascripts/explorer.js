/* The criteria explorer (tools/explorer/): filters the static table of every criterion in the page.
 *
 * No library and no network: it reads the rows' data attributes (kb/render/explorer.py), hides the rows that do
 * not match, announces the count in an aria-live region, and keeps the filters in the URL query so that a view
 * can be shared and the back button steps through changes. Without JavaScript the full table shows.
 * Loaded on every page (mkdocs.yml extra_javascript); it does nothing where there is no explorer.
 */
(function () {
  "use strict";

  var FILTERS = ["type", "status", "designation", "category", "focus", "confidence", "q"];
  var CONFIRMED = { must: true, should: true, applies: true };

  function setup(root) {
    if (root.getAttribute("data-ready") === "1") return;
    root.setAttribute("data-ready", "1");
    var form = root.querySelector("#kb-explorer-filters");
    var count = root.querySelector("#kb-explorer-count");
    var empty = root.querySelector("#kb-explorer-empty");
    var table = root.querySelector("#kb-explorer-table");
    var fields = {};
    FILTERS.forEach(function (name) { fields[name] = form.elements.namedItem(name); });
    // A row's data-statuses holds a letter for every entity type, in the order of the type filter's options; the
    // letter is the first of the status key (kb/render/explorer.py), so the status filter's values decode it.
    var statusLabels = {};
    var statusOfLetter = {};
    Array.prototype.forEach.call(fields.status.options, function (o) {
      statusLabels[o.value] = o.text;
      if (o.value && o.value !== "confirmed") statusOfLetter[o.value.charAt(0)] = o.value;
    });
    var typeNames = {};
    var typeIndex = {};
    Array.prototype.forEach.call(fields.type.options, function (o) {
      typeNames[o.value] = o.text;
      if (o.value) typeIndex[o.value] = Object.keys(typeIndex).length;
    });
    var total = Number(count.getAttribute("data-total"));

    // Everything a filter reads, once: the rows' attributes and their search text in lower case. (The rows are
    // grids with the table's roles written out from the start: kb/render/explorer.py, extra.css.)
    var rows = Array.prototype.map.call(table.tBodies[0].rows, function (tr) {
      return {
        tr: tr,
        badge: tr.querySelector("td.kb-explorer__status > span"),
        category: tr.getAttribute("data-category"),
        focus: tr.getAttribute("data-focus"),
        designation: tr.getAttribute("data-designation"),
        confidence: tr.getAttribute("data-confidence"),
        statuses: tr.getAttribute("data-statuses"),
        text: searchText(tr),
        shown: true,
        status: null
      };
    });

    // ID, title and summary: the first two cells.
    function searchText(tr) {
      return (tr.cells[0].textContent + " " + tr.cells[1].textContent).toLowerCase();
    }

    function state() {
      var s = {};
      FILTERS.forEach(function (name) { s[name] = fields[name].value.trim(); });
      if (!s.type) s.status = "";
      return s;
    }

    function query(s) {
      var params = new URLSearchParams();
      FILTERS.forEach(function (name) { if (s[name]) params.set(name, s[name]); });
      var text = params.toString();
      return location.pathname + (text ? "?" + text : "") + location.hash;
    }

    function hasOption(select, value) {
      return Array.prototype.some.call(select.options, function (o) { return o.value === value; });
    }

    function fromUrl() {
      var params = new URLSearchParams(location.search);
      FILTERS.forEach(function (name) {
        var value = params.get(name) || "";
        var field = fields[name];
        if (field.tagName === "SELECT" && !hasOption(field, value)) value = "";
        field.value = value;
      });
    }

    function matches(row, s, words) {
      if (s.category && row.category !== s.category) return false;
      if (s.focus && row.focus !== s.focus) return false;
      if (s.designation && row.designation !== s.designation) return false;
      if (s.confidence && row.confidence !== s.confidence) return false;
      if (s.status) {
        if (s.status === "confirmed" ? !CONFIRMED[row.status] : row.status !== s.status) return false;
      }
      for (var i = 0; i < words.length; i++) {
        if (row.text.indexOf(words[i]) === -1) return false;
      }
      return true;
    }

    var shownType = null;

    function apply() {
      var s = state();
      fields.status.disabled = !s.type;
      if (s.type !== shownType) {
        var index = s.type ? typeIndex[s.type] : -1;
        rows.forEach(function (row) {
          row.status = index >= 0 ? statusOfLetter[row.statuses.charAt(index)] : null;
          if (index >= 0) {
            row.badge.className = "kb-status kb-status--" + row.status;
            row.badge.textContent = statusLabels[row.status] || row.status;
          }
        });
        root.classList.toggle("kb-explorer--typed", !!s.type);  // shows the status column (extra.css)
        var header = table.querySelector("th.kb-explorer__status");
        header.textContent = s.type ? "For " + typeNames[s.type] : "For the type";
        shownType = s.type;
      }
      var words = s.q.toLowerCase().split(/\s+/).filter(Boolean);
      var n = 0;
      rows.forEach(function (row) {
        var show = matches(row, s, words);
        if (show !== row.shown) {
          row.tr.hidden = !show;
          row.shown = show;
        }
        if (show) n++;
      });
      empty.hidden = n !== 0;
      var message = n === total ? "All " + total + " criteria." : n + " of " + total + " criteria match.";
      if (count.textContent !== message) count.textContent = message;
      return n;
    }

    function commit(push) {
      apply();
      var url = query(state());
      if (url === location.pathname + location.search + location.hash) return;
      if (push) history.pushState({ kbExplorer: true }, "", url);
      else history.replaceState({ kbExplorer: true }, "", url);
    }

    // A search pushes one history entry when typing starts; the following keystrokes update it.
    var typing = false;
    form.addEventListener("change", function (event) {
      if (event.target === fields.q) { typing = false; return; }
      commit(true);
    });
    form.addEventListener("input", function (event) {
      if (event.target !== fields.q) return;
      commit(!typing);
      typing = true;
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); commit(true); });
    form.addEventListener("reset", function () {
      setTimeout(function () { commit(true); }, 0);  // after the browser has reset the fields
    });
    window.addEventListener("popstate", function () {
      if (!document.body.contains(root)) return;
      fromUrl();
      apply();
    });

    fromUrl();
    form.hidden = false;
    apply();
    root.kbExplorerApply = apply;  // for the benchmark and the tests
  }

  window.kbOnPage("kb-explorer", setup);  // docs/assets/javascripts/on-page.js
})();
