#!/usr/bin/env python3
"""The tinygpt sample's data and its independent reference.

  make_model.py model OUT              the weights blob (README: layout, initialisation)
  make_model.py requests BUILD ROOT DIR  the request corpus for the model named ROOT
  make_model.py expect MODEL PROMPT [--generate K]
                                       the logits after PROMPT (float64, JSON), or the
                                       K greedy tokens, computed in plain Python

Deterministic: the same bytes on every run (a splitmix64 PRNG, no numpy)."""
import argparse
import array
import json
import math
import os
import struct
import sys

MAGIC = b"VGP1"
VOCAB, WIDTH, LAYERS, HEADS, CONTEXT, HIDDEN = 256, 128, 6, 4, 64, 512
EPS = 1e-5
HERE = os.path.dirname(os.path.abspath(__file__))


class SplitMix:
    def __init__(self, seed):
        self.state = seed & (2**64 - 1)

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & (2**64 - 1)
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & (2**64 - 1)
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & (2**64 - 1)
        return z ^ (z >> 31)

    def uniform(self, scale):
        """Uniform in [-scale·√3, scale·√3): standard deviation `scale`."""
        return ((self.next() >> 11) * 2.0**-53 * 2.0 - 1.0) * scale * math.sqrt(3.0)


def bigram_log_probabilities(text):
    """log P(b | a) for every byte a seen in the text (add-0.001 smoothing)."""
    counts = {}
    for a, b in zip(text, text[1:]):
        counts.setdefault(a, [0] * VOCAB)[b] += 1
    table = {}
    for a, row in counts.items():
        total = sum(row) + 0.001 * VOCAB
        table[a] = [math.log((c + 0.001) / total) for c in row]
    return table


def orthogonal_embeddings(rng, seen):
    """Token embeddings with unit RMS: the bytes of the text orthogonal to
    each other (Gram-Schmidt, |e| = sqrt(WIDTH)), every other byte random."""
    table = [[rng.uniform(1.0) for _ in range(WIDTH)] for _ in range(VOCAB)]
    basis = []
    for a in seen:
        v = table[a]
        for u in basis:
            d = sum(x * y for x, y in zip(v, u)) / WIDTH
            v = [x - d * y for x, y in zip(v, u)]
        n = math.sqrt(sum(x * x for x in v) / WIDTH)
        table[a] = [x / n for x in v]
        basis.append(table[a])
    return table


def make_weights(seed=20261202):
    """The parameters in blob order (README): a bigram model of text.txt
    read out through random transformer layers."""
    with open(os.path.join(HERE, "text.txt"), "rb") as f:
        text = f.read()
    rng = SplitMix(seed)
    logp = bigram_log_probabilities(text)
    seen = sorted(logp)
    assert len(seen) <= WIDTH
    tokens = orthogonal_embeddings(rng, seen)
    out = array.array("f")
    for row in tokens:
        out.extend(row)
    out.extend(rng.uniform(0.05) for _ in range(CONTEXT * WIDTH))
    for _ in range(LAYERS):
        out.extend([1.0] * WIDTH)                                         # attention norm
        out.extend(rng.uniform(0.02) for _ in range(4 * WIDTH * WIDTH))   # q, k, v, output
        out.extend([1.0] * WIDTH)                                         # MLP norm
        out.extend(rng.uniform(0.02) for _ in range(2 * WIDTH * HIDDEN))  # up, down
    out.extend([1.0] * WIDTH)                                             # final norm
    # Readout W[d][b] = sum over seen a of e_a[d] · log P(b|a) / WIDTH: for
    # the normalized embedding of a, the logits are log P(· | a).
    for d in range(WIDTH):
        column = [0.0] * VOCAB
        for a in seen:
            e = tokens[a][d] / WIDTH
            column = [c + e * l for c, l in zip(column, logp[a])]
        out.extend(column)
    return out


def blob(weights):
    return MAGIC + struct.pack("<6I", VOCAB, WIDTH, LAYERS, HEADS, CONTEXT, HIDDEN) + b"\0" * 4 + weights.tobytes()


# ----------------------------------------------------------------- reference
class Reference:
    """The forward pass of tinygpt.cpp in float64, from the blob's bytes."""

    def __init__(self, data):
        assert data[:4] == MAGIC
        self.vocab, self.w, self.layers, self.heads, self.ctx, self.hidden = struct.unpack("<6I", data[4:28])
        values = array.array("f")
        values.frombytes(data[32:])
        self.p = values.tolist()
        self.at = 0

    def take(self, rows, cols=None):
        n = rows * (cols or 1)
        flat = self.p[self.at:self.at + n]
        self.at += n
        return flat if cols is None else [flat[r * cols:(r + 1) * cols] for r in range(rows)]

    def logits(self, tokens):
        self.at = 0
        w, hw = self.w, self.w // self.heads
        tok, pos = self.take(self.vocab, w), self.take(self.ctx, w)
        x = [[a + b for a, b in zip(tok[t], pos[i])] for i, t in enumerate(tokens)]
        for _ in range(self.layers):
            g1, wq, wk, wv, wo = self.take(w), self.take(w, w), self.take(w, w), self.take(w, w), self.take(w, w)
            g2, up, down = self.take(w), self.take(w, self.hidden), self.take(self.hidden, w)
            h = [rmsnorm(r, g1) for r in x]
            q, k, v = matmul(h, wq), matmul(h, wk), matmul(h, wv)
            mixed = [[0.0] * w for _ in x]
            for head in range(self.heads):
                cols = range(head * hw, (head + 1) * hw)
                for i in range(len(x)):
                    s = [sum(q[i][c] * k[j][c] for c in cols) / math.sqrt(hw) for j in range(i + 1)]
                    m = max(s)
                    e = [math.exp(a - m) for a in s]
                    total = sum(e)
                    for c in cols:
                        mixed[i][c] = sum(e[j] / total * v[j][c] for j in range(i + 1))
            x = [[a + b for a, b in zip(r, o)] for r, o in zip(x, matmul(mixed, wo))]
            h = [rmsnorm(r, g2) for r in x]
            u = [[0.5 * a * (1.0 + math.erf(a / math.sqrt(2.0))) for a in r] for r in matmul(h, up)]
            x = [[a + b for a, b in zip(r, o)] for r, o in zip(x, matmul(u, down))]
        final, readout = self.take(w), self.take(w, self.vocab)
        return matmul([rmsnorm(x[-1], final)], readout)[0]


