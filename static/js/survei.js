// Survey, team and problem forms: a filter box above long multi-selects, and the closing fields
// of a status change shown only when the new status is "ditutup". Loaded by those pages only.
(function () {
  "use strict";

  function normalise(text) {
    return text.toLocaleLowerCase("id").normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  document.querySelectorAll("select[data-cari-pilihan]").forEach(function (select) {
    var input = document.createElement("input");
    input.type = "search";
    input.className = "form-control form-control-sm mb-1 cari-pilihan";
    input.placeholder = document.documentElement.lang === "en" ? "Type to filter…" : "Ketik untuk menyaring…";
    input.setAttribute("aria-label", input.placeholder);
    input.setAttribute("aria-controls", select.id);
    select.parentNode.insertBefore(input, select);

    var count = document.createElement("div");
    count.className = "form-text";
    count.setAttribute("aria-live", "polite");
    select.parentNode.insertBefore(count, select.nextSibling);

    var english = document.documentElement.lang === "en";

    function showSelected() {
      var names = Array.prototype.map.call(select.selectedOptions, function (option) {
        return option.text.split(" · ")[0];
      });
      var shown = names.slice(0, 8).join("; ");
      if (names.length > 8) {
        shown += (english ? "; and " : "; dan ") + (names.length - 8) + (english ? " more" : " lainnya");
      }
      count.textContent = (english ? "Selected" : "Dipilih") + " (" + names.length + ")" + (names.length ? ": " + shown : "");
    }

    // A click toggles one option without dropping the others, so nobody needs Ctrl in the field.
    select.addEventListener("mousedown", function (event) {
      var option = event.target;
      if (option.tagName !== "OPTION" || event.shiftKey) {
        return;
      }
      event.preventDefault();
      option.selected = !option.selected;
      select.focus();
      select.dispatchEvent(new Event("change", { bubbles: true }));
    });

    input.addEventListener("input", function () {
      var needle = normalise(input.value.trim());
      Array.prototype.forEach.call(select.options, function (option) {
        // Chosen options stay visible so a filter never hides what will be saved.
        option.hidden = needle !== "" && !option.selected && normalise(option.text).indexOf(needle) === -1;
      });
    });
    select.addEventListener("change", showSelected);
    showSelected();
  });

  document.querySelectorAll("select[data-status-ke]").forEach(function (select) {
    var form = select.closest("form");
    var closing = form && form.querySelector(".status-penutupan");
    if (!closing) {
      return;
    }
    function toggle() {
      var hasErrors = closing.querySelector(".is-invalid") !== null;
      closing.classList.toggle("d-none", select.value !== "ditutup" && !hasErrors);
    }
    select.addEventListener("change", toggle);
    toggle();
  });
})();
