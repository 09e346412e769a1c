// Projector mode of the weekly meeting: one section per screen, driven by the keyboard.
// → or space: next; ←: previous; 1–9: that section; Esc: back to the agenda.
// Without this script every section shows, one below the other.
(function () {
  "use strict";

  function start() {
    var deck = document.querySelector(".slides");
    if (!deck) return;
    var slides = Array.prototype.slice.call(deck.querySelectorAll("[data-slide]"));
    var progress = deck.querySelector("[data-progress]");
    if (!slides.length) return;
    deck.classList.add("slides-one");
    var current = 0;
    var fromHash = slides.findIndex(function (s) { return "#" + s.id === location.hash; });
    if (fromHash >= 0) current = fromHash;

    function show(index) {
      current = Math.max(0, Math.min(slides.length - 1, index));
      slides.forEach(function (slide, i) { slide.hidden = i !== current; });
      if (progress) progress.textContent = (current + 1) + " / " + slides.length;
      history.replaceState(null, "", "#" + slides[current].id);
    }

    function typing(target) {
      return target.closest("input, textarea, select, [contenteditable], summary, button");
    }

    document.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) return;
      if (event.key === "ArrowRight" || event.key === " " || event.key === "PageDown") {
        show(current + 1);
      } else if (event.key === "ArrowLeft" || event.key === "PageUp") {
        show(current - 1);
      } else if (/^[1-9]$/.test(event.key)) {
        show(Number(event.key) - 1);
      } else if (event.key === "Escape") {
        location.href = deck.dataset.leave;
      } else {
        return;
      }
      event.preventDefault();
    });
    deck.querySelector("[data-next]").addEventListener("click", function (event) {
      event.preventDefault();
      show(current + 1);
    });
    deck.querySelector("[data-previous]").addEventListener("click", function (event) {
      event.preventDefault();
      show(current - 1);
    });
    show(current);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
