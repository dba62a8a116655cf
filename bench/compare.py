#!/usr/bin/python3
"""Interleaved three-way comparison: PyTorch 1.13, TorchSharp 0.107 (libtorch 2.10) and Dendrite.

Each round runs, group by group, the PyTorch peer script (../shared/peers/*.py), the TorchSharp peer
(../shared/peers/torchsharp, built from a copy) and the C# benchmark back to back, rotating the order from
round to round, so every side sees the same machine load. Before each run it waits (up to --quiet-timeout s)
for the host to be quiet (--quiet-below). All sides run with the same GLIBC_TUNABLES (the caching-friendly
malloc thresholds of ../shared/peers/common.py unless the caller set the variable).

Lines are joined by (name, config). Per line: the median over rounds of each side's median seconds, the
faster peer (lower median over rounds), ratio = faster peer / Dendrite (> 1: Dendrite faster; median of the
per-round ratios against that peer) with its min..max over rounds, and the worst foreign load any side saw
(> 0.05: disturbed, rerun when quiet). --aot adds the LeNet-5 epoch through the NativeAOT bench beside the
JIT line. --markdown prints the table for docs/PERFORMANCE.md.

usage: /usr/bin/python3 bench/compare.py [--rounds N] [--peers pytorch,torchsharp] [--no-build] [--aot]
                                         [--json OUT] [--markdown] [group ...]
       /usr/bin/python3 bench/compare.py --report OUT [--markdown]     (the table of an earlier sitting)
groups: gemm mlp lenet5 resnet ops (default: all)
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PEERS = os.environ.get("PEERS_DIR", "/work/shared/peers")
# compare.py's group -> the peer script (python) / the TorchSharp group of the same name.
PEER_GROUPS = {
    "gemm": "gemm",
    "mlp": "mlp_mnist",
    "lenet5": "lenet5",
    "resnet": "resnet_small",
    "ops": "ops",
}
BENCH_DLL = os.path.join(ROOT, "bench/Dendrite.Bench/bin/Release/net10.0/Dendrite.Bench.dll")
# ../shared is read-only: the TorchSharp peer is copied here and built there, once per sitting (incremental).
# Outside the repository on purpose: inside it the copy would inherit Dendrite's Directory.Build.props/targets.
TORCHSHARP_BUILD = os.environ.get("TORCHSHARP_BUILD_DIR",
                                  os.path.join(tempfile.gettempdir(), "dendrite-torchsharp-peer"))
TORCHSHARP_APP = os.path.join(TORCHSHARP_BUILD, "torchsharp/bin/Release/net10.0/TorchSharpPeers")
AOT_DIR = os.path.join(ROOT, "bench/Dendrite.Bench/bin/aot")
TUNED_MALLOC = "glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=268435456"
PEER_SIDES = ("pytorch", "torchsharp")
AOT_SIDE = "dendrite-aot"
LABELS = {"pytorch": "PyTorch 1.13", "torchsharp": "TorchSharp 2.10", "dendrite": "Dendrite", AOT_SIDE: "Dendrite AOT"}
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
    """Waits (at most timeout_s) until the machine is less than `limit` busy, so every side sees a quiet host."""
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        if busy_fraction() < limit:
            return True
    print(f"machine still busy after {timeout_s:.0f}s; measuring anyway", file=sys.stderr)
    return False


def isa_level():
    """The highest x86-64 level this CPU runs (v4: AVX-512, v3: AVX2+FMA, else v2), for the NativeAOT publish."""
    with open("/proc/cpuinfo") as f:
        flags = next((line.split(":", 1)[1].split() for line in f if line.startswith("flags")), [])
    if all(x in flags for x in ("avx512f", "avx512bw", "avx512cd", "avx512dq", "avx512vl")):
        return "v4"
    return "v3" if all(x in flags for x in ("avx2", "fma", "bmi2")) else "v2"


def build(cmd, what):
    print(f"building {what} ...", file=sys.stderr, flush=True)
    proc = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if proc.returncode != 0:
        sys.exit(proc.stdout + f"\nbuilding {what} failed")


def build_all(args):
    build(["dotnet", "build", "-c", "Release", "bench/Dendrite.Bench"], "Dendrite.Bench")
    if "torchsharp" in args.peers:
        # Refresh the copy's sources (bin/ and obj/ stay, so the build is incremental); the first restore
        # downloads ~600 MB of libtorch into the NuGet cache.
        src = os.path.join(PEERS, "torchsharp")
        dst = os.path.join(TORCHSHARP_BUILD, "torchsharp")
        shutil.copytree(src, dst, dirs_exist_ok=True, ignore=shutil.ignore_patterns("bin", "obj"))
        for d, dirs, files in os.walk(dst):  # the copy of a read-only tree: make it writable, keep exec bits
            dirs[:] = [x for x in dirs if x not in ("bin", "obj")]
            for name in files + dirs:
                path = os.path.join(d, name)
                os.chmod(path, os.stat(path).st_mode | 0o200)
        build(["dotnet", "build", "-c", "Release", dst], f"the TorchSharp peer in {dst}")
    if args.aot:
        build(["dotnet", "publish", "bench/Dendrite.Bench", "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true",
               f"-p:IlcInstructionSet=x86-64-{args.aot_level}", "-o", AOT_DIR],
              f"the NativeAOT bench (x86-64-{args.aot_level})")


def command(side, group):
    """(argv, cwd) of one side's run of one group."""
    if side == "pytorch":
        return ["/usr/bin/python3", os.path.join(PEERS, PEER_GROUPS[group] + ".py")], PEERS
    if side == "torchsharp":
        return [TORCHSHARP_APP, PEER_GROUPS[group]], ROOT
    if side == AOT_SIDE:
        return [os.path.join(AOT_DIR, "Dendrite.Bench"), group], ROOT
    return ["dotnet", BENCH_DLL, group], ROOT


