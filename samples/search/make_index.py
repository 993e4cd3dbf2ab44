#!/usr/bin/env python3
"""The search sample's data: a deterministic document collection, its
inverted index (the blob search.cpp reads through the data oracle), a
request corpus, and an independent BM25 in Python to check the service.

    make_index.py index OUT.bin [--documents N] [--seed S]
    make_index.py requests BUILD_DIR DATA_ROOT OUT_DIR [--documents N] [--seed S]
                                    (the queries go to OUT_DIR/../queries.json)
    make_index.py expect DATA_ROOT QUERY K [--documents N] [--seed S]   # JSON hits

Documents are drawn from a made-up vocabulary of 3,000 words with Zipf
frequencies (a few very common words, a long tail), 20 to 240 words each,
with a PRNG (splitmix64) seeded by --seed, so every run makes the same
bytes. Index format (little-endian), README.md has it with the rules:

    header   32 bytes  "VSX1", documents u32, terms u32, 0 u32,
                       total length u64, 0 u64
    terms    32 bytes each, sorted by term bytes: term (24 bytes, zero
                       padded), first posting u32, document frequency u32
    postings 12 bytes each, grouped by term, by ascending document:
                       document u32, term frequency u32, document length u32
"""
import argparse
import json
import math
import os
import struct
import sys

TERM_BYTES = 24
K1, B = 1.2, 0.75
SYLLABLES = ["ka", "lo", "mi", "ne", "sul", "tor", "va", "pri", "den", "gar", "el", "os", "qu", "ri", "zan",
             "bel", "cor", "dra", "fin", "hal"]
MASK = (1 << 64) - 1


class SplitMix:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def below(self, n):
        return self.next() % n


