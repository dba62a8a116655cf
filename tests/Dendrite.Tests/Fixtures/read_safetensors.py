"""An independent safetensors reader (struct + json + numpy) that SafeTensorsInteropTests runs on a file Dendrite wrote.

Usage:  /usr/bin/python3 read_safetensors.py FILE
Checks the layout the format requires (header length, UTF-8 JSON, dtype/shape/offset agreement, tensors tiling the
data buffer) plus the 8-byte alignment and the CRC-32C checksums (bitwise, from the definition) Dendrite's writer
promises, then prints one JSON object to stdout:
{"__metadata__": {...}, "__order__": [names in header order], name: {"dtype", "shape", "values": flat list}, ...}.
Any violation exits non-zero with the reason on stderr.
"""
import json
import struct
import sys

import numpy as np

DTYPES = {"F32": "<f4", "F64": "<f8", "I32": "<i4"}


def crc32c(data):
    crc = 0xFFFFFFFF
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ 0x82F63B78 if crc & 1 else crc >> 1
    return crc ^ 0xFFFFFFFF


def fail(reason):
    sys.stderr.write(reason + "\n")
    sys.exit(1)


def main(path):
    with open(path, "rb") as f:
        blob = f.read()
    if len(blob) < 8:
        fail("shorter than the header length")
    (n,) = struct.unpack("<Q", blob[:8])
    if 8 + n > len(blob):
        fail("header length beyond the file")
    if n % 8 != 0:
        fail("header not padded to a multiple of 8")
    header = json.loads(blob[8 : 8 + n].decode("utf-8"), object_pairs_hook=lambda pairs: dict(pairs))
    data = blob[8 + n :]
    metadata = header.pop("__metadata__", {})
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in metadata.items()):
        fail("metadata is not str -> str")
    stored = metadata.pop("dendrite.crc32c.header", None)
    if stored is None:
        fail("no header checksum")
    raw = blob[8 : 8 + n]
    at = raw.index(b'"dendrite.crc32c.header":"') + len(b'"dendrite.crc32c.header":"')
    if "%08x" % crc32c(raw[:at] + b"00000000" + raw[at + 8 :]) != stored:
        fail("header checksum does not match")
    out = {"__metadata__": metadata, "__order__": list(header)}
    spans = []
    for name, info in header.items():
        if set(info) != {"dtype", "shape", "data_offsets"}:
            fail(f"{name}: keys {sorted(info)}")
        dtype = np.dtype(DTYPES[info["dtype"]])
        begin, end = info["data_offsets"]
        count = int(np.prod(info["shape"], dtype=np.int64))
        if end - begin != count * dtype.itemsize:
            fail(f"{name}: offsets do not match shape")
        spans.append((begin, end))
        if metadata.pop("dendrite.crc32c.tensor." + name, None) != "%08x" % crc32c(data[begin:end]):
            fail(f"{name}: checksum missing or wrong")
        values = np.frombuffer(data[begin:end], dtype=dtype).reshape(info["shape"])
        out[name] = {"dtype": info["dtype"], "shape": info["shape"], "values": values.ravel().tolist()}
    cursor = 0
    for begin, end in sorted(spans):
        if begin != cursor:
            fail(f"gap or overlap at {begin}")
        cursor = end
    if cursor != len(data):
        fail(f"tensors cover {cursor} of {len(data)} data bytes")
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
