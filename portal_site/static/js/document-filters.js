/* Client-side filters for the static document list (progressive enhancement: the full list is in the HTML).
   Search folds Vietnamese like the site search (cms.core.vietnamese.search_fold): lower case, no tone marks,
   đ -> d, and i/y spellings of one syllable (kỹ/kĩ) alike through the page's data-fold-iy pattern. */
(function () {
  "use strict";
  var form = document.getElementById("loc-van-ban");
  if (!form || !window.fetch || !String.prototype.normalize) { return; }
  var rows = Array.prototype.slice.call(document.querySelectorAll(".doc-row"));
  var count = document.getElementById("so-van-ban");
  var empty = document.getElementById("khong-co-van-ban");
  var searchText = {};

  var iy = new RegExp(form.getAttribute("data-fold-iy") || "(?!)", "g");
  function fold(text) {
    return String(text || "").normalize("NFC").toLowerCase().replace(/[đð]/g, "d")
      .normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(iy, "$1i");
  }

  // The site's matching rule (decision 0016): whole syllables, every one present; the last word, still being
  // typed, may be the start of a syllable.
  function syllables(text) { return fold(text).match(/[a-z0-9]+/g) || []; }
  function matches(words, text) {
    if (!words.length) return true;
    var set = text.set || (text.set = new Set(syllables(text.value)));
    var last = words[words.length - 1];
    return words.slice(0, -1).every(function (w) { return set.has(w); }) &&
      (set.has(last) || Array.from(set).some(function (s) { return s.indexOf(last) === 0; }));
  }
  // Until (or unless) the JSON arrives, search the row's own text.
  rows.forEach(function (row) { searchText[row.dataset.id] = { value: row.textContent }; });

  function apply() {
    var words = syllables(form.q.value);
    var want = { loai: form.loai.value, coQuan: form.co_quan.value, nam: form.nam.value,
      linhVuc: form.linh_vuc.value, hieuLuc: form.hieu_luc.value };
    var shown = 0;
    rows.forEach(function (row) {
      var d = row.dataset;
      var text = searchText[d.id] || { value: "" };
      var ok = (!want.loai || d.loai === want.loai) && (!want.coQuan || d.coQuan === want.coQuan) &&
        (!want.nam || d.nam === want.nam) && (!want.linhVuc || d.linhVuc === want.linhVuc) && (!want.hieuLuc || d.hieuLuc === want.hieuLuc) &&
        matches(words, text);
      row.hidden = !ok;
      if (ok) { shown += 1; }
    });
    count.textContent = "Hiển thị " + shown + " / " + rows.length + " văn bản.";
    empty.hidden = shown !== 0;
  }

  fetch(form.dataset.json, { credentials: "same-origin" })
    .then(function (response) { if (!response.ok) { throw new Error(response.status); } return response.json(); })
    .then(function (data) {
      (data.van_ban || []).forEach(function (doc) {
        // The JSON carries more than the table shows (signer, full trích yếu, issuer name).
        searchText[String(doc.id)] = { value: [doc.tim_kiem, doc.so_ky_hieu, doc.ten_loai, doc.ten_co_quan,
          doc.ten_linh_vuc, doc.trich_yeu].join(" ") };
      });
      apply();
    })
    .catch(function () { /* keep searching the visible text */ });

  // The filters live in the address (?loai=…&hieu_luc=…): a shared link shows the same list and the back
  // button steps through earlier choices. Typing replaces the current entry; a chosen filter adds one.
  var FIELDS = ["q", "loai", "co_quan", "nam", "linh_vuc", "hieu_luc"];
  function toAddress(push) {
    var params = new URLSearchParams();
    FIELDS.forEach(function (name) { if (form[name].value) params.set(name, form[name].value); });
    var query = params.toString();
    var url = location.pathname + (query ? "?" + query : "");
    if (url === location.pathname + location.search) return;
    if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
  }
  function fromAddress() {
    var params = new URLSearchParams(location.search);
    FIELDS.forEach(function (name) {
      var value = params.get(name) || "";
      var field = form[name];
      if (field.tagName === "SELECT" && !field.querySelector('option[value="' + CSS.escape(value) + '"]')) value = "";
      field.value = value;
    });
    apply();
  }
  form.addEventListener("input", function (event) { apply(); if (event.target.type === "search") toAddress(false); });
  form.addEventListener("change", function (event) { apply(); if (event.target.tagName === "SELECT") toAddress(true); });
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); toAddress(true); });
  form.addEventListener("reset", function () { window.setTimeout(function () { apply(); toAddress(true); }, 0); });
  window.addEventListener("popstate", fromAddress);
  fromAddress();
  form.hidden = false;
  document.body.classList.add("js-filters");
})();
