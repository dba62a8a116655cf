using System.Diagnostics;

namespace Dendrite.Training;

/// <summary>
/// Random hyperparameter search, optionally coarse to fine: sample trials at random from a
/// <see cref="SearchSpace"/>, run the objective on each in parallel, then narrow the space around the best trials
/// and sample again.
/// </summary>
/// <remarks>
/// The course (Improving Deep Neural Networks, week 3): try random values rather than a grid, because with
/// hyperparameters of unequal importance a grid of 25 points tries only 5 values of each, while 25 random points try
/// 25; use an appropriate scale (<see cref="LogUniform"/> for α, <see cref="OneMinusLogUniform"/> for β); then zoom in
/// on the region of the best points ("coarse to fine"). The objective trains a model with the trial's values and
/// returns its dev-set metric.
/// <para>Determinism: trial i draws its values from a generator seeded by (seed, i) alone, and results are ranked by
/// score then index, so the same seed gives the same table whatever the parallelism, provided the objective is
/// itself deterministic given <see cref="Trial.Seed"/>. The objective runs on several threads at once and must
/// not share mutable state between trials.</para>
/// </remarks>
public sealed class RandomSearch
{
    /// <summary>Creates the search.</summary>
    /// <param name="space">The coarse space of the first round.</param>
    /// <param name="objective">Trains and evaluates one trial, returning the dev metric.</param>
    /// <param name="maximize">True when a larger metric is better (accuracy), false for a loss.</param>
    /// <param name="seed">Seed of the whole search; each trial's seed derives from it and the trial's index.</param>
    /// <param name="maxParallelism">Trials run at once; 0 uses every core (<see cref="Environment.ProcessorCount"/>).</param>
    /// <param name="metricName">Heading of the score column in the leaderboard, e.g. <c>"dev accuracy"</c>.</param>
    public RandomSearch(SearchSpace space, Func<Trial, double> objective, bool maximize = true, int seed = 0,
        int maxParallelism = 0, string metricName = "score")
        : this(space, trial => new TrialOutcome(objective(trial)), maximize, seed, maxParallelism, metricName)
    {
        ArgumentNullException.ThrowIfNull(objective);
    }

    /// <summary>
    /// A search whose objective also says which satisficing constraints a trial fails: trials that meet them all rank
    /// before those that do not, whatever their scores, so the best trial is the best feasible one.
    /// </summary>
    public RandomSearch(SearchSpace space, Func<Trial, TrialOutcome> objective, bool maximize = true, int seed = 0,
        int maxParallelism = 0, string metricName = "score")
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentOutOfRangeException.ThrowIfNegative(maxParallelism);
        if (space.Count == 0) throw new ArgumentException("The search space has no dimensions.", nameof(space));
        Space = space;
        Objective = objective;
        Maximize = maximize;
        Seed = seed;
        MaxParallelism = maxParallelism == 0 ? Environment.ProcessorCount : maxParallelism;
        MetricName = metricName;
    }

    /// <summary>The coarse space of the first round.</summary>
    public SearchSpace Space { get; }

    /// <summary>The function evaluated per trial.</summary>
    public Func<Trial, TrialOutcome> Objective { get; }

    /// <summary>Whether a larger metric is better.</summary>
    public bool Maximize { get; }

    /// <summary>Seed of the whole search.</summary>
    public int Seed { get; }

    /// <summary>Most trials run at once.</summary>
    public int MaxParallelism { get; }

    /// <summary>Heading of the score column.</summary>
    public string MetricName { get; }

    /// <summary>Runs <paramref name="rounds"/> rounds of <paramref name="trialsPerRound"/> random trials.</summary>
    /// <param name="trialsPerRound">Trials sampled in each round.</param>
    /// <param name="rounds">1 for plain random search; more to zoom in after each round.</param>
    /// <param name="keepBest">How many of the best trials so far define the next round's region.</param>
    /// <param name="margin">Padding around that region on each side, as a fraction of the current width (sampling scale).</param>
    /// <exception cref="InvalidOperationException">A trial threw; the lowest-index failure is reported, after the round.</exception>
    public SearchResults Run(int trialsPerRound, int rounds = 1, int keepBest = 5, double margin = 0.1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trialsPerRound, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(keepBest, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(margin);
        var all = new List<TrialResult>();
        var spaces = new List<SearchSpace> { Space };
        for (int round = 0; round < rounds; round++)
        {
            if (round > 0)
            {
                var ranked = new SearchResults(all, Maximize, spaces);
                var best = ranked.Trials.Take(keepBest).Where(r => !double.IsNaN(r.Score) && r.Satisfies).Select(r => r.Trial).ToArray();
                spaces.Add(best.Length == 0 ? spaces[^1] : spaces[^1].Narrow(best, margin));
            }
            all.AddRange(RunRound(spaces[^1], round, round * trialsPerRound, trialsPerRound));
        }
        return new SearchResults(all, Maximize, spaces, MetricName);
    }

    private TrialResult[] RunRound(SearchSpace space, int round, int firstIndex, int count)
    {
        var results = new TrialResult[count];
        var errors = new Exception?[count];
        int next = -1;
        void Work()
        {
            for (int i; (i = Interlocked.Increment(ref next)) < count;)
                (results[i], errors[i]) = RunTrial(space, round, firstIndex + i);
        }
        // Trials are long (a training run each), so they get dedicated threads rather than thread-pool ones; the
        // calling thread is one of the workers.
        var helpers = Enumerable.Range(0, Math.Min(MaxParallelism, count) - 1)
            .Select(_ => new Thread(Work) { IsBackground = true, Name = "RandomSearch trial" }).ToArray();
        foreach (var t in helpers) t.Start();
        Work();
        foreach (var t in helpers) t.Join();
        foreach (var error in errors)
            if (error is not null) throw error;
        return results;
    }

    private (TrialResult, Exception?) RunTrial(SearchSpace space, int round, int index)
    {
        var values = space.Sample(new Random(Mix(Seed, index, salt: 0)));
        var trial = new Trial(index, round, Mix(Seed, index, salt: 1), space.Names, values);
        var clock = Stopwatch.StartNew();
        try
        {
            var outcome = Objective(trial);
            return (new TrialResult(trial, outcome.Score, clock.Elapsed, outcome.Unsatisfied), null);
        }
        catch (Exception ex)
        {
            return (new TrialResult(trial, double.NaN, clock.Elapsed),
                new InvalidOperationException($"Trial {index} ({trial}) failed: {ex.Message}", ex));
        }
    }

    /// <summary>A well-mixed non-negative seed from (seed, index, salt): SplitMix64's finalizer.</summary>
    internal static int Mix(int seed, int index, int salt)
    {
        ulong z = ((ulong)(uint)seed << 32 | (uint)index) + 0x9E3779B97F4A7C15UL * (ulong)(salt + 1);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z >> 33);
    }
}
