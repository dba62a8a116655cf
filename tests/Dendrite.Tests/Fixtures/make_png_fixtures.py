"""Fixtures for tests/Dendrite.Tests/Data/Formats/PngReaderTests.cs: small PNGs from an independent encoder.

Run once with Debian's python3 (numpy; PIL if present, as a cross-check):  /usr/bin/python3 make_png_fixtures.py
The encoder below is written from the PNG specification with zlib and struct only. Every colour type and bit depth,
palettes with and without tRNS, Adam7 interlacing, IDAT split into many chunks, ancillary chunks, and every filter
type (by default the filter cycles None, Sub, Up, Average, Paeth row by row; filt<k>_* use filter k on every row).
png/<name>.png is the file; png_expected.npz holds <name> as int32 [C, H, W]: the samples a reader should return
(palette indices looked up, to RGB or to RGBA when tRNS is present; grey of 1, 2 or 4 bits scaled to 8 bits by
v * 255 / (2^d - 1), as libpng and torchvision do), and <name>_max = [255] or [65535].
resize_bilinear.npz (for Data/Transforms/ResizeTests.cs): torchvision 0.14's Resize(antialias=False) on float64 images
x<k> [C, H, W] to y<k>, enlarging, shrinking and mixed.
"""
import os
import struct
import zlib

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "png")
os.makedirs(OUT, exist_ok=True)
rng = np.random.default_rng(2024)
CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
ADAM7 = [(0, 0, 8, 8), (0, 4, 8, 8), (4, 0, 8, 4), (0, 2, 4, 4), (2, 0, 4, 2), (0, 1, 2, 2), (1, 0, 2, 1)]


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def pack_row(samples, depth):
    """One row of samples (flat, channels interleaved) as bytes at the given bit depth."""
    if depth == 16:
        return b"".join(struct.pack(">H", int(v)) for v in samples)
    if depth == 8:
        return bytes(int(v) for v in samples)
    out, acc, bits = bytearray(), 0, 0
    for v in samples:
        acc = (acc << depth) | int(v)
        bits += depth
        if bits == 8:
            out.append(acc)
            acc, bits = 0, 0
    if bits:
        out.append(acc << (8 - bits))
    return bytes(out)


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def filter_rows(rows, bpp, choose):
    out, prior = bytearray(), bytes(len(rows[0])) if rows else b""
    for y, raw in enumerate(rows):
        ft = choose(y)
        out.append(ft)
        for i, x in enumerate(raw):
            a = raw[i - bpp] if i >= bpp else 0
            b = prior[i]
            c = prior[i - bpp] if i >= bpp else 0
            pred = [0, a, b, (a + b) // 2, paeth(a, b, c)][ft]
            out.append((x - pred) & 0xFF)
        prior = raw
    return bytes(out)


def encode(raw, colour, depth, palette=None, trns=None, interlace=0, filt=None, idat_pieces=1, extra_chunks=()):
    """raw: [H, W, C] array of stored samples (palette indices for colour type 3)."""
    h, w, c = raw.shape
    bpp = max(1, c * depth // 8)
    choose = (lambda y: y % 5) if filt is None else (lambda y: filt)
    if interlace == 0:
        passes = [raw]
    else:
        passes = [raw[y0::dy, x0::dx] for (y0, x0, dy, dx) in ADAM7]
    data = b""
    for p in passes:
        if p.shape[0] == 0 or p.shape[1] == 0:
            continue
        rows = [pack_row(p[y].reshape(-1), depth) for y in range(p.shape[0])]
        data += filter_rows(rows, bpp, choose)
    z = zlib.compress(data, 9)
    out = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, depth, colour, 0, 0, interlace))
    out += chunk(b"gAMA", struct.pack(">I", 45455))
    if palette is not None:
        out += chunk(b"PLTE", bytes(palette.reshape(-1).astype(np.uint8)))
    if trns is not None:
        out += chunk(b"tRNS", bytes(trns.astype(np.uint8)))
    for kind, payload in extra_chunks:
        out += chunk(kind, payload)
    cuts = sorted(set([0, len(z)] + list(rng.integers(0, len(z), size=idat_pieces - 1))))
    for a, b in zip(cuts[:-1], cuts[1:]):
        out += chunk(b"IDAT", z[a:b])
    out += chunk(b"tEXt", b"Comment\x00after the image data")
    out += chunk(b"IEND", b"")
    return out


expected = {}


