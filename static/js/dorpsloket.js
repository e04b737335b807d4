// Small behaviour for every page, kept out of the HTML so that the Content-Security-Policy
// can refuse inline scripts.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-print]");
  if (button) {
    window.print();
  }
});
