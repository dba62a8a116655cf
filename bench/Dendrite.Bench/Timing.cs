using System.Diagnostics;

namespace Dendrite.Bench;

/// <summary>Warm-up, then repeated timed blocks of calls: the time_it / pick_inner protocol of peers/common.py.</summary>
internal static class Timing
{
    /// <summary>Runs <paramref name="fn"/> <paramref name="warmup"/> times untimed, then <paramref name="repeats"/>
    /// blocks of <paramref name="inner"/> calls; returns seconds per call for each block and the foreign load.</summary>
    public static (double[] Times, CpuLoad Load) TimeIt(Action fn, int repeats = 7, int warmup = 2, int inner = 1)
    {
        for (int i = 0; i < warmup; i++) fn();
        var times = new double[repeats];
        CpuLoad.Snapshot start = CpuLoad.Take();
        for (int r = 0; r < repeats; r++)
        {
            long t0 = Stopwatch.GetTimestamp();
            for (int i = 0; i < inner; i++) fn();
            times[r] = Stopwatch.GetElapsedTime(t0).TotalSeconds / inner;
        }
        return (times, CpuLoad.Between(start, CpuLoad.Take()));
    }

    /// <summary>Calls per timed block so that one block takes about <paramref name="targetSeconds"/>.</summary>
    public static int PickInner(Action fn, double targetSeconds = 0.05, int maxInner = 10000)
    {
        fn();
        long t0 = Stopwatch.GetTimestamp();
        fn();
        double dt = Math.Max(Stopwatch.GetElapsedTime(t0).TotalSeconds, 1e-7);
        return (int)Math.Min(maxInner, Math.Max(1, Math.Round(targetSeconds / dt)));
    }

    /// <summary>The median as Python's statistics.median computes it (mean of the middle two for even counts).</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        double[] s = values.Order().ToArray();
        int h = s.Length / 2;
        return s.Length % 2 == 1 ? s[h] : (s[h - 1] + s[h]) / 2;
    }
}
