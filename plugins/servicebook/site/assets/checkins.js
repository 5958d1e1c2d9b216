/* Check-ins on role pages: one person against one role, answered by themselves, their supervisor and
   both together. Check-ins stay in this browser (localStorage) unless someone exports a file.
   Answers are kept by stable identities (role and competency ids through their aliases, level
   numbers and the behaviour's words) from the framework document the site publishes
   (checkins/index.js, and checkins/<role>.js for the role of the page); data/checkin.py applies the same rules for `servicebook checkins summarise`.
   Every visible string comes from the page (data-strings), and text from files is only ever set
   with textContent or a field's value. */
(function () {
  "use strict";

  var FORMAT = "servicebook-checkin";
  var PREFIX = "servicebook:checkin:";
  var PENDING = "servicebook:checkin-pending";
  var MAX_BYTES = 5 * 1024 * 1024;
  var ANSWERS = ["not-yet", "sometimes", "consistently"];
  var VIEWS = ["self", "supervisor", "agreed"];
  var S = {};
  var DOC = null;
  var HOME = document.currentScript ? document.currentScript.src.replace(/checkins\.js([?#].*)?$/, "checkins/") : "";

  /* -- small helpers ------------------------------------------------------------------------- */

  function t(key, vars) {
    var text = Object.prototype.hasOwnProperty.call(S, key) ? S[key] : key;
    Object.keys(vars || {}).forEach(function (name) { text = text.split("{" + name + "}").join(String(vars[name])); });
    return text;
  }

  function el(tag, attrs, content) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (attrs[name] !== null && attrs[name] !== undefined) node.setAttribute(name, attrs[name]);
    });
    if (content !== undefined && content !== null) node.textContent = content;
    return node;
  }

  function svg(tag, attrs, content) {
    var node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (content !== undefined) node.textContent = content;
    return node;
  }

  function button(label, handler, extra) {
    var node = el("button", Object.assign({ type: "button", "class": "md-button" }, extra || {}), label);
    node.addEventListener("click", handler);
    return node;
  }

  function plain(words) { return String(words).replace(/\s+/g, " ").trim(); }

  function today() {
    var now = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return now.getFullYear() + "-" + two(now.getMonth() + 1) + "-" + two(now.getDate());
  }

  function newId() {
    var bytes = new Uint8Array(12);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
  }

  function answerLabel(value) { return value ? t("answer." + value) : t("answer.none"); }

  /* -- the framework: ids, aliases and behaviours ---------------------------------------------- */

  function current(section, id) {
    var items = DOC[section];
    if (Object.prototype.hasOwnProperty.call(items, id)) return id;
    var found = null;
    Object.keys(items).forEach(function (key) { if (!found && items[key].aliases.indexOf(id) !== -1) found = key; });
    return found;
  }

  function behavioursOf(rid) {
    var found = [];
    DOC.roles[rid].needs.forEach(function (need) {
      var competency = DOC.competencies[need.competency];
      var words = competency.levels[String(need.level)] || [];
      /* Answers are keyed on the framework's own words; a translated page shows its own (`shown`). */
      var shown = (competency.shown || {})[String(need.level)] || words;
      words.forEach(function (text, index) {
        found.push({ competency: need.competency, level: need.level, index: index, words: plain(text),
                     shown: plain(shown[index] || text) });
      });
    });
    return found;
  }

  /* Same rules as data/checkin.py rebase(): same competency and words → kept (same level first);
     else the same competency, level and position → changed; else gone. */
  function rebase(rid, entries) {
    var list = behavioursOf(rid);
    var claimed = [];
    var placed = [];
    var cids = entries.map(function (entry) { return current("competencies", entry.competency); });
    entries.forEach(function (entry, n) {
      var words = plain(entry.behaviour);
      var same = list.filter(function (b) { return b.competency === cids[n] && b.words === words && claimed.indexOf(b) === -1; });
      same.sort(function (a, b) { return (a.level !== entry.level) - (b.level !== entry.level); });
      if (same.length) { claimed.push(same[0]); placed[n] = { entry: entry, status: "kept", at: same[0] }; }
    });
    entries.forEach(function (entry, n) {
      if (placed[n]) return;
      var spot = list.filter(function (b) {
        return b.competency === cids[n] && b.level === entry.level && b.index === entry.index && claimed.indexOf(b) === -1;
      })[0];
      if (spot) { claimed.push(spot); placed[n] = { entry: entry, status: "changed", at: spot }; }
      else placed[n] = { entry: entry, status: "gone", at: null };
    });
    return { behaviours: list, placed: placed };
  }

  /* -- checking a file: the same limits as the JSON Schema ----------------------------------- */

  function problem(record) {
    function str(value, max, min) { return typeof value === "string" && value.length <= max && value.length >= (min || 0); }
    function only(object, keys) { return Object.keys(object).every(function (key) { return keys.indexOf(key) !== -1; }); }
    function isObject(value) { return value !== null && typeof value === "object" && !Array.isArray(value); }
    if (!isObject(record) || record.format !== FORMAT) return t("import.not-checkin");
    if (record.version !== 1) return t("import.version");
    if (!only(record, ["format", "version", "id", "framework", "role", "person", "date", "outcome", "entries"])) return t("import.shape", { field: "" });
    if (typeof record.id !== "string" || !/^[A-Za-z0-9-]{1,64}$/.test(record.id)) return t("import.shape", { field: "id" });
    if (!isObject(record.role) || !only(record.role, ["id", "name"]) || !str(record.role.id, 100, 1) ||
        (record.role.name !== undefined && !str(record.role.name, 200))) return t("import.shape", { field: "role" });
    if (record.framework !== undefined && (!isObject(record.framework) || !only(record.framework, ["title", "organisation", "version"]) ||
        !["title", "organisation", "version"].every(function (k) { return record.framework[k] === undefined || str(record.framework[k], 200); })))
      return t("import.shape", { field: "framework" });
    if (record.person !== undefined && !str(record.person, 200)) return t("import.shape", { field: "person" });
    if (typeof record.date !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(record.date)) return t("import.shape", { field: "date" });
    if (record.outcome !== undefined && !str(record.outcome, 5000)) return t("import.shape", { field: "outcome" });
    if (record.entries !== undefined && (!Array.isArray(record.entries) || record.entries.length > 5000)) return t("import.shape", { field: "entries" });
    var bad = (record.entries || []).findIndex(function (entry) {
      if (!isObject(entry) || !only(entry, ["competency", "level", "index", "behaviour"].concat(VIEWS, VIEWS.map(function (v) { return v + "_note"; })))) return true;
      if (!str(entry.competency, 100, 1) || !str(entry.behaviour, 1000, 1)) return true;
      if (!Number.isInteger(entry.level) || entry.level < 1 || entry.level > 7) return true;
      if (entry.index !== undefined && (!Number.isInteger(entry.index) || entry.index < 0 || entry.index > 100)) return true;
      return VIEWS.some(function (view) {
        var value = entry[view], note = entry[view + "_note"];
        return (value !== undefined && value !== null && ANSWERS.indexOf(value) === -1) || (note !== undefined && !str(note, 5000));
      });
    });
    if (bad !== -1) return t("import.shape", { field: "entries." + bad });
    return "";
  }

  function normalised(record) {
    return {
      format: FORMAT, version: 1, id: record.id,
      framework: Object.assign({ title: "", organisation: "", version: "" }, record.framework || {}),
      role: { id: record.role.id, name: record.role.name || "" }, person: record.person || "", date: record.date,
      outcome: record.outcome || "",
      entries: (record.entries || []).map(function (entry) {
        var copy = { competency: entry.competency, level: entry.level, index: entry.index || 0, behaviour: entry.behaviour };
        VIEWS.forEach(function (view) { copy[view] = entry[view] || null; copy[view + "_note"] = entry[view + "_note"] || ""; });
        return copy;
      })
    };
  }

  /* -- storage ---------------------------------------------------------------------------- */

  function saved() {
    var found = [];
    for (var i = 0; i < window.localStorage.length; i++) {
      var key = window.localStorage.key(i);
      if (key.indexOf(PREFIX) !== 0) continue;
      try {
        var record = JSON.parse(window.localStorage.getItem(key));
        if (!problem(record)) found.push(normalised(record));
      } catch (error) { /* a damaged entry is left alone */ }
    }
    return found;
  }

  function store(record) {
    try {
      window.localStorage.setItem(PREFIX + record.id, JSON.stringify(record));
      return true;
    } catch (error) { return false; }
  }

  function unstore(id) { try { window.localStorage.removeItem(PREFIX + id); } catch (error) { /* nothing kept */ } }

  /* -- the check-ins box on a role page ------------------------------------------------------ */

  function Box(node) {
    this.node = node;
    this.role = node.getAttribute("data-role");
    this.open = null;      /* the check-in shown */
    this.view = "self";    /* who is answering */
    this.deleted = null;   /* the last deleted check-in, for Undo */
  }

  Box.prototype.say = function (message, action) {
    var status = this.status;
    this.details.open = true;
    status.textContent = message;
    if (action) status.appendChild(action);
  };

  Box.prototype.mine = function () {
    var role = this.role;
    return saved().filter(function (record) { return current("roles", record.role.id) === role; })
      .sort(function (a, b) { return a.person.localeCompare(b.person) || (a.date < b.date ? 1 : a.date > b.date ? -1 : 0); });
  };

  Box.prototype.build = function () {
    var box = this;
    var outer = this.node;
    outer.textContent = "";
    /* Folded away for people who only read the role, open once check-ins are saved here. */
    var heading = el("h2", { id: "check-ins", "class": "sb-ci-heading" });
    var toggle = el("button", { type: "button", "class": "sb-ci-toggle", "aria-expanded": "false", "aria-controls": "sb-ci-body" },
                    t("heading"));
    heading.appendChild(toggle);
    outer.appendChild(heading);
    var node = el("div", { id: "sb-ci-body", "class": "sb-ci-box" });
    node.hidden = true;
    outer.appendChild(node);
    this.details = { set open(value) { node.hidden = !value; toggle.setAttribute("aria-expanded", String(!!value)); } };
    toggle.addEventListener("click", function () { box.details.open = node.hidden; });
    node.appendChild(el("p", { "class": "sb-ci-intro" }, t("intro")));
    var start = el("div", { "class": "sb-ci-start" });
    var nameId = "sb-ci-new-name", dateId = "sb-ci-new-date";
    var name = el("input", { id: nameId, type: "text", maxlength: "200", autocomplete: "off" });
    var date = el("input", { id: dateId, type: "date", value: today() });
    start.appendChild(field(t("new.name"), name));
    start.appendChild(field(t("new.date"), date));
    start.appendChild(button(t("new.start"), function () {
      box.start(name.value.trim(), date.value || today(), null);
      name.value = "";
    }));
    node.appendChild(start);

    var files = el("div", { "class": "sb-ci-files" });
    var input = el("input", { type: "file", id: "sb-ci-import", accept: ".json,application/json", "class": "sb-hidden" });
    var choose = el("label", { "for": "sb-ci-import", "class": "md-button sb-ci-choose" }, t("import.choose"));
    input.addEventListener("change", function () {
      if (input.files && input.files[0]) box.importFile(input.files[0]);
      input.value = "";
    });
    files.appendChild(input);
    files.appendChild(choose);
    files.appendChild(el("span", { "class": "sb-ci-drop-hint" }, t("import.drop")));
    node.appendChild(files);
    ["dragover", "dragenter"].forEach(function (type) {
      outer.addEventListener(type, function (event) { event.preventDefault(); outer.classList.add("sb-ci-dropping"); });
    });
    outer.addEventListener("dragleave", function () { outer.classList.remove("sb-ci-dropping"); });
    outer.addEventListener("drop", function (event) {
      event.preventDefault();
      outer.classList.remove("sb-ci-dropping");
      box.details.open = true;
      var file = event.dataTransfer && event.dataTransfer.files[0];
      if (file) box.importFile(file);
    });

    node.appendChild(this.againstControls());
    this.list = el("div", { "class": "sb-ci-saved" });
    node.appendChild(this.list);
    this.status = el("p", { "class": "sb-status sb-ci-status", role: "status", "aria-live": "polite" });
    node.appendChild(this.status);
    this.panel = el("section", { "class": "sb-ci-panel", "aria-labelledby": "sb-ci-title" });
    this.panel.hidden = true;
    node.appendChild(this.panel);
    this.showList();
    this.details.open = this.mine().length > 0 || window.location.hash === "#check-ins";
    outer.hidden = false;
  };

  function field(label, input) {
    var wrap = el("span", { "class": "sb-ci-field" });
    wrap.appendChild(el("label", { "for": input.id }, label));
    wrap.appendChild(input);
    return wrap;
  }

  Box.prototype.againstControls = function () {
    var box = this;
    var wrap = el("div", { "class": "sb-ci-against" });
    var select = el("select", { id: "sb-ci-against" });
    var next = DOC.roles[this.role].reports_to;
    Object.keys(DOC.roles).filter(function (rid) { return rid !== box.role; }).forEach(function (rid) {
      var option = el("option", { value: rid }, DOC.roles[rid].name);
      if (rid === next) option.selected = true;
      select.appendChild(option);
    });
    if (!select.options.length) return wrap;
    wrap.appendChild(field(t("against.label"), select));
    wrap.appendChild(button(t("against.open"), function () {
      var from = box.open, typed = document.getElementById("sb-ci-new-name");
      box.go(select.value, { start: { person: from ? from.person : typed ? typed.value.trim() : "", from: from } });
    }));
    return wrap;
  };

  Box.prototype.showList = function () {
    var box = this;
    var list = this.list;
    list.textContent = "";
    var records = this.mine();
    if (!records.length) { list.appendChild(el("p", {}, t("saved.none"))); return; }
    list.appendChild(el("p", { "class": "sb-ci-saved-title" }, t("saved.title")));
    var ul = el("ul");
    records.forEach(function (record) {
      var li = el("li");
      var label = t("saved.item", { name: record.person || t("saved.unnamed"), date: record.date });
      var open = button(label, function () { box.show(record.id); }, { "class": "md-button sb-ci-open",
        "aria-current": box.open && box.open.id === record.id ? "true" : null });
      li.appendChild(open);
      ul.appendChild(li);
    });
    list.appendChild(ul);
  };

  Box.prototype.go = function (rid, pending) {
    try { window.sessionStorage.setItem(PENDING, JSON.stringify(Object.assign({ role: rid }, pending))); }
    catch (error) { /* the other page opens without it */ }
    var here = window.location.href.split("#")[0];
    var moved = here.replace(new RegExp("/" + this.role + "(/|\\.html)([?].*)?$"), "/" + rid + "$1");
    window.location.href = moved + "#check-ins";
  };

  Box.prototype.start = function (person, date, from) {
    var record = normalised({ format: FORMAT, version: 1, id: newId(), role: { id: this.role }, person: person, date: date });
    if (from) {
      /* Against another role: what the person already shows of this one is carried over. */
      var result = rebase(this.role, from.entries);
      result.placed.forEach(function (item) {
        if (item.status === "kept") record.entries.push(Object.assign({}, item.entry, { competency: item.at.competency, level: item.at.level, index: item.at.index, behaviour: item.at.words }));
      });
    }
    this.save(record);
    this.show(record.id);
    this.say(from ? t("status.started-from", { role: from.role.name || from.role.id, count: record.entries.length }) : t("status.started"));
  };

  Box.prototype.save = function (record) {
    record.framework = { title: DOC.framework.title, organisation: DOC.framework.organisation, version: DOC.framework.version };
    record.role = { id: this.role, name: DOC.roles[this.role].name };
    if (!store(record)) this.say(t("status.storage-full"));
  };

  Box.prototype.show = function (id) {
    var found = saved().filter(function (record) { return record.id === id; })[0];
    if (!found) return;
    this.open = found;
    this.details.open = true;
    this.render();
    this.showList();
    document.getElementById("sb-ci-title").focus();
  };

  /* -- the open check-in ---------------------------------------------------------------------- */

  Box.prototype.render = function () {
    var box = this;
    var record = this.open;
    var panel = this.panel;
    panel.textContent = "";
    panel.hidden = false;
    document.body.classList.add("sb-ci-has-open");
    var result = rebase(this.role, record.entries);
    this.result = result;
    var title = t("open.title", { name: record.person || t("saved.unnamed"), date: record.date, role: DOC.roles[this.role].name });
    panel.appendChild(el("h3", { id: "sb-ci-title", tabindex: "-1" }, title));
    var meta = el("p", { "class": "sb-ci-meta" }, t("open.framework", { title: DOC.framework.title, version: DOC.framework.version }));
    panel.appendChild(meta);

    var who = el("div", { "class": "sb-ci-details" });
    var name = el("input", { id: "sb-ci-name", type: "text", value: record.person, maxlength: "200", autocomplete: "off" });
    var date = el("input", { id: "sb-ci-date", type: "date", value: record.date });
    name.addEventListener("change", function () { record.person = name.value.trim(); box.save(record); box.showList(); });
    date.addEventListener("change", function () { if (date.value) { record.date = date.value; box.save(record); box.showList(); } });
    who.appendChild(field(t("open.name"), name));
    who.appendChild(field(t("open.date"), date));
    panel.appendChild(who);

    var stage = el("fieldset", { "class": "sb-ci-stage" });
    stage.appendChild(el("legend", {}, t("stage.legend")));
    VIEWS.forEach(function (view) {
      var label = el("label");
      var input = el("input", { type: "radio", name: "sb-ci-stage", value: view });
      input.checked = box.view === view;
      input.addEventListener("change", function () {
        box.view = view;
        box.render();
        box.panel.querySelector('input[name="sb-ci-stage"][value="' + view + '"]').focus(); /* where it was */
      });
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + t("stage." + view)));
      stage.appendChild(label);
    });
    panel.appendChild(stage);

    var tools = el("p", { "class": "sb-tools sb-ci-tools" });
    tools.appendChild(button(t("tools.export-json"), function () { box.download("json"); }));
    tools.appendChild(button(t("tools.export-csv"), function () { box.download("csv"); }));
    tools.appendChild(button(t("tools.print"), function () { box.print(); }));
    tools.appendChild(button(t("tools.close"), function () { box.close(); }));
    tools.appendChild(button(t("tools.delete"), function () { box.confirmDelete(tools); }, { "class": "md-button sb-ci-delete" }));
    panel.appendChild(tools);

    this.printArea = el("div", { "class": "sb-ci-print" }); /* paper only: the sheet, then the summary */
    panel.appendChild(this.printArea);
    this.summary = el("div", { "class": "sb-ci-summary" });
    panel.appendChild(this.summary);
    this.compareBox = el("div", { "class": "sb-ci-compare" });
    panel.appendChild(this.compareBox);
    this.renderCompare();

    var byBehaviour = {};
    result.placed.forEach(function (item) { if (item.at) byBehaviour[key(item.at)] = item; });
    var lastCompetency = null, list = null, number = 0;
    result.behaviours.forEach(function (b) {
      if (b.competency !== lastCompetency) {
        lastCompetency = b.competency;
        var competency = DOC.competencies[b.competency];
        panel.appendChild(el("h4", { "class": "sb-ci-competency" }, t("open.competency", { name: competency.name, level: levelLabel(b.level) })));
        list = el("ol", { "class": "sb-ci-behaviours" });
        panel.appendChild(list);
      }
      list.appendChild(box.behaviourRow(b, byBehaviour[key(b)], number++));
    });
    var gone = result.placed.filter(function (item) { return item.status === "gone"; });
    if (gone.length) {
      panel.appendChild(el("h4", { "class": "sb-ci-gone-title" }, t("gone.title")));
      panel.appendChild(el("p", {}, t("gone.intro")));
      var goneList = el("ul", { "class": "sb-ci-gone" });
      gone.forEach(function (item) {
        var li = el("li");
        var cid = current("competencies", item.entry.competency);
        li.appendChild(el("span", { "class": "sb-ci-words" }, item.entry.behaviour));
        /* a competency this role no longer needs is not loaded: its id stands for it */
        li.appendChild(el("span", { "class": "sb-ci-where" }, " " + t("gone.where", {
          competency: cid ? DOC.competencies[cid].name : item.entry.competency, level: item.entry.level })));
        li.appendChild(answersText(item.entry));
        goneList.appendChild(li);
      });
      panel.appendChild(goneList);
    }
    var outcomeId = "sb-ci-outcome";
    var outcome = el("textarea", { id: outcomeId, rows: "3", maxlength: "5000" });
    outcome.value = record.outcome;
    outcome.addEventListener("input", function () { record.outcome = outcome.value; box.save(record); box.renderPrint(); });
    panel.appendChild(el("label", { "for": outcomeId, "class": "sb-ci-outcome-label" }, t("open.outcome")));
    panel.appendChild(outcome);
    this.renderSummary();
  };

  function key(b) { return b.competency + "\u0000" + b.level + "\u0000" + b.index; }

  function levelLabel(number) {
    var name = DOC.levels[number - 1];
    return name ? number + " · " + name : String(number);
  }

  function answersText(entry) {
    var wrap = el("span", { "class": "sb-ci-given" });
    VIEWS.forEach(function (view) {
      if (!entry[view] && !entry[view + "_note"]) return;
      var part = el("span", { "class": "sb-ci-given-" + view });
      part.appendChild(el("strong", {}, t("stage." + view) + ": "));
      part.appendChild(document.createTextNode(answerLabel(entry[view]) + (entry[view + "_note"] ? " — " + entry[view + "_note"] : "")));
      wrap.appendChild(part);
    });
    return wrap;
  }

  Box.prototype.behaviourRow = function (b, item, number) {
    var box = this;
    var li = el("li", { "class": "sb-ci-behaviour" });
    var wordsId = "sb-ci-b-" + number;
    li.appendChild(el("p", { id: wordsId, "class": "sb-ci-words" }, b.shown));
    if (item && item.status === "changed") {
      var mark = el("p", { "class": "sb-ci-changed" });
      mark.appendChild(el("strong", {}, t("changed.mark") + " "));
      mark.appendChild(document.createTextNode(t("changed.old", { words: item.entry.behaviour })));
      li.appendChild(mark);
    }
    var ref = { item: item, row: li };
    var entry = item ? item.entry : null;
    var others = el("div", { "class": "sb-ci-others" });
    if (entry) {
      var shown = Object.assign({}, entry);
      shown[this.view] = null;
      shown[this.view + "_note"] = "";
      others.appendChild(answersText(shown));
    }
    li.appendChild(others);
    var set = el("fieldset", { "class": "sb-ci-answer", "aria-describedby": wordsId });
    set.appendChild(el("legend", {}, t("answer.legend", { who: t("stage." + this.view) })));
    var current = entry ? entry[this.view] : null;
    ANSWERS.forEach(function (answer) {
      var label = el("label");
      var input = el("input", { type: "radio", name: "sb-ci-" + number, value: answer });
      input.checked = current === answer;
      input.addEventListener("change", function () { box.answer(b, ref, { value: answer }); });
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + t("answer." + answer)));
      set.appendChild(label);
    });
    li.appendChild(set);
    var noteId = "sb-ci-note-" + number;
    var note = el("textarea", { id: noteId, rows: "2", maxlength: "5000", "class": "sb-ci-note" });
    note.value = entry ? entry[this.view + "_note"] : "";
    note.addEventListener("input", function () { box.answer(b, ref, { note: note.value }); });
    var noteLabel = el("label", { "for": noteId, "class": "sb-ci-note-label" }, t("note." + this.view));
    noteLabel.appendChild(el("span", { "class": "sb-hidden" }, ": " + b.shown));
    li.appendChild(noteLabel);
    li.appendChild(note);
    return li;
  };

  /* An answer or note for the behaviour `b`. A changed behaviour takes today's words when answered again. */
  Box.prototype.answer = function (b, ref, change) {
    var record = this.open;
    if (!ref.item) {
      var entry = { competency: b.competency, level: b.level, index: b.index, behaviour: b.words,
                    self: null, self_note: "", supervisor: null, supervisor_note: "", agreed: null, agreed_note: "" };
      record.entries.push(entry);
      ref.item = { entry: entry, status: "kept", at: b };
      this.result.placed.push(ref.item);
    }
    var item = ref.item;
    item.entry.competency = b.competency;
    item.entry.level = b.level;
    item.entry.index = b.index;
    if ("value" in change) {
      item.entry[this.view] = change.value;
      item.entry.behaviour = b.words;
      if (item.status === "changed") {
        item.status = "kept";
        var mark = ref.row.querySelector(".sb-ci-changed");
        if (mark) mark.remove();
      }
    }
    if ("note" in change) item.entry[this.view + "_note"] = change.note;
    this.save(record);
    this.renderSummary();
  };

  /* -- summaries -------------------------------------------------------------------------- */

  function counts(behaviours, placed) {
    var rows = [];
    var index = {};
    behaviours.forEach(function (b) {
      if (!(b.competency in index)) {
        index[b.competency] = rows.length;
        rows.push({ competency: b.competency, level: b.level, total: 0, "not-yet": 0, sometimes: 0, consistently: 0, open: 0, differ: 0 });
      }
      rows[index[b.competency]].total++;
    });
    var seen = {};
    placed.forEach(function (item) {
      if (!item.at || seen[key(item.at)]) return;
      seen[key(item.at)] = true;
      var row = rows[index[item.at.competency]];
      var value = result(item.entry);
      if (value) row[value]++;
      if (item.entry.self && item.entry.supervisor && item.entry.self !== item.entry.supervisor) row.differ++;
    });
    rows.forEach(function (row) { row.open = row.total - row["not-yet"] - row.sometimes - row.consistently; });
    return rows;
  }

  function result(entry) { return entry.agreed || entry.supervisor || entry.self || null; }

  Box.prototype.renderSummary = function () {
    var area = this.summary;
    area.textContent = "";
    var rows = counts(this.result.behaviours, this.result.placed);
    area.appendChild(el("h4", { id: "sb-ci-summary-title" }, t("summary.title")));
    area.appendChild(el("p", { "class": "sb-ci-summary-note" }, t("summary.rule")));
    area.appendChild(chart(rows));
    area.appendChild(table(rows));
    area.appendChild(el("p", { "class": "sb-ci-summary-text" }, words(rows)));
    this.renderPrint();
  };

  var COLOURS = { "not-yet": "#b3261e", sometimes: "#9a6700", consistently: "#1a7f37", open: "#d0d7de" };
  var PARTS = ["consistently", "sometimes", "not-yet", "open"];

  function chart(rows) {
    /* One bar per competency; the names are cut to fit, and the table below gives them whole. */
    var width = 420, barW = 420, top = 50;
    var height = top;
    rows.forEach(function (row) { height += row.differ ? 68 : 50; });
    var image = svg("svg", { viewBox: "0 0 " + width + " " + height, role: "img", "aria-labelledby": "sb-ci-chart-title", "class": "sb-ci-chart", width: "100%" });
    image.appendChild(svg("title", { id: "sb-ci-chart-title" }, t("chart.title")));
    PARTS.forEach(function (part) {
      var line = part === "not-yet" || part === "open" ? 1 : 0;
      var at = (part === "sometimes" || part === "open") ? 200 : 0;
      image.appendChild(svg("rect", { x: at, y: 4 + line * 21, width: 14, height: 14, fill: COLOURS[part] }));
      image.appendChild(svg("text", { x: at + 19, y: 17 + line * 21, "font-size": "16", fill: "currentColor" }, t("answer." + (part === "open" ? "none" : part))));
    });
    var y = top;
    rows.forEach(function (row) {
      var name = DOC.competencies[row.competency].name;
      image.appendChild(svg("text", { x: 0, y: y + 15, "font-size": "16", fill: "currentColor" }, name.length > 44 ? name.slice(0, 42) + "…" : name));
      var offset = 0;
      PARTS.forEach(function (part) {
        var value = row[part];
        if (!value) return;
        var w = barW * value / row.total;
        image.appendChild(svg("rect", { x: offset, y: y + 21, width: w, height: 22, fill: COLOURS[part], stroke: "#fff", "stroke-width": "1" }));
        if (w > 18) image.appendChild(svg("text", { x: offset + w / 2, y: y + 37, "font-size": "15", "text-anchor": "middle", fill: part === "open" ? "#000" : "#fff" }, String(value)));
        offset += w;
      });
      if (row.differ) image.appendChild(svg("text", { x: 0, y: y + 61, "font-size": "14", fill: "currentColor" }, t("chart.differ", { count: row.differ })));
      y += row.differ ? 68 : 50;
    });
    return image;
  }

  function table(rows) {
    var wrap = el("div", { "class": "sb-ci-table-wrap" });
    var tableNode = el("table", { "class": "sb-ci-table" });
    tableNode.appendChild(el("caption", {}, t("table.caption")));
    var head = el("tr");
    ["table.competency", "answer.not-yet", "answer.sometimes", "answer.consistently", "answer.none", "table.differ"].forEach(function (k) {
      head.appendChild(el("th", { scope: "col" }, t(k)));
    });
    var thead = el("thead");
    thead.appendChild(head);
    tableNode.appendChild(thead);
    var body = el("tbody");
    rows.forEach(function (row) {
      var tr = el("tr");
      tr.appendChild(el("th", { scope: "row" }, DOC.competencies[row.competency].name));
      ["not-yet", "sometimes", "consistently", "open", "differ"].forEach(function (part) { tr.appendChild(el("td", {}, String(row[part]))); });
      body.appendChild(tr);
    });
    tableNode.appendChild(body);
    wrap.appendChild(tableNode);
    return wrap;
  }

  function words(rows) {
    var total = 0, done = 0, strong = [], notYet = [], differ = 0;
    rows.forEach(function (row) {
      total += row.total;
      done += row.total - row.open;
      differ += row.differ;
      var name = DOC.competencies[row.competency].name;
      if (row.total && row.consistently === row.total) strong.push(name);
      if (row["not-yet"]) notYet.push(name);
    });
    var parts = [t("words.answered", { done: done, total: total })];
    if (strong.length) parts.push(t("words.strong", { list: strong.join(", ") }));
    if (notYet.length) parts.push(t("words.not-yet", { list: notYet.join(", ") }));
    parts.push(differ ? t("words.differ", { count: differ }) : t("words.agree"));
    return parts.join(" ");
  }

  Box.prototype.renderCompare = function () {
    var box = this;
    var area = this.compareBox;
    area.textContent = "";
    var record = this.open;
    var others = this.mine().filter(function (other) {
      return other.id !== record.id && other.person.toLowerCase() === record.person.toLowerCase();
    });
    if (!others.length) return;
    var select = el("select", { id: "sb-ci-compare" });
    select.appendChild(el("option", { value: "" }, t("compare.none")));
    others.forEach(function (other) { select.appendChild(el("option", { value: other.id }, other.date)); });
    area.appendChild(field(t("compare.label"), select));
    var out = el("div", { "class": "sb-ci-compare-out" });
    area.appendChild(out);
    select.addEventListener("change", function () {
      out.textContent = "";
      var other = others.filter(function (o) { return o.id === select.value; })[0];
      if (!other) return;
      var before = rebase(box.role, other.entries), now = box.result;
      var a = counts(before.behaviours, before.placed), b = counts(now.behaviours, now.placed);
      var tableNode = el("table", { "class": "sb-ci-table" });
      tableNode.appendChild(el("caption", {}, t("compare.caption", { before: other.date, now: record.date })));
      var head = el("tr");
      ["table.competency", "compare.before", "compare.now"].forEach(function (k) {
        head.appendChild(el("th", { scope: "col" }, t(k, { before: other.date, now: record.date })));
      });
      tableNode.appendChild(head);
      b.forEach(function (row, n) {
        var tr = el("tr");
        tr.appendChild(el("th", { scope: "row" }, DOC.competencies[row.competency].name));
        tr.appendChild(el("td", {}, t("compare.cell", { count: a[n].consistently, total: a[n].total })));
        tr.appendChild(el("td", {}, t("compare.cell", { count: row.consistently, total: row.total })));
        tableNode.appendChild(tr);
      });
      out.appendChild(tableNode);
      var moved = el("ul");
      var then = {};
      before.placed.forEach(function (item) { if (item.at) then[key(item.at)] = result(item.entry); });
      now.placed.forEach(function (item) {
        if (!item.at) return;
        var was = then[key(item.at)] || null, is = result(item.entry);
        if (was !== is) moved.appendChild(el("li", {}, t("compare.moved", { words: item.at.shown, before: answerLabel(was), now: answerLabel(is) })));
      });
      if (moved.children.length) out.appendChild(moved);
    });
  };

  /* -- print, files, delete ------------------------------------------------------------------ */

  Box.prototype.renderPrint = function () {
    var area = this.printArea;
    if (!area) return;
    var record = this.open;
    area.textContent = "";
    area.appendChild(el("p", { "class": "sb-ci-print-head" }, t("print.head", {
      name: record.person || t("saved.unnamed"), date: record.date, role: DOC.roles[this.role].name,
      title: DOC.framework.title, version: DOC.framework.version })));
    var tableNode = el("table", { "class": "sb-ci-print-table" });
    var head = el("tr");
    ["print.behaviour", "stage.self", "stage.supervisor", "stage.agreed"].forEach(function (k) { head.appendChild(el("th", {}, t(k))); });
    tableNode.appendChild(head);
    var byBehaviour = {};
    this.result.placed.forEach(function (item) { if (item.at) byBehaviour[key(item.at)] = item; });
    var last = null;
    this.result.behaviours.forEach(function (b) {
      if (b.competency !== last) {
        last = b.competency;
        var group = el("tr", { "class": "sb-ci-print-group" });
        group.appendChild(el("th", { colspan: "4" }, t("open.competency", { name: DOC.competencies[b.competency].name, level: levelLabel(b.level) })));
        tableNode.appendChild(group);
      }
      var item = byBehaviour[key(b)];
      var tr = el("tr");
      tr.appendChild(el("td", {}, b.shown + (item && item.status === "changed" ? " (" + t("changed.mark") + ")" : "")));
      VIEWS.forEach(function (view) {
        var entry = item ? item.entry : null;
        tr.appendChild(el("td", {}, entry ? (entry[view] ? answerLabel(entry[view]) : "") + (entry[view + "_note"] ? " — " + entry[view + "_note"] : "") : ""));
      });
      tableNode.appendChild(tr);
    });
    area.appendChild(tableNode);
    if (record.outcome) area.appendChild(el("p", {}, t("open.outcome") + ": " + record.outcome));
  };

  Box.prototype.print = function () {
    document.body.classList.add("sb-ci-printing");
    window.addEventListener("afterprint", function done() {
      document.body.classList.remove("sb-ci-printing");
      window.removeEventListener("afterprint", done);
    });
    window.print();
  };

  function csvText(rows) {
    return rows.map(function (row) {
      return row.map(function (cell) {
        var value = String(cell === null || cell === undefined ? "" : cell);
        if (/^[=+\-@\t\r]/.test(value)) value = "'" + value; /* never a formula in a spreadsheet */
        return '"' + value.replace(/"/g, '""') + '"';
      }).join(",");
    }).join("\r\n") + "\r\n";
  }

  Box.prototype.download = function (kind) {
    var record = this.open;
    var role = DOC.roles[this.role];
    var base = "checkin-" + this.role + "-" + (record.person ? record.person.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "").toLowerCase() + "-" : "") + record.date;
    var text, type;
    if (kind === "json") {
      text = JSON.stringify(record, null, 2) + "\n";
      type = "application/json";
    } else {
      var rows = [["checkin", "name", "date", "role", "role_name", "competency", "competency_name", "level", "index", "behaviour",
                   "self", "self_note", "supervisor", "supervisor_note", "agreed", "agreed_note", "outcome", "framework", "framework_version"]];
      var byBehaviour = {};
      this.result.placed.forEach(function (item) { if (item.at) byBehaviour[key(item.at)] = item; });
      var line = function (entry, cid, level, index, words) {
        rows.push([record.id, record.person, record.date, this.role, role.name, cid, DOC.competencies[cid] ? DOC.competencies[cid].name : "",
                   level, index, words].concat(VIEWS.reduce(function (all, view) {
                     return all.concat([entry ? entry[view] || "" : "", entry ? entry[view + "_note"] : ""]);
                   }, []), [record.outcome, DOC.framework.title, DOC.framework.version]));
      }.bind(this);
      this.result.behaviours.forEach(function (b) {
        var item = byBehaviour[key(b)];
        line(item ? item.entry : null, b.competency, b.level, b.index, item ? item.entry.behaviour : b.words);
      });
      this.result.placed.forEach(function (item) {
        if (item.status === "gone") line(item.entry, item.entry.competency, item.entry.level, item.entry.index, item.entry.behaviour);
      });
      text = csvText(rows);
      type = "text/csv;charset=utf-8";
    }
    var link = el("a", { href: URL.createObjectURL(new Blob([text], { type: type })), download: base + (kind === "json" ? ".checkin.json" : ".csv") });
    document.body.appendChild(link);
    link.click();
    link.remove();
    this.say(t(kind === "json" ? "status.exported-json" : "status.exported-csv"));
  };

  Box.prototype.confirmDelete = function (tools) {
    var box = this;
    var record = this.open;
    var old = tools.querySelector(".sb-ci-confirm");
    if (old) old.remove();
    var ask = el("span", { "class": "sb-ci-confirm", role: "group", "aria-label": t("delete.ask-label") });
    ask.appendChild(el("span", {}, t("delete.ask", { name: record.person || t("saved.unnamed"), date: record.date }) + " "));
    var yes = button(t("delete.yes"), function () { box.remove(record); });
    ask.appendChild(yes);
    ask.appendChild(button(t("delete.no"), function () { ask.remove(); box.say(t("status.kept")); }));
    tools.appendChild(ask);
    yes.focus();
  };

  Box.prototype.remove = function (record) {
    var box = this;
    unstore(record.id);
    this.deleted = record;
    this.close();
    var undo = button(t("delete.undo"), function () {
      store(box.deleted);
      var id = box.deleted.id;
      box.deleted = null;
      box.show(id);
      box.say(t("status.restored"));
    }, { "class": "md-button sb-ci-undo" });
    this.say(t("status.deleted", { name: record.person || t("saved.unnamed"), date: record.date }) + " ", undo);
    undo.focus();
  };

  Box.prototype.close = function () {
    this.open = null;
    this.panel.hidden = true;
    this.panel.textContent = "";
    document.body.classList.remove("sb-ci-has-open");
    this.showList();
  };

  /* -- imports: untrusted files -------------------------------------------------------------- */

  Box.prototype.importFile = function (file) {
    var box = this;
    if (file.size > MAX_BYTES) {
      this.say(t("import.too-big", { name: file.name, size: (file.size / 1048576).toFixed(1), max: MAX_BYTES / 1048576 }) + " " + t("import.nothing"));
      return;
    }
    var reader = new FileReader();
    reader.onload = function () { box.importText(String(reader.result), file.name); };
    reader.onerror = function () { box.say(t("import.unreadable", { name: file.name }) + " " + t("import.nothing")); };
    reader.readAsText(file);
  };

  Box.prototype.importText = function (text, name) {
    var record;
    try { record = JSON.parse(text); }
    catch (error) { this.say(t("import.not-json", { name: name }) + " " + t("import.nothing")); return; }
    var wrong = problem(record);
    if (wrong) { this.say(t("import.refused", { name: name }) + " " + wrong + " " + t("import.nothing")); return; }
    record = normalised(record);
    var rid = current("roles", record.role.id);
    if (!rid) {
      this.say(t("import.unknown-role", { name: name, role: record.role.name || record.role.id }) + " " + t("import.nothing"));
      return;
    }
    if (rid !== this.role) {
      var box = this;
      var go = button(t("import.open-role", { role: DOC.roles[rid].name }), function () { box.go(rid, { record: record, file: name }); },
                      { "class": "md-button sb-ci-go" });
      this.say(t("import.other-role", { name: name, role: DOC.roles[rid].name }) + " " + t("import.nothing") + " ", go);
      return;
    }
    this.accept(record, name);
  };

  Box.prototype.accept = function (record, name) {
    var before = saved().filter(function (other) { return other.id === record.id; })[0];
    var changedFramework = record.framework.version && record.framework.version !== DOC.framework.version;
    if (!store(record)) { this.say(t("status.storage-full")); return; }
    this.show(record.id);
    var message = t(before ? "import.replaced" : "import.done", { name: name, person: record.person || t("saved.unnamed") });
    if (changedFramework) message += " " + t("import.older", { version: record.framework.version });
    var gone = this.result.placed.filter(function (p) { return p.status !== "kept"; }).length;
    if (gone) message += " " + t("import.rebased", { count: gone });
    if (before) {
      var box = this;
      var undo = button(t("delete.undo"), function () {
        store(before);
        box.show(before.id);
        box.say(t("status.restored"));
      }, { "class": "md-button sb-ci-undo" });
      this.say(message + " ", undo);
    } else {
      this.say(message);
    }
  };

  /* The notepad that came before check-ins kept one set of answers per role, keyed by a hash of
     each behaviour's words; its answers become a check-in, once. */
  function oldHash(text) {
    var h = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h.toString(36);
  }

  Box.prototype.migrate = function () {
    var key = "servicebook:assessment:" + this.role, old;
    try { old = JSON.parse(window.localStorage.getItem(key) || "null"); } catch (error) { return; }
    if (!old || typeof old.answers !== "object" || old.answers === null) return;
    var record = normalised({ format: FORMAT, version: 1, id: newId(), role: { id: this.role }, person: "", date: today() });
    behavioursOf(this.role).forEach(function (b) {
      var given = old.answers[b.competency + "/" + b.level + "/" + oldHash(b.words)];
      if (!given || typeof given !== "object") return;
      var entry = { competency: b.competency, level: b.level, index: b.index, behaviour: b.words,
                    self: ANSWERS.indexOf(given.self) !== -1 ? given.self : null, self_note: "",
                    supervisor: ANSWERS.indexOf(given.supervisor) !== -1 ? given.supervisor : null, supervisor_note: "",
                    agreed: null, agreed_note: "" };
      if (entry.self || entry.supervisor) record.entries.push(entry);
    });
    if (record.entries.length) {
      this.save(record);
      this.showList();
      this.say(t("status.migrated", { count: record.entries.length }));
    }
    try { window.localStorage.removeItem(key); } catch (error) { /* left for next time */ }
  };

  Box.prototype.pending = function () {
    var pending;
    try {
      pending = JSON.parse(window.sessionStorage.getItem(PENDING) || "null");
      window.sessionStorage.removeItem(PENDING);
    } catch (error) { return; }
    if (!pending || typeof pending !== "object" || pending.role !== this.role) return;
    if (pending.record) {
      if (problem(pending.record)) return;
      var record = normalised(pending.record);
      if (current("roles", record.role.id) === this.role) this.accept(record, typeof pending.file === "string" ? pending.file : record.id);
    } else if (pending.start) {
      var from = pending.start.from && !problem(pending.start.from) ? normalised(pending.start.from) : null;
      this.start(typeof pending.start.person === "string" ? pending.start.person.slice(0, 200) : "", today(), from);
    }
    var heading = document.getElementById("sb-ci-title") || document.getElementById("check-ins");
    if (heading) heading.scrollIntoView();
  };

  function load(src, done) {
    var script = el("script", { src: src });
    script.onload = done;
    script.onerror = function () { /* without the framework there are no check-ins on this page */ };
    document.head.appendChild(script);
  }

  /* The framework: every role's name and aliases, and this role's profile and behaviours. */
  function framework(rid, ready) {
    var waiting = 0;
    function check() {
      var index = window.servicebookCheckinIndex, role = window.servicebookCheckinRole;
      if (!index || !role || role.role !== rid || !index.roles[rid]) return;
      var roles = {};
      Object.keys(index.roles).forEach(function (id) { roles[id] = Object.assign({ needs: [] }, index.roles[id]); });
      roles[rid].needs = role.needs;
      ready({ framework: index.framework, levels: index.levels, roles: roles, competencies: role.competencies });
    }
    if (!window.servicebookCheckinIndex) { waiting++; load(HOME + "index.js", function () { if (!--waiting) check(); }); }
    if (!window.servicebookCheckinRole || window.servicebookCheckinRole.role !== rid) {
      waiting++;
      load(HOME + encodeURIComponent(rid) + ".js", function () { if (!--waiting) check(); });
    }
    if (!waiting) check();
  }

  function setup() {
    var node = document.querySelector(".sb-checkins[data-role]");
    if (!node || node.getAttribute("data-ready") || !HOME) return;
    node.setAttribute("data-ready", "1");
    try { window.localStorage.getItem(PREFIX); } catch (error) { return; } /* storage switched off */
    try { S = JSON.parse(node.getAttribute("data-strings") || "{}"); } catch (error) { S = {}; }
    framework(node.getAttribute("data-role"), function (doc) {
      DOC = doc;
      var box = new Box(node);
      box.build();
      box.migrate();
      box.pending();
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup); /* Material's instant navigation */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
