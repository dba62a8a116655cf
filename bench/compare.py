#!/usr/bin/python3
"""Interleaved PyTorch-vs-Dendrite comparison: ratio = PyTorch median / Dendrite median (>1: Dendrite faster).

Each round runs, group by group, the PyTorch peer script and the C# benchmark back to back (alternating
which goes first), so both see the same machine load. Lines are joined by (name, config). Per line it
prints the median over rounds of each side's median seconds, the median per-round ratio with its
min..max spread, and the worst foreign load either side saw (> 0.05 means the machine was busy; rerun
when quiet). Lines that only one side printed (op_lstm: Dendrite has no LSTM yet) are listed after the table.

Before each run it waits (up to --quiet-timeout s) for the host to be quiet (--quiet-below).

usage: /usr/bin/python3 bench/compare.py [--rounds N] [--no-build] [--json OUT] [group ...]
groups: gemm mlp lenet5 resnet ops (default: all)
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
PEER_SCRIPTS = {
    "gemm": "gemm.py",
    "mlp": "mlp_mnist.py",
    "lenet5": "lenet5.py",
    "resnet": "resnet_small.py",
    "ops": "ops.py",
}
BENCH_DLL = os.path.join(ROOT, "bench/Dendrite.Bench/bin/Release/net10.0/Dendrite.Bench.dll")
SIDES = ("pytorch", "csharp")
SHORT_KEYS = ("batch", "n", "seq", "cin", "cout", "c", "hw", "hidden", "k", "params")


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
    print(f"machine still busy after {timeout_s:.0f}s; measuring anyway", file=sys.stderr)
    return False


def command(side, group):
    if side == "pytorch":
        return ["/usr/bin/python3", os.path.join(PEERS, PEER_SCRIPTS[group])], PEERS
    return ["dotnet", BENCH_DLL, group], ROOT


def run_lines(cmd, cwd):
    """The JSON lines a benchmark prints on stdout; its stderr (notes, warnings) passes through."""
    proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed with exit code {proc.returncode}")
    return [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]


def key(rec):
    return rec["name"], json.dumps(rec["config"], sort_keys=True)


def short_config(cfg):
    """m x n x k for GEMMs, else the few keys that tell lines of one name apart."""
    if all(d in cfg for d in ("m", "n", "k")):
        return "x".join(str(cfg[d]) for d in ("m", "n", "k"))
    return " ".join(f"{k}={cfg[k]}" for k in SHORT_KEYS if k in cfg)


def seconds(s):
    if s < 1e-3:
        return f"{s * 1e6:.1f} us"
    if s < 1:
        return f"{s * 1e3:.2f} ms"
    return f"{s:.3f} s"


def measure(args):
    """Runs the rounds; returns per side a list of {key: record} (one per round) and the keys in first-seen order."""
    runs = {side: [{} for _ in range(args.rounds)] for side in SIDES}
    order = []
    for r in range(args.rounds):
        for group in args.groups:
            for side in (SIDES if r % 2 == 0 else SIDES[::-1]):
                wait_quiet(args.quiet_below, args.quiet_timeout)
                for rec in run_lines(*command(side, group)):
                    rec["round"] = r + 1
                    runs[side][r][key(rec)] = rec
                    if key(rec) not in order:
                        order.append(key(rec))
                print(f"round {r + 1}/{args.rounds}: {group} {side} done", file=sys.stderr, flush=True)
    return runs, order


def report(runs, order):
    header = f"{'name':<23}{'config':<34}{'pytorch':>11}{'dendrite':>11}{'ratio':>7}  {'min..max':<12}{'foreign':>8}"
    print(header)
    print("-" * len(header))
    alone = []
    for k in order:
        pairs = [(t[k], c[k]) for t, c in zip(runs["pytorch"], runs["csharp"]) if k in t and k in c]
        if not pairs:
            side = "pytorch" if any(k in t for t in runs["pytorch"]) else "dendrite"
            alone.append((k, side))
            continue
        ratios = [t["median_s"] / c["median_s"] for t, c in pairs]
        torch_s = statistics.median(t["median_s"] for t, _ in pairs)
        ours_s = statistics.median(c["median_s"] for _, c in pairs)
        foreign = max(max(t["load"]["foreign"], c["load"]["foreign"]) for t, c in pairs)
        spread = f"{min(ratios):.2f}..{max(ratios):.2f}"
        print(f"{k[0]:<23}{short_config(json.loads(k[1])):<34}{seconds(torch_s):>11}{seconds(ours_s):>11}"
              f"{statistics.median(ratios):>7.2f}  {spread:<12}{foreign:>8.3f}")
    for (name, cfg), side in alone:
        print(f"only {side}: {name} {short_config(json.loads(cfg))}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--no-build", action="store_true", help="use the Release build as it is")
    ap.add_argument("--json", metavar="OUT", help="also write every raw line of both sides (with its round) to OUT")
    ap.add_argument("--quiet-below", type=float, default=0.1,
                    help="before each run wait until other processes use less than this fraction of the CPUs")
    ap.add_argument("--quiet-timeout", type=float, default=120)
    ap.add_argument("groups", nargs="*", metavar="group", default=list(PEER_SCRIPTS))
    args = ap.parse_args()
    unknown = [g for g in args.groups if g not in PEER_SCRIPTS]
    if unknown:
        ap.error(f"unknown group(s) {', '.join(unknown)}; known: {' '.join(PEER_SCRIPTS)}")
    if not args.no_build:
        build = subprocess.run(["dotnet", "build", "-c", "Release", "bench/Dendrite.Bench"], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if build.returncode != 0:
            sys.exit(build.stdout + "\nbuild failed")
    runs, order = measure(args)
    if args.json:
        with open(args.json, "w") as f:
            for side in SIDES:
                for by_key in runs[side]:
                    for rec in by_key.values():
                        f.write(json.dumps(rec) + "\n")
    report(runs, order)


if __name__ == "__main__":
    main()
