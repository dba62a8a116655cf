"""Writes py_written.safetensors with an independent writer (struct + json + numpy), for SafeTensorsInteropTests.

Run with Debian's numpy:  /usr/bin/python3 tests/Dendrite.Tests/Fixtures/make_safetensors_fixture.py
It follows the format as https://github.com/huggingface/safetensors specifies it: an 8-byte little-endian header
length, the UTF-8 JSON header padded with spaces to a multiple of 8, then the raw little-endian data. The data is laid
out in a different order from the header's keys (sorted by name, as the reference writer does), and the JSON is
compact with raw UTF-8, as the reference (serde_json) writes it.
"""
import json
import os
import struct

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))

DTYPES = {np.dtype("<f4"): "F32", np.dtype("<f8"): "F64", np.dtype("<i4"): "I32"}


def tensors():
    """Header order; every value is a formula SafeTensorsInteropTests recomputes."""
    return {
        "weight": (np.arange(6, dtype="<f4") * 0.5 - 1).reshape(2, 3),
        "scalar": np.array(np.pi, dtype="<f8"),
        "labels": np.array([-2, 0, 7, 2**31 - 1], dtype="<i4"),
        "empty": np.zeros((0, 3), dtype="<f4"),
        "deep.nested.name": (np.arange(8, dtype="<f8") / 3).reshape(2, 2, 2),
        "ünïcode ✓": np.array([1.5, -2.25], dtype="<f4"),
    }


def save(path, arrays, metadata):
    header = {"__metadata__": metadata}
    offset = 0
    for name in sorted(arrays):
        a = arrays[name]
        header[name] = {"dtype": DTYPES[a.dtype], "shape": list(a.shape), "data_offsets": [offset, offset + a.nbytes]}
        offset += a.nbytes
    ordered = {"__metadata__": metadata}
    ordered.update((name, header[name]) for name in arrays)
    text = json.dumps(ordered, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for name in sorted(arrays):
            f.write(np.ascontiguousarray(arrays[name]).tobytes())


if __name__ == "__main__":
    save(os.path.join(HERE, "py_written.safetensors"), tensors(), {"format": "pt", "writer": "numpy", "note": "héllo ✓"})
