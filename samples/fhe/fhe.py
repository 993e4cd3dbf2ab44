#!/usr/bin/env python3
"""The fhe sample's client side: keys, encryption, decryption (the service
never sees them), the encrypted-vector blob and the request corpus.

  fhe.py encrypt SEED N MESSAGE...        a ciphertext (hex) of each message (0..255)
  fhe.py decrypt SEED N HEX               the message in a degree-1 or degree-2 ciphertext
  fhe.py vector OUT [SEED N MESSAGE...]   the encrypted-vector blob (dot's data); without
                                          SEED..., the corpus's (key 42, n 512, 256 messages)
  fhe.py requests BUILD ROOT DIR          the request corpus (requests.json beside DIR)

SEED makes the secret key (ternary, n entries) and the encryption noise;
the same arguments give the same bytes. Scheme (README): q = 2^32, t = 256,
Δ = 2^24, b = <a, s> + e + Δ·m mod q with e uniform in [-4, 4]."""
import argparse
import json
import os
import struct
import sys

Q, T = 2**32, 256
DELTA = Q // T
NOISE = 4
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

    def below(self, bound):
        return self.next() % bound


def secret(seed, n):
    """The ternary secret of key SEED: n entries in {-1, 0, 1}."""
    rng = SplitMix(seed * 2 + 1)
    return [rng.below(3) - 1 for _ in range(n)]


def encrypt(seed, n, messages, stream=0):
    """One degree-1 ciphertext (list of n + 1 words) per message; `stream`
    picks fresh randomness for the same key."""
    s = secret(seed, n)
    rng = SplitMix((seed << 20) + 7 + stream)
    out = []
    for m in messages:
        a = [rng.next() & (Q - 1) for _ in range(n)]
        e = rng.below(2 * NOISE + 1) - NOISE
        b = (sum(x * y for x, y in zip(a, s)) + e + DELTA * (m % T)) % Q
        out.append([b] + a)
    return out


def phase(seed, n, words):
    """b - <a, s> for a degree-1 ciphertext, or <c, s'⊗s'> for a degree-2
    one (s' = (1, -s)), modulo q."""
    s1 = [1] + [-x for x in secret(seed, n)]
    if len(words) == n + 1:
        return sum(c * k for c, k in zip(words, s1)) % Q
    if len(words) == (n + 1) ** 2:
        return sum(words[i * (n + 1) + j] * s1[i] * s1[j] for i in range(n + 1) for j in range(n + 1)
                   if s1[i] and s1[j]) % Q
    raise ValueError(f"{len(words)} words: not a ciphertext of dimension {n}")


def decrypt(seed, n, words):
    """(message, noise): m = round(phase / Δ) mod t, noise = the centered rest."""
    p = phase(seed, n, words)
    m = ((p + DELTA // 2) // DELTA) % T
    noise = (p - m * DELTA + Q // 2) % Q - Q // 2
    return m, noise


def to_bytes(words):
    return struct.pack(f"<{len(words)}I", *words)


def from_bytes(data):
    return list(struct.unpack(f"<{len(data) // 4}I", data))


def vector_blob(seed, n, messages):
    body = b"".join(to_bytes(c) for c in encrypt(seed, n, messages, stream=1000))
    return b"VFH1" + struct.pack("<3I", n, len(messages), 0) + body


# ------------------------------------------------------------------ requests
KEY, SMALL, LARGE = 42, 64, 512        # the corpus's key seed and dimensions
VECTOR = [(7 * i + 3) % T for i in range(256)]


def word(value):
    return (value % 2**256).to_bytes(32, "big")


def tail(data):
    return word(len(data)) + data + b"\0" * ((32 - len(data) % 32) % 32)


def requests():
    """name: (method, arguments as fhe.py describes them)."""
    return {
        "add": ("add", [[1, 200], SMALL]),
        "add-wraps": ("add", [[250, 10], SMALL]),
        "add-large": ("add", [[17, 33], LARGE]),
        "scale": ("scale", [[5], SMALL, 7]),
        "scale-negative": ("scale", [[9], SMALL, -3]),
        "multiply": ("multiply", [[3, 5], SMALL]),
        "multiply-wraps": ("multiply", [[20, 30], SMALL]),
        "multiply-zero": ("multiply", [[0, 77], SMALL]),
        "dot": ("dot", [[(3 * i) % 31 - 15 for i in range(len(VECTOR))]]),
        "dot-ones": ("dot", [[1] * len(VECTOR)]),
        "dot-wrong-count": ("dot", [[1, 2, 3]]),
        "add-mismatch": ("add", [[1], SMALL, [2], LARGE]),
    }


def call(selectors, root, name, spec):
    method, args = spec
    sel = selectors[method]
    if method == "dot":
        weights = args[0]
        return sel + root + word(64) + word(len(weights)) + b"".join(word(w) for w in weights)
    messages, n = args[0], args[1]
    cts = [to_bytes(c) for c in encrypt(KEY, n, messages, stream=hash_name(name))]
    if method == "scale":
        return sel + word(64) + word(args[2]) + tail(cts[0])
    if name == "add-mismatch":
        cts.append(to_bytes(encrypt(KEY, args[3], args[2], stream=1)[0]))
    return sel + word(64) + word(64 + len(tail(cts[0]))) + tail(cts[0]) + tail(cts[1])


def hash_name(name):
    return sum((i + 1) * ord(c) for i, c in enumerate(name))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["encrypt", "decrypt", "vector", "requests"])
    parser.add_argument("args", nargs="*")
    o = parser.parse_args()
    if o.command == "encrypt":
        seed, n, *messages = map(int, o.args)
        for c in encrypt(seed, n, messages):
            print(to_bytes(c).hex())
    elif o.command == "decrypt":
        seed, n, data = int(o.args[0]), int(o.args[1]), bytes.fromhex(o.args[2].removeprefix("0x"))
        m, noise = decrypt(seed, n, from_bytes(data))
        json.dump({"message": m, "noise": noise}, sys.stdout)
        print()
    elif o.command == "vector":
        out, *rest = o.args
        seed, n, *messages = map(int, rest) if rest else [KEY, LARGE, *VECTOR]
        with open(out, "wb") as f:
            f.write(vector_blob(seed, n, messages))
    else:
        build, root_hex, out = o.args
        root = bytes.fromhex(root_hex.removeprefix("0x"))
        with open(os.path.join(build, "manifest.json")) as f:
            selectors = {m["name"]: bytes.fromhex(m["selector"][2:]) for m in json.load(f)["methods"]}
        os.makedirs(out, exist_ok=True)
        for name, spec in requests().items():
            with open(os.path.join(out, f"{name}.hex"), "w") as f:
                f.write("0x" + call(selectors, root, name, spec).hex() + "\n")
        with open(os.path.join(HERE, "requests.json"), "w") as f:
            json.dump({"dataRoot": root_hex, "key": KEY, "vectorDimension": LARGE, "vector": VECTOR,
                       "requests": requests()}, f)


if __name__ == "__main__":
    main()