def run_lines(cmd, cwd, env):
    """The JSON lines a benchmark prints on stdout ([] if it failed); its stderr (notes, warnings) passes through."""
    try:
        proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, text=True, env=env)
    except OSError as e:
        print(f"{' '.join(cmd)} did not start ({e}); its lines are left out", file=sys.stderr)
        return []
    if proc.returncode != 0:
        print(f"{' '.join(cmd)} failed with exit code {proc.returncode}; its lines are left out", file=sys.stderr)
        return []
    return [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]


def key(rec):
    return rec["name"], json.dumps(rec["config"], sort_keys=True)


def schedule(args, r):
    """The (group, side) runs of round r: per group every side, the order rotated by one place each round. With
    --aot the NativeAOT bench joins the lenet5 group's rotation (or runs beside the JIT bench alone, peers left out,
    when lenet5 is not in the sitting)."""
    sides = list(args.peers) + ["dendrite"]
    runs = []
    for group in args.groups + (["lenet5"] if args.aot and "lenet5" not in args.groups else []):
        these = sides + [AOT_SIDE] if args.aot and group == "lenet5" else sides
        if group not in args.groups:
            these = ["dendrite", AOT_SIDE]
        k = r % len(these)
        runs += [(group, s) for s in these[k:] + these[:k]]
    return runs


def measure(args):
    """Runs the rounds; returns per side a list of {key: record} (one per round) and the keys in first-seen order."""
    sides = list(args.peers) + ["dendrite"] + ([AOT_SIDE] if args.aot else [])
    runs = {side: [{} for _ in range(args.rounds)] for side in sides}
    order = []
    env = dict(os.environ, GLIBC_TUNABLES=os.environ.get("GLIBC_TUNABLES", TUNED_MALLOC))
    for r in range(args.rounds):
        env["PEERS_RUN"] = str(r + 1)
        for group, side in schedule(args, r):
            recs, worst = [], None
            for attempt in range(1 + args.retries):  # keep the least disturbed attempt, as run_interleaved.sh does
                wait_quiet(args.quiet_below, args.quiet_timeout)
                got = run_lines(*command(side, group), env)
                foreign = max((rec["load"].get("foreign", 0.0) for rec in got), default=None)
                if foreign is not None and (worst is None or foreign < worst):
                    recs, worst = got, foreign
                if worst is not None and worst <= args.max_foreign:
                    break
                if attempt < args.retries:
                    print(f"round {r + 1}: {group} {side} disturbed (foreign {foreign}); again", file=sys.stderr)
            for rec in recs:
                rec["round"] = r + 1
                if side == AOT_SIDE:
                    rec["impl"] = f"csharp-aot-x86-64-{args.aot_level}"
                runs[side][r][key(rec)] = rec
                if key(rec) not in order:
                    order.append(key(rec))
            print(f"round {r + 1}/{args.rounds}: {group} {side} done", file=sys.stderr, flush=True)
    return runs, order


