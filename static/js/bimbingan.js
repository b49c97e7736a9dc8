// Guidance session form (§5): add participant rows, keep "mewakili" in step with the targets
// chosen, show only the chosen team's facilitators, open the details of a ticked problem, and
// tick an alternative as presented when it is chosen. The problem cards are redrawn by htmx, so
// their events are handled on the document. Loaded by the session form only.
(function () {
  "use strict";

  var targetSelect = document.querySelector("[data-sasaran-sesi]");
  var teamSelect = document.querySelector("[data-tim-sesi]");

  function targetName(option) {
    // Labels read "Name · Kind, Province"; the participant rows need the name only.
    return option.text.split(" · ")[0];
  }

  // Participants represent one of the session's targets: offer those chosen above.
  function syncRepresented(scope) {
    if (!targetSelect) return;
    var chosen = Array.prototype.filter.call(targetSelect.options, function (o) {
      return o.selected && o.value;
    });
    (scope || document).querySelectorAll("select[data-mewakili]").forEach(function (select) {
      var current = select.value;
      var emptyLabel = select.options.length ? select.options[0].text : "";
      var keep = chosen.some(function (o) { return o.value === current; });
      select.innerHTML = "";
      select.add(new Option(emptyLabel, ""));
      chosen.forEach(function (o) {
        select.add(new Option(targetName(o), o.value, false, keep && o.value === current));
      });
    });
  }

  // Facilitators are members of the team that holds the session.
  function syncFacilitators() {
    if (!teamSelect) return;
    var team = teamSelect.value;
    document.querySelectorAll("input[name=fasilitator][data-tim]").forEach(function (box) {
      var teams = (box.dataset.tim || "").split(" ");
      var member = !team || teams.indexOf(team) !== -1;
      var wrapper = box.closest(".form-check") || box.parentElement;
      wrapper.hidden = !member;
      if (!member) box.checked = false;
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
      var row = rows.lastElementChild;
      syncRepresented(row);
      var first = row && row.querySelector("input:not([type=hidden]), select, textarea");
      if (first) first.focus();
    });
  });

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches("input[data-masalah-pilih]")) {
      var details = document.getElementById(target.dataset.masalahPilih);
      if (details) details.classList.toggle("d-none", !target.checked);
      return;
    }
    // Choosing an alternative ticks it as presented: only a presented one can be chosen.
    if (target.matches(".masalah-rinci select[name$='-alternatif_dipilih']")) {
      var card = target.closest(".masalah-rinci");
      var box = card && card.querySelector(
        "input[name$='-alternatif_disajikan'][value='" + target.value + "']"
      );
      if (box) box.checked = true;
    }
  });

  if (targetSelect) targetSelect.addEventListener("change", function () { syncRepresented(); });
  if (teamSelect) teamSelect.addEventListener("change", syncFacilitators);
  syncFacilitators();
})();
