using Dendrite.Studies;
using Dendrite.Training;

namespace Dendrite.Tests.Studies;

/// <summary>Median stopping and ASHA against hand-worked cases, and a pruned study against an unpruned one.</summary>
public sealed class PrunerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dendrite-prune-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static PeerValue[] Complete(params double[] values) => [.. values.Select(v => new PeerValue(TrialState.Complete, v))];

    [Fact]
    public void Median_pruner_stops_a_trial_whose_best_so_far_is_below_the_completed_median()
    {
        var pruner = new MedianPruner(startupTrials: 5, warmupSteps: 1);
        var others = Complete(0.5, 0.7, 0.9, 0.6, 0.8);                          // sorted 0.5 0.6 0.7 0.8 0.9: median 0.7
        Assert.True(pruner.ShouldPrune(2, [0.4, 0.65, 0.69], others, maximize: true));   // best 0.69 < 0.7
        Assert.False(pruner.ShouldPrune(2, [0.4, 0.71, 0.6], others, maximize: true));   // best 0.71 ≥ 0.7
        Assert.False(pruner.ShouldPrune(0, [0.1], others, maximize: true));              // warm-up step
        Assert.False(pruner.ShouldPrune(2, [0.4, 0.65, 0.69], others[..4], maximize: true)); // only 4 completed trials
        var running = others.Select(o => o with { State = TrialState.Running }).ToArray();
        Assert.False(pruner.ShouldPrune(2, [0.4, 0.65, 0.69], running, maximize: true)); // running trials do not count
        // minimizing: median of 0.5 0.6 0.7 0.8 is (0.6 + 0.7) / 2 = 0.65 with a sixth value 0.9 → 0.5 0.6 0.7 0.8 0.9 0.9: (0.7 + 0.8) / 2 = 0.75
        Assert.True(pruner.ShouldPrune(1, [0.9, 0.76], Complete(0.5, 0.6, 0.7, 0.8, 0.9, 0.9), maximize: false));
        Assert.False(pruner.ShouldPrune(1, [0.9, 0.74], Complete(0.5, 0.6, 0.7, 0.8, 0.9, 0.9), maximize: false));
    }

    [Fact]
    public void Successive_halving_keeps_the_top_third_at_each_rung()
    {
        var pruner = new SuccessiveHalvingPruner(minResource: 1, reductionFactor: 3);
        // rungs after 1, 3, 9, 27 epochs: steps 0, 2, 8, 26
        Assert.Equal([0, 2, 8, 26], Enumerable.Range(0, 30).Where(pruner.IsRung));
        var others = Complete(0.9, 0.8, 0.7, 0.6, 0.5);                          // n = 6 with this trial: ⌊6/3⌋ = 2 continue
        Assert.True(pruner.ShouldPrune(2, [0.1, 0.2, 0.75], others, maximize: true));    // two are better
        Assert.False(pruner.ShouldPrune(2, [0.1, 0.2, 0.85], others, maximize: true));   // one is better
        Assert.False(pruner.ShouldPrune(1, [0.1, 0.0], others, maximize: true));         // not a rung
        Assert.False(pruner.ShouldPrune(0, [0.0], [], maximize: true));                  // the first trial at a rung goes on
        Assert.True(pruner.ShouldPrune(0, [0.55], Complete(0.5), maximize: false));      // n = 2: the best one only
    }

    /// <summary>x ~ U(0, 1); the loss at epoch s is (x − 0.3)² + 1/(s + 1), so curves never cross and the best trial is never pruned.</summary>
    private static TrialOutcome Curve(Trial trial, TrialReporter reporter)
    {
        double x = trial["x"], loss = double.NaN;
        for (int s = 0; s < 10; s++)
        {
            loss = (x - 0.3) * (x - 0.3) + 1.0 / (s + 1);
            if (reporter.Report(s, loss)) break;
        }
        return new TrialOutcome(loss);
    }

    private IReadOnlyList<StoredTrial> RunStudy(string name, IPruner? pruner)
    {
        var study = Study.CreateOrJoin(StudyStorage.Open($"sqlite:///{_folder}/{name}.db"), name, maximize: false);
        var space = new SearchSpace().Add("x", new Uniform(0, 1));
        new StudyWorker(study, space, Curve, new StudyOptions(Seed: 1, TrialsPerRound: 30, Pruner: pruner)).Run();
        return study.Trials();
    }

    [Theory]
    [InlineData("median")]
    [InlineData("asha")]
    public void A_pruned_study_runs_fewer_epochs_and_finds_the_same_best_trial(string kind)
    {
        var plain = RunStudy("plain", null);
        var pruned = RunStudy(kind, kind == "median" ? new MedianPruner(startupTrials: 5, warmupSteps: 1) : new SuccessiveHalvingPruner(1, 3));
        Assert.Equal(300, plain.Sum(t => t.Intermediate.Count));
        int epochs = pruned.Sum(t => t.Intermediate.Count);
        Assert.InRange(epochs, 30, 200);                                            // pruning saved at least a third of the epochs
        Assert.Contains(pruned, t => t.State == TrialState.Pruned);
        Assert.All(pruned.Where(t => t.State == TrialState.Pruned), t => Assert.Equal(t.Intermediate[t.Intermediate.Count - 1], t.Value));
        var bestPlain = StudyRanking.Ranked(plain, maximize: false)[0];
        var bestPruned = StudyRanking.Ranked(pruned, maximize: false)[0];
        Assert.Equal((bestPlain.Config, bestPlain.Value), (bestPruned.Config, bestPruned.Value));
    }

    [Fact]
    public void Eight_threads_claim_two_hundred_trials_each_exactly_once()
    {
        var study = Study.CreateOrJoin(StudyStorage.Open($"sqlite:///{_folder}/threads.db"), "threads", maximize: false);
        var space = new SearchSpace().Add("x", new Uniform(0, 1));
        var options = new StudyOptions(Seed: 2, TrialsPerRound: 100, Rounds: 2);
        var threads = Enumerable.Range(0, 8).Select(_ => new Thread(() =>
            new StudyWorker(study, space, (t, r) => new TrialOutcome(Math.Abs(t["x"] - 0.5)), options) { PollInterval = TimeSpan.FromMilliseconds(10) }.Run())).ToArray();
        foreach (var t in threads) t.Start();
        foreach (var t in threads) t.Join();
        var trials = study.Trials();
        Assert.Equal(Enumerable.Range(0, 200), trials.Select(t => t.Number));
        Assert.Equal(Enumerable.Range(0, 200), trials.Select(t => t.Config).Order());
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
        // The second round samples the space narrowed around the first round's best: x ∈ its region, as RandomSearch would.
        var single = new RandomSearch(space, t => Math.Abs(t["x"] - 0.5), maximize: false, seed: 2, maxParallelism: 1).Run(100, rounds: 2, keepBest: 3);
        Assert.Equal(single.Best.Score, StudyRanking.Ranked(trials, maximize: false)[0].Value);
        Assert.Equal(single.Trials.OrderBy(t => t.Trial.Index).Select(t => t.Score), trials.OrderBy(t => t.Config).Select(t => t.Value!.Value));
    }
}
