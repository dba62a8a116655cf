using System.Globalization;
using System.Text.RegularExpressions;
using Dendrite.Studies;
using Dendrite.Tests.Cli.Commands;
using Dendrite.Tests.Support;

namespace Dendrite.Tests.Studies;

/// <summary>Runs <c>dendrite tune --study</c> workers as separate processes over a tiny moons spec, and checks what they stored.</summary>
internal static partial class StudyRuns
{
    /// <summary>A small moons run: 300 points, a 16-unit hidden layer, 4 epochs (about 0.1 s a trial).</summary>
    public static string Spec(CliFolder folder, int epochs = 4) => folder.File("moons.json", $$"""
        { "name": "moons", "data": { "dataset": "moons", "count": 300, "noise": 0.2, "seed": 3, "dev": 0.25 },
          "model": { "layers": [ { "type": "dense", "units": 16, "init": "he" }, "relu", { "type": "dense", "units": 1 } ] },
          "optimizer": { "name": "adam", "learning_rate": 0.01 }, "batch_size": 32, "epochs": {{epochs}}, "seed": 1 }
        """);

    /// <summary>The search every worker runs: log-uniform α, an int width and a choice, coarse to fine.</summary>
    public static string[] Search(string spec, int trialsPerRound, int rounds) =>
        ["tune", spec, "--trials", trialsPerRound.ToString(CultureInfo.InvariantCulture), "--rounds", rounds.ToString(CultureInfo.InvariantCulture),
         "--param", "optimizer.learning_rate=log:1e-3:1e-1", "--param", "model.layers[0].units=int:2:32", "--param", "optimizer.name=choice:adam|rmsprop", "--seed", "5"];

    /// <summary>Starts <paramref name="workers"/> worker processes on one study at once and waits for all.</summary>
    public static CliRunner.Result[] Workers(CliFolder folder, int workers, string[] search, string study, string storage, params string[] extra) =>
        Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(() =>
            CliRunner.Run(folder.Path, null, [.. search, "--study", study, "--storage", storage, "--out", $"best-{study}-{w}.json", .. extra])))).Result;

    /// <summary>The value on the "best dev_loss V:" line a tune run prints.</summary>
    public static double BestValue(CliRunner.Result run)
    {
        var match = BestLine().Match(run.Output);
        Assert.True(match.Success, run.ToString());
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The acceptance checks on a finished study: numbers 0..n−1 each once, every configuration 0..budget−1 complete
    /// exactly once, nothing running or waiting.
    /// </summary>
    public static IReadOnlyList<StoredTrial> AssertComplete(string storage, string study, int budget, int epochs = 4)
    {
        var trials = Study.Load(StudyStorage.Open(storage), study).Trials();
        Assert.Equal(Enumerable.Range(0, trials.Count), trials.Select(t => t.Number));
        var complete = trials.Where(t => t.State == TrialState.Complete).ToList();
        Assert.Equal(Enumerable.Range(0, budget), complete.Select(t => t.Config).Order());
        Assert.DoesNotContain(trials, t => t.State is TrialState.Running or TrialState.Waiting);
        Assert.All(complete, t => Assert.Equal(epochs, t.Intermediate.Count));   // one value per epoch, stored as it arrived
        Assert.All(complete, t => Assert.Equal(3, t.Params.Count));
        return trials;
    }

    [GeneratedRegex(@"best dev_loss ([0-9.eE+-]+)")]
    private static partial Regex BestLine();
}
