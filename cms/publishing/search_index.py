"""The site's own search index: pre-folded Vietnamese syllables in static JSON (decision 0016).

A searchable page marks the part to index with ``data-search-body`` (the attribute name is kept from the
earlier Pagefind index so templates and ``search.MARKER`` stay as they were) and describes itself with
``data-search-type`` (the label shown with each result: "Tin tức", "Thông báo", "Văn bản" …),
``data-search-date`` (ISO date, for ordering) and optionally ``data-search-summary``. Anything inside an
element with ``data-search-ignore`` is left out.

The matching rule (clarifications #14) is enforced by the index itself, not by the browser:

- text is folded with :func:`cms.core.vietnamese.fold` (NFC, no tone marks, đ→d, lower case) and split into
  syllables ``[a-z0-9]+`` — ``39/QĐ-THNK`` and ``39/QD-THNK`` both give ``39 qd thnk``;
- every syllable and every pair of adjacent syllables (``"tay chan"``, not across a sentence end) is a term;
- the browser (``static/js/search.js``) looks terms up exactly: every syllable of an unquoted query anywhere
  in the item, except the :data:`FUNCTION_SYLLABLES` (next to a query neighbour); a quoted phrase as its
  ordered pairs.

Files of one shard (``<dir>/`` = ``chi-muc/<shard>/``), with no term directory to download:

- ``index.json``: ``{"v": 2, "n": pages, "buckets": B, "per": 50, "version": "<hash>"}`` (fetched with
  revalidation; everything else sits in the content-addressed folder ``<version>/`` and is cached for ever);
- ``<version>/b<i>.json``: ``{term: postings}`` for the terms whose :func:`bucket_of` is ``i``; B is chosen
  so a bucket holds about ``BUCKET_BYTES``: one lookup costs one small file per shard. Postings are the page
  numbers, either a JSON list of gaps (``[3, 1, 7]`` = pages 3, 4, 11) or, for terms on many pages, a base64
  bitmap string (bit ``i`` of byte ``i // 8``, least significant bit first);
- ``<version>/m<i>.json``: ``[[url, title, type, date, summary], …]`` for pages ``i*50 … i*50+49``.

Pages are numbered newest first, so results come out newest first without a ranking step. Hashing terms into
buckets means no prefix lookups: every query word, the one being typed too, is matched as a whole syllable.
"""

import base64
import hashlib
import json
import re

from lxml import etree

from cms.core.vietnamese import SEARCH_IY_PATTERN, nfc, search_fold

SYLLABLE = re.compile(r"[a-z0-9]+")
_SENTENCE_END = re.compile(r"[.!?;:…]+(?=\s|$)|\n")
BUCKET_BYTES = 2_000  # target size of one term bucket (uncompressed JSON): a lookup fetches one per shard
META_PER_CHUNK = 50
SUMMARY_CHARS = 220
DEFAULT_TYPE = "Trang"  # only for a page without data-search-type; every page type sets its own
# Function syllables, folded: "đã", "của", "và", "là", "có"… are on nearly every page, and folding makes them
# ambiguous ("da" is đã, đá, da, dạ, đa; "co" is có, cô, cờ). Alone they would let any page match ("bong da"
# would list every page with "bông" … "đã"), so in an unquoted query they count only next to a neighbouring
# query syllable, as part of a word (either order). Every other syllable may stand anywhere in the item.
FUNCTION_SYLLABLES = frozenset(
    "bi cac cho co cua cung da dang de den do duoc hay hoac khi la lai ma moi mot nay nen nhu nhung o ra rat "
    "se tai theo thi trong tu va vao ve vi voi".split()
)
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_BLOCK = {"p", "div", "li", "h1", "h2", "h3", "h4", "td", "th", "tr", "section", "article", "figcaption"}
_SKIP = {"script", "style", "template", "noscript"}


def search_page_context():
    """What the search page's script needs from this module, so the browser and the index cannot differ:
    the i/y folding pattern (:func:`cms.core.vietnamese.search_fold`) and the function syllables."""
    return {"search_fold_iy": SEARCH_IY_PATTERN, "search_glue": " ".join(sorted(FUNCTION_SYLLABLES))}


