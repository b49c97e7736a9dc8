/* FGD and priority-group forms: add formset rows, filter long choice lists, keep the
   alternatives' problem selects in step with the problems ticked, suggest targets. */
(function () {
  "use strict";

  var problemBoxes = document.querySelectorAll("#masalah-pilihan input[type=checkbox]");

  // Alternatives may only be for the problems ticked above; a choice already made stays visible
  // so that the server's message beside it still makes sense. The server writes into each row
  // only the problems ticked when the page was drawn; one ticked later is added here.
  function syncAlternatives() {
    if (!problemBoxes.length) return;
    var ticked = {};
    var order = [];
    problemBoxes.forEach(function (box) {
      if (!box.checked) return;
      var label = box.parentNode.querySelector("label");
      ticked[box.value] = label ? label.textContent : box.value;
      order.push(box.value);
    });
    document.querySelectorAll("select[data-alternatif-masalah]").forEach(function (select) {
      order.forEach(function (value) {
        if (!select.querySelector('option[value="' + value + '"]')) {
          select.add(new Option(ticked[value], value));
        }
      });
      Array.prototype.forEach.call(select.options, function (option) {
        var allowed = !option.value || ticked[option.value] || option.selected;
        option.hidden = !allowed;
        option.disabled = !allowed;
      });
    });
  }

  // <button data-formset-add="prefix">: a new row from <template id="prefix-template">.
  document.querySelectorAll("[data-formset-add]").forEach(function (button) {
    button.addEventListener("click", function () {
      var prefix = button.dataset.formsetAdd;
      var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
      var template = document.getElementById(prefix + "-template");
      var rows = document.getElementById(prefix + "-rows");
      if (!total || !template || !rows) return;
      var index = parseInt(total.value, 10);
      rows.insertAdjacentHTML("beforeend", template.innerHTML.replace(/__prefix__/g, String(index)));
      total.value = String(index + 1);
      syncAlternatives();
      var first = rows.lastElementChild &&
        rows.lastElementChild.querySelector("input:not([type=hidden]), select, textarea");
      if (first) first.focus();
    });
  });

  // <input data-saring="list-id">: filter a long list of checkboxes ([data-pilihan]) or a
  // <select>'s options by the words typed. Chosen items always stay visible.
  document.querySelectorAll("[data-saring]").forEach(function (input) {
    var list = document.getElementById(input.dataset.saring);
    if (!list) return;
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().trim();
      var items = list.tagName === "SELECT" ? list.options : list.querySelectorAll("[data-pilihan]");
      Array.prototype.forEach.call(items, function (item) {
        var box = item.tagName === "OPTION" ? null : item.querySelector("input");
        var chosen = box ? box.checked : item.selected;
        var match = !words || item.textContent.toLowerCase().indexOf(words) !== -1;
        item.hidden = !(match || chosen);
      });
    });
  });

  problemBoxes.forEach(function (box) {
    box.addEventListener("change", syncAlternatives);
  });
  syncAlternatives();

  // A restored draft (draf.js) ticks its problems without events: add their options to the rows,
  // then choose in each row the problem the draft had chosen.
  document.addEventListener("draf:dipulihkan", function (event) {
    syncAlternatives();
    var chosen = {};
    ((event.detail && event.detail.isian) || []).forEach(function (pair) {
      chosen[pair[0]] = pair[1];
    });
    document.querySelectorAll("select[data-alternatif-masalah]").forEach(function (select) {
      if (chosen[select.name] !== undefined) select.value = chosen[select.name];
    });
  });

  // Priority groups: ticking a problem also selects its target in the targets list, and the
  // targets chosen are named below the list (they may be scrolled out of sight).
  var targets = document.querySelector("select[data-sasaran-masalah]");
  var summary = document.getElementById("sasaran-terpilih");
  function summarise() {
    if (!targets || !summary) return;
    var names = Array.prototype.map.call(targets.selectedOptions, function (option) {
      return option.textContent;
    });
    summary.textContent = names.length ? summary.dataset.label + " " + names.join("; ") : "";
  }
  if (targets) {
    problemBoxes.forEach(function (box) {
      box.addEventListener("change", function () {
        if (!box.checked || !box.dataset.sasaran) return;
        var option = targets.querySelector('option[value="' + box.dataset.sasaran + '"]');
        if (option) option.selected = true;
        summarise();
      });
    });
    targets.addEventListener("change", summarise);
    summarise();
  }
})();
