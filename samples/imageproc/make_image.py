#!/usr/bin/env python3
"""The imageproc sample's data and its independent reference.

  make_image.py image OUT [WIDTH HEIGHT]   the image blob ("VIM1"; default 512×384)
  make_image.py requests BUILD ROOT DIR    the request corpus (requests.json beside DIR)
  make_image.py expect REQUEST.json        what the service must answer, computed here
                                           ({"method", "width", "height", "seed", ...})

Images are synthetic and deterministic: gradients, discs, bars and seeded
noise. The filters below are written from the README's definitions in plain
Python, apart from imageproc.cpp."""
import argparse
import json
import math
import os
import struct
import sys

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


def synthetic(width, height, seed):
    """A test picture: a diagonal gradient, three discs, vertical bars, noise."""
    rng = SplitMix(seed)
    discs = [(rng.next() % width, rng.next() % height, 4 + rng.next() % max(1, min(width, height) // 4),
              rng.next() % 256) for _ in range(3)]
    out = bytearray(width * height)
    for y in range(height):
        for x in range(width):
            v = (x * 160 // width + y * 90 // height) % 256
            for cx, cy, r, shade in discs:
                if (x - cx) ** 2 + (y - cy) ** 2 <= r * r:
                    v = shade
            if (x // 8) % 5 == 0:
                v = 255 - v
            v += rng.next() % 17 - 8
            out[y * width + x] = min(255, max(0, v))
    return bytes(out)


def blob(width, height, seed=7):
    return b"VIM1" + struct.pack("<3I", width, height, 0) + synthetic(width, height, seed)


# ----------------------------------------------------------------- reference
def at(pixels, width, height, x, y):
    return pixels[min(max(y, 0), height - 1) * width + min(max(x, 0), width - 1)]


def blur(width, height, p):
    k = (1, 4, 6, 4, 1)
    return bytes((sum(k[i] * k[j] * at(p, width, height, x + j - 2, y + i - 2) for i in range(5) for j in range(5))
                  + 128) >> 8 for y in range(height) for x in range(width))


def sobel(width, height, p):
    out = bytearray(width * height)
    for y in range(height):
        for x in range(width):
            q = lambda dx, dy: at(p, width, height, x + dx, y + dy)
            gx = q(1, -1) + 2 * q(1, 0) + q(1, 1) - q(-1, -1) - 2 * q(-1, 0) - q(-1, 1)
            gy = q(-1, 1) + 2 * q(0, 1) + q(1, 1) - q(-1, -1) - 2 * q(0, -1) - q(1, -1)
            out[y * width + x] = min(255, math.isqrt(gx * gx + gy * gy))
    return bytes(out)


def resize(width, height, p, new_width, new_height):
    def source(d, n, new_n):
        s = ((2 * d + 1) * n << 16) // (2 * new_n) - (1 << 15)
        return min(max(s, 0), (n - 1) << 16)

    out = bytearray(new_width * new_height)
    for y in range(new_height):
        sy = source(y, height, new_height)
        y0, fy = sy >> 16, sy & 0xFFFF
        y1 = min(y0 + 1, height - 1)
        for x in range(new_width):
            sx = source(x, width, new_width)
            x0, fx = sx >> 16, sx & 0xFFFF
            x1 = min(x0 + 1, width - 1)
            top = p[y0 * width + x0] * (65536 - fx) + p[y0 * width + x1] * fx
            bottom = p[y1 * width + x0] * (65536 - fx) + p[y1 * width + x1] * fx
            out[y * new_width + x] = (top * (65536 - fy) + bottom * fy + (1 << 31)) >> 32
    return bytes(out)


def histogram(p):
    bins = [0] * 256
    for v in p:
        bins[v] += 1
    return bins


def expect(request):
    """The service's answer to a request described as in requests.json."""
    w, h, method = request["width"], request["height"], request["method"]
    p = synthetic(w, h, request["seed"])
    if method == "blur":
        return blur(w, h, p).hex()
    if method == "sobel":
        return sobel(w, h, p).hex()
    if method == "resize":
        return resize(w, h, p, request["newWidth"], request["newHeight"]).hex()
    if method == "histogram":
        return histogram(p)
    if method == "statistics":
        return [sum(p), min(p), max(p)]
    if method == "edges":
        e = sobel(request["newWidth"], request["newHeight"],
                  resize(w, h, blur(w, h, p), request["newWidth"], request["newHeight"]))
        return [e.hex(), histogram(e), sum(e)]
    raise ValueError(method)


# ------------------------------------------------------------------ requests
BLOB = {"width": 512, "height": 384, "seed": 7}
REQUESTS = {
    "blur": {"method": "blur", "width": 40, "height": 30, "seed": 1},
    "blur-thin": {"method": "blur", "width": 1, "height": 9, "seed": 2},
    "sobel": {"method": "sobel", "width": 40, "height": 30, "seed": 3},
    "resize-down": {"method": "resize", "width": 40, "height": 30, "seed": 4, "newWidth": 17, "newHeight": 11},
    "resize-up": {"method": "resize", "width": 12, "height": 9, "seed": 5, "newWidth": 31, "newHeight": 23},
    "histogram": {"method": "histogram", "width": 64, "height": 150, "seed": 6},
    "statistics": {"method": "statistics", "width": 64, "height": 48, "seed": 8},
    "edges": dict(BLOB, method="edges", newWidth=256, newHeight=192),
    "edges-same-size": dict(BLOB, method="edges", newWidth=512, newHeight=384),
    "wrong-size": {"method": "blur", "width": 40, "height": 31, "seed": 1, "pixels": 1200},
}


def word(value):
    return value.to_bytes(32, "big")


def tail(data):
    return word(len(data)) + data + b"\0" * ((32 - len(data) % 32) % 32)


def call(selectors, root, r):
    sel = selectors[r["method"]]
    if r["method"] == "edges":
        return sel + root + word(r["newWidth"]) + word(r["newHeight"])
    p = synthetic(r["width"], r["height"], r["seed"])[:r.get("pixels")]
    if r["method"] == "resize":
        return sel + word(r["width"]) + word(r["height"]) + word(160) + word(r["newWidth"]) + word(r["newHeight"]) + tail(p)
    return sel + word(r["width"]) + word(r["height"]) + word(96) + tail(p)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["image", "requests", "expect"])
    parser.add_argument("args", nargs="*")
    o = parser.parse_args()
    if o.command == "image":
        width, height = (int(a) for a in o.args[1:3]) if len(o.args) >= 3 else (BLOB["width"], BLOB["height"])
        with open(o.args[0], "wb") as f:
            f.write(blob(width, height, BLOB["seed"]))
    elif o.command == "requests":
        build, root_hex, out = o.args
        root = bytes.fromhex(root_hex.removeprefix("0x"))
        with open(os.path.join(build, "manifest.json")) as f:
            selectors = {m["name"]: bytes.fromhex(m["selector"][2:]) for m in json.load(f)["methods"]}
        os.makedirs(out, exist_ok=True)
        for name, r in REQUESTS.items():
            with open(os.path.join(out, f"{name}.hex"), "w") as f:
                f.write("0x" + call(selectors, root, r).hex() + "\n")
        with open(os.path.join(HERE, "requests.json"), "w") as f:
            json.dump({"dataRoot": root_hex, "requests": REQUESTS}, f, indent=1)
    else:
        with open(o.args[0]) as f:
            json.dump(expect(json.load(f)), sys.stdout)
        print()


if __name__ == "__main__":
    main()