def short_config(cfg):
    """m x n x k for GEMMs, else the few keys that tell lines of one name apart."""
    if all(d in cfg for d in ("m", "n", "k")):
        return "x".join(str(cfg[d]) for d in ("m", "n", "k"))
    return " ".join(f"{k}={cfg[k]}" for k in SHORT_KEYS if k in cfg)


def seconds(s):
    if s is None:
        return "—"
    if s < 1e-3:
        return f"{s * 1e6:.1f} us"
    if s < 1:
        return f"{s * 1e3:.2f} ms"
    return f"{s:.3f} s"


def summarize(runs, k, ours, peers):
    """One table row for key k with `ours` as the Dendrite side (None when that side lacks the line); faster and
    ratio are None when no peer printed it."""
    rounds = range(len(runs[ours]))
    med = {}
    for side in peers + [ours]:
        vals = [runs[side][r][k]["median_s"] for r in rounds if k in runs[side][r]]
        med[side] = statistics.median(vals) if vals else None
    if med[ours] is None:
        return None
    present = [p for p in peers if med[p] is not None]
    best = min(present, key=lambda p: med[p]) if present else None
    ratios = [runs[best][r][k]["median_s"] / runs[ours][r][k]["median_s"]
              for r in rounds if best and k in runs[best][r] and k in runs[ours][r]]
    foreign = max(runs[s][r][k]["load"].get("foreign", 0.0)
                  for s in peers + [ours] for r in rounds if k in runs[s][r])
    return {"name": k[0], "config": short_config(json.loads(k[1])), "medians": med, "faster": best,
            "ratio": statistics.median(ratios) if ratios else None, "min": min(ratios, default=None),
            "max": max(ratios, default=None), "foreign": foreign}


def rows(runs, order, peers):
    """The table rows (every line Dendrite printed; the AOT row right after its JIT row) and the (key, sides) of
    lines that only peers printed."""
    out, alone = [], []
    for k in order:
        row = summarize(runs, k, "dendrite", peers)
        if row is None:
            sides = [s for s in peers if any(k in by_round for by_round in runs[s])]
            if sides:
                alone.append((k, sides))
            continue
        out.append(row)
        aot = summarize(runs, k, AOT_SIDE, peers) if AOT_SIDE in runs else None
        if aot is not None:
            aot["name"] += " (NativeAOT)"
            aot["note"] = f"JIT ÷ AOT {row['medians']['dendrite'] / aot['medians'][AOT_SIDE]:.2f}"
            out.append(aot)
    return out, alone


def ratio_text(row):
    """The ratio with its spread over rounds, and the JIT ÷ AOT note on the NativeAOT row."""
    note = row.get("note")
    if row["ratio"] is None:
        return f"— ({note})" if note else "—"
    return f"{row['ratio']:.2f} ({row['min']:.2f}..{row['max']:.2f}" + (f"; {note})" if note else ")")


def report_text(table, alone, peers):
    cols = peers + ["dendrite"]
    header = (f"{'name':<32}{'config':<24}" + "".join(f"{c:>12}" for c in cols)
              + f"  {'faster':<12}{'ratio (min..max)':<34}{'foreign':>8}")
    print(header)
    print("-" * len(header))
    for row in table:
        ours = AOT_SIDE if row["name"].endswith("(NativeAOT)") else "dendrite"
        meds = [row["medians"][c] for c in peers] + [row["medians"][ours]]
        print(f"{row['name']:<32}{row['config']:<24}" + "".join(f"{seconds(m):>12}" for m in meds)
              + f"  {row['faster'] or '—':<12}{ratio_text(row):<34}{row['foreign']:>8.3f}"
              )
    for (name, cfg), sides in alone:
        print(f"only {', '.join(sides)}: {name} {short_config(json.loads(cfg))}")


