"""Fixtures for tests/Dendrite.Tests/Vision/NmsTests.cs: torchvision's box_iou, nms and batched_nms on random boxes.

Run once with Debian's python3-torchvision and python3-numpy:  /usr/bin/python3 make_nms_fixtures.py
nms_<k>.npz holds boxes [N, 4] (x1, y1, x2, y2; float64), scores [N] (distinct), classes [N] (int32), iou [N, N]
(box_iou, for the two smaller sets), and for each threshold t in 0.3, 0.5, 0.7 the kept indices keep_<t> (nms) and batched_<t> (batched_nms),
as int32, in torchvision's order (decreasing score).
"""
import numpy as np
import torch
from torchvision.ops import batched_nms, box_iou, nms

rng = np.random.default_rng(5)
for k, n in enumerate([8, 40, 200]):
    # clustered boxes so that many overlap: centres around a few points, sizes 5-40
    centres = rng.uniform(0, 100, size=(max(2, n // 8), 2))
    c = centres[rng.integers(0, len(centres), size=n)] + rng.normal(0, 6, size=(n, 2))
    wh = rng.uniform(5, 40, size=(n, 2))
    boxes = np.concatenate([c - wh / 2, c + wh / 2], axis=1)
    scores = rng.permutation(n).astype(np.float64) / n + rng.uniform(0, 1e-3, size=n)
    classes = rng.integers(0, 3, size=n).astype(np.int32)
    b, s, cl = torch.tensor(boxes), torch.tensor(scores), torch.tensor(classes, dtype=torch.int64)
    arrays = {"boxes": boxes, "scores": scores, "classes": classes}
    if n <= 40:
        arrays["iou"] = box_iou(b, b).numpy()
    for t in (0.3, 0.5, 0.7):
        arrays[f"keep_{t}"] = nms(b, s, t).numpy().astype(np.int32)
        arrays[f"batched_{t}"] = batched_nms(b, s, cl, t).numpy().astype(np.int32)
    np.savez(f"nms_{k}.npz", **arrays)
