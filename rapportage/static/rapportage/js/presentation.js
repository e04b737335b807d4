// The yearly overview as slides: one slide shown at a time, arrow keys and buttons move on.
(function () {
  "use strict";
  var root = document.querySelector("[data-presentation]");
  if (!root) {
    return;
  }
  var slides = Array.prototype.slice.call(root.querySelectorAll("[data-slide]"));
  var counter = root.querySelector("[data-slide-counter]");
  var current = 0;

  function show(index) {
    current = Math.max(0, Math.min(slides.length - 1, index));
    slides.forEach(function (slide, i) {
      slide.hidden = i !== current;
    });
    if (counter) {
      counter.textContent = current + 1 + " / " + slides.length;
    }
    root.querySelector("[data-slide-previous]").disabled = current === 0;
    root.querySelector("[data-slide-next]").disabled = current === slides.length - 1;
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    if (["ArrowRight", "PageDown", " "].indexOf(event.key) !== -1) {
      event.preventDefault();
      show(current + 1);
    } else if (["ArrowLeft", "PageUp"].indexOf(event.key) !== -1) {
      event.preventDefault();
      show(current - 1);
    } else if (event.key === "Home") {
      show(0);
    } else if (event.key === "End") {
      show(slides.length - 1);
    }
  });
  root.querySelector("[data-slide-next]").addEventListener("click", function () {
    show(current + 1);
  });
  root.querySelector("[data-slide-previous]").addEventListener("click", function () {
    show(current - 1);
  });
  var full = root.querySelector("[data-slide-fullscreen]");
  if (full && document.documentElement.requestFullscreen) {
    full.addEventListener("click", function () {
      if (document.fullscreenElement) {
        document.exitFullscreen();
      } else {
        root.requestFullscreen();
      }
    });
  } else if (full) {
    full.hidden = true;
  }
  show(0);
})();