def syllables(text):
    """Folded syllables of ``text`` in order (:func:`cms.core.vietnamese.search_fold`: i/y spellings agree):
    ``syllables("Bóng đá 39/QĐ kỹ")`` → ``[bong, da, 39, qd, ki]``."""
    return SYLLABLE.findall(search_fold(text))


def terms_of(text):
    """The index terms of ``text``: its syllables and its pairs of adjacent syllables (``"tay chan"``).

    Pairs do not cross the end of a sentence or a block (". ", "; ", a new paragraph): "… bông. Đa dạng …"
    gives no "bong da". Commas, slashes and hyphens join (``phòng, chống``; ``39/QĐ-THNK``).
    """
    terms = set()
    # Folded once: folding keeps the sentence ends, and the i/y rule never looks across them.
    for segment in _SENTENCE_END.split(search_fold(text)):
        words = SYLLABLE.findall(segment)
        terms.update(words)
        terms.update(f"{a} {b}" for a, b in zip(words, words[1:], strict=False))
    return terms


# libxml2's HTML parser (lxml): about four times faster than ``html.parser`` on our pages, which made the
# search index a quarter of a full build (issue 15). Comments and processing instructions carry no text.
_PARSER = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True)
# Records do not nest: an item inside a body (or inside another item) is part of the outer record.
_RECORDS = etree.XPath(
    "//*[@data-search-body or @data-search-item][not(ancestor::*[@data-search-body or @data-search-item])]"
)


class _Record:
    """The text and first h1 of one search record, collected by :meth:`walk` from its element.

    Anything inside ``_SKIP`` elements or an element with ``data-search-ignore`` is left out (their tail
    text, which follows them, is kept); block elements and ``<br>`` separate text with a new line, so pairs
    of syllables do not cross a paragraph (:func:`terms_of`).
    """

    def __init__(self, element):
        self.attrs = dict(element.attrib)
        self.text = []
        self.h1 = None  # list of the first h1's text pieces, once met
        if element.text:
            self.text.append(element.text)
        for child in element:
            self.walk(child, in_h1=False)
        if element.tag in _BLOCK:
            self.text.append("\n")

    def add(self, text, in_h1):
        self.text.append(text)
        if in_h1:
            self.h1.append(text)

    def walk(self, element, in_h1):
        """Collect ``element`` (a descendant of the record) and the text that follows it (its tail)."""
        tag = element.tag
        if tag == "br":
            self.text.append("\n")
        elif tag not in _VOID and tag not in _SKIP and element.get("data-search-ignore") is None:
            inner = in_h1
            if tag == "h1" and self.h1 is None:
                self.h1, inner = [], True
            block = tag in _BLOCK
            if block:
                self.text.append("\n")
            if element.text:
                self.add(element.text, inner)
            for child in element:
                self.walk(child, inner)
            if block:
                self.text.append("\n")
        if element.tail:
            self.add(element.tail, in_h1)


def _squash(text):
    return re.sub(r"\s+", " ", text).strip()


def _record(found, url):
    attrs = found.attrs
    if "data-search-item" in attrs and "data-search-body" not in attrs and attrs.get("id"):
        url = f"{url}#{attrs['id']}"
    text = nfc("".join(found.text))
    title = _squash(nfc(attrs.get("data-search-title") or "".join(found.h1 or ())))
    summary = _squash(nfc(attrs.get("data-search-summary") or ""))
    if not summary:
        body = _squash(text)
        if title and body.startswith(title):
            body = body[len(title) :].strip()
        summary = body
    if len(summary) > SUMMARY_CHARS:
        summary = summary[:SUMMARY_CHARS].rsplit(" ", 1)[0] + "…"
    return {
        "url": url,
        "title": title or url,
        "type": _squash(nfc(attrs.get("data-search-type") or DEFAULT_TYPE)),
        "date": (attrs.get("data-search-date") or "")[:10],
        "summary": summary,
        # The type label is searchable too: "thông báo tay chân miệng" finds the notice.
        "text": "\n".join((title, summary, attrs.get("data-search-type") or "", text)),
    }


