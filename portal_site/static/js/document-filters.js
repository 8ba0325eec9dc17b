/* Client-side filters for the static document list (progressive enhancement: the full list is in the HTML).
   Search folds Vietnamese like the server (cms.core.vietnamese.fold): lower case, no tone marks, đ -> d. */
(function () {
  "use strict";
  var form = document.getElementById("loc-van-ban");
  if (!form || !window.fetch || !String.prototype.normalize) { return; }
  var rows = Array.prototype.slice.call(document.querySelectorAll(".doc-row"));
  var count = document.getElementById("so-van-ban");
  var empty = document.getElementById("khong-co-van-ban");
  var searchText = {};

  function fold(text) {
    return String(text || "").normalize("NFC").toLowerCase().replace(/[đð]/g, "d")
      .normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  // Until (or unless) the JSON arrives, search the row's own text.
  rows.forEach(function (row) { searchText[row.dataset.id] = fold(row.textContent); });

  function apply() {
    var words = fold(form.q.value).split(/\s+/).filter(Boolean);
    var want = { loai: form.loai.value, coQuan: form.co_quan.value, nam: form.nam.value, linhVuc: form.linh_vuc.value };
    var shown = 0;
    rows.forEach(function (row) {
      var d = row.dataset;
      var text = searchText[d.id] || "";
      var ok = (!want.loai || d.loai === want.loai) && (!want.coQuan || d.coQuan === want.coQuan) &&
        (!want.nam || d.nam === want.nam) && (!want.linhVuc || d.linhVuc === want.linhVuc) &&
        words.every(function (w) { return text.indexOf(w) !== -1; });
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
        searchText[String(doc.id)] = fold([doc.tim_kiem, doc.so_ky_hieu, doc.ten_loai, doc.ten_co_quan,
          doc.ten_linh_vuc, doc.trich_yeu].join(" "));
      });
      apply();
    })
    .catch(function () { /* keep searching the visible text */ });

  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  form.hidden = false;
  document.body.classList.add("js-filters");
})();
