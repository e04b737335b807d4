// The report form asks "Why not?" only when "did not happen" is chosen. Without this script
// the question simply stays visible (the server checks it either way).
(function () {
  var reason = document.getElementById("div_id_not_happened_reason");
  var choices = document.querySelectorAll('input[name="outcome"]');
  if (!reason || !choices.length) {
    return;
  }
  function update() {
    var chosen = document.querySelector('input[name="outcome"]:checked');
    reason.hidden = !(chosen && chosen.value === "not_happened");
  }
  choices.forEach(function (choice) {
    choice.addEventListener("change", update);
  });
  update();
})();
