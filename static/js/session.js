/* Idle logout for coordinators and beheerders (accounts.security).
 *
 * The server ends a session after data-idle-seconds without a request. This file keeps it
 * alive while the user works on the page (typing, clicking: a POST to data-keep-alive-url
 * at most once a minute), warns data-idle-warning-seconds before the end with a button to
 * stay logged in, and once the time is up says so without leaving the page, so nothing
 * typed is lost. No inline script: a strict Content-Security-Policy can forbid those.
 */
(function () {
  "use strict";
  var body = document.body;
  var idleSeconds = parseInt(body.dataset.idleSeconds || "0", 10);
  if (!idleSeconds) return;
  var warningSeconds = parseInt(body.dataset.idleWarningSeconds || "120", 10);
  var keepAliveUrl = body.dataset.keepAliveUrl;
  var warning = document.getElementById("idle-warning");
  var warningText = document.getElementById("idle-warning-text");
  var PING_EVERY_MS = 60 * 1000;
  var lastServerContact = Date.now();
  var lastActivity = Date.now();
  var expired = false;
  var pinging = false;

  function csrfToken() {
    try {
      return JSON.parse(body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
    } catch (e) {
      return "";
    }
  }

  function hideWarning() {
    if (warning) warning.hidden = true;
  }

  function keepAlive() {
    if (pinging || expired) return;
    pinging = true;
    fetch(keepAliveUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(), "X-Requested-With": "fetch" },
    })
      .then(function (response) {
        if (response.ok && response.headers.get("Content-Type").indexOf("json") !== -1) {
          lastServerContact = Date.now();
          hideWarning();
        } else {
          showExpired();
        }
      })
      .catch(function () { /* offline for a moment: try again on the next keystroke */ })
      .then(function () { pinging = false; });
  }

  function onActivity() {
    lastActivity = Date.now();
    if (!expired && lastActivity - lastServerContact >= PING_EVERY_MS) keepAlive();
  }

  function showExpired() {
    expired = true;
    if (!warning) return;
    warningText.textContent = warningText.dataset.expiredText;
    var button = warning.querySelector("[data-keep-alive]");
    if (button) button.hidden = true;
    warning.hidden = false;
  }

  function tick() {
    if (expired) return;
    var idleFor = (Date.now() - lastServerContact) / 1000;
    if (idleFor >= idleSeconds) {
      showExpired();
    } else if (idleFor >= idleSeconds - warningSeconds && warning) {
      warning.hidden = false;
    }
  }

  ["keydown", "input", "click", "touchstart"].forEach(function (name) {
    document.addEventListener(name, onActivity, { passive: true, capture: true });
  });
  // An htmx request reaches the server too: the idle clock starts again there.
  document.addEventListener("htmx:afterRequest", function () {
    lastServerContact = Date.now();
    hideWarning();
  });
  if (warning) {
    var button = warning.querySelector("[data-keep-alive]");
    if (button) button.addEventListener("click", keepAlive);
  }
  window.setInterval(tick, 5000);
})();
