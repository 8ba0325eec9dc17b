/* Photo viewer for albums, no framework. Without JavaScript every thumbnail links to the large photo.
   With it, a modal <dialog> shows one photo with its caption: ← → (and Home/End) change photo, Escape or
   "Đóng" closes and the focus returns to the thumbnail; on touch screens a horizontal swipe changes photo. */
(function () {
  "use strict";
  var grid = document.querySelector("[data-album-viewer]");
  if (!grid || typeof HTMLDialogElement !== "function") return;
  var links = Array.prototype.slice.call(grid.querySelectorAll("a[data-full]"));
  if (!links.length) return;

  var dialog = document.createElement("dialog");
  dialog.className = "viewer";
  dialog.setAttribute("aria-label", "Xem ảnh");
  dialog.innerHTML =
    '<div class="viewer-inner">' +
    '<div class="viewer-bar"><p class="viewer-count" aria-live="polite"></p>' +
    '<button type="button" data-close>Đóng<span class="visually-hidden"> trình xem ảnh</span></button></div>' +
    '<figure class="viewer-stage"><img alt=""></figure>' +
    '<p class="viewer-caption"></p>' +
    '<div class="viewer-bar"><button type="button" data-prev aria-label="Ảnh trước">←</button>' +
    '<button type="button" data-next aria-label="Ảnh sau">→</button></div>' +
    "</div>";
  document.body.appendChild(dialog);
  var img = dialog.querySelector("img");
  img.draggable = false; // a dragged image would cancel the pointer events of a swipe
  var caption = dialog.querySelector(".viewer-caption");
  var count = dialog.querySelector(".viewer-count");
  var current = 0;
  var opener = null;

  function show(index) {
    current = (index + links.length) % links.length;
    var link = links[current];
    var thumb = link.querySelector("img");
    var figcaption = link.parentNode.querySelector("figcaption");
    img.src = link.getAttribute("data-full");
    img.srcset = link.getAttribute("data-srcset") || "";
    img.sizes = "100vw";
    img.width = +link.getAttribute("data-width") || 0;
    img.height = +link.getAttribute("data-height") || 0;
    img.alt = thumb ? thumb.alt : "";
    caption.textContent = figcaption ? figcaption.textContent : "";
    count.textContent = "Ảnh " + (current + 1) + " / " + links.length;
  }
  function open(index, from) {
    opener = from;
    show(index);
    dialog.showModal();
    dialog.querySelector("[data-next]").focus();
  }

  links.forEach(function (link, index) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      open(index, link);
    });
  });
  dialog.addEventListener("click", function (event) {
    if (event.target.closest("[data-close]")) dialog.close();
    else if (event.target.closest("[data-prev]")) show(current - 1);
    else if (event.target.closest("[data-next]")) show(current + 1);
  });
  dialog.addEventListener("keydown", function (event) {
    var keys = { ArrowLeft: current - 1, ArrowRight: current + 1, Home: 0, End: links.length - 1 };
    if (event.key in keys) {
      event.preventDefault();
      show(keys[event.key]);
    }
  });
  // Escape closes a modal dialog natively; either way the focus goes back to the photo that opened it.
  dialog.addEventListener("close", function () {
    img.removeAttribute("src");
    if (opener) opener.focus();
  });

  var startX = null;
  var stage = dialog.querySelector(".viewer-stage");
  stage.addEventListener("pointerdown", function (event) { startX = event.clientX; });
  stage.addEventListener("pointerup", function (event) {
    if (startX === null) return;
    var dx = event.clientX - startX;
    startX = null;
    if (Math.abs(dx) > 40) show(dx < 0 ? current + 1 : current - 1);
  });
  stage.addEventListener("pointercancel", function () { startX = null; });
})();
