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
    var search = document.getElementById("id_resident_query");
    var newResident = document.getElementById("new-resident");

    function update() {
      var transportIds = (category.dataset.transportIds || "").split(" ");
      setShown('[data-show-if="transport"]', transportIds.indexOf(category.value) !== -1);
      setShown('[data-show-if="window"]', timing.value === "window");
      setShown('[data-show-if="date"]', timing.value !== "this_week");
      setShown('[data-show-if="recurring"]', recurring.checked);
      setShown('[data-show-if="referral"]', channel.value === "doorverwijzing");
    }
    [category, timing, recurring, channel].forEach(function (el) {
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

  function printButtons() {
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    intake();
    printButtons();
  });
})();
