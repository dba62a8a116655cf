#!/usr/bin/env bash
# NativeAOT against the JIT (docs/PERFORMANCE.md, "NativeAOT against the JIT"): publishes the CLI and the bench with
# NativeAOT, then runs, interleaved for N rounds, the spirals-512 and mnist-mlp specs and the bench's LeNet-5 epoch at
# three CPU levels: this CPU (JIT vs the hand-over), AVX2 only (DOTNET_EnableAVX512=0 vs DENDRITE_ISA=x86-64-v3) and
# SSE only (DOTNET_EnableAVX2=0 vs DENDRITE_ISA=x86-64-v2). One line per run: workload, side, wall and mean epoch time.
# Usage: bench/aot-vs-jit.sh [ROUNDS]   (mnist-mlp needs the shared data: DENDRITE_DATA or ../shared/data)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
out=$(mktemp -d)
export DENDRITE_DATA=${DENDRITE_DATA:-$(cd .. && pwd)/shared/data}
dotnet build src/Dendrite.Cli -c Release >/dev/null
dotnet build bench/Dendrite.Bench -c Release >/dev/null
dotnet publish src/Dendrite.Cli -c Release -r linux-x64 -p:PublishAot=true -o "$out/cli" >/dev/null
for v in v2 v3 v4; do
  dotnet publish bench/Dendrite.Bench -c Release -r linux-x64 -p:PublishAot=true -p:IlcInstructionSet=x86-64-$v -o "$out/bench-$v" >/dev/null
done
cli_jit="dotnet src/Dendrite.Cli/bin/Release/net10.0/Dendrite.Cli.dll"
bench_jit="dotnet bench/Dendrite.Bench/bin/Release/net10.0/Dendrite.Bench.dll"
spec() { # side env command spec
  local start end
  start=$(date +%s.%N)
  env $2 $3 train "$4" --out "$out/run" >"$out/log" 2>&1 || { echo "$4 $1 FAILED"; tail -3 "$out/log"; return; }
  end=$(date +%s.%N)
  awk -v w="$(echo "$end - $start" | bc)" -v spec="$(basename "$4")" -v side="$1" \
    '/^epoch/ { for (i = 1; i < NF; i++) if ($i == "seconds") { s += $(i + 1); n++ } }
     END { printf "%s %s wall %.3f epoch %.4f\n", spec, side, w, s / n }' "$out/log"
}
lenet() { # side env command
  env $2 $3 lenet5 2>/dev/null | grep -oE '"median_s": *[0-9.e-]+' | awk -F: -v side="$1" '{ printf "lenet5 %s epoch %.4f\n", side, $2 }'
}
for _ in $(seq "$rounds"); do
  for s in bench/specs/spirals-512.json mnist-mlp; do
    spec jit "" "$cli_jit" $s
    spec aot "" "$out/cli/dendrite" $s
    spec jit-avx2 DOTNET_EnableAVX512=0 "$cli_jit" $s
    spec aot-v3 DENDRITE_ISA=x86-64-v3 "$out/cli/dendrite" $s
    spec jit-sse DOTNET_EnableAVX2=0 "$cli_jit" $s
    spec aot-v2 DENDRITE_ISA=x86-64-v2 "$out/cli/dendrite" $s
  done
  lenet jit "" "$bench_jit"
  lenet aot "" "$out/bench-v4/Dendrite.Bench"
  lenet jit-avx2 DOTNET_EnableAVX512=0 "$bench_jit"
  lenet aot-v3 "" "$out/bench-v3/Dendrite.Bench"
  lenet jit-sse DOTNET_EnableAVX2=0 "$bench_jit"
  lenet aot-v2 "" "$out/bench-v2/Dendrite.Bench"
done
rm -rf "$out"
