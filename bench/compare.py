#!/usr/bin/python3
"""Interleaved PyTorch-vs-Dendrite comparison: ratio = PyTorch median / Dendrite median (>1: Dendrite faster).

Each round runs the PyTorch peer and the C# benchmark back to back (alternating which goes first),
so both see the same machine load. Per (name, config) line it prints the median GFLOP/s of each
side over the rounds, the median per-round ratio with its min..max spread, and the worst
foreign load either side saw (> 0.05 means the machine was busy; rerun when quiet).

Before each run it waits (up to --quiet-timeout s) for the host to be quiet (--quiet-below).

usage: /usr/bin/python3 bench/compare.py [--rounds N] [--no-build] [workload ...]   (default: gemm)
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PEERS = os.environ.get("PEERS_DIR", "/work/shared/peers")
PEER_SCRIPTS = {"gemm": "gemm.py"}
BENCH_DLL = os.path.join(ROOT, "bench/Dendrite.Bench/bin/Release/net10.0/Dendrite.Bench.dll")


def busy_fraction(seconds=1.0):
    """Fraction of all CPUs busy (not idle, iowait or steal) over the next `seconds`."""
    def snap():
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:]]
        return sum(v[:8]) - v[3] - v[4] - v[7], sum(v[:8])
    b0, t0 = snap()
    time.sleep(seconds)
    b1, t1 = snap()
    return (b1 - b0) / max(1, t1 - t0)


def wait_quiet(limit, timeout_s):
    """Waits (at most timeout_s) until the machine is less than `limit` busy, so both sides see a quiet host."""
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        if busy_fraction() < limit:
            return True
    print(f"machine still busy after {timeout_s}s; measuring anyway", file=sys.stderr)
    return False


def run_lines(cmd, cwd):
    out = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=True).stdout
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def key(rec):
    return rec["name"], json.dumps(rec["config"], sort_keys=True)


def shape(cfg):
    return "x".join(str(cfg[d]) for d in ("m", "n", "k") if d in cfg)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--quiet-below", type=float, default=0.1,
                    help="before each run wait until other processes use less than this fraction of the CPUs")
    ap.add_argument("--quiet-timeout", type=float, default=120)
    ap.add_argument("workloads", nargs="*", default=["gemm"])
    args = ap.parse_args()
    if not args.no_build:
        subprocess.run(["dotnet", "build", "-c", "Release", "bench/Dendrite.Bench"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
    peer_cmds = [["/usr/bin/python3", os.path.join(PEERS, PEER_SCRIPTS[w])] for w in args.workloads]
    ours_cmd = ["dotnet", BENCH_DLL, *args.workloads]
    runs = {"pytorch": [], "csharp": []}  # per side: one {key: record} per round
    order = []
    for r in range(args.rounds):
        sides = [("pytorch", peer_cmds), ("csharp", [ours_cmd])]
        for side, cmds in (sides if r % 2 == 0 else sides[::-1]):
            wait_quiet(args.quiet_below, args.quiet_timeout)
            recs = [rec for cmd in cmds for rec in run_lines(cmd, PEERS if side == "pytorch" else ROOT)]
            runs[side].append({key(rec): rec for rec in recs})
            order.extend(k for k in runs[side][-1] if k not in order)
            print(f"round {r + 1}/{args.rounds}: {side} done", file=sys.stderr, flush=True)

    print(f"{'name':<22}{'m x n x k':>16}{'torch GF/s':>12}{'ours GF/s':>11}{'ratio':>8}  {'spread':<13}{'foreign':>8}")
    for k in order:
        pairs = [(t[k], c[k]) for t, c in zip(runs["pytorch"], runs["csharp"]) if k in t and k in c]
        if not pairs:
            continue
        ratios = [t["median_s"] / c["median_s"] for t, c in pairs]
        tg = statistics.median(t["gflops"] for t, _ in pairs)
        cg = statistics.median(c["gflops"] for _, c in pairs)
        foreign = max(max(t["load"]["foreign"], c["load"]["foreign"]) for t, c in pairs)
        spread = f"{min(ratios):.2f}..{max(ratios):.2f}"
        print(f"{k[0]:<22}{shape(json.loads(k[1])):>16}{tg:>12.1f}{cg:>11.1f}{statistics.median(ratios):>8.2f}  "
              f"{spread:<13}{foreign:>8.3f}")


if __name__ == "__main__":
    main()
