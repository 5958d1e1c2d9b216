/* servicebook preview (`mkdocs serve` only): while the saved data has problems, every page shows
   them in a banner above its content, as text. The server writes preview.json beside this script
   after each build; the page reloads after each build, so the banner comes and goes with the data. */
(function () {
  "use strict";

  var script = document.currentScript;
  var base = script ? script.src.replace(/preview\.js(\?.*)?$/, "") : "";

  function banner(data) {
    var box = document.createElement("div");
    box.className = "sb-preview-problems";
    box.setAttribute("role", "alert");
    var title = document.createElement("p");
    title.className = "sb-preview-problems__title";
    title.textContent = data.title;
    box.appendChild(title);
    var list = document.createElement("ul");
    data.problems.forEach(function (problem) {
      var item = document.createElement("li");
      item.textContent = problem;
      list.appendChild(item);
    });
    box.appendChild(list);
    if (data.hint) {
      var hint = document.createElement("p");
      hint.textContent = data.hint;
      box.appendChild(hint);
    }
    return box;
  }

  function show() {
    if (!base || !window.fetch) return;
    window.fetch(base + "preview.json", { cache: "no-store" })
      .then(function (response) { return response.ok ? response.json() : { problems: [] }; })
      .then(function (data) {
        document.querySelectorAll(".sb-preview-problems").forEach(function (node) { node.remove(); });
        if (!data.problems || !data.problems.length) return;
        var place = document.querySelector(".md-content__inner") || document.body;
        place.insertBefore(banner(data), place.firstChild);
      })
      .catch(function () { /* no status: nothing to say */ });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(show);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", show);
  } else {
    show();
  }
})();
