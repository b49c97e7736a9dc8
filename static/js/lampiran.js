// Evidence-file cards: ask before deleting a file. Loaded by every card, so bind only once.
(function () {
  if (window.lampiranKonfirmasiTerpasang) {
    return;
  }
  window.lampiranKonfirmasiTerpasang = true;
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-konfirmasi]")) {
      return;
    }
    if (!window.confirm(form.getAttribute("data-konfirmasi"))) {
      event.preventDefault();
    }
  });
})();
