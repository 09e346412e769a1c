// The top bar's menus (<details class="menu">) work without script; this only closes
// them the way people expect: one open at a time, Escape or a click elsewhere closes.
(function () {
  "use strict";
  function menus() { return document.querySelectorAll("details.menu[open]"); }
  function closeAll(except) {
    menus().forEach(function (menu) { if (menu !== except) { menu.open = false; } });
  }
  document.addEventListener("toggle", function (event) {
    var menu = event.target;
    if (menu.matches && menu.matches("details.menu") && menu.open) { closeAll(menu); }
  }, true);
  document.addEventListener("click", function (event) {
    if (!event.target.closest("details.menu")) { closeAll(null); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var open = event.target.closest && event.target.closest("details.menu[open]");
    closeAll(null);
    if (open) { open.querySelector("summary").focus(); }
  });
})();
