// The offline queue (issue 6): submissions of forms marked data-antrean that could not reach the
// server are kept in IndexedDB (fields, evidence files as Blobs, kirim_id, address, time) and sent
// later, each exactly once:
// - the entry's key is its kirim_id, the UUID the server deduplicates on, so a resend after a lost
//   answer is recognised by the server as the same submission;
// - only one tab sends at a time (Web Locks), and it re-reads each entry just before sending it,
//   so an entry another tab has already sent (and deleted) is not sent again;
// - tabs tell each other about changes over a BroadcastChannel, to keep their badges right.
// Loaded on every page by base.html; lapangan.js and antrean-halaman.js use window.Antrean.
(function () {
  "use strict";

  var meta = document.querySelector("meta[name=lapangan]");
  var cfg = meta ? meta.dataset : {};
  var teksEl = document.getElementById("lapangan-teks");
  var teks = teksEl ? JSON.parse(teksEl.textContent) : {};
  var DB_NAME = "lapangan";
  var STORE = "antrean";
  var LOCK = "lapangan-antrean";
  var TERKIRIM_MAX = 20;
  var channel = "BroadcastChannel" in window ? new BroadcastChannel("lapangan-antrean") : null;
  var listeners = [];
  var dbPromise = null;
  var flushWaiting = false;

  function format(text, values) {
    return String(text || "").replace(/%\((\w+)\)s/g, function (_, key) {
      return values && key in values ? values[key] : "";
    });
  }

  function uuid4() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); });
    return h.slice(0, 4).join("") + "-" + h.slice(4, 6).join("") + "-" + h.slice(6, 8).join("") +
      "-" + h.slice(8, 10).join("") + "-" + h.slice(10).join("");
  }

  // --- storage -------------------------------------------------------------------------------

  function db() {
    if (!dbPromise) {
      dbPromise = new Promise(function (resolve, reject) {
        var request = indexedDB.open(DB_NAME, 1);
        request.onupgradeneeded = function () {
          request.result.createObjectStore(STORE, { keyPath: "id" });
        };
        request.onsuccess = function () { resolve(request.result); };
        request.onerror = function () { reject(request.error); };
      });
    }
    return dbPromise;
  }

  function run(mode, work) {
    return db().then(function (database) {
      return new Promise(function (resolve, reject) {
        var tx = database.transaction(STORE, mode);
        var request = work(tx.objectStore(STORE));
        tx.oncomplete = function () { resolve(request ? request.result : undefined); };
        tx.onerror = function () { reject(tx.error); };
        tx.onabort = function () { reject(tx.error); };
      });
    });
  }

  function semuaEntri() {
    return run("readonly", function (store) { return store.getAll(); }).then(function (rows) {
      return rows.sort(function (a, b) { return a.dibuat < b.dibuat ? -1 : 1; });
    });
  }

  // This user's entries only: a shared laptop must not send one user's entries as another's.
  function semua() {
    return semuaEntri().then(function (rows) {
      return rows.filter(function (e) { return e.pengguna === cfg.pengguna; });
    });
  }

  function ambil(id) { return run("readonly", function (store) { return store.get(id); }); }
  function simpanEntri(entry) {
    return run("readwrite", function (store) { return store.put(entry); }).then(kabar);
  }
  function hapus(id) {
    return run("readwrite", function (store) { return store.delete(id); }).then(kabar);
  }

  // The last few entries sent, so the queue page can link to what came of them.
  function terkirimKey() { return "lapangan:terkirim:" + cfg.pengguna; }
  function terkirim() {
    try { return JSON.parse(localStorage.getItem(terkirimKey())) || []; } catch (e) { return []; }
  }
  function catatTerkirim(entry, url) {
    var list = terkirim().filter(function (t) { return t.id !== entry.id; });
    list.unshift({ id: entry.id, judul: entry.judul, url: url, waktu: new Date().toISOString() });
    localStorage.setItem(terkirimKey(), JSON.stringify(list.slice(0, TERKIRIM_MAX)));
  }

  function kabar() {
    if (channel) channel.postMessage("berubah");
    listeners.forEach(function (fn) { fn(); });
  }
  if (channel) {
    channel.onmessage = function () { listeners.forEach(function (fn) { fn(); }); };
  }

  // --- building an entry from a form ---------------------------------------------------------

  function dariForm(form, submitter) {
    var idField = form.querySelector("input[name=kirim_id]");
    if (!idField) {
      // Forms the server does not mark yet get one, so the entry still has a stable key.
      idField = document.createElement("input");
      idField.type = "hidden";
      idField.name = "kirim_id";
      form.appendChild(idField);
    }
    if (!idField.value) idField.value = uuid4();
    var data = new FormData(form);
    if (submitter && submitter.name) data.append(submitter.name, submitter.value);
    var fields = [];
    var files = [];
    data.forEach(function (value, name) {
      if (value instanceof File) {
        if (!value.size && !value.name) return; // an empty file input
        fields.push([name, { berkas: value, nama: value.name, tipe: value.type }]);
        files.push(value.name);
      } else {
        fields.push([name, value]);
      }
    });
    var heading = document.querySelector("main h1");
    var judul = heading ? heading.textContent.trim() : document.title;
    if (files.length) judul += " · " + (teks.antreanBerkas || "berkas") + ": " + files.join(", ");
    var action = new URL(form.getAttribute("action") || location.href, location.href);
    return {
      id: idField.value,
      pengguna: cfg.pengguna,
      url: action.pathname + action.search,
      asal: location.pathname + location.search,
      judul: judul,
      draf: form.dataset.draf || "",
      fields: fields,
      dibuat: new Date().toISOString(),
      status: "menunggu",
      alasan: "",
      galat: null,
    };
  }

  // --- sending ---------------------------------------------------------------------------------

  function csrfCookie() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  // A fresh CSRF token and whether the session is still alive: tokens change at login, so one
  // stored with an entry made before the session expired would be refused.
  function token() {
    return fetch(cfg.token, {
      credentials: "same-origin",
      cache: "no-store",
      headers: { Accept: "application/json", "X-Antrean": "1" },
    }).then(function (res) {
      var type = res.headers.get("Content-Type") || "";
      if (res.ok && type.indexOf("json") !== -1) return res.json();
      if (res.status === 401) return { masuk: false, csrf: csrfCookie() };
      // Without the token endpoint, the cookie is the best there is (the send will tell).
      return { masuk: true, csrf: csrfCookie() };
    });
  }

  function loginPath() { return new URL(cfg.masuk, location.href).pathname; }

  function ringkasGalat(errors) {
    var parts = [];
    Object.keys(errors || {}).forEach(function (field) {
      [].concat(errors[field]).forEach(function (msg) {
        var text = typeof msg === "string" ? msg : (msg && msg.message) || "";
        parts.push(field === "__all__" ? text : field + ": " + text);
      });
    });
    return parts.join("; ");
  }

  // One POST. Resolves to {hasil: "terkirim"|"perlu-masuk"|"gagal"|"csrf"|"server"|"jaringan"}.
  function kirim(entry, csrf) {
    var body = new FormData();
    entry.fields.forEach(function (pair) {
      var name = pair[0];
      var value = pair[1];
      if (name === "csrfmiddlewaretoken") value = csrf;
      if (value && typeof value === "object" && value.berkas) {
        body.append(name, value.berkas, value.nama);
      } else {
        body.append(name, value);
      }
    });
    return fetch(entry.url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-Antrean": "1", "X-CSRFToken": csrf, Accept: "application/json" },
    }).then(function (res) {
      var type = res.headers.get("Content-Type") || "";
      if (type.indexOf("json") !== -1) {
        return res.json().then(function (data) { return fromJson(res, data); }, function () {
          return { hasil: "server", alasan: format(teks.gagalServer, { status: res.status }) };
        });
      }
      return fromHtml(res);
    }, function () {
      return { hasil: "jaringan", alasan: teks.gagalJaringan };
    });
  }

  function fromJson(res, data) {
    if (res.ok && data.ok !== false) return { hasil: "terkirim", url: data.url || res.url };
    if (res.status === 401) return { hasil: "perlu-masuk", login: data.login };
    // A refused token (csrf_gagal says so) is renewed and tried once more; a refused user is not.
    if (res.status === 403 && data.csrf) return { hasil: "csrf", alasan: data.alasan || "" };
    if (res.status === 409) {
      return { hasil: "gagal", alasan: format(teks.gagalKonflik, { pesan: data.alasan || "" }) };
    }
    if (res.status === 422 || res.status === 400) {
      return {
        hasil: "gagal",
        galat: data.errors || null,
        alasan: format(teks.gagalIsian, { pesan: ringkasGalat(data.errors) || data.alasan || "" }),
      };
    }
    if (res.status >= 500) {
      return { hasil: "server", alasan: format(teks.gagalServer, { status: res.status }) };
    }
    return { hasil: "gagal", alasan: data.alasan || format(teks.gagalServer, { status: res.status }) };
  }

  // A view that does not speak JSON: a redirect is a save (or the login page), a form drawn
  // again is a refusal to be looked at in the form.
  function fromHtml(res) {
    var path = new URL(res.url, location.href).pathname;
    if (res.redirected && path === loginPath()) return { hasil: "perlu-masuk" };
    if (res.ok && res.redirected) return { hasil: "terkirim", url: res.url };
    if (res.status === 403) return { hasil: "csrf", alasan: format(teks.gagalServer, { status: 403 }) };
    if (res.status >= 500) {
      return { hasil: "server", alasan: format(teks.gagalServer, { status: res.status }) };
    }
    if (res.ok) return { hasil: "gagal", alasan: teks.gagalPeriksa };
    return { hasil: "gagal", alasan: format(teks.gagalServer, { status: res.status }) };
  }

  // Send with a token, and once more with a fresh one if the server refused the token.
  function kirimDenganToken(entry, csrf) {
    return kirim(entry, csrf).then(function (hasil) {
      if (hasil.hasil !== "csrf") return hasil;
      return token().then(function (fresh) {
        if (!fresh.masuk) return { hasil: "perlu-masuk" };
        return kirim(entry, fresh.csrf).then(function (again) {
          if (again.hasil === "csrf") return { hasil: "gagal", alasan: again.alasan };
          return again;
        });
      });
    });
  }

  function catat(entry, hasil) {
    if (hasil.hasil === "terkirim") {
      catatTerkirim(entry, hasil.url);
      return hapus(entry.id);
    }
    if (hasil.hasil === "perlu-masuk") {
      entry.status = "perlu-masuk";
      entry.alasan = teks.antreanPerluMasuk;
    } else if (hasil.hasil === "gagal") {
      entry.status = "gagal";
      entry.alasan = hasil.alasan || "";
      entry.galat = hasil.galat || null;
    } else {
      entry.status = "menunggu";
      entry.alasan = hasil.alasan || "";
    }
    entry.percobaan = (entry.percobaan || 0) + 1;
    return simpanEntri(entry);
  }

  function denganKunci(work) {
    if (navigator.locks && navigator.locks.request) {
      return navigator.locks.request(LOCK, work);
    }
    return work();
  }

  var sedang = null; // the id being sent by this tab, for the queue page
  var hasilHandlers = [];

  // Sends every waiting entry of this user, oldest first; stops at the first network failure.
  function kirimSemua() {
    if (!cfg.pengguna || !navigator.onLine || flushWaiting) return Promise.resolve();
    flushWaiting = true;
    return denganKunci(function () {
      flushWaiting = false;
      return semua().then(function (rows) {
        var waiting = rows.filter(function (e) {
          return e.status === "menunggu" || e.status === "perlu-masuk";
        });
        if (!waiting.length) return null;
        return token().then(function (tok) {
          if (!tok.masuk) {
            return Promise.all(waiting.map(function (e) {
              return catat(e, { hasil: "perlu-masuk" });
            }));
          }
          return waiting.reduce(function (chain, e) {
            return chain.then(function (stop) {
              if (stop) return true;
              // Re-read: another tab may have sent it while this one waited for the lock.
              return ambil(e.id).then(function (fresh) {
                if (!fresh || (fresh.status !== "menunggu" && fresh.status !== "perlu-masuk")) {
                  return false;
                }
                sedang = fresh.id;
                kabar();
                return kirimDenganToken(fresh, tok.csrf).then(function (hasil) {
                  sedang = null;
                  return catat(fresh, hasil).then(function () {
                    hasilHandlers.forEach(function (fn) { fn(fresh, hasil); });
                    return hasil.hasil === "jaringan" || hasil.hasil === "perlu-masuk";
                  });
                });
              });
            });
          }, Promise.resolve(false));
        });
      });
    }).catch(function (error) {
      flushWaiting = false;
      sedang = null;
      if (window.console) console.warn("antrean:", error);
    });
  }

  function ulang(id) {
    return ambil(id).then(function (entry) {
      if (!entry) return null;
      entry.status = "menunggu";
      entry.alasan = "";
      entry.galat = null;
      return simpanEntri(entry);
    }).then(kirimSemua);
  }

  window.Antrean = {
    cfg: cfg,
    teks: teks,
    format: format,
    uuid4: uuid4,
    dariForm: dariForm,
    simpan: simpanEntri,
    semua: semua,
    semuaEntri: semuaEntri,
    ambil: ambil,
    hapus: hapus,
    ulang: ulang,
    kirim: kirimDenganToken,
    kirimSemua: kirimSemua,
    terkirim: terkirim,
    catatTerkirim: catatTerkirim,
    sedang: function () { return sedang; },
    dengar: function (fn) { listeners.push(fn); },
    setelahKirim: function (fn) { hasilHandlers.push(fn); },
  };
})();