def extract_all(html, url):
    """The search records of one rendered page (see :class:`_Record`), in page order; [] if none.

    ``html``: bytes (UTF-8) or str. Each record is ``{"url", "title", "type", "date", "summary", "text"}``
    (NFC strings; ``date`` ISO or "").
    """
    if isinstance(html, str):
        html = html.encode("utf-8")
    if not html.strip():
        return []
    root = etree.fromstring(html, _PARSER)
    if root is None:
        return []
    return [_record(_Record(element), url) for element in _RECORDS(root)]


def extract(html, url):
    """The first search record of one rendered page (:func:`extract_all`), or None."""
    records = extract_all(html, url)
    return records[0] if records else None


def url_for_path(path):
    """Public URL of an output file: ``tin-tuc/bai/index.html`` → ``/tin-tuc/bai/``."""
    if path == "index.html":
        return "/"
    if path.endswith("/index.html"):
        return "/" + path[: -len("index.html")]
    return "/" + path


def _postings(ids, total):
    """Sorted page numbers as a gap list, or a base64 bitmap when that is smaller."""
    gaps, previous = [], 0
    for number in ids:
        gaps.append(number - previous)
        previous = number
    as_list = json.dumps(gaps, separators=(",", ":"))
    bitmap_len = ((total + 7) // 8 * 4 + 2) // 3 + 2
    if bitmap_len < len(as_list):
        bits = bytearray((total + 7) // 8)
        for number in ids:
            bits[number // 8] |= 1 << (number % 8)
        return base64.b64encode(bytes(bits)).decode()
    return gaps


def bucket_of(term, buckets):
    """The bucket of ``term``: 32-bit FNV-1a of its ASCII bytes modulo ``buckets`` (as in search.js)."""
    value = 0x811C9DC5
    for byte in term.encode("ascii"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value % buckets


def _dump(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def build_index(records):
    """Index files for ``records`` (from :func:`extract`): ``{name: bytes}`` relative to the shard folder.

    A record may carry its ``terms`` already (:func:`terms_of` of its text, e.g. from the builder's cache of
    unchanged pages, ``cms.publishing.search``); otherwise they are computed here.
    """
    records = sorted(records, key=lambda r: (r["date"], r["url"]), reverse=True)
    total = len(records)
    postings = {}
    for number, record in enumerate(records):
        terms = record.get("terms")
        for term in terms_of(record["text"]) if terms is None else terms:
            postings.setdefault(term, []).append(number)
    encoded = {term: _postings(ids, total) for term, ids in sorted(postings.items())}
    size = sum(len(term) + len(_dump(value)) + 4 for term, value in encoded.items())
    buckets = max(1, -(-size // BUCKET_BYTES))
    grouped = [{} for _ in range(buckets)]
    for term, value in encoded.items():
        grouped[bucket_of(term, buckets)][term] = value
    parts = {f"b{i}.json": _dump(group) for i, group in enumerate(grouped)}
    for number, start in enumerate(range(0, total, META_PER_CHUNK)):
        rows = [
            [r["url"], r["title"], r["type"], r["date"], r["summary"]]
            for r in records[start : start + META_PER_CHUNK]
        ]
        parts[f"m{number}.json"] = _dump(rows)
    # Every build of a shard is a new folder: its files can be cached for ever, and a browser holding the
    # previous index.json keeps reading the previous folder's files until the old release is gone.
    digest = hashlib.sha256()
    for name in sorted(parts):
        digest.update(name.encode() + b"\0" + parts[name])
    version = digest.hexdigest()[:12]
    files = {f"{version}/{name}": data for name, data in parts.items()}
    files["index.json"] = _dump(
        {"v": 2, "n": total, "buckets": buckets, "per": META_PER_CHUNK, "version": version}
    )
    return files
