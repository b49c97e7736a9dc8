// The "Antrean kiriman" page: lists this user's queued entries (waiting, waiting for a login,
// failed with the reason) and the last ones sent, with retry / fix in the form / delete. The list
// redraws whenever the queue changes, in this tab or another.
(function () {
  "use strict";

  var A = window.Antrean;
  if (!A) return;
  var teks = A.teks;
  var body = document.getElementById("antrean-baris");
  var others = document.getElementById("antrean-lain");
  var connection = document.getElementById("antrean-koneksi");
  var storage = document.getElementById("antrean-penyimpanan");
  var offlineNote = document.getElementById("antrean-luring");
  var when = new Intl.DateTimeFormat(document.documentElement.lang || "id", {
    dateStyle: "medium", timeStyle: "short",
  });

  // The service worker answers a page it has no copy of with this one: say so.
  if (location.pathname !== new URL(A.cfg.antrean, location.href).pathname) {
    offlineNote.textContent = teks.antreanLuring;
    offlineNote.hidden = false;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function state(entry) {
    if (A.sedang() === entry.id) return ["text-bg-info", teks.antreanMengirim];
    if (entry.status === "gagal") return ["text-bg-danger", teks.antreanGagal];
    if (entry.status === "perlu-masuk") return ["text-bg-secondary", teks.antreanPerluMasuk];
    return ["text-bg-warning", teks.antreanMenunggu];
  }

  function button(label, kind, icon, onClick) {
    var b = el("button", "btn btn-sm " + kind);
    b.type = "button";
    b.innerHTML = '<i class="bi ' + icon + '" aria-hidden="true"></i> ';
    b.appendChild(document.createTextNode(label));
    b.addEventListener("click", onClick);
    return b;
  }

  function row(entry) {
    var tr = el("tr");
    tr.dataset.kirimId = entry.id;
    var what = el("td");
    what.appendChild(el("div", "fw-medium", entry.judul));
    what.appendChild(el("div", "small text-body-secondary text-break", entry.url));
    tr.appendChild(what);
    tr.appendChild(el("td", "small text-nowrap", when.format(new Date(entry.dibuat))));
    var status = el("td");
    var look = state(entry);
    status.appendChild(el("span", "badge " + look[0], look[1]));
    if (entry.alasan && entry.status !== "perlu-masuk") {
      status.appendChild(el("div", "small mt-1 antrean-alasan", entry.alasan));
    }
    if (entry.status === "perlu-masuk") {
      var login = el("a", "small d-block mt-1", teks.antreanMasukKembali);
      login.href = A.cfg.masuk + "?next=" + encodeURIComponent(A.cfg.antrean);
      status.appendChild(login);
    }
    tr.appendChild(status);
    var actions = el("td", "text-end text-nowrap");
    actions.appendChild(button(teks.antreanKirimUlang, "btn-outline-primary", "bi-arrow-repeat",
      function () { A.ulang(entry.id); }));
    if (entry.status === "gagal" && entry.draf && window.Draf) {
      actions.appendChild(document.createTextNode(" "));
      actions.appendChild(button(teks.antreanPerbaiki, "btn-outline-secondary", "bi-pencil",
        function () {
          window.Draf.pulihkanNanti(entry.draf, entry.fields, entry.alasan);
          A.hapus(entry.id).then(function () { location.assign(entry.asal); });
        }));
    }
    actions.appendChild(document.createTextNode(" "));
    actions.appendChild(button(teks.antreanHapus, "btn-outline-danger", "bi-trash", function () {
      if (window.confirm(teks.antreanHapusTanya)) A.hapus(entry.id);
    }));
    tr.appendChild(actions);
    return tr;
  }

  function sentRow(item) {
    var tr = el("tr", "text-body-secondary");
    var what = el("td");
    what.appendChild(el("div", "", item.judul));
    tr.appendChild(what);
    tr.appendChild(el("td", "small text-nowrap", when.format(new Date(item.waktu))));
    var status = el("td");
    status.appendChild(el("span", "badge text-bg-success", teks.antreanTerkirim));
    tr.appendChild(status);
    var actions = el("td", "text-end");
    if (item.url) {
      var open = el("a", "btn btn-sm btn-outline-success", teks.antreanBuka);
      open.href = item.url;
      actions.appendChild(open);
    }
    tr.appendChild(actions);
    return tr;
  }

  function draw() {
    A.semuaEntri().then(function (all) {
      var mine = all.filter(function (e) { return e.pengguna === A.cfg.pengguna; });
      body.innerHTML = "";
      mine.forEach(function (entry) { body.appendChild(row(entry)); });
      if (!mine.length) {
        var empty = el("tr");
        var cell = el("td", "text-body-secondary small", teks.antreanKosong);
        cell.colSpan = 4;
        empty.appendChild(cell);
        body.appendChild(empty);
      }
      A.terkirim().slice(0, 10).forEach(function (item) { body.appendChild(sentRow(item)); });
      var foreign = all.length - mine.length;
      others.hidden = !foreign;
      others.textContent = foreign ? A.format(teks.antreanLainPengguna, { n: foreign }) : "";
    });
    connection.textContent = navigator.onLine ? teks.koneksiDaring : teks.koneksiLuring;
    connection.className = "badge " + (navigator.onLine ? "text-bg-success" : "text-bg-secondary");
  }

  if (navigator.storage && navigator.storage.persisted) {
    navigator.storage.persisted().then(function (kept) {
      storage.textContent = kept ? teks.penyimpananTetap : teks.penyimpananSementara;
    });
  }
  document.getElementById("antrean-kirim-semua").addEventListener("click", function () {
    A.kirimSemua().then(draw);
  });
  A.dengar(draw);
  window.addEventListener("online", draw);
  window.addEventListener("offline", draw);
  draw();
})();
