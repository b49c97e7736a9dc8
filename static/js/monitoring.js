// Monitoring forms. The indicator form hides the benchmark for text indicators; the plan form adds
// the targets of sessions chosen later; the record form fills 100 % when an RTL item is marked
// done. Loaded by those pages only; the server checks everything again.
(function () {
  "use strict";

  document.querySelectorAll("select[data-tipe-indikator]").forEach(function (select) {
    var form = select.closest("form");
    var column = form && form.querySelector(".kolom-benchmark");
    if (!column) {
      return;
    }
    function toggle() {
      var hasErrors = column.querySelector(".is-invalid") !== null;
      column.classList.toggle("d-none", select.value === "teks" && !hasErrors);
    }
    select.addEventListener("change", toggle);
    toggle();
  });

  document.querySelectorAll(".tabel-progres tbody tr").forEach(function (row) {
    var status = row.querySelector("select[name$='_status']");
    var progres = row.querySelector("input[name$='_progres']");
    if (!status || !progres) {
      return;
    }
    status.addEventListener("change", function () {
      if (status.value === "selesai") {
        progres.value = "100";
      }
    });
  });

  // Plan form: when a session is added, htmx reloads the RTL choices (one fieldset per session);
  // the new session's targets are then selected among the plan's targets, as they are when the
  // form is opened from a session. Targets are only added here, never removed.
  var sasaran = document.getElementById("id_sasaran");
  if (sasaran && document.getElementById("rtl-pilihan")) {
    var seen = {};
    var sessions = function () {
      return document.querySelectorAll("#rtl-pilihan fieldset[data-bimbingan]");
    };
    sessions().forEach(function (group) {
      seen[group.dataset.bimbingan] = true;
    });
    document.body.addEventListener("htmx:afterSettle", function () {
      var changed = false;
      sessions().forEach(function (group) {
        if (seen[group.dataset.bimbingan]) {
          return;
        }
        seen[group.dataset.bimbingan] = true;
        (group.dataset.sasaran || "").split(" ").forEach(function (id) {
          var option = id ? sasaran.querySelector('option[value="' + id + '"]') : null;
          if (option && !option.selected) {
            option.selected = true;
            changed = true;
          }
        });
      });
      if (changed) {
        sasaran.dispatchEvent(new Event("change"));
      }
    });
  }
})();
