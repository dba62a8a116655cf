"""PyTorch's op_conv2d split into its three phases, the peer of the bench's `convphases` group.

  forward:         y = conv2d(x, w, b)                              (no graph)
  input gradient:  dL/dx alone, torch.autograd.grad(y, x, dy)       (w frozen)
  weight gradient: dL/dw alone, torch.autograd.grad(y, w, dy)       (x frozen)
on N = 64, 16 -> 32 channels, 32x32, 3x3, pad 1, as ../shared/peers/ops.py. The gradient lines time the forward that
records the graph too; `fwd_median_s` on them is that forward, so the phase alone is median_s - fwd_median_s.
Run with /usr/bin/python3; the helpers of ../shared/peers/common.py set the allocator tunables and the threads
(2, or PHASES_THREADS to compare with the bench's `--threads N`).
"""
import os
import statistics
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "peers"))
from common import emit, pick_inner, setup, time_it  # noqa: E402  first: selects BLAS / CPU kernels before torch loads
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

setup()
if os.environ.get("PHASES_THREADS"):
    torch.set_num_threads(int(os.environ["PHASES_THREADS"]))
N, CIN, COUT, H = 64, 16, 32, 32
CONFIG = {"n": N, "cin": CIN, "cout": COUT, "hw": H, "k": 3, "pad": 1}
x = torch.randn(N, CIN, H, H)
w = torch.randn(COUT, CIN, 3, 3) * 0.1
b = torch.randn(COUT)
dy = torch.randn(N, COUT, H, H)


def fwd():
    with torch.no_grad():
        F.conv2d(x, w, b, padding=1)


def grad_of(wrt):
    xs = x.requires_grad_(wrt == "x")
    ws = w.requires_grad_(wrt == "w")

    def run():
        y = F.conv2d(xs, ws, b, padding=1)
        torch.autograd.grad(y, xs if wrt == "x" else ws, dy)
    return run


def line(name, fn):
    times = time_it(fn, repeats=15, warmup=3, inner=pick_inner(fn))
    emit(name, CONFIG, times, "call", extra={"min_ms": min(times) * 1e3, "fwd_median_s": statistics.median(t_fwd)})


t_fwd = time_it(fwd, repeats=15, warmup=3, inner=pick_inner(fwd))
line("op_conv2d_fwd", fwd)
line("op_conv2d_dx", grad_of("x"))
line("op_conv2d_dw", grad_of("w"))
