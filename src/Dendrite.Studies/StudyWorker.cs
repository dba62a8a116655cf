using Dendrite.Training;

namespace Dendrite.Studies;

/// <summary>
/// One worker of a shared study: claims trials one at a time until the search's configurations are all done, samples
/// each from (seed, k), stores its parameters before training, its value per epoch, and its end state.
/// </summary>
/// <remarks>
/// Any number of workers, in any number of processes or machines, run the same search against one storage. Since
/// configuration k's values depend only on (seed, k) and on the finished results of the rounds before its own, the
/// trials are those a single process would run, and without a pruner the best value is the same. A running trial
/// updates its heartbeat every <see cref="StudyOptions.HeartbeatInterval"/>; a worker that finds a heartbeat older than
/// <see cref="StudyOptions.GracePeriod"/> marks that trial failed and re-queues its configuration once.
/// </remarks>
/// <param name="study">The shared study.</param>
/// <param name="space">The first round's space (every worker must pass the same one).</param>
/// <param name="objective">Trains one trial, reporting per epoch; returns its final value.</param>
/// <param name="options">Seed, rounds, pruner, heartbeat.</param>
public sealed class StudyWorker(Study study, SearchSpace space, Func<Trial, TrialReporter, TrialOutcome> objective, StudyOptions options)
{
    /// <summary>How long a worker sleeps when every remaining configuration waits on another worker.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Written to after each trial this worker finishes, e.g. <c>trial 3 COMPLETE 0.91 (lr=0.01)</c>; null for silence.</summary>
    public TextWriter? Log { get; init; }

    /// <summary>Runs trials until the study has none left; returns the numbers of the trials this worker ran.</summary>
    public IReadOnlyList<int> Run()
    {
        var ran = new List<int>();
        while (true)
        {
            var (claim, done) = study.Claim(options.Budget, options.TrialsPerRound, options.GracePeriod);
            if (done) return ran;
            if (claim is null)
            {
                Thread.Sleep(PollInterval);
                continue;
            }
            RunTrial(claim);
            ran.Add(claim.Number);
        }
    }

    private void RunTrial(TrialClaim claim)
    {
        using var heartbeat = new Timer(_ => Beat(claim.TrialId), null, options.HeartbeatInterval, options.HeartbeatInterval);
        int round = claim.Config / options.TrialsPerRound;
        var spaces = Spaces(round);
        var values = spaces[round].Sample(new Random(RandomSearch.Mix(options.Seed, claim.Config, salt: 0)));
        var trial = new Trial(claim.Config, round, RandomSearch.Mix(options.Seed, claim.Config, salt: 1), space.Names, values);
        study.SetParams(claim.TrialId, trial.Seed, space.Names.Select(n =>
        {
            var (internalValue, json) = OptunaDistribution.Encode(spaces[round][n], space[n], values[n]);
            return (n, internalValue, json);
        }));
        var reporter = new TrialReporter(study, claim.TrialId, options.Pruner);
        TrialState state;
        double? value;
        string? unsatisfied = null;
        try
        {
            var outcome = objective(trial, reporter);
            (state, value, unsatisfied) = reporter.Pruned ? (TrialState.Pruned, reporter.History[^1], null) : (TrialState.Complete, outcome.Score, outcome.Unsatisfied);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            (state, value) = (TrialState.Fail, null);
            Log?.WriteLine($"trial {claim.Number} failed: {ex.Message}");
        }
        heartbeat.Change(Timeout.Infinite, Timeout.Infinite);
        study.Finish(claim.TrialId, state, value, unsatisfied);
        Log?.WriteLine($"trial {claim.Number} (configuration {claim.Config}) {Study.State(state)} {value:G6}: {trial}");
    }

    private void Beat(int trialId)
    {
        try { study.Beat(trialId); }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException) { }   // the next beat retries
    }

    /// <summary>The spaces of rounds 0..<paramref name="round"/>: each narrowed around the best completed trials of all rounds before it, as RandomSearch narrows.</summary>
    private List<SearchSpace> Spaces(int round)
    {
        var spaces = new List<SearchSpace> { space };
        if (round == 0) return spaces;
        var finished = study.Trials().Where(t => t.State == TrialState.Complete && t.Value is not null).ToList();
        for (int r = 1; r <= round; r++)
        {
            var results = finished.Where(t => t.Config < r * options.TrialsPerRound).Select(t =>
            {
                int k = t.Config, kr = k / options.TrialsPerRound;
                var v = spaces[kr].Sample(new Random(RandomSearch.Mix(options.Seed, k, salt: 0)));
                return new TrialResult(new Trial(k, kr, RandomSearch.Mix(options.Seed, k, salt: 1), space.Names, v), t.Value!.Value, TimeSpan.Zero, t.Unsatisfied);
            });
            var ranked = new SearchResults(results, study.Maximize, spaces);
            var best = ranked.Trials.Take(options.KeepBest).Where(x => !double.IsNaN(x.Score) && x.Satisfies).Select(x => x.Trial).ToArray();
            spaces.Add(best.Length == 0 ? spaces[^1] : spaces[^1].Narrow(best, options.Margin));
        }
        return spaces;
    }
}