def make(name, colour, depth, h=9, w=13, **kw):
    c = CHANNELS[colour]
    if colour == 3:
        n = kw.pop("entries", 1 << depth)
        palette = rng.integers(0, 256, size=(n, 3))
        raw = rng.integers(0, n, size=(h, w, 1))
        trns = kw.pop("trns", None)
        alpha = None
        if trns is not None:
            alpha = np.full(n, 255)
            alpha[: len(trns)] = trns
        lut = palette if alpha is None else np.concatenate([palette, alpha[:, None]], axis=1)
        want = lut[raw[:, :, 0]]
        png = encode(raw, colour, depth, palette=palette, trns=None if trns is None else np.array(trns), **kw)
        top = 255
    else:
        raw = rng.integers(0, 1 << depth, size=(h, w, c))
        png = encode(raw, colour, depth, **kw)
        want = raw * (255 // ((1 << depth) - 1)) if depth < 8 else raw
        top = 65535 if depth == 16 else 255
    with open(os.path.join(OUT, name + ".png"), "wb") as f:
        f.write(png)
    expected[name] = np.ascontiguousarray(want.transpose(2, 0, 1)).astype(np.int32)
    expected[name + "_max"] = np.array([top], dtype=np.int32)


for d in (1, 2, 4, 8, 16):
    make(f"grey{d}", 0, d)
make("rgb8", 2, 8)
make("rgb16", 2, 16)
for d in (1, 2, 4, 8):
    make(f"palette{d}", 3, d)
make("palette4_trns", 3, 4, trns=[0, 128, 255, 7])
make("palette8_trns", 3, 8, entries=200, trns=list(rng.integers(0, 256, size=57)))
make("palette8_short", 3, 8, entries=5)
make("grey_alpha8", 4, 8)
make("grey_alpha16", 4, 16)
make("rgba8", 6, 8)
make("rgba16", 6, 16)
make("interlaced_grey1", 0, 1, interlace=1)
make("interlaced_grey4", 0, 4, h=11, w=7, interlace=1)
make("interlaced_rgb8", 2, 8, h=17, w=19, interlace=1)
make("interlaced_rgba16", 6, 16, interlace=1)
make("interlaced_palette2_trns", 3, 2, trns=[10, 20], interlace=1)
make("interlaced_grey_alpha8", 4, 8, interlace=1)
make("interlaced_1x1", 2, 8, h=1, w=1, interlace=1)
make("interlaced_3x2", 0, 8, h=3, w=2, interlace=1)
make("multi_idat_rgb8", 2, 8, h=20, w=21, idat_pieces=12, extra_chunks=[(b"prVt", b"private ancillary"), (b"tIME", bytes(7))])
make("wide_1x40_grey2", 0, 2, h=1, w=40)
for k in range(5):
    make(f"filter{k}_rgba8", 6, 8, filt=k)
    make(f"filter{k}_grey1", 0, 1, filt=k)
    make(f"filter{k}_rgb16", 2, 16, filt=k)

np.savez(os.path.join(HERE, "png_expected.npz"), **expected)

try:
    from PIL import Image
except ImportError:
    Image = None
if Image is not None:
    checked = 0
    for name in [k for k in expected if not k.endswith("_max")]:
        if name.endswith("16") or "rgb16" in name:
            continue  # PIL reduces 16-bit colour to 8 bits
        im = Image.open(os.path.join(OUT, name + ".png"))
        want = expected[name]
        mode = {1: "L", 2: "LA", 3: "RGB", 4: "RGBA"}[want.shape[0]]
        got = np.asarray(im.convert(mode)).reshape(want.shape[1], want.shape[2], -1).transpose(2, 0, 1)
        assert (got == want).all(), name
        checked += 1
    print(f"PIL agrees on {checked} 8-bit fixtures")
print(f"wrote {len([k for k in expected if not k.endswith('_max')])} PNGs and png_expected.npz")

import torch
from torchvision.transforms import Resize

resize_rng = np.random.default_rng(7)
resized = {}
for k, (c, h, w, oh, ow) in enumerate([(3, 5, 7, 11, 13), (1, 17, 23, 6, 5), (2, 8, 8, 3, 19), (3, 4, 4, 4, 4)]):
    x = resize_rng.uniform(0, 1, size=(c, h, w))
    y = Resize((oh, ow), antialias=False)(torch.tensor(x)).numpy()
    resized[f"x{k}"], resized[f"y{k}"] = x, y
np.savez(os.path.join(HERE, "resize_bilinear.npz"), **resized)
print("wrote resize_bilinear.npz")
