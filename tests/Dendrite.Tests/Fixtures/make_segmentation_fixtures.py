"""Fixtures for tests/Dendrite.Tests/NN/ConvTranspose2dTests.cs and UpsampleTests.cs: PyTorch 1.13's
F.conv_transpose2d and F.interpolate (nearest, bilinear) forward and gradients, in float64.

Run once with Debian's python3-torch and python3-numpy:  /usr/bin/python3 make_segmentation_fixtures.py
conv_transpose.npz, for case k: k_cfg = [stride, padding, output_padding, groups, dilation] (int32), k_x, k_w, k_b,
k_dy (the upstream gradient), k_y = conv_transpose2d(x, w, b, ...), k_dx, k_dw, k_db (the gradients of sum(y * dy)).
upsample.npz, for case k: k_cfg = [mode (0 nearest, 1 bilinear), align_corners, scale (0 when out_h/out_w give the
size), out_h, out_w] (int32), k_x, k_dy, k_y = interpolate(x, ...), k_dx.
"""
import numpy as np
import torch
import torch.nn.functional as F

torch.manual_seed(3)
conv = {}
# (N, C, H, W, O, k, stride, padding, output_padding, groups, dilation)
cases = [
    (2, 3, 4, 5, 2, 3, 1, 0, 0, 1, 1),
    (2, 4, 3, 3, 6, 3, 2, 1, 1, 1, 1),    # the U-Net up-sampling: exactly twice the size
    (1, 4, 5, 4, 4, 3, 2, 0, 1, 2, 1),    # groups
    (2, 2, 4, 4, 3, 2, 2, 0, 0, 1, 1),    # k = s: no overlap
    (1, 3, 4, 3, 2, 3, 3, 2, 2, 1, 2),    # stride 3, dilation 2, output_padding 2
    (1, 2, 3, 4, 2, 3, 1, 1, 1, 1, 2),    # output_padding ≥ stride (allowed below the dilation)
    (2, 6, 3, 3, 3, 4, 2, 1, 0, 3, 1),    # groups 3, even kernel
]
for k, (n, c, h, w, o, ks, s, p, op, g, d) in enumerate(cases):
    x = torch.randn(n, c, h, w, dtype=torch.float64, requires_grad=True)
    wt = torch.randn(c, o // g, ks, ks, dtype=torch.float64, requires_grad=True)
    b = torch.randn(o, dtype=torch.float64, requires_grad=True)
    y = F.conv_transpose2d(x, wt, b, stride=s, padding=p, output_padding=op, groups=g, dilation=d)
    dy = torch.randn_like(y)
    (y * dy).sum().backward()
    conv.update({f"{k}_cfg": np.array([s, p, op, g, d], dtype=np.int32), f"{k}_x": x.detach().numpy(), f"{k}_w": wt.detach().numpy(),
                 f"{k}_b": b.detach().numpy(), f"{k}_dy": dy.numpy(), f"{k}_y": y.detach().numpy(), f"{k}_dx": x.grad.numpy(),
                 f"{k}_dw": wt.grad.numpy(), f"{k}_db": b.grad.numpy()})
np.savez("conv_transpose.npz", **conv)

up = {}
# (mode, align_corners, scale, out_h, out_w, N, C, H, W)
ucases = [
    (0, 0, 2, 0, 0, 2, 3, 3, 4),
    (0, 0, 3, 0, 0, 1, 2, 2, 3),
    (0, 0, 0, 5, 7, 1, 2, 3, 4),   # nearest to a size that is no multiple: floor(dst·in/out)
    (0, 0, 0, 2, 3, 1, 2, 5, 7),   # nearest down
    (1, 0, 2, 0, 0, 2, 3, 3, 4),
    (1, 1, 2, 0, 0, 2, 3, 3, 4),
    (1, 0, 0, 5, 7, 1, 2, 3, 4),
    (1, 1, 0, 5, 7, 1, 2, 3, 4),
    (1, 0, 3, 0, 0, 1, 1, 1, 2),   # a single row
]
for k, (mode, ac, scale, oh, ow, n, c, h, w) in enumerate(ucases):
    x = torch.randn(n, c, h, w, dtype=torch.float64, requires_grad=True)
    kw = {"mode": "nearest" if mode == 0 else "bilinear"}
    if mode == 1:
        kw["align_corners"] = bool(ac)
    if scale:
        kw["scale_factor"] = scale
    else:
        kw["size"] = (oh, ow)
    y = F.interpolate(x, **kw)
    dy = torch.randn_like(y)
    (y * dy).sum().backward()
    up.update({f"{k}_cfg": np.array([mode, ac, scale, oh, ow], dtype=np.int32), f"{k}_x": x.detach().numpy(), f"{k}_dy": dy.numpy(),
               f"{k}_y": y.detach().numpy(), f"{k}_dx": x.grad.numpy()})
np.savez("upsample.npz", **up)
