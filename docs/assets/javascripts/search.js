/*
 * Two small changes to Material's own search, loaded before Material's bundle (overrides/main.html):
 *
 * 1. The search index (search/search_index.json) loads when the reader first focuses the search box or opens
 *    the search, not on every page load. A link that opens the search (?q=) or highlights (?h=) loads it at once.
 * 2. A query term shaped like a criterion ID ("5.2") also asks for that exact ID, with a boost: Material adds a
 *    trailing wildcard to every term, so without it 5.29 can outrank 5.2. The suggestion never turns an ID that
 *    the results hold exactly into a longer one. (Guides that quote an ID in their own headings are kept below
 *    the criterion by the search boost in the category pages' front matter.)
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

  XMLHttpRequest.prototype.open = function (method, url) {
    this.kbSearchIndex = /\/search\/search_index\.json$/.test(new URL(String(url), location.href).pathname);
    return open.apply(this, arguments);
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

  function holds(items, id) {
    var anchor = "#criterion-" + id.replace(/\./g, "-");
    return items.some(function (group) {
      return group.some(function (item) { return item.location.slice(-anchor.length) === anchor; });
    });
  }

  function fixSuggestion(query, data) {
    var terms = query.trim().split(/\s+/);
    var last = terms[terms.length - 1];
    if (data && data.suggest && CRITERION_ID.test(last) && holds(data.items, last))
      return { items: data.items, suggest: [] };
    return data;
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
          data: { type: RESULT, data: fixSuggestion(query, event.data.data) }
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