def report_markdown(table, alone, peers):
    cols = peers + ["dendrite"]
    print("| name | config | " + " | ".join(LABELS[c] for c in cols) + " | faster peer | ratio (min..max) | foreign |")
    print("|---|---|" + "---|" * len(cols) + "---|---|---|")
    for row in table:
        ours = AOT_SIDE if row["name"].endswith("(NativeAOT)") else "dendrite"
        meds = [row["medians"][c] for c in peers] + [row["medians"][ours]]
        print(f"| {row['name']} | {row['config']} | " + " | ".join(seconds(m).replace("us", "µs") for m in meds)
              + f" | {LABELS.get(row['faster'], '—')} | {ratio_text(row)} | {row['foreign']:.3f} |")
    for (name, cfg), sides in alone:
        print(f"\nOnly {', '.join(sides)}: {name} {short_config(json.loads(cfg))}")


def load(path, peers):
    """Rebuilds the per-side, per-round records and the key order from a --json file."""
    recs = [json.loads(line) for line in open(path) if line.startswith("{")]
    rounds = max((r.get("round", 1) for r in recs), default=1)
    runs = {side: [{} for _ in range(rounds)] for side in list(peers) + ["dendrite", AOT_SIDE]}
    order = []
    for rec in recs:
        impl = rec["impl"]
        side = AOT_SIDE if impl.startswith("csharp-aot") else "dendrite" if impl == "csharp" else impl
        if side in runs:
            runs[side][rec.get("round", 1) - 1][key(rec)] = rec
            if key(rec) not in order:
                order.append(key(rec))
    if not any(runs[AOT_SIDE]):
        del runs[AOT_SIDE]
    return runs, order


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--peers", default="pytorch,torchsharp",
                    help="comma-separated peers to run beside Dendrite (pytorch, torchsharp)")
    ap.add_argument("--no-build", action="store_true", help="use the builds as they are")
    ap.add_argument("--aot", action="store_true",
                    help="also run the LeNet-5 epoch through the NativeAOT bench (published for this CPU's level)")
    ap.add_argument("--json", metavar="OUT", help="also write every raw line of every side (with its round) to OUT")
    ap.add_argument("--markdown", action="store_true", help="print the table as Markdown (for docs/PERFORMANCE.md)")
    ap.add_argument("--report", metavar="IN", help="print the table of an earlier sitting's --json file; runs nothing")
    ap.add_argument("--quiet-below", type=float, default=0.1,
                    help="before each run wait until other processes use less than this fraction of the CPUs")
    ap.add_argument("--quiet-timeout", type=float, default=120)
    ap.add_argument("--retries", type=int, default=0,
                    help="run a side's group again, up to this many times, while one of its lines has foreign load "
                         "above --max-foreign; the least disturbed attempt counts")
    ap.add_argument("--max-foreign", type=float, default=0.05)
    ap.add_argument("groups", nargs="*", metavar="group", default=list(PEER_GROUPS))
    args = ap.parse_args()
    unknown = [g for g in args.groups if g not in PEER_GROUPS]
    if unknown:
        ap.error(f"unknown group(s) {', '.join(unknown)}; known: {' '.join(PEER_GROUPS)}")
    args.peers = [p for p in args.peers.split(",") if p]
    if not args.peers or any(p not in PEER_SIDES for p in args.peers):
        ap.error(f"--peers takes one or more of {','.join(PEER_SIDES)}")
    if args.rounds < 1:
        ap.error("--rounds must be at least 1")
    if args.report:
        table, alone = rows(*load(args.report, args.peers), args.peers)
        (report_markdown if args.markdown else report_text)(table, alone, args.peers)
        return
    args.aot_level = isa_level()
    if not args.no_build:
        build_all(args)
    for need, what in ((BENCH_DLL, "Dendrite.Bench"), (TORCHSHARP_APP if "torchsharp" in args.peers else None,
                       "the TorchSharp peer"), (os.path.join(AOT_DIR, "Dendrite.Bench") if args.aot else None,
                                                 "the NativeAOT bench")):
        if need and not os.path.exists(need):
            sys.exit(f"{what} is not built ({need}); run without --no-build")
    runs, order = measure(args)
    if args.json:
        with open(args.json, "w") as f:
            for by_round in runs.values():
                for by_key in by_round:
                    for rec in by_key.values():
                        f.write(json.dumps(rec) + "\n")
    table, alone = rows(runs, order, args.peers)
    (report_markdown if args.markdown else report_text)(table, alone, args.peers)


if __name__ == "__main__":
    main()
