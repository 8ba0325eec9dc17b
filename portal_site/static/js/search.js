// Site search over the pre-folded syllable index in /chi-muc/ (cms/publishing/search_index.py, decision 0016).
// The rule (clarifications #14): every query syllable must be a whole syllable of the item, anywhere in it (tone
// marks ignored, đ folded, i/y spellings such as kỹ/kĩ alike; function syllables such as đã/của only next to a
// neighbouring query syllable); a quoted phrase must appear as adjacent syllables in order. Per shard the browser fetches index.json, one small bucket file per term and the metadata of the
// results it shows.
(function () {
  "use strict";
  var ROOT = "/chi-muc/";
  var PAGE_SIZE = 20;
  var form = document.querySelector("[data-search-form]");
  if (!form || !window.fetch) return;
  var input = form.querySelector("input[type=search]");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var cache = {};
  var shardsPromise = null;
  var generation = 0;
  var current = null; // {hits: [[shard index, page number]], shown: n, q: parsed query}

  // The same folding as cms.core.vietnamese.search_fold(): the i/y rule comes from the page, rendered from
  // SEARCH_IY_PATTERN, so the index and the query cannot disagree.
  var iy = new RegExp(form.getAttribute("data-fold-iy") || "(?!)", "g");
  function fold(text) {
    return text.normalize("NFC").toLowerCase().replace(/[đð]/g, "d").normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "").replace(iy, "$1i");
  }
  function syllables(text) { return fold(text).match(/[a-z0-9]+/g) || []; }

  function getJSON(url, revalidate) {
    if (!cache[url]) {
      cache[url] = fetch(url, revalidate ? { cache: "no-store" } : {}).then(function (r) {
        if (!r.ok) throw new Error(url + ": " + r.status);
        return r.json();
      });
    }
    return cache[url];
  }

  function shards() {
    if (!shardsPromise) {
      shardsPromise = getJSON(ROOT + "shards.json", true).then(function (names) {
        return Promise.all(names.map(function (name) {
          return getJSON(ROOT + name + "/index.json", true).then(function (index) {
            index.name = name;
            return index;
          });
        }));
      });
    }
    return shardsPromise;
  }

  // Function syllables (đã, của, và, có… folded: cms.publishing.search_index.FUNCTION_SYLLABLES, from the page).
  var glue = new Set((form.getAttribute("data-glue") || "").split(" "));

  // The query as lookups. Quoted phrases: each adjacent pair in order (a one-syllable phrase: that syllable).
  // Unquoted syllables: each must be present somewhere in the item; a function syllable only next to one of
  // its query neighbours (either order); syllables joined without a space (39/QĐ-THNK) in order — "bong da" needs "bóng đá", not "bông" … "đã" apart. The word being
  // typed is matched whole too (the rule allows a prefix; the hashed index has no prefix lookups).
  // Returns {groups: [[alternative terms], …], words}: an item must hold one term of every group.
  function parse(query) {
    var groups = [], words = [], seen = {};
    function need(options) {
      var key = options.join("|");
      if (!seen[key]) { seen[key] = true; groups.push(options); }
    }
    var rest = query.normalize("NFC").replace(/["“”]([^"“”]*)["“”]?/g, function (_, phrase) {
      var s = syllables(phrase);
      if (s.length === 1) need([s[0]]);
      for (var i = 0; i + 1 < s.length; i++) need([s[i] + " " + s[i + 1]]);
      words = words.concat(s);
      return " ";
    });
    // Syllables joined without a space ("39/QĐ-THNK", "e-learning", "2026–2027") are one token: its syllables
    // must stand together in order, like a quoted phrase.
    var loose = [], tokenOf = [];
    rest.split(/\s+/).forEach(function (chunk, t) {
      var s = syllables(chunk);
      for (var i = 0; i + 1 < s.length; i++) need([s[i] + " " + s[i + 1]]);
      s.forEach(function (word) { loose.push(word); tokenOf.push(s.length > 1 ? t : -1); });
    });
    loose.forEach(function (word, i) {
      if (tokenOf[i] >= 0) return; // part of a joined token: its pairs are already needed
      var options = [];
      if (glue.has(word)) {
        [i - 1, i + 1].forEach(function (j) {
          if (j < 0 || j >= loose.length) return;
          var a = loose[Math.min(i, j)], b = loose[Math.max(i, j)];
          options.push(a + " " + b, b + " " + a);
        });
      }
      need(options.length ? options : [word]);
    });
    return { groups: groups, words: words.concat(loose) };
  }

  // 32-bit FNV-1a of the term's (ASCII) characters: the same bucket as search_index.bucket_of().
  function bucketOf(term, buckets) {
    var h = 0x811c9dc5;
    for (var i = 0; i < term.length; i++) {
      h ^= term.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h % buckets;
  }
  function file(index, name) { return ROOT + index.name + "/" + index.version + "/" + name; }

  function decode(postings) {
    var ids = [], n = 0;
    if (typeof postings === "string") {
      var bytes = atob(postings);
      for (var b = 0; b < bytes.length; b++) {
        var byte = bytes.charCodeAt(b);
        for (var bit = 0; bit < 8; bit++) if (byte & (1 << bit)) ids.push(b * 8 + bit);
      }
      return ids;
    }
    for (var i = 0; i < postings.length; i++) { n += postings[i]; ids.push(n); }
    return ids;
  }
  function intersect(a, b) {
    var set = new Set(b);
    return a.filter(function (x) { return set.has(x); });
  }

  function lookup(index, term) {
    if (!index.n) return Promise.resolve([]);
    return getJSON(file(index, "b" + bucketOf(term, index.buckets) + ".json")).then(function (bucket) {
      return bucket[term] === undefined ? [] : decode(bucket[term]);
    });
  }
  function union(lists) {
    var seen = new Set();
    lists.forEach(function (l) { l.forEach(function (id) { seen.add(id); }); });
    return Array.from(seen).sort(function (x, y) { return x - y; });
  }

  function searchShard(index, q) {
    return Promise.all(q.groups.map(function (options) {
      return Promise.all(options.map(function (term) { return lookup(index, term); })).then(union);
    })).then(function (lists) {
      if (!lists.length) return [];
      return lists.reduce(intersect).map(function (id) { return [index, id]; });
    });
  }

  function highlight(element, text, q) {
    var wanted = new Set(q.words);
    text.split(/([\p{L}\p{N}]+)/u).forEach(function (part, i) {
      var f = i % 2 ? fold(part) : null;
      if (f && wanted.has(f)) {
        var mark = document.createElement("mark");
        mark.textContent = part;
        element.append(mark);
      } else if (part) {
        element.append(document.createTextNode(part));
      }
    });
  }

  function formatDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    return m ? m[3] + "/" + m[2] + "/" + m[1] : "";
  }

  function showMore(gen) {
    var slice = current.hits.slice(current.shown, current.shown + PAGE_SIZE);
    current.shown += slice.length;
    return Promise.all(slice.map(function (hit) {
      var index = hit[0], id = hit[1];
      return getJSON(file(index, "m" + Math.floor(id / index.per) + ".json")).then(function (rows) {
        return rows[id % index.per];
      });
    })).then(function (rows) {
      if (gen !== generation) return;
      rows.forEach(function (row) {
        var li = document.createElement("li");
        li.className = "search-result";
        var kind = document.createElement("span");
        kind.className = "result-type";
        kind.textContent = row[2];
        var heading = document.createElement("h2");
        var a = document.createElement("a");
        a.href = row[0];
        highlight(a, row[1], current.q);
        heading.append(a);
        li.append(kind, heading);
        if (row[3]) {
          var time = document.createElement("time");
          time.className = "meta";
          time.dateTime = row[3];
          time.textContent = formatDate(row[3]);
          li.append(time);
        }
        if (row[4]) {
          var p = document.createElement("p");
          highlight(p, row[4], current.q);
          li.append(p);
        }
        list.append(li);
      });
      more.hidden = current.shown >= current.hits.length;
    });
  }

  function run(query) {
    var gen = ++generation;
    var q = parse(query);
    list.replaceChildren();
    more.hidden = true;
    status.removeAttribute("data-done");
    if (!q.groups.length) {
      // Nothing to look up: an empty box says nothing; punctuation alone ("!!!") gets a clear word.
      status.textContent = query.trim() ? "Hãy nhập từ cần tìm (chữ hoặc số), ví dụ: tay chân miệng." : "";
      status.setAttribute("data-done", query);
      return Promise.resolve();
    }
    status.textContent = "Đang tìm…";
    // A publish while this page is open replaces a year's index folder (its name is its version): each
    // search reads the list of shards and their index.json again (a few KB, never from the HTTP cache: a
    // file rewritten within the same second as the cached copy could pass a revalidation), so a new
    // version is seen; the versioned files keep their cache. If a file of the old version still answers
    // 404 (a search in flight during the publish), everything is read once more.
    shardsPromise = null;
    Object.keys(cache).forEach(function (url) {
      if (url === ROOT + "shards.json" || /\/index\.json$/.test(url)) delete cache[url];
    });
    function hitsOf(retry) {
      return shards().then(function (indexes) {
        return Promise.all(indexes.map(function (index) { return searchShard(index, q); }));
      }).catch(function (error) {
        if (!retry) throw error;
        cache = {};
        shardsPromise = null;
        return hitsOf(false);
      });
    }
    return hitsOf(true).then(function (perShard) {
      if (gen !== generation) return;
      var hits = [].concat.apply([], perShard);
      current = { hits: hits, shown: 0, q: q };
      var shown = query.trim();
      status.textContent = hits.length
        ? "Tìm thấy " + hits.length + " kết quả cho “" + shown + "”."
        : "Không tìm thấy kết quả nào cho “" + shown + "”.";
      return hits.length ? showMore(gen) : null;
    }).then(function () {
      // For tests and assistive tools: which query the list now shows.
      if (gen === generation) status.setAttribute("data-done", query);
    }).catch(function () {
      if (gen === generation) status.textContent = "Chưa tải được chỉ mục tìm kiếm. Vui lòng thử lại.";
    });
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(input.value); }, 300);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    var url = new URL(location.href);
    url.searchParams.set("q", input.value);
    history.pushState(null, "", url);
    run(input.value);
  });
  more.addEventListener("click", function () { showMore(generation); });
  function fromAddress() {
    var initial = new URLSearchParams(location.search).get("q") || "";
    input.value = initial;
    run(initial);
  }
  window.addEventListener("popstate", fromAddress);
  if (new URLSearchParams(location.search).get("q")) fromAddress();
  form.setAttribute("data-ready", "");
})();
