// After an inline action in the queue (accept, reject, first contact) htmx swaps the row
// in place; the button that was pressed is gone with the old row, so the browser would put
// the keyboard focus back at the top of the page. Keep it on the row that was acted on.
(function () {
  "use strict";
  document.addEventListener("htmx:load", function (event) {
    var element = event.detail.elt;
    if (element.hasAttribute && element.hasAttribute("data-focus-on-load")) {
      element.removeAttribute("data-focus-on-load");
      element.focus({ preventScroll: true });
    }
  });
})();
