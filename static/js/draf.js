// Drafts that survive a closed tab, a crash or a reboot (issue 6). Every form marked
// data-draf="<kind>-<record id or parent>-baru" keeps its fields in localStorage as the user types
// (debounced), under a key that also names the user, so a shared laptop never offers one user's
// draft to another. Opening the form again offers "Pulihkan draf" / "Buang".
//
// When a draft is cleared (the rule):
// - a submission sent by lapangan.js (forms also marked data-antrean) clears it as soon as the
//   server answers that the record is saved, or as soon as the entry is safely in the offline
//   queue (the queue then holds the data);
// - a plain submission cannot be watched, so it leaves a marker in sessionStorage; the next page
//   that shows a success message (.alert-success) clears the draft; a page that shows the same
//   form again (the server found errors) keeps it; any other page (e.g. the login page after the
//   session expired) keeps both the draft and the marker.
// Files are never drafted: a browser cannot put them back into a file input.
(function () {
  "use strict";

  var meta = document.querySelector("meta[name=lapangan]");
  var cfg = meta ? meta.dataset : {};
  var teksEl = document.getElementById("lapangan-teks");
  var teks = teksEl ? JSON.parse(teksEl.textContent) : {};
  var SKIP = { csrfmiddlewaretoken: true };
  var SKIP_TYPES = { file: true, submit: true, button: true, reset: true, image: true };
  var MARKER = "lapangan:draf-terkirim";
  var RESTORE = "lapangan:draf-pulihkan";
  var DELAY = 400;

  function format(text, values) {
    return String(text || "").replace(/%\((\w+)\)s/g, function (_, k) { return values[k] || ""; });
  }

  function keyFor(name) { return "lapangan:draf:" + cfg.pengguna + ":" + name; }
  function key(form) { return keyFor(form.dataset.draf); }

  function read(form) {
    try { return JSON.parse(localStorage.getItem(key(form))); } catch (e) { return null; }
  }

  // The form's fields as [name, value] pairs, in document order (repeated names stay in order).
  function fields(form) {
    var pairs = [];
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.disabled || SKIP[el.name] || SKIP_TYPES[el.type]) return;
      if (el.type === "checkbox" || el.type === "radio") {
        if (el.checked) pairs.push([el.name, el.value]);
      } else if (el.type === "select-multiple") {
        Array.prototype.forEach.call(el.options, function (o) {
          if (o.selected) pairs.push([el.name, o.value]);
        });
      } else {
        pairs.push([el.name, el.value]);
      }
    });
    return pairs;
  }

  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

  // Formsets: add rows (through the page's own "add" button) until the draft's rows fit.
  function growFormsets(form, pairs) {
    pairs.forEach(function (pair) {
      var match = /^(.*)-TOTAL_FORMS$/.exec(pair[0]);
      if (!match) return;
      var total = form.elements[pair[0]];
      var button = form.querySelector('[data-formset-add="' + match[1] + '"]');
      if (!total || !button) return;
      var missing = parseInt(pair[1], 10) - parseInt(total.value, 10);
      for (var i = 0; i < missing; i++) button.click();
    });
  }

  // The value of a field as a comparable string (a multiple select: its chosen options).
  function valueOf(el) {
    if (el.tagName === "SELECT") {
      return Array.prototype.filter.call(el.options, function (o) { return o.selected; })
        .map(function (o) { return o.value; }).join(",");
    }
    return el.type === "checkbox" || el.type === "radio" ? String(el.checked) : el.value;
  }

  // Parts of the form that htmx redraws when a field changes ("change from:#id_sasaran"): the
  // session form's problem cards follow its targets. When the draft chose other targets, the
  // cards on the page are the wrong ones: redraw them, then fill the fresh cards from the draft.
  function redrawThenFill(form, pairs, changed) {
    if (typeof htmx === "undefined") return false;
    var sources = [];
    Array.prototype.forEach.call(form.querySelectorAll("[hx-trigger]"), function (part) {
      var match = /change from:(#[\w-]+)/.exec(part.getAttribute("hx-trigger"));
      var source = match && form.querySelector(match[1]);
      if (source && changed[source.name] && sources.indexOf(source) === -1) sources.push(source);
    });
    if (!sources.length) return false;
    var waiting = sources.length;
    form.addEventListener("htmx:afterSettle", function again() {
      waiting -= 1;
      if (waiting > 0) return;
      form.removeEventListener("htmx:afterSettle", again);
      fill(form, pairs, true);
    });
    sources.forEach(function (source) {
      source.dispatchEvent(new Event("change", { bubbles: true }));
    });
    return true;
  }

  function fill(form, pairs, redrawn) {
    pairs = pairs.filter(function (p) { return typeof p[1] === "string"; });
    growFormsets(form, pairs);
    var values = {};
    pairs.forEach(function (pair) { (values[pair[0]] = values[pair[0]] || []).push(pair[1]); });
    var used = {};
    var changed = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || SKIP[el.name] || SKIP_TYPES[el.type]) return;
      var list = values[el.name];
      var before = valueOf(el);
      if (el.type === "checkbox" || el.type === "radio") {
        el.checked = !!list && list.indexOf(el.value) !== -1;
      } else if (el.tagName === "SELECT") {
        if (!list) return;
        Array.prototype.forEach.call(el.options, function (o) {
          o.selected = list.indexOf(o.value) !== -1;
        });
      } else if (list) {
        var index = used[el.name] || 0;
        if (index < list.length) el.value = list[index];
        used[el.name] = index + 1;
      }
      if (valueOf(el) !== before) changed[el.name] = true;
    });
    if (!redrawn && redrawThenFill(form, pairs, changed)) return;
    // Pages may redraw parts of the form from the restored values (not the htmx triggers: those
    // would replace what was just restored); `detail.isian` holds them, [name, value] pairs.
    form.dispatchEvent(
      new CustomEvent("draf:dipulihkan", { bubbles: true, detail: { isian: pairs } })
    );
  }

  function notice(form, html, kind) {
    var box = document.createElement("div");
    box.className = "alert alert-" + kind + " d-flex flex-wrap align-items-center gap-2 draf-banner";
    box.setAttribute("role", "status");
    box.innerHTML = html;
    form.parentNode.insertBefore(box, form);
    return box;
  }

  function watch(form) {
    var timer = null;
    var paused = false;
    var initial = fields(form);

    function save() {
      timer = null;
      if (paused) return;
      var now = fields(form);
      if (same(now, initial)) {
        localStorage.removeItem(key(form));
        return;
      }
      localStorage.setItem(key(form), JSON.stringify({
        waktu: new Date().toISOString(),
        alamat: location.pathname + location.search,
        isian: now,
      }));
    }
    function later() {
      if (timer) clearTimeout(timer);
      timer = setTimeout(save, DELAY);
    }
    form.addEventListener("input", later);
    form.addEventListener("change", later);
    // Leaving the page must not lose the last keystrokes of the debounce window.
    window.addEventListener("pagehide", function () { if (timer) { clearTimeout(timer); save(); } });

    // Back from the queue page ("Perbaiki di formulir") or from logging in again: fill at once.
    var pending = null;
    try { pending = JSON.parse(sessionStorage.getItem(RESTORE)); } catch (e) { pending = null; }
    if (pending && pending.draf === form.dataset.draf) {
      sessionStorage.removeItem(RESTORE);
      fill(form, pending.isian);
      save();
      notice(form, '<i class="bi bi-exclamation-triangle" aria-hidden="true"></i> <span></span>', "warning")
        .querySelector("span").textContent = pending.alasan || teks.drafDipulihkan;
      return;
    }

    var draft = read(form);
    if (!draft || !draft.isian || same(draft.isian, initial)) return;
    // Until the user chooses, typing does not overwrite the stored draft.
    paused = true;
    var waktu = new Date(draft.waktu);
    var label = isNaN(waktu) ? "" : new Intl.DateTimeFormat(document.documentElement.lang || "id", {
      dateStyle: "medium", timeStyle: "short",
    }).format(waktu);
    var box = notice(form,
      '<i class="bi bi-clock-history" aria-hidden="true"></i> <span class="me-auto"></span>' +
      '<button type="button" class="btn btn-sm btn-primary" data-draf-pulihkan></button>' +
      '<button type="button" class="btn btn-sm btn-outline-secondary" data-draf-buang></button>',
      "info");
    box.querySelector("span").textContent = format(teks.drafAda, { waktu: label });
    box.querySelector("[data-draf-pulihkan]").textContent = teks.drafPulihkan;
    box.querySelector("[data-draf-buang]").textContent = teks.drafBuang;
    box.querySelector("[data-draf-pulihkan]").addEventListener("click", function () {
      fill(form, draft.isian);
      paused = false;
      box.remove();
      save();
    });
    box.querySelector("[data-draf-buang]").addEventListener("click", function () {
      localStorage.removeItem(key(form));
      paused = false;
      box.remove();
    });
  }

  // The outcome of a plain submission made on the previous page (see the rule above).
  function settle() {
    var name = sessionStorage.getItem(MARKER);
    if (!name) return;
    if (document.querySelector("main .alert-success")) {
      localStorage.removeItem(keyFor(name));
      sessionStorage.removeItem(MARKER);
    } else if (document.querySelector('form[data-draf="' + CSS.escape(name) + '"]')) {
      sessionStorage.removeItem(MARKER);
    }
  }

  if (!cfg.pengguna) return;
  settle();
  document.querySelectorAll("form[data-draf]").forEach(watch);
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || !form.matches || !form.matches("form[data-draf]")) return;
    sessionStorage.setItem(MARKER, form.dataset.draf);
  });

  window.Draf = {
    // After the server confirmed the save, or the entry went into the queue.
    hapus: function (name) {
      localStorage.removeItem(keyFor(name));
      if (sessionStorage.getItem(MARKER) === name) sessionStorage.removeItem(MARKER);
    },
    // Open a form filled with these fields (used by the queue page and after logging in again).
    pulihkanNanti: function (name, isian, alasan) {
      sessionStorage.setItem(RESTORE, JSON.stringify({ draf: name, isian: isian, alasan: alasan }));
    },
  };
})();
