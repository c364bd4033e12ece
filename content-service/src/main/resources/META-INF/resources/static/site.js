// Frontdoor pages' only script (external, so pages need no CSP nonce and can be cached for everyone):
// 1. shows the signed-in navigation when the session is live; 2. reports Web Vitals to /api/vitals;
// 3. removes blur placeholders once their image has loaded, as next/image does.
(function () {
  'use strict';
  var route = (document.currentScript && document.currentScript.dataset.route) || location.pathname;

  function showSignedIn() {
    document.querySelectorAll('[data-signed-in]').forEach(function (el) { el.hidden = false; });
    document.querySelectorAll('[data-signed-out]').forEach(function (el) { el.hidden = true; });
  }
  fetch('/api/auth/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then(function (r) { if (r.ok) showSignedIn(); }).catch(function () {});

  var id = 'v1-' + Date.now() + '-' + Math.random().toString(36).slice(2, 10);
  var values = {};
  function report(name, value) { values[name] = value; }
  function flush() {
    Object.keys(values).forEach(function (name) {
      var body = JSON.stringify({ name: name, value: Math.round(values[name] * 1000) / 1000, id: id, route: route });
      if (!(navigator.sendBeacon && navigator.sendBeacon('/api/vitals', body))) {
        fetch('/api/vitals', { method: 'POST', body: body, keepalive: true, headers: { 'Content-Type': 'text/plain' } });
      }
    });
    values = {};
  }
  function observe(type, callback) {
    try { new PerformanceObserver(function (list) { list.getEntries().forEach(callback); })
      .observe({ type: type, buffered: true }); } catch (e) { /* not supported by this browser */ }
  }
  var nav = performance.getEntriesByType && performance.getEntriesByType('navigation')[0];
  if (nav) report('TTFB', nav.responseStart);
  observe('paint', function (e) { if (e.name === 'first-contentful-paint') report('FCP', e.startTime); });
  observe('largest-contentful-paint', function (e) { report('LCP', e.startTime); });
  var cls = 0;
  observe('layout-shift', function (e) { if (!e.hadRecentInput) { cls += e.value; report('CLS', cls); } });
  var inp = 0;
  observe('event', function (e) { if (e.interactionId && e.duration > inp) { inp = e.duration; report('INP', inp); } });
  document.addEventListener('visibilitychange', function () { if (document.visibilityState === 'hidden') flush(); });
  addEventListener('pagehide', flush);

  document.querySelectorAll('img[data-placeholder]').forEach(function (img) {
    function clear() { img.style.backgroundImage = 'none'; }
    if (img.complete) clear(); else img.addEventListener('load', clear, { once: true });
  });
})();
