using Dendrite.Training;

namespace Dendrite.Tests.Training.Search;

public class RandomSearchTests
{
    private static SearchSpace Space() => new()
    {
        { "alpha", new LogUniform(1e-6, 1) },
        { "beta", new OneMinusLogUniform(0.9, 0.999) },
        { "hidden", new IntRange(16, 128) },
        { "activation", new Choice<string>("relu", "tanh") },
    };

    // Peak at α = 10^−2.5, β = 0.99; the seeded noise stands in for a training run that depends on Trial.Seed.
    private static double Objective(Trial t)
    {
        double a = Math.Log10(t["alpha"]) + 2.5, b = Math.Log10(1 - t["beta"]) + 2;
        double noise = new Random(t.Seed).NextDouble() * 1e-3;
        return -(a * a) - 0.1 * b * b + (t.Get<string>("activation") == "relu" ? 0.01 : 0) + noise;
    }

    [Fact]
    public void SameSeed_SameTable_WhateverTheParallelism()
    {
        var serial = new RandomSearch(Space(), Objective, seed: 42, maxParallelism: 1).Run(12, rounds: 2, keepBest: 3);
        var parallel = new RandomSearch(Space(), Objective, seed: 42, maxParallelism: 4).Run(12, rounds: 2, keepBest: 3);
        Assert.Equal(serial.ToString(), parallel.ToString());
        Assert.Equal(serial.Trials.Select(r => (r.Trial.Index, r.Trial.Seed, r.Score)), parallel.Trials.Select(r => (r.Trial.Index, r.Trial.Seed, r.Score)));
        var other = new RandomSearch(Space(), Objective, seed: 43, maxParallelism: 4).Run(12);
        Assert.NotEqual(serial.Trials.Where(r => r.Trial.Round == 0).Select(r => r.Score).Order(), other.Trials.Select(r => r.Score).Order());
        Assert.Equal(24, serial.Trials.Select(r => r.Trial.Seed).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, 24), serial.Trials.Select(r => r.Trial.Index).Order());
    }

    [Fact]
    public void Trials_RunConcurrently_UpToTheLimit()
    {
        int running = 0, peak = 0;
        double Slow(Trial t)
        {
            int now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            Thread.Sleep(40);
            Interlocked.Decrement(ref running);
            return t.Index;
        }
        new RandomSearch(Space(), Slow, maxParallelism: 1).Run(4);
        Assert.Equal(1, peak);
        peak = 0;
        new RandomSearch(Space(), Slow, maxParallelism: 4).Run(8);
        Assert.InRange(peak, 2, 4);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }

    [Fact]
    public void CoarseToFine_ZoomsInOnTheOptimum()
    {
        // maximize −(log₁₀ α + 2.5)²: the best α should approach 10^−2.5 ≈ 0.00316.
        var space = new SearchSpace().Add("alpha", new LogUniform(1e-6, 1));
        static double F(Trial t) => -Math.Pow(Math.Log10(t["alpha"]) + 2.5, 2);
        var results = new RandomSearch(space, F, seed: 7).Run(trialsPerRound: 12, rounds: 5, keepBest: 3);

        var widths = results.Spaces.Select(s => ((LogUniform)s["alpha"]).ScaledWidth).ToArray();
        Assert.Equal(5, widths.Length);
        Assert.Equal(6, widths[0], 9);
        for (int r = 1; r < widths.Length; r++) Assert.True(widths[r] < widths[r - 1], $"round {r}: {widths[r]} decades vs {widths[r - 1]}");
        Assert.True(widths[^1] < 1, $"final width {widths[^1]} decades");
        foreach (var s in results.Spaces)
        {
            var alpha = (LogUniform)s["alpha"];
            Assert.InRange(Math.Pow(10, -2.5), alpha.Low, alpha.High);
        }
        double MeanDistance(int round) => results.Trials.Where(t => t.Trial.Round == round).Average(t => Math.Sqrt(-t.Score));
        Assert.True(MeanDistance(4) < MeanDistance(0) / 4, $"{MeanDistance(4)} vs {MeanDistance(0)}");
        Assert.InRange(Math.Log10(results.Best.Trial["alpha"]), -2.55, -2.45);
    }

    [Fact]
    public void CoarseToFine_NarrowsEveryKindOfDimension()
    {
        var results = new RandomSearch(Space(), Objective, seed: 5).Run(16, rounds: 3, keepBest: 4);
        var last = results.Spaces[^1];
        Assert.True(((LogUniform)last["alpha"]).ScaledWidth < 6);
        Assert.True(((OneMinusLogUniform)last["beta"]).ScaledWidth < 2);
        var hidden = (IntRange)last["hidden"];
        Assert.True(hidden.High - hidden.Low <= 112);
        Assert.Contains("relu", ((Choice<string>)last["activation"]).Options);
    }

    [Fact]
    public void Leaderboard_SortsByMetric_NaNLast()
    {
        var space = new SearchSpace().Add("x", new Uniform(0, 1));
        double[] scores = [0.3, double.NaN, 0.9, 0.1, 0.9, 0.5];
        var max = new RandomSearch(space, t => scores[t.Index], maximize: true, metricName: "dev acc").Run(6);
        Assert.Equal([2, 4, 5, 0, 3, 1], max.Trials.Select(r => r.Trial.Index));
        Assert.Equal(2, max.Best.Trial.Index);
        var min = new RandomSearch(space, t => scores[t.Index], maximize: false).Run(6);
        Assert.Equal([3, 0, 5, 2, 4, 1], min.Trials.Select(r => r.Trial.Index));

        var lines = max.ToString().Split(Environment.NewLine);
        Assert.Equal(7, lines.Length);
        Assert.Equal(["rank", "trial", "round", "dev", "acc", "x"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("1", lines[1].TrimStart());
        Assert.Contains("0.9000", lines[1]);
        Assert.Contains("NaN", lines[6]);
        Assert.Equal(3, max.ToString(2).Split(Environment.NewLine).Length);
    }

    [Fact]
    public void FailingTrial_IsReportedWithItsValues()
    {
        var space = new SearchSpace().Add("x", new Uniform(0, 1));
        var ex = Assert.Throws<InvalidOperationException>(() =>
            new RandomSearch(space, t => t.Index == 2 ? throw new ArithmeticException("diverged") : 0, maxParallelism: 2).Run(4));
        Assert.Contains("Trial 2 (x=", ex.Message);
        Assert.IsType<ArithmeticException>(ex.InnerException);
    }

    [Fact]
    public void Trial_GivesValuesByName()
    {
        var results = new RandomSearch(Space(), _ => 0, seed: 1, maxParallelism: 1).Run(1);
        var t = results.Best.Trial;
        Assert.IsType<double>(t.Values["alpha"]);
        Assert.IsType<int>(t.Values["hidden"]);
        Assert.Equal(t.Get<int>("hidden"), (int)t["hidden"]);
        Assert.Equal(["alpha", "beta", "hidden", "activation"], t.Names);
        Assert.Throws<KeyNotFoundException>(() => t.Get<double>("gamma"));
        Assert.StartsWith("alpha=", t.ToString());
    }
}
