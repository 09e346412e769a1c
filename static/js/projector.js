// Projector mode of the weekly meeting: one section per screen, driven by the keyboard.
// → or space: next; ←: previous; 1–9: that section; Esc: back to the agenda.
// Without this script every section shows, one below the other (and the arrows, the
// progress and the key help stay hidden: they would do nothing).
(function () {
  "use strict";

  // Where the keys belong to the field: typing a decision never turns the page.
  var FIELDS = "input, textarea, select, [contenteditable]";
  // Where space and Enter press the control itself (the arrows still turn the page).
  var CONTROLS = "button, summary, a[href]";

  function start() {
    var deck = document.querySelector(".slides");
    if (!deck) return;
    var slides = Array.prototype.slice.call(deck.querySelectorAll("[data-slide]"));
    var progress = deck.querySelector("[data-progress]");
    if (!slides.length) return;
    deck.classList.add("slides-one");
    deck.querySelectorAll("[data-with-script]").forEach(function (element) {
      element.hidden = false;
    });
    var current = 0;
    var fromHash = slides.findIndex(function (s) { return "#" + s.id === location.hash; });
    if (fromHash >= 0) current = fromHash;

    function show(index) {
      current = Math.max(0, Math.min(slides.length - 1, index));
      slides.forEach(function (slide, i) { slide.hidden = i !== current; });
      if (progress) progress.textContent = (current + 1) + " / " + slides.length;
      history.replaceState(null, "", "#" + slides[current].id);
      window.scrollTo(0, 0);
    }

    document.addEventListener("keydown", function (event) {
      var target = event.target;
      if (event.altKey || event.ctrlKey || event.metaKey || target.closest(FIELDS)) return;
      var onControl = target.closest(CONTROLS);
      if (event.key === "ArrowRight" || event.key === "PageDown" ||
          (event.key === " " && !onControl)) {
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
    deck.querySelector("[data-next]").addEventListener("click", function () {
      show(current + 1);
    });
    deck.querySelector("[data-previous]").addEventListener("click", function () {
      show(current - 1);
    });
    // The forms for a decision or an action item open below the facts: bring them into
    // view, with the cursor in the first field.
    deck.addEventListener("toggle", function (event) {
      var details = event.target;
      if (!details.open || !details.classList.contains("outcome-forms")) return;
      details.scrollIntoView({ block: "start" });
      var field = details.querySelector("textarea, input:not([type=hidden])");
      if (field) field.focus({ preventScroll: true });
    }, true);
    show(current);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
