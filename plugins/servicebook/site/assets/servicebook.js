/* servicebook: small helpers for the generated pages (check-ins are in checkins.js).
   Every word it shows comes from the page (script.sb-strings, in the page's language); English
   is the fallback for a page that carries none. */
(function () {
  "use strict";

  var ENGLISH = {
    "copy": "Copy",
    "copy.label": "Copy the address of {name}",
    "copied": "Copied",
    "copied.status": "Copied {address}",
    "copy.refused": "Copying was refused: select the address and copy it by hand.",
    "filter.roles": "Roles whose name contains",
    "filter.cluster": "Cluster",
    "filter.all-clusters": "All clusters",
    "filter.shown": "Roles shown: {count}."
  };

  function say(key, values) {
    /* Read on every call: with Material's instant navigation the page, and its block, change without a reload. */
    var block = document.querySelector("script.sb-strings");
    var page = {};
    try { page = block ? JSON.parse(block.textContent) || {} : {}; } catch (error) { page = {}; }
    var words = typeof page[key] === "string" ? page[key] : ENGLISH[key];
    return words.replace(/\{(\w+)\}/g, function (all, name) {
      return values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
    });
  }

  function text(node) {
    var copy = node.cloneNode(true);
    copy.querySelectorAll(".headerlink").forEach(function (n) { n.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function el(tag, attrs, content) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (content) node.textContent = content;
    return node;
  }

  function fillAddresses() {
    /* Printed handouts name the page's full address; without a site_url it is only known here. */
    document.querySelectorAll(".sb-address:empty").forEach(function (node) {
      /* A poster names the page it stands for, given by a link on the poster. */
      var from = node.getAttribute("data-from");
      var link = from ? document.querySelector(from) : null;
      node.textContent = link ? link.href.split("#")[0] : window.location.href.split("#")[0];
    });
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    /* Pages opened from a file or over plain http: copy through a selected, hidden text field. */
    var field = el("textarea", { readonly: "", "class": "sb-hidden" });
    field.value = text;
    document.body.appendChild(field);
    field.select();
    var done = document.execCommand("copy");
    field.remove();
    return done ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function copyButtons() {
    /* Workshop links: each address gets a copy button; without a site_url the address is this site's. */
    var status = null;
    document.querySelectorAll(".sb-link").forEach(function (node) {
      if (node.getAttribute("data-ready")) return;
      node.setAttribute("data-ready", "1");
      var row = node.closest("tr");
      var link = row && row.querySelector("a[href]");
      if (!node.textContent.trim() && link) node.textContent = link.href.split("#")[0];
      var address = node.textContent.trim();
      var button = el("button", { type: "button", "class": "md-button sb-copy",
                                  "aria-label": say("copy.label", { name: link ? text(link) : address }) }, say("copy"));
      button.addEventListener("click", function () {
        copy(address).then(function () {
          tell(say("copied.status", { address: address }));
          button.textContent = say("copied");
          window.setTimeout(function () { button.textContent = say("copy"); }, 2000);
        },
                           function () { tell(say("copy.refused")); });
      });
      node.parentNode.appendChild(button);
    });
    function tell(message) {
      if (!status) {
        status = el("p", { "class": "sb-status sb-copy-status", role: "status", "aria-live": "polite" });
        var title = document.querySelector("h1");
        if (title) title.parentNode.insertBefore(status, title.nextSibling);
      }
      status.textContent = message;
    }
  }

  function matrixFilter() {
    /* The matrix: show only the roles whose name holds the words typed, and one cluster or all. */
    var box = document.querySelector(".sb-matrix-filter");
    if (!box || box.getAttribute("data-ready")) return;
    box.setAttribute("data-ready", "1");
    var sections = [];
    document.querySelectorAll("h2[id^='cluster-']").forEach(function (heading) {
      var parts = [heading];
      for (var node = heading.nextElementSibling; node && node.tagName !== "H2"; node = node.nextElementSibling) {
        parts.push(node);
      }
      sections.push({ id: heading.id, name: text(heading), parts: parts });
    });
    var rows = [];
    document.querySelectorAll(".sb-matrix-filter ~ * tbody tr").forEach(function (row) {
      if (row.cells.length) rows.push({ row: row, name: text(row.cells[0]).toLowerCase() });
    });
    var words = el("input", { type: "search", id: "sb-matrix-role", autocomplete: "off" });
    var field = el("label", { "for": "sb-matrix-role" }, say("filter.roles") + " ");
    var status = el("p", { "class": "sb-status", role: "status", "aria-live": "polite" });
    var controls = el("p", { "class": "sb-filter" });
    controls.appendChild(field);
    controls.appendChild(words);
    var cluster = null;
    if (sections.length > 1) {
      cluster = el("select", { id: "sb-matrix-cluster" });
      cluster.appendChild(el("option", { value: "" }, say("filter.all-clusters")));
      sections.forEach(function (section) { cluster.appendChild(el("option", { value: section.id }, section.name)); });
      controls.appendChild(el("label", { "for": "sb-matrix-cluster" }, say("filter.cluster") + " "));
      controls.appendChild(cluster);
    }
    var group = staffGroups(controls, rows);
    sections.forEach(function (section) {
      section.rows = [];
      section.parts.forEach(function (node) {
        node.querySelectorAll("tbody tr").forEach(function (row) { section.rows.push(row); });
      });
    });
    function apply() {
      var wanted = words.value.trim().toLowerCase();
      var only = cluster ? cluster.value : "";
      var inGroup = group ? group.value : "";
      var shown = {};  /* a role has a row in every cluster's table: count it once */
      rows.forEach(function (item) {
        var match = (!wanted || item.name.indexOf(wanted) !== -1) && (!inGroup || item.group === inGroup);
        item.row.hidden = !match;
        if (match) shown[item.name] = true;
      });
      /* A cluster's table with no role left in it goes too, rather than stand as a bare heading row. */
      sections.forEach(function (section) {
        var empty = (wanted || inGroup) && !section.rows.some(function (row) { return !row.hidden; });
        section.parts.forEach(function (node) { node.hidden = (!!only && section.id !== only) || !!empty; });
      });
      status.textContent = wanted || inGroup ? say("filter.shown", { count: Object.keys(shown).length }) : "";
    }
    /* The filter lives in the page address (?role=…&cluster=…&group=…), so a trainer can link a filtered view. */
    function remember() {
      if (!window.history || !window.history.replaceState) return;
      var query = new URLSearchParams(window.location.search);
      query.delete("role");
      query.delete("cluster");
      query.delete("group");
      if (words.value.trim()) query.set("role", words.value.trim());
      if (cluster && cluster.value) query.set("cluster", cluster.value);
      if (group && group.value) query.set("group", group.value);
      var search = query.toString();
      window.history.replaceState(window.history.state, "",
        window.location.pathname + (search ? "?" + search : "") + window.location.hash);
    }
    var asked = new URLSearchParams(window.location.search);
    words.value = asked.get("role") || "";
    if (cluster && asked.get("cluster") && cluster.querySelector('option[value="' + CSS.escape(asked.get("cluster")) + '"]')) {
      cluster.value = asked.get("cluster");
    }
    if (group && asked.get("group") && group.querySelector('option[value="' + CSS.escape(asked.get("group")) + '"]')) {
      group.value = asked.get("group");
    }
    words.addEventListener("input", function () { apply(); remember(); });
    if (cluster) cluster.addEventListener("change", function () { apply(); remember(); });
    if (group) group.addEventListener("change", function () { apply(); remember(); });
    box.appendChild(controls);
    box.appendChild(status);
    box.hidden = false;
    if (words.value || (cluster && cluster.value) || (group && group.value)) apply();
  }

  function staffGroups(controls, rows) {
    /* Format 1.1: a choice of staff group, when the page says which group each role is in. */
    var block = document.querySelector("script.sb-role-groups");
    if (!block) return null;
    var data = JSON.parse(block.textContent);
    rows.forEach(function (item) {
      var link = item.row.cells[0].querySelector("a");
      var found = link && /roles\/([a-z0-9-]+)(?:\/|\.html|$)/.exec(link.getAttribute("href"));
      item.group = found ? data.roles[found[1]] || "" : "";
    });
    var select = el("select", { id: "sb-matrix-group" });
    select.appendChild(el("option", { value: "" }, data.all));
    data.groups.forEach(function (group) { select.appendChild(el("option", { value: group.id }, group.name)); });
    controls.appendChild(el("label", { "for": "sb-matrix-group" }, data.label + " "));
    controls.appendChild(select);
    return select;
  }

  function groupFilter() {
    /* The roles index under staff groups: show one group or all. */
    var box = document.querySelector(".sb-group-filter");
    if (!box || box.getAttribute("data-ready")) return;
    box.setAttribute("data-ready", "1");
    var sections = [];
    document.querySelectorAll("h2[id^='group-']").forEach(function (heading) {
      var parts = [heading];
      for (var node = heading.nextElementSibling; node && node.tagName !== "H2"; node = node.nextElementSibling) {
        parts.push(node);
      }
      sections.push({ id: heading.id, name: text(heading), parts: parts });
    });
    if (sections.length < 2) return;
    var select = el("select", { id: "sb-group-choice" });
    select.appendChild(el("option", { value: "" }, box.getAttribute("data-all")));
    sections.forEach(function (section) { select.appendChild(el("option", { value: section.id }, section.name)); });
    var controls = el("p", { "class": "sb-filter" });
    controls.appendChild(el("label", { "for": "sb-group-choice" }, box.getAttribute("data-label") + " "));
    controls.appendChild(select);
    select.addEventListener("change", function () {
      sections.forEach(function (section) {
        section.parts.forEach(function (node) { node.hidden = !!select.value && section.id !== select.value; });
      });
    });
    box.appendChild(controls);
    box.hidden = false;
  }

  function sameLanguagePage() {
    /* The language switcher's links already lead to this page in each language. Material's own
       click handler would replace them with the language's home page whenever its sitemap lists
       the page under another address (a preview on another port, a copy on another host). */
    document.querySelectorAll("a.sb-language").forEach(function (link) {
      link.addEventListener("click", function (event) { event.stopPropagation(); });
    });
  }

  function searchOnInput() {
    /* Material searches when a key is released. Text that arrives otherwise (Chinese or Japanese
       typed through an input method, pasted with the mouse, filled in by the browser) releases no
       key, and the box showed no results; each change of its text now counts as one. */
    var box = document.querySelector("input.md-search__input");
    if (!box || box.getAttribute("data-sb-input")) { return; }
    box.setAttribute("data-sb-input", "");
    box.addEventListener("input", function () { box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true })); });
  }

  function start() {
    fillAddresses(); copyButtons(); matrixFilter(); groupFilter(); sameLanguagePage(); searchOnInput();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start); /* Material's instant navigation */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

/* ---- Role finder (issue 12) ----------------------------------------------------------------
   A page that holds <!-- servicebook:role-finder --> gets a field listing every role's name:
   picking or typing one opens that role's page. Its messages are read from the page. */
(function () {
  "use strict";

  function finder() {
    document.querySelectorAll("form.sb-role-finder:not([data-ready])").forEach(function (form) {
      form.setAttribute("data-ready", "1");
      var input = form.querySelector("input");
      var status = form.querySelector(".sb-status");
      var options = Array.prototype.slice.call(form.querySelectorAll("datalist option"));
      function find(words) {
        var wanted = words.trim().toLowerCase();
        if (!wanted) return null;
        var exact = options.filter(function (option) { return option.value.toLowerCase() === wanted; });
        if (exact.length) return exact[0];
        var starts = options.filter(function (option) { return option.value.toLowerCase().indexOf(wanted) === 0; });
        if (starts.length) return starts.length === 1 ? starts[0] : null;
        /* "officer" finds "Frontline officer" when no other role has the word in its name */
        var holds = options.filter(function (option) { return option.value.toLowerCase().indexOf(wanted) !== -1; });
        return holds.length === 1 ? holds[0] : null;
      }
      function open(option) { window.location.href = option.getAttribute("data-href"); }
      input.addEventListener("change", function () {
        var option = find(input.value);
        if (option && option.value.toLowerCase() === input.value.trim().toLowerCase()) open(option);
      });
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var option = find(input.value);
        if (option) open(option);
        else status.textContent = form.getAttribute("data-missing");
      });
      form.hidden = false;
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(finder);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", finder);
  } else {
    finder();
  }
})();
