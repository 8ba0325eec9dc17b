"""Bytes a browser fetches for one search on a large site (issue 15's goal: ≤ 300 KB at 50k pages).

Builds the search index (``cms.publishing.search_index``) for N synthetic pages made of windows of the demo
articles' real Vietnamese text (so syllable and pair frequencies are realistic), split into yearly shards as
the site does, then replays the browser's lookups (``static/js/search.js``) for a few queries and counts the
bytes of every file fetched: shards.json, each shard's index.json, one bucket per term, the metadata of the
first 20 results.

    .venv/bin/python bench/search_bytes.py --pages 50000 --shards 10
"""

import argparse
import gzip
import json
import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal_site.settings.dev")

import django  # noqa: E402

django.setup()

from django.utils.html import strip_tags  # noqa: E402

from cms.demo import content  # noqa: E402
from cms.publishing import search_index  # noqa: E402

QUERIES = ["tay chân miệng", "bong da", "khai giảng năm học", "39/QĐ-THNK", "học sinh", "hội khỏe phù đổng"]


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


def lookups(query):
    """The terms search.js looks up (exact), mirroring its parse() for a submitted query."""
    s = search_index.syllables(query)
    letters = [any(c.isalpha() for c in w) for w in s]
    terms = set()
    for i, w in enumerate(s):
        pairs = [j for j in (i - 1, i + 1) if 0 <= j < len(s) and letters[i] and letters[j]]
        if not pairs:
            terms.add(w)
        for j in pairs:
            a, b = s[min(i, j)], s[max(i, j)]
            terms |= {f"{a} {b}", f"{b} {a}"}
    return terms


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
        fetched = gzipped = 0
        names = json.dumps(sorted(built)).encode()
        fetched, gzipped = len(names), len(gzip.compress(names))
        hits = 0
        for files in built.values():
            index = json.loads(files["index.json"])
            wanted = {"index.json"}
            wanted |= {
                f"{index['version']}/b{search_index.bucket_of(t, index['buckets'])}.json"
                for t in lookups(query)
            }
            if hits < 20:
                wanted.add(f"{index['version']}/m0.json")
                hits += 20
            fetched += sum(len(files[name]) for name in wanted)
            gzipped += sum(len(gzip.compress(files[name])) for name in wanted)
        print(f"{query!r}: {fetched / 1024:.0f} KB fetched, {gzipped / 1024:.0f} KB gzip-compressed")


if __name__ == "__main__":
    main()
