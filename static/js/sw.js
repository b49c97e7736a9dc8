// Service worker (issue 6), served at /sw.js by akun.views_lapangan, which puts self.LAPANGAN
// before this file: {versi, shell: [asset URLs], halaman: [path regexps], cadangan: queue page}.
// - The app shell (CSS, JS, fonts, icons) is cached at install, and answered from the cache.
// - The pages in LAPANGAN.halaman (the forms for a guidance session, its RTL items, evidence
//   files and a monitoring visit, the pages leading to them, the queue) are fetched from the
//   network first; the last good copy answers when there is no connection, so the forms open
//   offline with the choices they last offered.
// - Any other page asked for offline gets the queue page, which says what is available offline.
// Submissions are not handled here: lapangan.js queues them in IndexedDB.
/* global self, caches, fetch, Response, URL */
"use strict";

var CONFIG = self.LAPANGAN || { versi: "0", shell: [], halaman: [], cadangan: "/antrean/" };
var SHELL_CACHE = "shell-" + CONFIG.versi;
var PAGE_CACHE = "halaman-v1";
var PAGES = CONFIG.halaman.map(function (source) { return new RegExp(source); });
var SHELL = {};
CONFIG.shell.forEach(function (url) { SHELL[new URL(url, self.location.href).pathname] = true; });

// Each asset on its own: one that fails to load (a dropped connection) must not keep the worker
// from installing; it is stored the first time a page asks for it instead.
self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(SHELL_CACHE).then(function (cache) {
      return Promise.all(CONFIG.shell.map(function (url) {
        return cache.add(url).catch(function () { return null; });
      }));
    }).then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.map(function (name) {
        if (name.indexOf("shell-") === 0 && name !== SHELL_CACHE) return caches.delete(name);
        return null;
      }));
    }).then(function () { return self.clients.claim(); })
  );
});

// Pages tell the worker: "bersihkan" (logout, another user: drop the kept pages), "hangat" (a
// logged-in page: keep a copy of the queue page, the answer for pages not kept), "klaim" (a page
// left uncontrolled: its navigation began before this worker activated, after `claim()` ran).
self.addEventListener("message", function (event) {
  var kind = event.data && event.data.jenis;
  if (kind === "bersihkan") {
    event.waitUntil(caches.delete(PAGE_CACHE));
  } else if (kind === "klaim") {
    event.waitUntil(self.clients.claim());
  } else if (kind === "hangat") {
    event.waitUntil(caches.open(PAGE_CACHE).then(function (cache) {
      return cache.match(CONFIG.cadangan).then(function (hit) {
        if (hit) return null;
        return fetch(CONFIG.cadangan, { credentials: "same-origin" }).then(function (response) {
          if (response.ok && !response.redirected) return cache.put(CONFIG.cadangan, response);
          return null;
        }).catch(function () { return null; });
      });
    }));
  }
});

function isPage(url) {
  return PAGES.some(function (pattern) { return pattern.test(url.pathname); });
}

// Network first; keep a good copy (not a redirect to the login page, not an error).
function pageFromNetwork(event, request, url) {
  return fetch(request).then(function (response) {
    var sameAddress = new URL(response.url).pathname === url.pathname;
    if (response.ok && !response.redirected && sameAddress && isPage(url)) {
      var copy = response.clone();
      // The worker stays alive until the copy is stored.
      event.waitUntil(caches.open(PAGE_CACHE).then(function (cache) {
        return cache.put(request, copy);
      }));
    }
    return response;
  }).catch(function () {
    return caches.open(PAGE_CACHE).then(function (cache) {
      return cache.match(request).then(function (hit) {
        if (hit) return hit;
        return cache.match(CONFIG.cadangan, { ignoreSearch: true }).then(function (fallback) {
          return fallback || Response.error();
        });
      });
    });
  });
}

function asset(event, request) {
  return caches.match(request, { ignoreSearch: true, cacheName: SHELL_CACHE }).then(function (hit) {
    if (hit) return hit;
    return fetch(request).then(function (response) {
      if (response.ok) {
        var copy = response.clone();
        event.waitUntil(caches.open(SHELL_CACHE).then(function (cache) {
          return cache.put(request, copy);
        }));
      }
      return response;
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (SHELL[url.pathname]) {
    event.respondWith(asset(event, request));
  } else if (request.mode === "navigate") {
    event.respondWith(pageFromNetwork(event, request, url));
  }
});