def vocabulary(rng, size=3000):
    words, seen = [], set()
    while len(words) < size:
        word = "".join(SYLLABLES[rng.below(len(SYLLABLES))] for _ in range(1 + rng.below(4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def documents(count, seed):
    rng = SplitMix(seed)
    words = vocabulary(rng)
    # Zipf(1): cumulative weights 1/r, sampled by bisection on an integer scale.
    cumulative, total = [], 0.0
    for rank in range(1, len(words) + 1):
        total += 1.0 / rank
        cumulative.append(total)
    scale = 1 << 40
    ticks = [int(c / total * scale) for c in cumulative]
    docs = []
    for _ in range(count):
        length = 20 + rng.below(221)
        doc = []
        for _ in range(length):
            x = rng.below(scale)
            lo, hi = 0, len(ticks) - 1
            while lo < hi:
                mid = (lo + hi) // 2
                if ticks[mid] > x:
                    hi = mid
                else:
                    lo = mid + 1
            doc.append(words[lo])
        docs.append(" ".join(doc))
    return docs


def tokenize(text, unique=False):
    terms, current = [], []
    for ch in text.encode():
        c = chr(ch).lower() if 65 <= ch <= 90 else chr(ch)
        if ("a" <= c <= "z") or ("0" <= c <= "9"):
            if len(current) < TERM_BYTES:
                current.append(c)
        else:
            if current:
                terms.append("".join(current))
            current = []
    if current:
        terms.append("".join(current))
    if unique:
        seen, out = set(), []
        for t in terms:
            if t not in seen:
                seen.add(t)
                out.append(t)
        return out
    return terms


def build_index(docs):
    postings = {}
    lengths = []
    for d, text in enumerate(docs):
        terms = tokenize(text)
        lengths.append(len(terms))
        counts = {}
        for t in terms:
            counts[t] = counts.get(t, 0) + 1
        for t, tf in counts.items():
            postings.setdefault(t, []).append((d, tf))
    terms = sorted(postings, key=lambda t: t.encode())
    header = b"VSX1" + struct.pack("<III", len(docs), len(terms), 0) + struct.pack("<QQ", sum(lengths), 0)
    table, body, first = bytearray(), bytearray(), 0
    for t in terms:
        table += t.encode().ljust(TERM_BYTES, b"\0") + struct.pack("<II", first, len(postings[t]))
        for d, tf in postings[t]:
            body += struct.pack("<III", d, tf, lengths[d])
        first += len(postings[t])
    return header + bytes(table) + bytes(body)


def bm25(docs, query, k):
    """The reference: the same formula in Python's doubles and math.log."""
    tokenized = [tokenize(d) for d in docs]
    n = len(docs)
    average = sum(len(t) for t in tokenized) / n
    scores = {}
    for term in tokenize(query, unique=True)[:32]:
        holders = [(d, t.count(term)) for d, t in enumerate(tokenized) if term in t]
        if not holders:
            continue
        df = len(holders)
        idf = math.log(1.0 + (n - df + 0.5) / (df + 0.5))
        for d, tf in holders:
            norm = K1 * (1.0 - B + B * len(tokenized[d]) / average)
            scores[d] = scores.get(d, 0.0) + idf * (tf * (K1 + 1.0)) / (tf + norm)
    ranked = sorted(scores, key=lambda d: (-scores[d], d))[:min(k, 1000)]
    return [[d, int(scores[d] * 1e6 + 0.5)] for d in ranked]


def word(value):
    return value.to_bytes(32, "big")


def tail(data):
    return word(len(data)) + data + b"\0" * ((32 - len(data) % 32) % 32)


def search_call(selector, root, query, k):
    q = tail(query.encode())
    return selector + root + word(96) + word(k) + q


def frequency_call(selector, root, term):
    return selector + root + word(64) + tail(term.encode())


QUERIES = [("common", 10), ("rare", 5), ("mixed", 20), ("absent", 10), ("many", 50), ("repeated", 10),
           ("punctuation", 10), ("empty", 10), ("one", 1), ("k0", 0)]


def corpus_queries(docs):
    rng = SplitMix(99)
    words = [t for d in docs[:50] for t in tokenize(d)]
    common = max(set(words), key=words.count)
    rare = sorted(set(words), key=lambda w: (words.count(w), w))[0]
    pick = lambda: words[rng.below(len(words))]
    return {
        "common": common,
        "rare": rare,
        "mixed": f"{common} {rare} {pick()}",
        "absent": "zzzz qqqq",
        "many": " ".join(pick() for _ in range(12)),
        "repeated": f"{rare} {rare} {rare.upper()}",
        "punctuation": f"{pick()}, {pick()}!? ({pick()})",
        "empty": "",
        "one": pick(),
        "k0": common,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["index", "requests", "expect"])
    parser.add_argument("args", nargs="*")
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=20261202)
    o = parser.parse_args()
    docs = documents(o.documents, o.seed)
    if o.command == "index":
        with open(o.args[0], "wb") as f:
            f.write(build_index(docs))
    elif o.command == "requests":
        build, root_hex, out = o.args
        root = bytes.fromhex(root_hex[2:] if root_hex.startswith("0x") else root_hex)
        with open(os.path.join(build, "manifest.json")) as f:
            methods = {m["name"]: bytes.fromhex(m["selector"][2:]) for m in json.load(f)["methods"]}
        os.makedirs(out, exist_ok=True)
        queries = corpus_queries(docs)
        for name, k in QUERIES:
            data = search_call(methods["search"], root, queries[name], k)
            with open(os.path.join(out, f"search-{name}.hex"), "w") as f:
                f.write("0x" + data.hex() + "\n")
        for name in ("common", "rare", "absent"):
            data = frequency_call(methods["documentFrequency"], root, queries[name])
            with open(os.path.join(out, f"frequency-{name}.hex"), "w") as f:
                f.write("0x" + data.hex() + "\n")
        with open(os.path.join(out, "count.hex"), "w") as f:
            f.write("0x" + (methods["documentCount"] + root).hex() + "\n")
        with open(os.path.join(os.path.dirname(os.path.abspath(out)), "queries.json"), "w") as f:
            json.dump({"dataRoot": root_hex, "documents": o.documents, "seed": o.seed,
                       "queries": {name: [queries[name], k] for name, k in QUERIES}}, f, indent=1)
    else:
        _, query, k = o.args
        json.dump(bm25(docs, query, int(k)), sys.stdout)
        print()


if __name__ == "__main__":
    main()
