using Dendrite.Tensors.Kernels;

namespace Dendrite.Bench.Workloads;

/// <summary>
/// op_conv2d's three phases timed apart at the kernel level, as conv_phases.py times PyTorch's: the forward
/// y = conv(x, w) + b, the input gradient ∂L/∂x alone and the weight gradient ∂L/∂W alone, on the same
/// N = 64, 16 → 32 channels, 32×32, 3×3, pad 1 layer.
/// </summary>
/// <remarks>
/// Each phase is timed with the AVX-512 tiles and with the AVX2 tiles (<see cref="ConvTiles.Wide"/>), the two
/// interleaved block by block in one process (wall and, as <c>cpu_median_ms</c>/<c>cpu_min_ms</c>, the process's user
/// CPU time per call, which a busy host inflates less); lines named <c>op_conv2d_*_avx2</c> are the AVX2 tiles, and
/// <c>op_conv2d_*_single</c> the AVX-512 channels-last tiles one per call (<see cref="ConvTiles.PositionRuns"/> off). On a host
/// without AVX-512 only the AVX2 lines are printed. The autograd op, bias gradient and arena are left out: these
/// lines locate the gap, and op_conv2d stays the line that is compared.
/// </remarks>
internal sealed class ConvPhasesWorkload : IWorkload
{
    private const int N = 64, CIn = 16, COut = 32, H = 32, Repeats = 15;

    /// <inheritdoc/>
    public string Name => "convphases";

    /// <inheritdoc/>
    public void Run()
    {
        var random = new Random(0);
        var g = new SlidingWindow(CIn, H, H, 3, 3, PadTop: 1, PadLeft: 1, PadBottom: 1, PadRight: 1);
        float[] x = Rand(N * CIn * H * H, random), w = Rand(COut * CIn * 9, random), b = Rand(COut, random);
        float[] dy = Rand(N * COut * H * H, random), y = new float[dy.Length], dx = new float[x.Length], dw = new float[w.Length];
        (string, Action)[] phases =
        [
            ("op_conv2d_fwd", () => Convolution.Forward<float>(g, 1, COut, N, x, w, b, y)),
            ("op_conv2d_dx", () => Convolution.Backward<float>(g, 1, COut, N, x, w, dy, dx, Memory<float>.Empty)),
            ("op_conv2d_dw", () => Convolution.Backward<float>(g, 1, COut, N, x, w, dy, Memory<float>.Empty, dw)),
        ];
        // (AVX-512 tiles, paired one-vector tiles, name suffix): the default first, then the A/B variants
        (bool Wide, bool Runs, string Suffix)[] widths = ConvTiles.WideAvailable ? [(true, true, ""), (true, false, "_single"), (false, true, "_avx2")] : [(false, true, "")];
        (string, object)[] config = [("n", N), ("cin", CIn), ("cout", COut), ("hw", H), ("k", 3), ("pad", 1)];
        bool before = ConvTiles.Wide, beforeRuns = ConvTiles.PositionRuns;
        foreach ((string name, Action run) in phases)
        {
            var times = widths.Select(_ => new double[Repeats]).ToArray();
            var cpu = widths.Select(_ => new double[Repeats]).ToArray();
            int inner = Timing.PickInner(run);
            for (int i = 0; i < widths.Length; i++) { (ConvTiles.Wide, ConvTiles.PositionRuns, _) = widths[i]; Timing.TimeIt(run, repeats: 1, warmup: 3, inner: 1); }
            CpuLoad.Snapshot start = CpuLoad.Take();
            for (int r = 0; r < Repeats; r++)
                for (int i = 0; i < widths.Length; i++)
                {
                    (ConvTiles.Wide, ConvTiles.PositionRuns, _) = widths[i];
                    TimeSpan used = Environment.CpuUsage.UserTime;
                    times[i][r] = Timing.TimeIt(run, repeats: 1, warmup: 0, inner: inner).Times[0];
                    cpu[i][r] = (Environment.CpuUsage.UserTime - used).TotalSeconds / inner;
                }
            CpuLoad load = CpuLoad.Between(start, CpuLoad.Take());
            for (int i = 0; i < widths.Length; i++)
                JsonLine.Emit(name + widths[i].Suffix, config, times[i], load, "call", [("gflops", 2.0 * N * COut * H * H * CIn * 9 / 1e9)],
                    [("min_ms", times[i].Min() * 1e3), ("cpu_median_ms", Timing.Median(cpu[i]) * 1e3), ("cpu_min_ms", cpu[i].Min() * 1e3)]);
        }
        ConvTiles.Wide = before;
        ConvTiles.PositionRuns = beforeRuns;
    }

    private static float[] Rand(int length, Random random)
    {
        var a = new float[length];
        for (int i = 0; i < a.Length; i++) a[i] = (float)(random.NextDouble() * 2 - 1);
        return a;
    }
}
