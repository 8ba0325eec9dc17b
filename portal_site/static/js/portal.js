/* Small progressive enhancements, no framework: text size and contrast toggles that persist
   (localStorage), the phone menu toggle (Escape closes it) and the print button. Everything works with the keyboard
   because the controls are real <button>s whose state is announced with aria-pressed/aria-expanded. */
(function () {
  "use strict";
  var root = document.documentElement;
  var SIZE_KEY = "portal:text-size";
  var CONTRAST_KEY = "portal:contrast";

  function store(key, value) {
    try { localStorage.setItem(key, value); } catch (e) { /* private mode: the choice lasts this page only */ }
  }
  function read(key) {
    try { return localStorage.getItem(key); } catch (e) { return null; }
  }

  function applySize(size) {
    root.classList.remove("text-small", "text-large");
    if (size === "small" || size === "large") root.classList.add("text-" + size);
    var buttons = document.querySelectorAll("[data-text-size]");
    for (var i = 0; i < buttons.length; i++) {
      var active = buttons[i].getAttribute("data-text-size") === (size || "normal");
      buttons[i].setAttribute("aria-pressed", active ? "true" : "false");
    }
  }
  function applyContrast(high) {
    root.classList.toggle("high-contrast", high);
    var buttons = document.querySelectorAll("[data-contrast]");
    for (var i = 0; i < buttons.length; i++) buttons[i].setAttribute("aria-pressed", high ? "true" : "false");
  }

  function init() {
    applySize(read(SIZE_KEY) || "normal");
    applyContrast(read(CONTRAST_KEY) === "high");

    document.addEventListener("click", function (event) {
      var sizeButton = event.target.closest("[data-text-size]");
      if (sizeButton) {
        var size = sizeButton.getAttribute("data-text-size");
        store(SIZE_KEY, size);
        applySize(size);
        return;
      }
      if (event.target.closest("[data-contrast]")) {
        var high = !root.classList.contains("high-contrast");
        store(CONTRAST_KEY, high ? "high" : "normal");
        applyContrast(high);
        return;
      }
      if (event.target.closest("[data-print]")) window.print();
    });

    // Printed pages show where their links lead: the full address of links in articles and documents.
    var printed = document.querySelectorAll(".prose a[href], .doc-files a[href], .doc-relations a[href], .doc-item a[href], .schedule-week a[href]");
    for (var p = 0; p < printed.length; p++) {
      if (/^https?:/.test(printed[p].href)) printed[p].setAttribute("data-print-href", printed[p].href);
    }

    var printButton = document.querySelector("[data-print]");
    if (printButton && window.print) printButton.hidden = false;

    var toggle = document.querySelector(".nav-toggle");
    var list = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
    if (toggle && list) {
      toggle.hidden = false;
      list.classList.add("collapsed");
      var setOpen = function (open) {
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
        list.classList.toggle("collapsed", !open);
      };
      toggle.addEventListener("click", function () {
        setOpen(toggle.getAttribute("aria-expanded") !== "true");
      });
      // Escape closes the open phone menu and gives the focus back to its button.
      document.addEventListener("keydown", function (event) {
        if (event.key !== "Escape" || toggle.getAttribute("aria-expanded") !== "true") return;
        setOpen(false);
        toggle.focus();
      });
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
