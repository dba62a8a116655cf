"""Fixtures for tests/Dendrite.Tests/Serialization/TorchvisionWeightsTests.cs: PyTorch state dicts in every dtype.

Run once with Debian's python3-torch and python3-torchvision:  /usr/bin/python3 make_torchvision_fixture.py
The safetensors files are written here byte by byte (8-byte little-endian header length, JSON header padded with
spaces to a multiple of 8, raw little-endian data), so the `safetensors` package is not needed.

mobilenet_v2_w025.safetensors: torchvision 0.14's mobilenet_v2(width_mult=0.25, num_classes=10) with seeded random
weights and running statistics, saved as a mix of dtypes the way a user's half-precision export would be: convolution
weights alternate F16 / BF16, the classifier weight is BF16, batch-norm parameters and statistics stay F32, and
num_batches_tracked is I64 (PyTorch's own dtype). The model's tensors are rounded to those dtypes before the reference
forward pass, so PyTorch's output is the output of exactly the stored weights.
mobilenet_v2_w025.npz: x [2, 3, 32, 32] float32 and PyTorch's eval-mode output y [2, 10].
dtypes.safetensors: one small tensor per integer dtype (I64, I16, I8, U8, BOOL) and per half dtype (F16, BF16) whose
values the test recomputes; i64_overflow.safetensors: an I64 tensor holding 2^31 (does not fit int32);
big_integer.safetensors: an I32 tensor holding 2^24 + 1 (not a float32), for the lossless-conversion errors.
"""
import json
import os
import struct

import numpy as np
import torch
import torchvision

HERE = os.path.dirname(os.path.abspath(__file__))
CODES = {torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16", torch.int64: "I64", torch.int32: "I32",
         torch.int16: "I16", torch.int8: "I8", torch.uint8: "U8", torch.bool: "BOOL"}


def raw(t):
    """The tensor's little-endian bytes (bfloat16 through its 16-bit pattern, which numpy lacks)."""
    t = t.detach().contiguous()
    if t.dtype == torch.bfloat16:
        return t.view(torch.int16).numpy().astype("<i2").tobytes()
    return t.numpy().newbyteorder("<").tobytes() if t.dtype != torch.bool else t.numpy().astype(np.uint8).tobytes()


def save(path, tensors, metadata):
    header, blobs, offset = {"__metadata__": metadata}, [], 0
    for name, t in tensors.items():
        b = raw(t)
        header[name] = {"dtype": CODES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(b)]}
        blobs.append(b)
        offset += len(b)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for b in blobs:
            f.write(b)


def storage_dtype(name, t, conv_index):
    if t.dtype == torch.int64:
        return torch.int64
    if name.endswith("weight") and t.dim() == 4:
        return torch.float16 if conv_index % 2 == 0 else torch.bfloat16
    if name == "classifier.1.weight":
        return torch.bfloat16
    return torch.float32


def mobilenet():
    torch.manual_seed(0)
    model = torchvision.models.mobilenet_v2(width_mult=0.25, num_classes=10)
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, torch.nn.BatchNorm2d):
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.2, 0.2)
                m.running_mean.uniform_(-0.2, 0.2)
                m.running_var.uniform_(0.5, 2.0)
                m.num_batches_tracked.fill_(1000 + m.num_features)
    stored, conv_index = {}, 0
    for name, t in model.state_dict().items():
        dtype = storage_dtype(name, t, conv_index)
        conv_index += name.endswith("weight") and t.dim() == 4
        stored[name] = t.to(dtype)
        with torch.no_grad():
            t.copy_(stored[name].to(t.dtype))  # the reference runs the weights exactly as stored
    model.eval()
    x = torch.rand(2, 3, 32, 32, generator=torch.Generator().manual_seed(1))
    with torch.no_grad():
        y = model(x)
    save(os.path.join(HERE, "mobilenet_v2_w025.safetensors"), stored,
         {"format": "pt", "torchvision": torchvision.__version__, "model": "mobilenet_v2(width_mult=0.25, num_classes=10)"})
    np.savez(os.path.join(HERE, "mobilenet_v2_w025.npz"), x=x.numpy(), y=y.numpy())
    print(sum(t.numel() for t in model.parameters()), "parameters;", {CODES[d]: sum(1 for t in stored.values() if t.dtype == d) for d in CODES})


def dtypes():
    save(os.path.join(HERE, "dtypes.safetensors"), {
        "i64": torch.tensor([-(2**31), -1, 0, 2**31 - 1], dtype=torch.int64),
        "i16": torch.tensor([[-32768, 7], [300, 32767]], dtype=torch.int16),
        "i8": torch.tensor([-128, -1, 127], dtype=torch.int8),
        "u8": torch.tensor([0, 200, 255], dtype=torch.uint8),
        "bool": torch.tensor([True, False, True], dtype=torch.bool),
        "f16": torch.tensor([1.0, -0.333251953125, 65504.0, 6.103515625e-05, 5.960464477539063e-08], dtype=torch.float16),
        "bf16": torch.tensor([1.0, -0.333984375, 3.3895313892515355e38, 9.183549615799121e-41], dtype=torch.bfloat16),
    }, {"format": "pt"})
    save(os.path.join(HERE, "i64_overflow.safetensors"), {"bn.num_batches_tracked": torch.tensor([5, 2**31], dtype=torch.int64)}, {})
    save(os.path.join(HERE, "big_integer.safetensors"), {"weight": torch.tensor([3, 2**24 + 1], dtype=torch.int32)}, {})


if __name__ == "__main__":
    mobilenet()
    dtypes()
