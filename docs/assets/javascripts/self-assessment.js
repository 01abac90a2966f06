/* The self-assessment (tools/self-assessment/): the member's own record of each criterion for their entity type.
 *
 * Everything stays in this browser's localStorage (one key, KEY); nothing is sent anywhere. The settings come from
 * the JSON in the tool's hidden #kb-sa-data element, the criteria from a script of their own that this one loads
 * (kb/render/assessment.py). The saved state records the data
 * version and the fingerprint of every criterion it was made against, so that the page can list what changed
 * since. Exports: CSV (UTF-8 with a byte-order mark), XLSX (write-excel-file, vendored in assets/vendor/ and
 * loaded on first use) and JSON, which imports back. No inline styles, no eval: only the hidden attribute and
 * classes (extra.css, reader tools part).
 * Loaded on every page (mkdocs.yml extra_javascript); it does nothing where there is no self-assessment.
 */
(function () {
  "use strict";

  var KEY = "ctpat-kb-self-assessment";
  var APPLIES = [["yes", "Yes"], ["no", "No"], ["unchecked", "Not checked yet"]];
  var APPLIES_LABEL = { yes: "Yes", no: "No", unchecked: "Not checked yet" };
  var CONFIRMED = { must: true, should: true, applies: true };
  var FOLDED = { not_listed: true, probably_not_listed: true };
  var TEXT_FIELDS = ["note", "owner", "evidence"];
  var DATE = /^\d{4}-\d{2}-\d{2}$/;

  function make(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === false || value === null || value === undefined) return;
      if (name === "text") node.textContent = value;
      else if (name === "className") node.className = value;
      else node.setAttribute(name, value === true ? "" : String(value));
    });
    (children || []).forEach(function (child) {
      if (child !== null && child !== undefined) {
        node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
      }
    });
    return node;
  }

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  // The page's data is compact (kb/render/assessment.py): the designation and the status for each type are
  // letters, and a criterion's link is its category's page and its anchor (kb.models.Criterion.anchor). Expanded
  // here into what the rest of the script and the saved state use: c.d a designation key, c.s {type: status key}
  // without the unknown ones, c.href.
  function expand(data) {
    var href = {};
    data.categories.forEach(function (cat) { href[cat.n] = cat.href; });
    data.criteria.forEach(function (c) {
      var letters = c.s;
      c.d = data.letters.designation[c.d];
      c.s = {};
      data.types.forEach(function (t, i) {
        var status = data.letters.status[letters.charAt(i)];
        if (status && status !== "unknown") c.s[t.slug] = status;
      });
      c.href = href[c.c] + "#criterion-" + c.id.replace(/\./g, "-");
    });
    return data;
  }

  // The criteria come in a script of their own (kb/render/assessment.py, criteria_script), named by the data
  // version: loaded once, and again only for another version.
  function loadCriteria(data) {
    return new Promise(function (resolve, reject) {
      var loaded = window.kbSelfAssessmentCriteria;
      if (loaded && loaded.version === data.data_version) { resolve(loaded.criteria); return; }
      var script = make("script", { src: new URL(data.criteria_script, location.href).href });
      script.addEventListener("load", function () {
        loaded = window.kbSelfAssessmentCriteria;
        if (loaded && loaded.version === data.data_version) resolve(loaded.criteria);
        else reject(new Error("another data version"));
      });
      script.addEventListener("error", function () { reject(new Error("not loaded")); });
      document.head.appendChild(script);
    });
  }

  function setup(root) {
    if (root.getAttribute("data-ready") === "1") return;
    root.setAttribute("data-ready", "1");
    var data = JSON.parse(root.querySelector("#kb-sa-data").textContent);
    loadCriteria(data).then(function (criteria) {
      data.criteria = criteria;
      if (document.body.contains(root)) start(root, expand(data));
    }, function () {
      var message = root.querySelector("#kb-sa-message");
      message.classList.add("kb-sa__message--error");
      message.textContent = "The list of criteria could not be loaded, so the self-assessment cannot start. " +
        "Reload the page; the spreadsheets below work without it.";
    });
  }

  function start(root, data) {
    var el = {};
    ["nojs", "message", "form", "type", "export-csv", "export-xlsx", "export-json", "import", "print", "clear",
     "confirm", "clear-yes", "clear-no", "changes", "progress", "list", "report"].forEach(function (name) {
      el[name] = root.querySelector("#kb-sa-" + name);
    });
    var byId = {};
    data.criteria.forEach(function (c) { byId[c.id] = c; });
    var typeName = {};
    data.types.forEach(function (t) { typeName[t.slug] = t.name; });
    var categoryName = {};
    data.categories.forEach(function (c) { categoryName[c.n] = c.name; });
    var L = data.labels;

    // ---- the state ---------------------------------------------------------------------------------------
    function fingerprints() {
      var out = {};
      data.criteria.forEach(function (c) { out[c.id] = { fp: c.fp, d: c.d, s: c.s }; });
      return out;
    }

    function fresh() {
      return { format: data.format, schema: data.schema, data_version: data.data_version,
               data_as_of: data.data_as_of, entity_type: "", baseline: fingerprints(), answers: {} };
    }

    function statusFor(c, type) { return (type && c.s[type]) || "unknown"; }

    function defaultApplies(c, type) { return CONFIRMED[statusFor(c, type)] ? "yes" : "unchecked"; }

    function answer(c) {
      var a = state.answers[c.id];
      if (a) return a;
      return { applies: defaultApplies(c, state.entity_type), status: "", note: "", owner: "", due: "",
               evidence: "" };
    }

    // The designation the progress counts: the type's Must or Should where our data has it, else the general one.
    function designation(c) {
      var s = statusFor(c, state.entity_type);
      if (s === "must" || s === "should") return { key: s, from: "type" };
      if (c.d === "must" || c.d === "should") return { key: c.d, from: "general" };
      return { key: "other", from: "none" };
    }

    // A saved or imported state, checked field by field. Returns { state } or { error }.
    function validate(raw) {
      var damaged = "The file is damaged or was edited by hand: ";
      if (!isObject(raw) || raw.format !== data.format) {
        return { error: "This file is not a self-assessment saved by this page, so nothing was imported. Choose " +
                        "a JSON file made with this page's Export JSON button." };
      }
      if (typeof raw.schema !== "number" || raw.schema > data.schema) {
        return { error: "This file was made by a newer version of this page than the one open here. Reload the " +
                        "page to get the newest version, then import it again." };
      }
      if (typeof raw.data_version !== "string" || !/^[0-9a-f]{12}$/.test(raw.data_version) ||
          typeof raw.data_as_of !== "string" || !DATE.test(raw.data_as_of)) {
        return { error: damaged + "its data version is missing or malformed." };
      }
      if (raw.data_as_of > data.data_as_of) {
        return { error: "This file was made against newer criteria data (as of " + raw.data_as_of + ") than " +
                        "this page has (as of " + data.data_as_of + "). Reload the page to get the newest " +
                        "version of the site, then import it again." };
      }
      if (typeof raw.entity_type !== "string" || (raw.entity_type && !typeName[raw.entity_type])) {
        return { error: damaged + "it names an entity type this site does not have (" +
                        String(raw.entity_type) + ")." };
      }
      if (!isObject(raw.baseline) || !isObject(raw.answers)) {
        return { error: damaged + "its list of criteria or its answers are missing." };
      }
      var baseline = {};
      var ids = Object.keys(raw.baseline);
      for (var i = 0; i < ids.length; i++) {
        var b = raw.baseline[ids[i]];
        if (!isObject(b) || typeof b.fp !== "string" || typeof b.d !== "string" || !isObject(b.s)) {
          return { error: damaged + "the fingerprint of criterion " + ids[i] + " is malformed." };
        }
        var s = {};
        Object.keys(b.s).forEach(function (k) { if (typeof b.s[k] === "string") s[k] = b.s[k]; });
        baseline[ids[i]] = { fp: b.fp, d: b.d, s: s };
      }
      var answers = {};
      var unknown = [];
      var keys = Object.keys(raw.answers);
      for (var j = 0; j < keys.length; j++) {
        var id = keys[j];
        var a = raw.answers[id];
        // A criterion removed since the file was made is in its own fingerprints: its answer is kept.
        if (!byId[id] && !baseline[id]) { unknown.push(id); continue; }
        if (!isObject(a) || !APPLIES_LABEL[a.applies] ||
            (a.status !== "" && data.implementation.indexOf(a.status) === -1) ||
            (a.due !== "" && !(typeof a.due === "string" && DATE.test(a.due))) ||
            TEXT_FIELDS.some(function (f) { return typeof a[f] !== "string"; })) {
          return { error: damaged + "the answer for criterion " + id + " is malformed." };
        }
        answers[id] = { applies: a.applies, status: a.status, note: a.note, owner: a.owner, due: a.due,
                        evidence: a.evidence };
      }
      if (unknown.length) {
        return { error: "This file has answers for criteria this site does not have (" + unknown.join(", ") +
                        "), so nothing was imported. It may have been edited by hand or made for another site." };
      }
      return { state: { format: data.format, schema: data.schema, data_version: raw.data_version,
                        data_as_of: raw.data_as_of, entity_type: raw.entity_type, baseline: baseline,
                        answers: answers } };
    }

    // ---- storage: nothing saved is ever lost to a failed write ------------------------------------------------
    var blocked = "";  // why this page must not overwrite what is saved (unreadable, or made by newer data)

    function load() {
      var text;
      try {
        text = window.localStorage.getItem(KEY);
      } catch (e) {
        blocked = "This browser does not let the page use its storage (" + e.name + "), so nothing can be " +
                  "saved here. Use Export JSON to keep your answers.";
        return fresh();
      }
      if (text === null) return fresh();
      var parsed = null;
      try { parsed = JSON.parse(text); } catch (e) { parsed = undefined; }
      var checked = parsed === undefined ? { error: "it is not complete JSON." } : validate(parsed);
      if (checked.error) {
        blocked = "The self-assessment saved in this browser could not be read: " + checked.error + " It is " +
                  "left as it was. Import a JSON export, or clear everything to start again.";
        return fresh();
      }
      return checked.state;
    }

    function write(next) {
      if (blocked) return blocked;
      try {
        window.localStorage.setItem(KEY, JSON.stringify(next));
        return "";
      } catch (e) {
        var full = e && (e.name === "QuotaExceededError" || e.name === "NS_ERROR_DOM_QUOTA_REACHED" || e.code === 22);
        return full
          ? "Not saved: this browser's storage for this site is full. Your answers saved before are still there. " +
            "Export JSON now to keep this change, free some space (for example by clearing this site's data for " +
            "other pages), then try again."
          : "Not saved: this browser refused to store the answers (" + e.name + "). Your answers saved before " +
            "are still there. Export JSON now to keep this change.";
      }
    }

    function say(text, isError) {
      el.message.textContent = text;
      el.message.classList.toggle("kb-sa__message--error", !!isError);
    }

    // A change the reader made: kept in the page, saved if the browser allows.
    function save() {
      var problem = write(state);
      if (problem) say(problem, true);
      else if (el.message.classList.contains("kb-sa__message--error") && !blocked) say("Saved in this browser.");
      return !problem;
    }

    // ---- rendering ----------------------------------------------------------------------------------------
    function label(key) { return L.status[key] || key; }

    function field(id, text, control, cid) {
      return make("div", { className: "kb-sa__field" }, [
        make("label", { "for": id }, [text, make("span", { className: "kb-sa__sr", text: " for " + cid })]),
        control]);
    }

    function item(c) {
      var a = answer(c);
      var slug = c.id.replace(".", "-");
      var type = state.entity_type;
      var status = statusFor(c, type);
      var radios = APPLIES.map(function (pair) {
        var id = "kb-sa-" + slug + "-applies-" + pair[0];
        return make("span", { className: "kb-sa__choice" }, [
          make("input", { type: "radio", id: id, name: "applies-" + slug, value: pair[0],
                          checked: a.applies === pair[0], "data-field": "applies" }),
          make("label", { "for": id, text: pair[1] })]);
      });
      var statusSelect = make("select", { id: "kb-sa-" + slug + "-status", "data-field": "status" },
        [make("option", { value: "", text: "Not set" })].concat(data.implementation.map(function (v) {
          return make("option", { value: v, text: v });
        })));
      statusSelect.value = a.status;
      var d = designation(c);
      var dText = d.from === "type" ? L.designation[d.key] + " for " + typeName[type]
        : d.from === "general" ? L.designation[d.key] + " (general designation; not known for your type)"
          : "Designation not known";
      var work = make("div", { className: "kb-sa__work", hidden: a.applies !== "yes" }, [
        field("kb-sa-" + slug + "-status", "Status", statusSelect, c.id),
        field("kb-sa-" + slug + "-owner", "Owner",
              make("input", { type: "text", id: "kb-sa-" + slug + "-owner", "data-field": "owner", value: a.owner,
                              autocomplete: "off" }), c.id),
        field("kb-sa-" + slug + "-due", "Due date",
              make("input", { type: "date", id: "kb-sa-" + slug + "-due", "data-field": "due", value: a.due }), c.id),
        field("kb-sa-" + slug + "-evidence", "Where the evidence is kept",
              make("input", { type: "text", id: "kb-sa-" + slug + "-evidence", "data-field": "evidence",
                              value: a.evidence, autocomplete: "off" }), c.id),
        make("div", { className: "kb-sa__field kb-sa__field--wide" }, [
          make("label", { "for": "kb-sa-" + slug + "-note" }, ["Note",
            make("span", { className: "kb-sa__sr", text: " for " + c.id })]),
          (function () {
            var t = make("textarea", { id: "kb-sa-" + slug + "-note", "data-field": "note", rows: "2" });
            t.value = a.note;
            return t;
          })()])]);
      return make("div", { className: "kb-sa__item", id: "kb-sa-item-" + slug, "data-id": c.id }, [
        make("h4", { className: "kb-sa__title", id: "kb-sa-" + slug + "-title" }, [
          make("a", { href: c.href, text: c.id }), " " + c.title]),
        make("p", { className: "kb-sa__meta" }, [
          make("span", { className: "kb-status kb-status--" + status, text: label(status) }),
          " for " + typeName[type] + ". Counted as: " + dText + "."]),
        make("p", { className: "kb-sa__summary", text: c.summary }),
        make("fieldset", { className: "kb-sa__applies" }, [
          make("legend", {}, ["Applies to us", make("span", { className: "kb-sa__sr", text: " (" + c.id + ")" })])
        ].concat(radios)),
        work]);
    }

    function byCategory(list, container) {
      var current = null;
      list.forEach(function (c) {
        if (c.c !== current) {
          current = c.c;
          container.appendChild(make("h3", { className: "kb-sa__category", text: c.c + ". " + categoryName[c.c] }));
        }
        container.appendChild(item(c));
      });
    }

    function renderList() {
      el.list.textContent = "";
      var type = state.entity_type;
      if (!type) {
        el.list.appendChild(make("p", { className: "kb-sa__empty",
          text: "Choose your entity type to see its criteria." }));
        return;
      }
      var main = data.criteria.filter(function (c) { return !FOLDED[statusFor(c, type)]; });
      var folded = data.criteria.filter(function (c) { return FOLDED[statusFor(c, type)]; });
      el.list.appendChild(make("h2", { id: "kb-sa-list-title", text: "Criteria for " + typeName[type] +
        " (" + main.length + ")" }));
      el.list.appendChild(make("p", { text: "Every criterion that our data confirms for your type, or does not " +
        "yet confirm. Those confirmed start at \u201cApplies to us: yes\u201d; the others at \u201cnot checked " +
        "yet\u201d until you check them against CBP's document for your type." }));
      byCategory(main, el.list);
      if (folded.length) {
        var details = make("details", { className: "kb-sa__folded", id: "kb-sa-folded" }, [
          make("summary", { text: "Probably not listed for " + typeName[type] + " (" + folded.length + ")" }),
          make("p", { text: "Our sources suggest that CBP's document for your type leaves these out, mostly by " +
            "inference from an omission. Check them against that document; mark any that do apply." })]);
        byCategory(folded, details);
        el.list.appendChild(details);
      }
    }

    function count(list) {
      var out = { must: blank(), should: blank(), other: blank() };
      function blank() { return { total: 0, implemented: 0, partly: 0, notStarted: 0 }; }
      list.forEach(function (c) {
        var a = answer(c);
        if (a.applies !== "yes" || a.status === "Not applicable") return;
        var bucket = out[designation(c).key];
        bucket.total++;
        if (a.status === "Implemented") bucket.implemented++;
        else if (a.status === "Partly") bucket.partly++;
        else bucket.notStarted++;
      });
      return out;
    }

    function cell(b) {
      if (!b.total) return "none";
      return b.implemented + " of " + b.total + " implemented" + (b.partly ? ", " + b.partly + " partly" : "");
    }

    function progressTable() {
      var rows = [];
      data.categories.forEach(function (cat) {
        var counts = count(data.criteria.filter(function (c) { return c.c === cat.n; }));
        if (counts.must.total + counts.should.total + counts.other.total === 0) return;
        rows.push(make("tr", {}, [make("th", { scope: "row", text: cat.n + ". " + cat.name }),
          make("td", { text: cell(counts.must) }), make("td", { text: cell(counts.should) }),
          make("td", { text: cell(counts.other) })]));
      });
      var all = count(data.criteria);
      rows.push(make("tr", { className: "kb-sa__total" }, [make("th", { scope: "row", text: "All categories" }),
        make("td", { text: cell(all.must) }), make("td", { text: cell(all.should) }),
        make("td", { text: cell(all.other) })]));
      var head = make("tr", {}, ["Category", "Must", "Should", "Designation not known"].map(function (t) {
        return make("th", { scope: "col", text: t });
      }));
      return { all: all, table: make("div", { className: "kb-table" }, [make("table", { tabindex: "0" }, [
        make("caption", { text: "Criteria that apply to you, by category: how many are implemented" }),
        make("thead", {}, [head]), make("tbody", {}, rows)])]) };
    }

    function tally() {
      var n = { yes: 0, no: 0, unchecked: 0, na: 0, fromType: 0, fromGeneral: 0 };
      data.criteria.forEach(function (c) {
        var a = answer(c);
        n[a.applies]++;
        if (a.applies === "yes" && a.status === "Not applicable") n.na++;
        if (a.applies === "yes" && a.status !== "Not applicable") {
          var from = designation(c).from;
          if (from === "type") n.fromType++;
          else if (from === "general") n.fromGeneral++;
        }
      });
      return n;
    }

    function renderProgress() {
      el.progress.textContent = "";
      el.progress.hidden = !state.entity_type;
      if (!state.entity_type) return;
      var p = progressTable();
      var n = tally();
      el.progress.appendChild(make("h2", { id: "kb-sa-progress-title", text: "Progress" }));
      el.progress.appendChild(make("p", { id: "kb-sa-progress-summary", text:
        "Overall: Must " + cell(p.all.must) + "; Should " + cell(p.all.should) + ". Applies to you: " + n.yes +
        " (" + n.na + " of them marked not applicable); does not apply: " + n.no + "; not checked yet: " +
        n.unchecked + "." }));
      el.progress.appendChild(make("p", { text: "Must and Should are counted apart. For " + n.fromType +
        " of the criteria counted, that is the designation for your entity type in our data; for " +
        n.fromGeneral + ", our data has none for your type, so the general designation is used." }));
      el.progress.appendChild(p.table);
    }

    // What changed in the criteria since the state's fingerprints were taken.
    function changes() {
      var base = state.baseline;
      var type = state.entity_type;
      var out = { added: [], removed: [], reworded: [], designation: [] };
      data.criteria.forEach(function (c) {
        var b = base[c.id];
        if (!b) { out.added.push(c.id + " " + c.title); return; }
        if (b.fp !== c.fp) out.reworded.push(c.id + " " + c.title);
        if (b.d !== c.d) {
          out.designation.push(c.id + ": general designation " + (L.designation[b.d] || b.d) + " \u2192 " +
                               L.designation[c.d]);
        }
        var before = (type && b.s[type]) || "unknown";
        var now = statusFor(c, type);
        if (type && before !== now) {
          out.designation.push(c.id + ": for " + typeName[type] + ": " + label(before) + " \u2192 " + label(now));
        }
      });
      Object.keys(base).forEach(function (id) {
        if (!byId[id]) out.removed.push(id + (state.answers[id] ? " (you had answers for it; they are kept)" : ""));
      });
      return out;
    }

    function renderChanges() {
      el.changes.textContent = "";
      var diff = changes();
      var groups = [["added", "Criteria added"], ["removed", "Criteria removed"], ["reworded", "Criteria reworded"],
                    ["designation", "Designations changed"]];
      var any = groups.some(function (g) { return diff[g[0]].length; });
      var moved = state.data_version !== data.data_version;
      el.changes.hidden = !any && !moved;
      if (el.changes.hidden) return;
      el.changes.appendChild(make("h2", { id: "kb-sa-changes-title", text: "What changed since you saved" }));
      el.changes.appendChild(make("p", { text: "Your answers were saved against data version " +
        state.data_version + " (as of " + state.data_as_of + "); this page has " + data.data_version + " (as of " +
        data.data_as_of + ")." + (any ? " Review these criteria:" : " No criterion's wording or designation " +
        "changed; only sources or other details did.") }));
      groups.forEach(function (g) {
        if (!diff[g[0]].length) return;
        el.changes.appendChild(make("h3", { text: g[1] + " (" + diff[g[0]].length + ")" }));
        el.changes.appendChild(make("ul", { className: "kb-sa__changes-" + g[0] }, diff[g[0]].map(function (t) {
          return make("li", { text: t });
        })));
      });
      el.changes.appendChild(make("button", { type: "button", className: "md-button", id: "kb-sa-reviewed",
                                              text: "I have reviewed these changes" }));
    }

    function renderReport() {
      var type = state.entity_type;
      el.report.textContent = "";
      el.report.appendChild(make("h2", { text: "Self-assessment report" + (type ? ": " + typeName[type] : "") }));
      el.report.appendChild(make("p", { text: "Data version " + data.data_version + " (as of " + data.data_as_of +
        "). Kept in this browser only; CBP's own document for your entity type is the last word." }));
      if (!type) return;
      var p = progressTable();
      el.report.appendChild(p.table);
      var rows = data.criteria.map(function (c) {
        var a = answer(c);
        var work = a.applies === "yes";
        return make("tr", { className: "kb-sa__report-" + a.applies }, [
          make("td", { text: c.id }), make("td", { text: c.title }),
          make("td", { text: L.designation[designation(c).key] || "Not known" }),
          make("td", { text: APPLIES_LABEL[a.applies] }), make("td", { text: work ? a.status : "" }),
          make("td", { text: work ? a.owner : "" }), make("td", { text: work ? a.due : "" }),
          make("td", { text: work ? a.evidence : "" }), make("td", { text: work ? a.note : "" })]);
      });
      var head = make("tr", {}, ["ID", "Criterion", "Designation", "Applies", "Status", "Owner", "Due",
                                 "Evidence kept at", "Note"].map(function (t) {
        return make("th", { scope: "col", text: t });
      }));
      el.report.appendChild(make("table", { className: "kb-sa__report-table" }, [
        make("thead", {}, [head]), make("tbody", {}, rows)]));
    }

    function renderAll() {
      el.type.value = state.entity_type;
      renderChanges();
      renderProgress();
      renderList();
      renderReport();
      var none = !state.entity_type;
      [el["export-csv"], el["export-xlsx"], el.print].forEach(function (b) { b.disabled = none; });
    }

    // ---- events -------------------------------------------------------------------------------------------
    function onEdit(event) {
      var target = event.target;
      var name = target.getAttribute("data-field");
      var box = target.closest(".kb-sa__item");
      if (!name || !box) return;
      var c = byId[box.getAttribute("data-id")];
      var a = answer(c);
      var next = { applies: a.applies, status: a.status, note: a.note, owner: a.owner, due: a.due,
                   evidence: a.evidence };
      if (name === "due" && target.value && !DATE.test(target.value)) return;
      next[name] = target.value;
      state.answers[c.id] = next;
      if (name === "applies") box.querySelector(".kb-sa__work").hidden = next.applies !== "yes";
      save();
      if (name === "applies" || name === "status") renderProgress();
      renderReport();
    }

    el.form.addEventListener("change", function (event) {
      if (event.target === el.type) {
        state.entity_type = el.type.value;
        save();
        renderAll();
      } else if (event.target !== el["import"]) {
        onEdit(event);
      }
    });
    el.form.addEventListener("input", function (event) {
      if (event.target.tagName === "TEXTAREA" || event.target.type === "text") onEdit(event);
    });
    el.form.addEventListener("submit", function (event) { event.preventDefault(); });
    el.changes.addEventListener("click", function (event) {
      if (event.target.id !== "kb-sa-reviewed") return;
      var before = { v: state.data_version, a: state.data_as_of, b: state.baseline };
      state.data_version = data.data_version;
      state.data_as_of = data.data_as_of;
      state.baseline = fingerprints();
      if (!save()) {
        state.data_version = before.v;
        state.data_as_of = before.a;
        state.baseline = before.b;
        return;
      }
      renderChanges();
      say("Marked as reviewed against data version " + data.data_version + ".");
      el.type.focus();
    });

    // ---- exports and import ------------------------------------------------------------------------------
    function stamp() { return new Date().toISOString().slice(0, 10); }

    function fileName(ext) {
      return "ctpat-self-assessment-" + (state.entity_type || "no-type").replace(/_/g, "-") + "-" + stamp() +
             "." + ext;
    }

    function download(blob, name) {
      var url = URL.createObjectURL(blob);
      var a = make("a", { href: url, download: name, className: "kb-sa__download" });
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    }

    // Text that a spreadsheet would run as a formula starts with an apostrophe (kb.html_safety.spreadsheet_safe).
    function safe(value) { return /^[=+\-@\t\r]/.test(value) ? "'" + value : value; }

    var HEADERS = ["ID", "Category", "Title", "Status for the type", "Designation counted", "Designation from",
                   "Applies to us", "Implementation status", "Owner", "Due date", "Where the evidence is kept",
                   "Note", "Link"];

    function rows() {
      var type = state.entity_type;
      return data.criteria.map(function (c) {
        var a = answer(c);
        var d = designation(c);
        var work = a.applies === "yes";
        return [c.id, c.c + ". " + categoryName[c.c], c.title, label(statusFor(c, type)),
                L.designation[d.key] || "Not known",
                d.from === "type" ? "Your entity type" : d.from === "general" ? "General designation" : "",
                APPLIES_LABEL[a.applies], work ? a.status : "", work ? a.owner : "", work ? a.due : "",
                work ? a.evidence : "", work ? a.note : "", new URL(c.href, location.href).href];
      });
    }

    function csvCell(value) {
      var v = safe(String(value));
      return /[",\r\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
    }

    function about() {
      return [["Entity type", typeName[state.entity_type] || "Not chosen"],
              ["Data version", data.data_version + " (data as of " + data.data_as_of + ")"],
              ["Saved against", state.data_version + " (data as of " + state.data_as_of + ")"],
              ["Exported", stamp()],
              ["Page", location.href.split("#")[0]],
              ["Notice", "Made with the CTPAT Security Knowledge Base's self-assessment, an independent resource " +
                         "not affiliated with CBP. Our per-entity data is partial: CBP's own document for your " +
                         "entity type is the last word."]];
    }

    el["export-csv"].addEventListener("click", function () {
      var lines = [HEADERS].concat(rows()).map(function (r) { return r.map(csvCell).join(","); });
      download(new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" }),
               fileName("csv"));
      say("Exported " + data.criteria.length + " criteria as CSV.");
    });

    el["export-json"].addEventListener("click", function () {
      download(new Blob([JSON.stringify(state, null, 2) + "\n"], { type: "application/json" }), fileName("json"));
      say("Exported your answers as JSON. Import the file here to restore them.");
    });

    var library = null;  // the XLSX writer, loaded once, on first use
    function xlsxLibrary() {
      if (!library) {
        library = new Promise(function (resolve, reject) {
          if (window.kbXlsx) { resolve(window.kbXlsx); return; }
          var script = make("script", { src: new URL(data.xlsx_library, location.href).href });
          script.addEventListener("load", function () { resolve(window.kbXlsx); });
          script.addEventListener("error", function () { library = null; reject(new Error("not loaded")); });
          document.head.appendChild(script);
        });
      }
      return library;
    }

    el["export-xlsx"].addEventListener("click", function () {
      say("Preparing the spreadsheet\u2026");
      var bold = function (t) { return { value: t, fontWeight: "bold" }; };
      var sheet = [HEADERS.map(bold)].concat(rows().map(function (r) {
        return r.map(function (v) { return { value: safe(String(v)), type: String, wrap: true }; });
      }));
      var widths = [6, 22, 36, 16, 12, 18, 12, 16, 16, 11, 28, 40, 30].map(function (w) { return { width: w }; });
      xlsxLibrary().then(function (lib) {
        return lib.xlsxBlob([
          { data: sheet, sheet: "Self-assessment", columns: widths, stickyRowsCount: 1 },
          { data: about().map(function (r) { return [bold(r[0]), { value: safe(r[1]), wrap: true }]; }),
            sheet: "About", columns: [{ width: 18 }, { width: 90 }] }]);
      }).then(function (blob) {
        download(blob, fileName("xlsx"));
        say("Exported " + data.criteria.length + " criteria as XLSX.");
      }).catch(function (e) {
        say("The spreadsheet could not be made (" + e.message + "). Try Export CSV instead.", true);
      });
    });

    el["import"].addEventListener("change", function () {
      var file = el["import"].files[0];
      if (!file) return;
      var reader = new FileReader();
      reader.addEventListener("load", function () {
        el["import"].value = "";
        importText(String(reader.result));
      });
      reader.addEventListener("error", function () {
        el["import"].value = "";
        say("The file could not be read. Nothing was imported; your saved answers are unchanged.", true);
      });
      reader.readAsText(file);
    });

    function importText(text) {
      var keep = " Nothing was imported; your saved answers are unchanged.";
      var raw;
      try {
        raw = JSON.parse(text.replace(/^\ufeff/, ""));
      } catch (e) {
        say(/^\s*[{[]/.test(text)
          ? "The file is damaged or cut short: it is not complete JSON (" + e.message + ")." + keep
          : "This is not a JSON file. Choose a file made with this page's Export JSON button." + keep, true);
        return;
      }
      var checked = validate(raw);
      if (checked.error) { say(checked.error + keep, true); return; }
      var wasBlocked = blocked;
      blocked = "";
      var problem = write(checked.state);
      if (problem) {
        blocked = wasBlocked;
        say(problem.replace("this change", "the imported answers") + " The file was not imported.", true);
        return;
      }
      state = checked.state;
      renderAll();
      say("Imported " + Object.keys(state.answers).length + " answers" +
          (state.entity_type ? " for " + typeName[state.entity_type] : "") + ".");
    }

    el.print.addEventListener("click", function () { renderReport(); window.print(); });

    el.clear.addEventListener("click", function () {
      el.confirm.hidden = false;
      el["clear-no"].focus();
    });
    el["clear-no"].addEventListener("click", function () {
      el.confirm.hidden = true;
      el.clear.focus();
    });
    el["clear-yes"].addEventListener("click", function () {
      try { window.localStorage.removeItem(KEY); } catch (e) { /* nothing was stored */ }
      blocked = "";
      state = fresh();
      el.confirm.hidden = true;
      renderAll();
      say("Cleared: nothing is saved in this browser for this page any more.");
      el.type.focus();
    });
    window.addEventListener("beforeprint", function () {
      if (document.body.contains(root)) renderReport();
    });

    var state = load();
    el.nojs.hidden = true;
    el.form.hidden = false;
    renderAll();
    if (blocked) say(blocked, true);
  }

  window.kbOnPage("kb-sa", setup);  // docs/assets/javascripts/on-page.js
})();
