/*
 * Tooltips for titled elements in the content, the header and the navigation, in place of Material's
 * content.tooltips (issue 12). Material builds a tooltip component for every [title] at each page load, which cost
 * 200-400 ms of throttled main-thread script on the home page (benchmarks/RESULTS.md); these listeners on the
 * document do nothing until the reader hovers or focuses a titled element. One tooltip element, with Material's
 * own markup and classes (.md-tooltip2, styled by its main stylesheet whatever the features), so it looks the same.
 *
 * A title is text: it goes in with textContent, never innerHTML, so titles are escaped once like any attribute
 * (kb/html_safety.py), and kb/hooks.py refuses to build with content.tooltips, which would read them as markup.
 * Style properties are set through the CSSOM, which the page's style-src 'self' allows (kb/csp.py).
 */
(function () {
  "use strict";
  var SCOPE = ".md-content, .md-header, .md-nav";
  var FADE = 250; // ms, as Material: time to move the pointer onto the tooltip, and its fade-out
  var tip, inner, host, title, described, dismissed, timer, frame;

  // The titled element a reader is on; the shown one while its title is moved aside (it has none then).
  function hostOf(node) {
    if (!node || !node.closest || (tip && tip.contains(node))) return null;
    var el = node.closest("[title]");
    if (host && host.contains(node) && !(el && host.contains(el))) return host;
    if (!el || !el.getAttribute("title") || el.hasAttribute("data-preview") || !el.closest(SCOPE)) return null;
    return el;
  }

  function show(el) {
    if (el !== host) hide();
    clearTimeout(timer); // a pending hide, or the removal that hide() has just planned
    if (el === host) return;
    if (!tip) {
      tip = document.createElement("div");
      tip.className = "md-tooltip2 md-tooltip2--bottom";
      tip.setAttribute("role", "tooltip");
      tip.id = "kb-tooltip";
      inner = document.createElement("div");
      inner.className = "md-tooltip2__inner md-typeset";
      tip.appendChild(inner);
    }
    host = el;
    title = el.getAttribute("title");
    described = el.getAttribute("aria-describedby");
    // Moved aside while shown, so the browser's own tooltip does not double it; put back on hide.
    el.removeAttribute("title");
    el.setAttribute("aria-describedby", tip.id);
    inner.textContent = title;
    if (tip.parentNode !== document.body) document.body.appendChild(tip);
    place();
    cancelAnimationFrame(frame);
    // On the next frame, so that the transition starts from the placed, hidden state.
    frame = requestAnimationFrame(function () {
      tip.classList.add("md-tooltip2--active");
    });
  }

  // Material's placement for role=tooltip: centred below the host, from the host's offset in the page. Again on
  // scroll and resize while shown: a host in the header stays put while the page scrolls under it.
  function place() {
    if (!host) return;
    var box = host.getBoundingClientRect();
    var style = tip.style;
    style.setProperty("--md-tooltip-host-x", box.left + window.scrollX + "px");
    style.setProperty("--md-tooltip-host-y", box.top + window.scrollY + "px");
    style.setProperty("--md-tooltip-x", box.width / 2 + "px");
    style.setProperty("--md-tooltip-y", 8 + box.height + "px");
    style.setProperty("--md-tooltip-width", inner.offsetWidth + "px");
    style.setProperty("--md-tooltip-tail", "0px");
  }

  function hide() {
    clearTimeout(timer);
    if (!host) return;
    if (!host.hasAttribute("title")) host.setAttribute("title", title);
    if (described) host.setAttribute("aria-describedby", described);
    else host.removeAttribute("aria-describedby");
    host = null;
    cancelAnimationFrame(frame);
    tip.classList.remove("md-tooltip2--active");
    // Out of the page once faded, as Material does: a hidden tooltip is not read at the end of the page.
    timer = setTimeout(function () {
      if (tip.parentNode) tip.parentNode.removeChild(tip);
    }, FADE);
  }

  function hasFocus(el) {
    return el.contains(document.activeElement);
  }

  document.addEventListener("mouseover", function (event) {
    if (host && !host.isConnected) hide();
    if (tip && tip.contains(event.target) && host) return clearTimeout(timer); // hoverable (WCAG 1.4.13)
    var el = hostOf(event.target);
    if (el && el !== dismissed) show(el);
  });

  document.addEventListener("mouseout", function (event) {
    var to = event.relatedTarget;
    if (dismissed && !(to && dismissed.contains(to))) dismissed = null;
    if (!host || (to && (host.contains(to) || tip.contains(to))) || hasFocus(host)) return;
    clearTimeout(timer);
    timer = setTimeout(hide, FADE);
  });

  document.addEventListener("focusin", function (event) {
    var el = hostOf(event.target);
    if (el) show(el);
    else if (host && !host.matches(":hover")) hide();
  });

  document.addEventListener("focusout", function (event) {
    var to = event.relatedTarget;
    if (dismissed && !(to && dismissed.contains(to))) dismissed = null;
    if (host && !(to && host.contains(to)) && !host.matches(":hover") && !tip.matches(":hover")) hide();
  });

  // Dismissible without moving the pointer or focus (WCAG 1.4.13); it stays hidden until the reader leaves.
  document.addEventListener("keydown", function (event) {
    if (host && (event.key === "Escape" || event.key === "Esc")) {
      dismissed = host;
      hide();
    }
  });

  window.addEventListener("scroll", place, { passive: true });
  window.addEventListener("resize", place);

  // Material's instant navigation swaps the page without a load event: hide on each switch.
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(hide);
})();
