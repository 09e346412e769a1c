// Bulk selection in a list form (<form data-bulk>): "select all on this page", the
// number selected, and "all on every page" (the server picks those leads itself). The
// form works without this script: the boxes are ticked one by one.
(function () {
  "use strict";
  // form.elements: also the boxes that sit outside the form (form="…"), e.g. in table
  // rows that have forms of their own.
  function boxes(form, name) {
    return Array.prototype.filter.call(form.elements, function (element) {
      return element.type === "checkbox" && element.name === name;
    });
  }
  function update(form) {
    var every = form.querySelector("[data-select-every]");
    var all = form.querySelector("[data-select-all]");
    var output = form.querySelector("[data-selected-count]");
    var items = all ? boxes(form, all.dataset.selectAll) : [];
    var ticked = items.filter(function (box) { return box.checked; });
    if (all) {
      all.checked = items.length > 0 && ticked.length === items.length;
      all.indeterminate = ticked.length > 0 && ticked.length < items.length;
    }
    if (output) {
      output.textContent = every && every.checked ? output.dataset.total : String(ticked.length);
    }
  }
  function init(root) {
    root.querySelectorAll("form[data-bulk]").forEach(function (form) {
      form.querySelectorAll("[data-select-all-label]").forEach(function (label) {
        label.hidden = false;
      });
      update(form);
    });
  }
  document.addEventListener("change", function (event) {
    var form = event.target.form;
    if (!form || !form.hasAttribute("data-bulk")) { return; }
    var name = event.target.dataset.selectAll;
    if (name) {
      boxes(form, name).forEach(function (box) { box.checked = event.target.checked; });
    }
    update(form);
  });
  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:load", function (event) { init(event.detail.elt); });
})();
