/* Self-assessment on role pages. Answers stay in this browser (localStorage) and are never sent
   anywhere. Each behaviour is keyed by its competency, level and a hash of its words, so a
   reworded behaviour starts unanswered instead of silently inheriting an old answer. */
(function () {
  "use strict";

  var ANSWERS = [["not-yet", "Not yet"], ["sometimes", "Sometimes"], ["consistently", "Consistently"]];
  var VIEWS = [["self", "You"], ["supervisor", "Supervisor"]];

  function hash(text) {
    var h = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h.toString(36);
  }

  function load(key) {
    try {
      var data = JSON.parse(window.localStorage.getItem(key) || "{}");
      return { answers: data.answers || {}, supervisor: !!data.supervisor };
    } catch (error) {
      return { answers: {}, supervisor: false };
    }
  }

  function save(key, state) {
    try {
      window.localStorage.setItem(key, JSON.stringify({ version: 1, answers: state.answers, supervisor: state.supervisor }));
    } catch (error) { /* storage switched off: answers last until the page is left */ }
  }

  function text(node) {
    var copy = node.cloneNode(true);
    copy.querySelectorAll(".headerlink, .sb-answers").forEach(function (n) { n.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function behaviours() {
    var found = [];
    document.querySelectorAll("p.sb-behaviours-intro[data-competency]").forEach(function (intro) {
      var list = intro.nextElementSibling;
      if (!list || list.tagName !== "UL") return;
      var cid = intro.getAttribute("data-competency");
      var level = intro.getAttribute("data-level");
      var heading = document.getElementById("competency-" + cid);
      list.querySelectorAll(":scope > li").forEach(function (li) {
        var words = text(li);
        found.push({ id: cid + "/" + level + "/" + hash(words), competency: heading ? text(heading) : cid,
                     level: level, words: words, li: li });
      });
    });
    return found;
  }

  function el(tag, attrs, content) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (content) node.textContent = content;
    return node;
  }

  function control(item, view, state, key, index) {
    var set = el("fieldset", { "class": "sb-answer sb-answer--" + view[0] });
    set.appendChild(el("legend", {}, view[1]));
    set.querySelector("legend").appendChild(el("span", { "class": "sb-hidden" }, ": " + item.words));
    ANSWERS.forEach(function (answer) {
      var label = el("label");
      var input = el("input", { type: "radio", name: "sb-" + view[0] + "-" + index, value: answer[0] });
      var current = (state.answers[item.id] || {})[view[0]];
      input.checked = current === answer[0];
      input.addEventListener("change", function () {
        state.answers[item.id] = state.answers[item.id] || {};
        state.answers[item.id][view[0]] = answer[0];
        save(key, state);
      });
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + answer[1]));
      set.appendChild(label);
    });
    return set;
  }

  function csv(rows) {
    return rows.map(function (row) {
      return row.map(function (cell) {
        var value = String(cell == null ? "" : cell);
        if (/^[=+\-@\t\r]/.test(value)) value = "'" + value; /* never a formula in a spreadsheet */
        return '"' + value.replace(/"/g, '""') + '"';
      }).join(",");
    }).join("\r\n") + "\r\n";
  }

  function label(value) {
    for (var i = 0; i < ANSWERS.length; i++) if (ANSWERS[i][0] === value) return ANSWERS[i][1];
    return "";
  }

  function setup() {
    var box = document.querySelector(".sb-assessment[data-role]");
    if (!box || box.getAttribute("data-ready")) return;
    box.setAttribute("data-ready", "1");
    var role = box.getAttribute("data-role");
    var key = "servicebook:assessment:" + role;
    var state = load(key);
    var items = behaviours();
    if (!items.length) return;
    var title = document.querySelector("h1");
    var roleName = title ? text(title) : role;

    items.forEach(function (item, index) {
      var answers = el("div", { "class": "sb-answers" });
      VIEWS.forEach(function (view) { answers.appendChild(control(item, view, state, key, index)); });
      item.li.appendChild(answers);
    });

    var status = el("p", { "class": "sb-status", role: "status", "aria-live": "polite" });
    var supervisor = el("button", { type: "button", "class": "md-button", "aria-pressed": String(state.supervisor) },
                        "Supervisor view");
    var download = el("button", { type: "button", "class": "md-button" }, "Download CSV");
    var print = el("button", { type: "button", "class": "md-button" }, "Print");
    var clear = el("button", { type: "button", "class": "md-button" }, "Clear answers");

    function show() {
      document.body.classList.toggle("sb-supervising", state.supervisor);
      supervisor.setAttribute("aria-pressed", String(state.supervisor));
    }
    supervisor.addEventListener("click", function () {
      state.supervisor = !state.supervisor;
      save(key, state);
      show();
      status.textContent = state.supervisor ? "A second column for the supervisor's view is shown." :
        "The supervisor's column is hidden.";
    });
    download.addEventListener("click", function () {
      var rows = [["Role", "Competency", "Level", "Behaviour", "Self-assessment", "Supervisor assessment"]];
      items.forEach(function (item) {
        var given = state.answers[item.id] || {};
        rows.push([roleName, item.competency, item.level, item.words, label(given.self), label(given.supervisor)]);
      });
      var link = el("a", { href: URL.createObjectURL(new Blob([csv(rows)], { type: "text/csv;charset=utf-8" })),
                           download: "self-assessment-" + role + ".csv" });
      document.body.appendChild(link);
      link.click();
      link.remove();
      status.textContent = "The answers were downloaded as a CSV file.";
    });
    print.addEventListener("click", function () { window.print(); });
    clear.addEventListener("click", function () {
      state.answers = {};
      save(key, state);
      document.querySelectorAll(".sb-answers input").forEach(function (input) { input.checked = false; });
      status.textContent = "All answers on this page were cleared.";
    });

    box.appendChild(el("p", {}, "Assess yourself against each behaviour below: not yet, sometimes or consistently. " +
                       "Your answers stay in this browser only; nothing is sent anywhere."));
    var tools = el("p", { "class": "sb-tools" });
    [supervisor, download, print, clear].forEach(function (button) { tools.appendChild(button); });
    box.appendChild(tools);
    box.appendChild(status);
    box.hidden = false;
    show();
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
                                  "aria-label": "Copy the address of " + (link ? text(link) : address) }, "Copy");
      button.addEventListener("click", function () {
        copy(address).then(function () {
          say("Copied " + address);
          button.textContent = "Copied";
          window.setTimeout(function () { button.textContent = "Copy"; }, 2000);
        },
                           function () { say("Copying was refused: select the address and copy it by hand."); });
      });
      node.parentNode.appendChild(button);
    });
    function say(message) {
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
    var field = el("label", { "for": "sb-matrix-role" }, "Roles whose name contains ");
    var status = el("p", { "class": "sb-status", role: "status", "aria-live": "polite" });
    var controls = el("p", { "class": "sb-filter" });
    controls.appendChild(field);
    controls.appendChild(words);
    var cluster = null;
    if (sections.length > 1) {
      cluster = el("select", { id: "sb-matrix-cluster" });
      cluster.appendChild(el("option", { value: "" }, "All clusters"));
      sections.forEach(function (section) { cluster.appendChild(el("option", { value: section.id }, section.name)); });
      controls.appendChild(el("label", { "for": "sb-matrix-cluster" }, "Cluster "));
      controls.appendChild(cluster);
    }
    function apply() {
      var wanted = words.value.trim().toLowerCase();
      var only = cluster ? cluster.value : "";
      sections.forEach(function (section) {
        section.parts.forEach(function (node) { node.hidden = !!only && section.id !== only; });
      });
      var shown = {};  /* a role has a row in every cluster's table: count it once */
      rows.forEach(function (item) {
        var match = !wanted || item.name.indexOf(wanted) !== -1;
        item.row.hidden = !match;
        if (match) shown[item.name] = true;
      });
      status.textContent = wanted ? "Roles shown: " + Object.keys(shown).length + "." : "";
    }
    /* The filter lives in the page address (?role=…&cluster=…), so a trainer can link a filtered view. */
    function remember() {
      if (!window.history || !window.history.replaceState) return;
      var query = new URLSearchParams(window.location.search);
      query.delete("role");
      query.delete("cluster");
      if (words.value.trim()) query.set("role", words.value.trim());
      if (cluster && cluster.value) query.set("cluster", cluster.value);
      var search = query.toString();
      window.history.replaceState(window.history.state, "",
        window.location.pathname + (search ? "?" + search : "") + window.location.hash);
    }
    var asked = new URLSearchParams(window.location.search);
    words.value = asked.get("role") || "";
    if (cluster && asked.get("cluster") && cluster.querySelector('option[value="' + CSS.escape(asked.get("cluster")) + '"]')) {
      cluster.value = asked.get("cluster");
    }
    words.addEventListener("input", function () { apply(); remember(); });
    if (cluster) cluster.addEventListener("change", function () { apply(); remember(); });
    box.appendChild(controls);
    box.appendChild(status);
    box.hidden = false;
    if (words.value || (cluster && cluster.value)) apply();
  }

  function start() { setup(); fillAddresses(); copyButtons(); matrixFilter(); }

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
        return starts.length === 1 ? starts[0] : null;
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
