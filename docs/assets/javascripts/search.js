/*
 * Two small changes to Material's own search, loaded before Material's bundle (overrides/main.html):
 *
 * 1. The search index (search/search_index.json) loads when the reader first focuses the search box or opens
 *    the search (click, or the "/" and "s" keys, which focus the box), not on every page load. A link that opens
 *    the search (?q=) or highlights (?h=) loads it at once. Material asks for it with XMLHttpRequest, or, in the
 *    offline copy opened from file://, with a script element (search/search_index.js): both wait here.
 * 2. A query term shaped like a criterion ID ("5.2") also asks for that exact ID, with a boost: Material adds a
 *    trailing wildcard to every term, so without it 5.29 can outrank 5.2. The result that is that criterion is
 *    then put first, in the first group, with its group's top score: Material folds every section scoring below
 *    the top of its group into "N more on this page", so the criterion is shown whatever lunr's scores are.
 *    The suggestion never turns an ID that the results hold exactly into a longer one. (Guides that quote an ID
 *    in their own headings are kept below the criterion by the search boost in the category pages' front matter.)
 *
 * Material's search worker speaks in messages {type, data}: 2 is a query (a string), 3 its result
 * ({items, suggest}), answered in the order asked. The browser tests cover both changes, so a Material release
 * that changes this fails them.
 */
(function () {
  "use strict";

  /* ---- 1. Load the index on first use ------------------------------------------------------------------ */
  var released = false;
  var waiting = [];
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;

  function release() {
    if (released) return;
    released = true;
    waiting.splice(0).forEach(function (go) { go(); });
  }

  function isIndex(url, file) {
    return new URL(String(url), location.href).pathname.slice(-file.length - 8) === "/search/" + file;
  }
  XMLHttpRequest.prototype.open = function (method, url) {
    this.kbSearchIndex = isIndex(url, "search_index.json");
    return open.apply(this, arguments);
  };
  var head = document.head, append = head.appendChild;
  head.appendChild = function (node) {
    if (!released && node.tagName === "SCRIPT" && isIndex(node.src, "search_index.js")) {
      waiting.push(function () { append.call(head, node); });
      return node;
    }
    return append.apply(head, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var xhr = this, args = arguments;
    if (xhr.kbSearchIndex && !released) {
      waiting.push(function () { send.apply(xhr, args); });
      return undefined;
    }
    return send.apply(xhr, args);
  };

  function opensSearch(event) {
    var el = event.target;
    if (el && el.matches && el.matches("[data-md-component=search-query], #__search")) release();
  }
  document.addEventListener("focusin", opensSearch);
  document.addEventListener("change", opensSearch);
  var params = new URLSearchParams(location.search);
  if (params.has("q") || params.has("h")) release();

  /* ---- 2. Criterion IDs first ---------------------------------------------------------------------------- */
  var QUERY = 2, RESULT = 3, BOOST = 10;
  var CRITERION_ID = /^\d{1,2}\.\d{1,2}$/;
  var NativeWorker = window.Worker;
  if (!NativeWorker) return;

  function withExactIds(query) {
    return query.split(/\s+/).map(function (term) {
      return CRITERION_ID.test(term) ? term + "^" + BOOST + " " + term : term;
    }).join(" ");
  }

  function isCriterion(item, id) {
    var anchor = "#criterion-" + id.replace(/\./g, "-");
    return item.location.slice(-anchor.length) === anchor;
  }

  // The index of the result group (one page) holding the criterion, or -1.
  function groupOf(items, id) {
    return items.findIndex(function (group) {
      return group.some(function (item) { return isCriterion(item, id); });
    });
  }

  // The group holding the criterion goes first, and the criterion first in it with the group's top score.
  function promote(items, id) {
    var at = groupOf(items, id);
    if (at < 0) return items;
    var group = items[at].slice();
    var top = Math.max.apply(null, group.map(function (item) { return item.score; }));
    var i = group.findIndex(function (item) { return isCriterion(item, id); });
    var hit = Object.assign({}, group.splice(i, 1)[0], { score: top });
    var rest = items.slice(0, at).concat(items.slice(at + 1));
    return [[hit].concat(group)].concat(rest);
  }

  function fixResult(query, data) {
    if (!data || !Array.isArray(data.items)) return data;
    var terms = query.trim().split(/\s+/);
    var ids = terms.filter(function (term) { return CRITERION_ID.test(term); });
    var items = ids.reduceRight(promote, data.items);
    var result = Object.assign({}, data, { items: items });
    var last = terms[terms.length - 1];
    if (data.suggest && CRITERION_ID.test(last) && groupOf(items, last) >= 0) result.suggest = [];
    return result;
  }

  window.Worker = function (url, options) {
    var worker = new NativeWorker(url, options);
    var asked = [];
    var post = worker.postMessage;
    var add = worker.addEventListener;
    var remove = worker.removeEventListener;
    var wrapped = new Map();
    var answers = new WeakMap();  // one answer per result, however many listeners read it

    function answer(event) {
      if (!answers.has(event)) {
        var query = asked.length ? asked.shift() : "";
        answers.set(event, new MessageEvent("message", {
          data: { type: RESULT, data: fixResult(query, event.data.data) }
        }));
      }
      return answers.get(event);
    }
    worker.postMessage = function (message) {
      if (message && message.type === QUERY && typeof message.data === "string") {
        asked.push(message.data);
        arguments[0] = { type: QUERY, data: withExactIds(message.data) };
      }
      return post.apply(worker, arguments);
    };
    worker.addEventListener = function (type, listener, opts) {
      if (type !== "message" || typeof listener !== "function")
        return add.apply(worker, arguments);
      var inner = function (event) {
        var message = event.data;
        if (!message || message.type !== RESULT) return listener.call(this, event);
        return listener.call(this, answer(event));
      };
      wrapped.set(listener, inner);
      return add.call(worker, type, inner, opts);
    };
    worker.removeEventListener = function (type, listener, opts) {
      return remove.call(worker, type, wrapped.get(listener) || listener, opts);
    };
    return worker;
  };
  window.Worker.prototype = NativeWorker.prototype;
})();
