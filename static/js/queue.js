// After an inline action in the queue (accept, reject, first contact) htmx swaps the row
// in place; the button that was pressed is gone with the old row, so the browser would put
// the keyboard focus back at the top of the page. Keep it on the row that was acted on.
// A row's form loads when its "Reject…" or "First contact…" opens: the focus goes to its
// first field, where the person who opened it will type.
(function () {
  "use strict";
  document.addEventListener("htmx:load", function (event) {
    var element = event.detail.elt;
    if (element.hasAttribute && element.hasAttribute("data-focus-on-load")) {
      element.removeAttribute("data-focus-on-load");
      element.focus({ preventScroll: true });
    }
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    if (target.classList && target.classList.contains("inline-form-body")) {
      var field = target.querySelector("select, input:not([type=hidden]), textarea");
      if (field) field.focus({ preventScroll: true });
    }
  });
})();