def draw(logits, temperature, u):
    """sample()'s draw: the first token whose running probability sum exceeds u."""
    z = [a / temperature for a in logits]
    m = max(z)
    e = [math.exp(a - m) for a in z]
    total, running, last = sum(e), 0.0, 0
    for t, a in enumerate(e):
        if a / total > 0.0:
            running += a / total
            last = t
            if u < running:
                return t
    return last


def rmsnorm(row, gamma):
    r = 1.0 / math.sqrt(sum(a * a for a in row) / len(row) + EPS)
    return [a * r * g for a, g in zip(row, gamma)]


def matmul(rows, matrix):
    out = []
    for r in rows:
        acc = [0.0] * len(matrix[0])
        for a, line in zip(r, matrix):
            acc = [s + a * b for s, b in zip(acc, line)]
        out.append(acc)
    return out


# ------------------------------------------------------------------ requests
def word(value):
    return value.to_bytes(32, "big")


def tail(data):
    return word(len(data)) + data + b"\0" * ((32 - len(data) % 32) % 32)


# name: (method, prompt, count, seed, temperature in thousandths)
REQUESTS = {
    "info": ("modelInfo",),
    "logits-the": ("nextTokenLogits", "The "),
    "logits-one": ("nextTokenLogits", "a"),
    "generate-greedy": ("generate", "The", 3),
    "sample-seed1": ("sample", "th", 4, 1, 800),
    "sample-seed2": ("sample", "th", 4, 2, 800),
    "sample-hot": ("sample", "w", 4, 3, 2000),
    "sample-temperature0": ("sample", "a", 3, 7, 0),
    "empty-prompt": ("generate", "", 3),
    "too-long": ("generate", "x" * 60, 5),
    "count0": ("sample", "abc", 0, 1, 1000),
}


def call(selectors, root, spec):
    method, *args = spec
    data = selectors[method] + root
    if method == "nextTokenLogits":
        return data + word(64) + tail(args[0].encode())
    if method == "generate":
        return data + word(96) + word(args[1]) + tail(args[0].encode())
    if method == "sample":
        return data + word(160) + word(args[1]) + word(args[2]) + word(args[3]) + tail(args[0].encode())
    return data


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["model", "requests", "expect"])
    parser.add_argument("args", nargs="*")
    parser.add_argument("--generate", type=int, default=0, help="expect: K tokens instead of the logits")
    parser.add_argument("--sample", nargs=2, type=int, metavar=("SEED", "TEMPERATURE_MILLI"),
                        help="expect --generate: draw the tokens as sample() does (greedy without it)")
    o = parser.parse_args()
    if o.command == "model":
        with open(o.args[0], "wb") as f:
            f.write(blob(make_weights()))
    elif o.command == "requests":
        build, root_hex, out = o.args
        root = bytes.fromhex(root_hex.removeprefix("0x"))
        with open(os.path.join(build, "manifest.json")) as f:
            selectors = {m["name"]: bytes.fromhex(m["selector"][2:]) for m in json.load(f)["methods"]}
        os.makedirs(out, exist_ok=True)
        for name, spec in REQUESTS.items():
            with open(os.path.join(out, f"{name}.hex"), "w") as f:
                f.write("0x" + call(selectors, root, spec).hex() + "\n")
        with open(os.path.join(HERE, "requests.json"), "w") as f:
            json.dump({"dataRoot": root_hex, "requests": REQUESTS}, f, indent=1)
    else:
        with open(o.args[0], "rb") as f:
            ref = Reference(f.read())
        tokens = list(o.args[1].encode())
        if not o.generate:
            json.dump(ref.logits(tokens), sys.stdout)
        else:
            seed, milli = o.sample or (0, 0)
            rng = SplitMix(seed)
            for _ in range(o.generate):
                logits = ref.logits(tokens)
                tokens.append(draw(logits, milli / 1000.0, (rng.next() >> 40) * 2.0**-24) if milli else
                              max(range(len(logits)), key=lambda t: (logits[t], -t)))
            json.dump(tokens[len(o.args[1].encode()):], sys.stdout)
        print()


if __name__ == "__main__":
    main()
