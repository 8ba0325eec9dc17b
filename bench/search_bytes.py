"""Bytes a browser fetches for one search on a large site (issue 15's goal: ≤ 300 KB at 50k pages).

Builds the search index (``cms.publishing.search_index``) for N synthetic pages made of windows of the demo
articles' real Vietnamese text (so syllable and pair frequencies are realistic), split into yearly shards as
the site does, then replays the browser's lookups (``static/js/search.js``) for a few queries and counts the
bytes of every file fetched: shards.json, each shard's index.json, one bucket per term, the metadata of the
first 20 results.

    .venv/bin/python bench/search_bytes.py --pages 50000 --shards 10
"""

import argparse
import base64
import gzip
import json
import os
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal_site.settings.dev")

import django  # noqa: E402

django.setup()

from django.utils.html import strip_tags  # noqa: E402

from cms.demo import content  # noqa: E402
from cms.publishing import search_index  # noqa: E402

QUERIES = [
    "tay chân miệng",
    "bong da",
    "khai giảng năm học",
    "39/QĐ-THNK",
    "học sinh",
    "hội khỏe phù đổng",
    "nghỉ học bão",
    "thông báo tay chân miệng",
    "kĩ năng sống",
    "đề kiểm tra Toán lớp 3",
    '"tay chân miệng"',
]


def corpus():
    words = []
    for article in content.ARTICLES:
        parts = [article["title"], article.get("lead", "")]
        for block in article.get("body", []):
            value = block[1] if isinstance(block, tuple | list) else block
            parts.append(strip_tags(str(value)))
        words += " ".join(parts).split()
    return words


def pages(count, words, seed=16):
    rng = random.Random(seed)
    for n in range(count):
        start = rng.randrange(0, len(words) - 400)
        text = " ".join(words[start : start + rng.randrange(150, 400)])
        yield {
            "url": f"/tin/{n}/",
            "title": " ".join(words[start : start + 10]),
            "type": "Tin tức",
            "date": f"{2016 + n % 10}-01-01",
            "summary": text[:200],
            "text": text,
        }


def groups(query):
    """The lookups search.js makes (mirroring its parse()): [[alternative terms], …], an item needs a term of
    every group. Quoted phrases: ordered pairs; unquoted syllables: each itself, a function syllable
    (``search_index.FUNCTION_SYLLABLES``) a pair with a query neighbour in either order; syllables joined
    without a space (``39/QĐ-THNK``) their ordered pairs."""
    out = []

    def phrase(match):
        s = search_index.syllables(match.group(1))
        out.extend([[s[0]]] if len(s) == 1 else [[f"{a} {b}"] for a, b in zip(s, s[1:], strict=False)])
        return " "

    loose, joined = [], []
    for chunk in re.sub(r'["“”]([^"“”]*)["“”]?', phrase, query).split():
        s = search_index.syllables(chunk)
        out.extend([f"{a} {b}"] for a, b in zip(s, s[1:], strict=False))
        loose += s
        joined += [len(s) > 1] * len(s)
    for i, word in enumerate(loose):
        if joined[i]:
            continue
        options = []
        if word in search_index.FUNCTION_SYLLABLES:
            for j in (i - 1, i + 1):
                if 0 <= j < len(loose):
                    a, b = loose[min(i, j)], loose[max(i, j)]
                    options += [f"{a} {b}", f"{b} {a}"]
        out.append(options or [word])
    return out


def _decode(value, total):
    if isinstance(value, str):
        bits = base64.b64decode(value)
        return {i for i in range(total) if bits[i // 8] >> (i % 8) & 1}
    ids, n = set(), 0
    for gap in value:
        n += gap
        ids.add(n)
    return ids


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=50000)
    parser.add_argument("--shards", type=int, default=10)
    args = parser.parse_args()
    words = corpus()
    shards = {}
    for record in pages(args.pages, words):
        shards.setdefault(record["date"][:4], []).append(record)
    built = {name: search_index.build_index(records) for name, records in sorted(shards.items())}
    total = sum(len(d) for files in built.values() for d in files.values())
    print(f"{args.pages} pages, {len(built)} shards, index {total / 1e6:.1f} MB on disk")
    for query in QUERIES:
        names = json.dumps(sorted(built, reverse=True)).encode()
        fetched, gzipped = len(names), len(gzip.compress(names))
        wanted_groups = groups(query)
        shown = 0
        for shard in sorted(built, reverse=True):  # shards.json order: newest first
            files = built[shard]
            index = json.loads(files["index.json"])
            wanted = {"index.json"}
            buckets = {}
            for options in wanted_groups:
                for term in options:
                    name = f"{index['version']}/b{search_index.bucket_of(term, index['buckets'])}.json"
                    wanted.add(name)
                    buckets.setdefault(name, json.loads(files[name]))
            hits = None
            for options in wanted_groups:
                ids = set()
                for term in options:
                    name = f"{index['version']}/b{search_index.bucket_of(term, index['buckets'])}.json"
                    if term in buckets[name]:
                        ids |= _decode(buckets[name][term], index["n"])
                hits = ids if hits is None else hits & ids
            # The metadata of the first 20 results the page shows (real chunks, not assumed ones).
            for number in sorted(hits or ())[: max(0, 20 - shown)]:
                wanted.add(f"{index['version']}/m{number // index['per']}.json")
                shown += 1
            fetched += sum(len(files[name]) for name in wanted)
            gzipped += sum(len(gzip.compress(files[name])) for name in wanted)
        print(f"{query!r}: {fetched / 1024:.0f} KB fetched, {gzipped / 1024:.0f} KB gzip-compressed")


if __name__ == "__main__":
    main()
