/* Help requests: progressive enhancement only; every page works without this file. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function setShown(selector, shown) {
    document.querySelectorAll(selector).forEach(function (el) { el.hidden = !shown; });
  }

  function intake() {
    var form = document.getElementById("intake-form");
    if (!form) { return; }
    var category = document.getElementById("id_category");
    var timing = document.getElementById("id_timing");
    var recurring = document.getElementById("id_is_recurring");
    var channel = document.getElementById("id_channel");
    var frequency = document.getElementById("id_frequency");
    var search = document.getElementById("id_resident_query");
    var newResident = document.getElementById("new-resident");

    function update() {
      var transportIds = (category.dataset.transportIds || "").split(" ");
      setShown('[data-show-if="transport"]', transportIds.indexOf(category.value) !== -1);
      setShown('[data-show-if="window"]', timing.value === "window");
      setShown('[data-show-if="date"]', timing.value !== "this_week");
      setShown('[data-show-if="recurring"]', recurring.checked);
      setShown('[data-show-if="referral"]', channel.value === "doorverwijzing");
      // A daily schedule has no weekday; only "every few weeks" has an interval.
      setShown('[data-show-if="weekday"]', frequency.value !== "daily");
      setShown('[data-show-if="interval"]', frequency.value === "every_n_weeks");
    }
    [category, timing, recurring, channel, frequency].forEach(function (el) {
      el.addEventListener("change", update);
    });
    update();

    // Enter in the search box picks the first resident instead of saving the form.
    if (search) search.addEventListener("keydown", function (event) {
      if (event.key !== "Enter") { return; }
      event.preventDefault();
      var first = document.querySelector("#resident-results input[type=radio]");
      if (first) {
        first.checked = true;
        first.dispatchEvent(new Event("change", { bubbles: true }));
        category.focus();
      }
    });
    form.addEventListener("change", function (event) {
      if (event.target.name === "resident" && event.target.checked && newResident) {
        newResident.open = false;
      }
    });
  }

  // Triage: the decision follows the proposal until the coordinator picks another one;
  // the reason and referral fields show when the decision asks for them.
  function triage() {
    var decision = document.getElementById("triage-decision");
    if (!decision) { return; }
    var outcome = document.getElementById("id_outcome");
    var reason = document.getElementById("id_reason");
    var differs = document.getElementById("triage-differs");
    function proposal() { return document.getElementById("triage-proposal").dataset; }
    var follows = outcome.value === proposal().outcome;

    function filled(part) {
      return Array.prototype.some.call(part.querySelectorAll("select, textarea, input"), function (el) {
        return el.value.trim() !== "" || el.classList.contains("is-invalid");
      });
    }
    function showPart(name, shown) {
      var part = decision.querySelector('[data-triage-part="' + name + '"]');
      if (part) { part.hidden = !(shown || filled(part)); }
    }
    function update() {
      differs.hidden = !outcome.value || outcome.value === proposal().outcome;
      showPart("referral", outcome.value === "referred");
      showPart("reason", outcome.value !== "" && outcome.value !== "accepted");
    }
    outcome.addEventListener("change", function () {
      follows = outcome.value === proposal().outcome;
      update();
    });
    document.body.addEventListener("htmx:afterSettle", function () {
      var proposed = proposal();
      if (follows && outcome.value !== proposed.outcome) {
        outcome.value = proposed.outcome;
        if (reason) { reason.value = proposed.reason || ""; }
      }
      update();
    });
    update();
  }

  // A quick status change on the board: the reason field shows when the chosen move needs
  // one, and the reasons listed are the ones that fit it.
  function quickStatus(root) {
    root.querySelectorAll("form.quick-status").forEach(function (form) {
      var to = form.querySelector("select[name=to]");
      var reasonBox = form.querySelector("[data-reason-box]");
      if (!to || !reasonBox || form.dataset.enhanced) { return; }
      form.dataset.enhanced = "1";
      var reason = reasonBox.querySelector("select");
      function update() {
        var option = to.options[to.selectedIndex];
        var needs = option && option.hasAttribute("data-needs-reason");
        reasonBox.hidden = !needs;
        Array.prototype.forEach.call(reason.options, function (opt) {
          var fits = !opt.value || opt.dataset.appliesTo === to.value;
          opt.hidden = !fits;
          opt.disabled = !fits;
          if (!fits && opt.selected) { reason.value = ""; }
        });
      }
      to.addEventListener("change", update);
      update();
    });
  }

  // Text fields show how much room is left instead of cutting pasted text off.
  function counters(root) {
    root.querySelectorAll("[data-maxlength]").forEach(function (field) {
      if (field.dataset.counted) { return; }
      field.dataset.counted = "1";
      var limit = parseInt(field.dataset.maxlength, 10);
      var counter = document.createElement("div");
      counter.className = "form-text char-count";
      counter.setAttribute("aria-live", "polite");
      field.insertAdjacentElement("afterend", counter);
      function update() {
        var length = field.value.length;
        var over = length > limit;
        counter.hidden = length < limit * 0.8;
        counter.classList.toggle("text-danger", over);
        counter.classList.toggle("fw-semibold", over);
        var template = over ? field.dataset.countOver : field.dataset.countLeft;
        counter.textContent = (template || "").replace("%(used)s", length).replace("%(max)s", limit);
      }
      field.addEventListener("input", update);
      update();
    });
  }

  function printButtons() {
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    intake();
    triage();
    quickStatus(document);
    counters(document);
    printButtons();
  });
  // Cards come back from the server after a quick change: enhance them again.
  document.addEventListener("htmx:afterSettle", function (event) {
    quickStatus(document);
    counters(document);
  });
})();
