// Field laptops (issue 6): registers the service worker, asks for persistent storage, sends forms
// marked data-antrean through the queue, keeps the navbar badge of waiting entries, and sends the
// queue on page load, when the connection returns and every half minute.
//
// A data-antrean form is sent with fetch and the header X-Antrean: 1, so the server answers JSON:
// - saved (or a duplicate of a saved one): the draft is cleared and the browser opens the record;
// - no network, or the server is down (5xx): the entry goes into the queue, the form is emptied
//   for the next entry (create forms) and gets a new kirim_id;
// - the session expired (401): the entry is queued, the user logs in and lands back on the form;
//   the queue then sends it and opens the record, or, if refused, fills the form again;
// - refused (422 invalid, 409 conflict, other 4xx): the form is submitted the ordinary way so the
//   server draws its messages beside the fields, exactly as without this script.
(function () {
  "use strict";

  var A = window.Antrean;
  if (!A) return;
  var cfg = A.cfg;
  var teks = A.teks;
  var BUKA = "lapangan:buka-setelah-kirim";
  var PERIOD = 30000;

  // --- service worker and storage ---------------------------------------------------------

  if ("serviceWorker" in navigator && cfg.sw) {
    navigator.serviceWorker.register(cfg.sw, { scope: "/" }).catch(function (error) {
      if (window.console) console.warn("service worker:", error);
    });
    navigator.serviceWorker.ready.then(function (registration) {
      if (!registration.active) return;
      // A page whose navigation started while the worker was installing is not claimed with
      // the others; without this it would work offline only from the next page on.
      if (!navigator.serviceWorker.controller) registration.active.postMessage({ jenis: "klaim" });
      if (cfg.pengguna) registration.active.postMessage({ jenis: "hangat" });
    });
  }
  if (cfg.pengguna && navigator.storage && navigator.storage.persist) {
    navigator.storage.persisted().then(function (already) {
      if (!already) navigator.storage.persist();
    });
  }

  // Pages kept for offline use belong to the user who opened them: drop them at logout, and when
  // another user (or nobody) is now logged in.
  function dropPages() {
    if (navigator.serviceWorker && navigator.serviceWorker.controller) {
      navigator.serviceWorker.controller.postMessage({ jenis: "bersihkan" });
    }
    if (window.caches) {
      caches.keys().then(function (names) {
        names.forEach(function (name) { if (name.indexOf("halaman-") === 0) caches.delete(name); });
      });
    }
  }
  var previous = localStorage.getItem("lapangan:pengguna");
  if (previous !== null && previous !== (cfg.pengguna || "")) dropPages();
  localStorage.setItem("lapangan:pengguna", cfg.pengguna || "");
  document.addEventListener("submit", function (event) {
    var action = event.target.getAttribute && event.target.getAttribute("action");
    if (action && /\/keluar\/$/.test(action)) dropPages();
  });

  // --- badge -------------------------------------------------------------------------------

  var badge = document.getElementById("jumlah-antrean");
  var navItem = document.getElementById("nav-antrean");
  var onQueuePage = location.pathname === new URL(cfg.antrean || "/", location.href).pathname;
  function refreshBadge() {
    if (!badge || !cfg.pengguna) return;
    A.semua().then(function (rows) {
      var failed = rows.some(function (e) { return e.status === "gagal"; });
      if (navItem) navItem.hidden = !rows.length && !onQueuePage;
      badge.textContent = rows.length ? String(rows.length) : "";
      badge.hidden = !rows.length;
      badge.className = "badge rounded-pill badge-notifikasi " +
        (failed ? "text-bg-danger" : "text-bg-warning");
    });
  }
  A.dengar(refreshBadge);

  // --- submitting through the queue ---------------------------------------------------------

  function setBusy(form, busy) {
    form.querySelectorAll("button[type=submit], input[type=submit]").forEach(function (b) {
      b.disabled = busy;
    });
    if (busy) form.dataset.mengirim = "1"; else delete form.dataset.mengirim;
  }

  function showQueued(form) {
    var old = form.parentNode.querySelector(".antrean-pesan");
    if (old) old.remove();
    var box = document.createElement("div");
    box.className = "alert alert-warning d-flex flex-wrap align-items-center gap-2 antrean-pesan";
    box.setAttribute("role", "status");
    box.innerHTML = '<i class="bi bi-cloud-slash" aria-hidden="true"></i> <span class="me-auto"></span>' +
      '<a class="btn btn-sm btn-outline-dark"></a>';
    box.querySelector("span").textContent = teks.antreanMasuk;
    var link = box.querySelector("a");
    link.textContent = teks.antreanLihat;
    link.href = cfg.antrean;
    form.parentNode.insertBefore(box, form);
    box.scrollIntoView({ block: "nearest" });
  }

  // Ready for the next entry: a create form is emptied; every form gets a new kirim_id, since the
  // old one now names the queued entry.
  function nextEntry(form) {
    if (/-baru$/.test(form.dataset.draf || "") || !form.dataset.draf) form.reset();
    var id = form.querySelector("input[name=kirim_id]");
    if (id) id.value = A.uuid4();
  }

  function queue(form, entry, status, alasan) {
    entry.status = status;
    entry.alasan = alasan || "";
    return A.simpan(entry).then(function () {
      if (entry.draf && window.Draf) window.Draf.hapus(entry.draf);
    });
  }

  function plainSubmit(form, submitter) {
    setBusy(form, false);
    form.dataset.antreanLewati = "1";
    if (submitter && form.requestSubmit) form.requestSubmit(submitter); else form.submit();
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-antrean]") || event.defaultPrevented) return;
    if (form.dataset.antreanLewati || !cfg.pengguna || !window.indexedDB) return;
    event.preventDefault();
    if (form.dataset.mengirim) return; // a second click while the first is on its way
    var submitter = event.submitter;
    var entry = A.dariForm(form, submitter);
    setBusy(form, true);
    if (!navigator.onLine) {
      queue(form, entry, "menunggu").then(function () {
        setBusy(form, false);
        nextEntry(form);
        showQueued(form);
      });
      return;
    }
    var csrf = form.querySelector("input[name=csrfmiddlewaretoken]");
    A.kirim(entry, csrf ? csrf.value : "").then(function (hasil) {
      if (hasil.hasil === "terkirim") {
        if (entry.draf && window.Draf) window.Draf.hapus(entry.draf);
        A.catatTerkirim(entry, hasil.url);
        location.assign(hasil.url);
      } else if (hasil.hasil === "jaringan" || hasil.hasil === "server") {
        queue(form, entry, "menunggu", hasil.alasan).then(function () {
          setBusy(form, false);
          nextEntry(form);
          showQueued(form);
        });
      } else if (hasil.hasil === "perlu-masuk") {
        queue(form, entry, "perlu-masuk", teks.antreanPerluMasuk).then(function () {
          sessionStorage.setItem(BUKA, entry.id);
          location.assign(cfg.masuk + "?next=" + encodeURIComponent(location.pathname + location.search));
        });
      } else {
        plainSubmit(form, submitter);
      }
    });
  });

  // After logging in again: the entry the user was submitting is opened when sent, or its form
  // is filled again when refused.
  A.setelahKirim(function (entry, hasil) {
    if (sessionStorage.getItem(BUKA) !== entry.id) return;
    if (hasil.hasil === "terkirim") {
      sessionStorage.removeItem(BUKA);
      location.assign(hasil.url);
    } else if (hasil.hasil === "gagal") {
      sessionStorage.removeItem(BUKA);
      if (entry.draf && window.Draf) {
        window.Draf.pulihkanNanti(entry.draf, entry.fields, entry.alasan);
        A.hapus(entry.id).then(function () { location.assign(entry.asal); });
      } else {
        location.assign(cfg.antrean);
      }
    }
  });

  // --- when to send ------------------------------------------------------------------------

  if (cfg.pengguna) {
    refreshBadge();
    A.kirimSemua();
    window.addEventListener("online", function () { A.kirimSemua(); });
    setInterval(function () { A.kirimSemua(); }, PERIOD);
  }
})();
